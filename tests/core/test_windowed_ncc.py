"""NCC (windowed.ncc.match_windows): integer peaks against a brute-force NCC, agreement with the per-window
batched FFT reference (match_stack_fft) on exact synthetic shifts at search ranges 8 and 25, bright 16-bit
levels, textureless and nodata windows, the shared box sums with and without OpenCV, sign, edge peaks; the
optional pyFFTW backend."""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from sensetrack.core.tracking.windowed import fft_backend, ncc as windowed_ncc
from sensetrack.core.synthetic import Texture
from sensetrack.core.tracking import track_windows
from sensetrack.core.tracking.windowed.ncc import TargetBoxes, match_stack_fft, match_windows


def moved(shape, drow, dcol, seed=5, noise=0.01):
    """Natural texture and the same texture moved by (drow, dcol) px, exactly (plane-wave phases)."""
    t = Texture.natural(seed)
    m = Texture(t.krow, t.kcol, t.phase - t.krow * drow - t.kcol * dcol, t.amp)
    ref, tar = t.grid(shape), m.grid(shape)
    rng = np.random.default_rng(seed)
    s = ref.std()
    return ((ref + rng.normal(0, noise * s, shape)).astype(np.float32),
            (tar + rng.normal(0, noise * s, shape)).astype(np.float32))


def tops(shape, w, r, step):
    """Top-left corners (rows, cols) of the chips whose search area (range ``r``) fits in ``shape``."""
    t = np.array([(y, x) for y in range(r, shape[0] - w - r + 1, step) for x in range(r, shape[1] - w - r + 1, step)])
    return t[:, 0], t[:, 1]


def stacks(ref, tar, w, r, step):
    """Chips of ``ref`` and their search areas (range ``r``) in ``tar`` on a grid."""
    s = w + 2 * r
    rows, cols = tops(ref.shape, w, r, step)
    return sliding_window_view(ref, (w, w))[rows, cols], sliding_window_view(tar, (s, s))[rows - r, cols - r]


def match(ref, tar, w, r, step, upsampling=10):
    """match_windows on the grid of :func:`stacks`."""
    rows, cols = tops(ref.shape, w, r, step)
    return match_windows(ref, tar, rows, cols, rows - r, cols - r, w, r, upsampling)


def brute_ncc(chip, area):
    """NCC at every integer shift, float64, by definition."""
    w = chip.shape[0]
    n = area.shape[0] - w + 1
    a = chip.astype(np.float64) - chip.mean()
    out = np.empty((n, n))
    for y in range(n):
        for x in range(n):
            b = area[y:y + w, x:x + w].astype(np.float64)
            b = b - b.mean()
            out[y, x] = np.sum(a * b) / np.sqrt(np.sum(a * a) * np.sum(b * b))
    return out


def test_integer_peaks_and_peak_values_match_a_brute_force_ncc():
    ref, tar = moved((96, 96), 2.0, -3.0, seed=8, noise=0.05)
    chips, areas = stacks(ref, tar, 16, 5, 16)
    res = match(ref, tar, 16, 5, 16, upsampling=1)  # upsampling 1: the quadratic fit on the integer NCC only
    for i in range(len(chips)):
        exact = brute_ncc(chips[i], areas[i])
        iy, ix = np.unravel_index(np.argmax(exact), exact.shape)
        assert (round(res["drow"][i]) + 5, round(res["dcol"][i]) + 5) == (iy, ix)
        assert abs(res["peak"][i] - exact.max()) < 0.01  # the fitted peak is near the integer maximum
    # the integer peak is the known shift (row +2, column -3)
    np.testing.assert_array_equal(np.round(res["drow"]), 2)
    np.testing.assert_array_equal(np.round(res["dcol"]), -3)


@pytest.mark.parametrize("r, drow, dcol", [(8, 1.3, -0.6), (8, -4.45, 2.8), (25, 7.4, -11.7), (25, -17.2, 20.35)])
def test_same_as_the_reference_on_exact_shifts(r, drow, dcol):
    ref, tar = moved((200, 200), drow, dcol, seed=6, noise=0.02)
    new, old = match(ref, tar, 32, r, 12), match_stack_fft(*stacks(ref, tar, 32, r, 12))
    assert np.isfinite(new["dcol"]).all() and np.isfinite(old["dcol"]).all()
    # range 8: the same FFT size (48), the results agree to rounding; range 25: 84 against the reference's
    # 90 points, the periodic interpolation moves the sub-pixel fit by a few thousandths of a pixel
    tol = 1e-3 if r == 8 else 0.02
    np.testing.assert_allclose(new["dcol"], old["dcol"], rtol=0, atol=tol)
    np.testing.assert_allclose(new["drow"], old["drow"], rtol=0, atol=tol)
    np.testing.assert_allclose(new["peak"], old["peak"], rtol=0, atol=1e-4 if r == 8 else 2e-3)
    np.testing.assert_allclose(new["snr"], old["snr"], rtol=1e-4)
    assert np.isnan(new["nrms"]).all()
    assert np.median(new["dcol"]) == pytest.approx(dcol, abs=0.05)
    assert np.median(new["drow"]) == pytest.approx(drow, abs=0.05)
    assert np.sqrt(np.mean((new["dcol"] - dcol) ** 2 + (new["drow"] - drow) ** 2)) < 0.1


@pytest.mark.parametrize("r", [8, 25])
def test_bright_16_bit_levels(r):
    ref, tar = moved((200, 200), 3.35, -2.7, seed=7, noise=0.02)
    low = match(ref, tar, 32, r, 16)
    # a UInt16-like scene: bright level, modest contrast, whole counts (float32 holds them exactly)
    scale = 2000.0 / ref.std()
    bref, btar = (np.round(30000 + scale * x).astype(np.uint16).astype(np.float32) for x in (ref, tar))
    bright, old = match(bref, btar, 32, r, 16), match_stack_fft(*stacks(bref, btar, 32, r, 16))
    assert np.isfinite(bright["dcol"]).all()
    np.testing.assert_allclose(bright["dcol"], low["dcol"], atol=5e-3)
    np.testing.assert_allclose(bright["drow"], low["drow"], atol=5e-3)
    np.testing.assert_allclose(bright["dcol"], old["dcol"], atol=1e-3 if r == 8 else 0.02)
    np.testing.assert_allclose(bright["drow"], old["drow"], atol=1e-3 if r == 8 else 0.02)
    assert np.median(bright["dcol"]) == pytest.approx(-2.7, abs=0.05)
    assert np.median(bright["drow"]) == pytest.approx(3.35, abs=0.05)


@pytest.mark.parametrize("r", [8, 25])
def test_textureless_chips_and_targets(r):
    ref, tar = moved((240, 240), 1.6, -2.2, seed=3, noise=0.02)
    ref, tar = 20000 + 500 * ref, 20000 + 500 * tar
    ref[0:80, 0:80] = 20123.0  # textureless chips: NaN, peak and snr 0
    tar[120:, 120:] = 20456.0  # search areas wholly or partly textureless
    new, old = match(ref, tar, 32, r, 16), match_stack_fft(*stacks(ref, tar, 32, r, 16))
    rows, cols = tops(ref.shape, 32, r, 16)
    flat_chip = (rows + 32 <= 80) & (cols + 32 <= 80)
    flat_area = (rows - r >= 120) & (cols - r >= 120)
    assert flat_chip.any() and flat_area.any()
    for res in (new, old):
        assert np.isnan(res["dcol"][flat_chip | flat_area]).all()
        assert np.all(res["peak"][flat_chip | flat_area] == 0) and np.all(res["snr"][flat_chip] == 0)
    np.testing.assert_array_equal(np.isnan(new["dcol"]), np.isnan(old["dcol"]))
    ok = np.isfinite(new["dcol"])
    assert ok.sum() > 10
    # the same integer peaks; where chip and search area are wholly textured, the same sub-pixel shifts (on
    # partly textureless ones the sub-pixel fit is ill-conditioned: rounding, or the FFT size at range 25,
    # moves it by up to 0.01 px at range 8 and 0.2 px on weak matches at range 25)
    assert np.all(np.abs(new["dcol"][ok] - old["dcol"][ok]) < 0.5)
    assert np.all(np.abs(new["drow"][ok] - old["drow"][ok]) < 0.5)
    textured = ok & ((rows >= 80) | (cols >= 80)) & ((rows + 32 + r <= 120) | (cols + 32 + r <= 120))
    assert textured.sum() > 10
    np.testing.assert_allclose(new["dcol"][textured], old["dcol"][textured], atol=1e-3 if r == 8 else 0.02)
    np.testing.assert_allclose(new["drow"][textured], old["drow"][textured], atol=1e-3 if r == 8 else 0.02)
    np.testing.assert_allclose(new["peak"], old["peak"], atol=1e-3 if r == 8 else 2e-3)


def test_box_sums_with_and_without_opencv(monkeypatch):
    rng = np.random.default_rng(1)
    tar = (30000 + 1000 * rng.normal(size=(70, 90))).astype(np.float32)
    tar[10:50, 20:60] = 31000.0  # constant boxes: undefined NCC
    boxes = TargetBoxes(tar, 5, 7, 65, 87, 16)
    win = sliding_window_view(tar[5:65, 7:87].astype(np.float64), (16, 16))
    std = np.sqrt(((win - win.mean(axis=(2, 3), keepdims=True)) ** 2).sum(axis=(2, 3)))
    const = std == 0
    assert const.any() and (~const).any()
    np.testing.assert_allclose(np.sqrt(boxes.var[~const]), std[~const], rtol=1e-9)
    np.testing.assert_array_equal(boxes.ok, ~const)
    assert np.all(boxes.inv[const] == 0)
    np.testing.assert_allclose(boxes.inv[~const], 1 / std[~const], rtol=1e-6)
    # a constant patch at the region's own mean: its boxes are exactly 0 after the mean is removed, and
    # the running sums leave only rounding there, which must not pass for texture
    region = tar[5:65, 7:87].astype(np.float64)
    patch = np.zeros(region.shape, bool)
    patch[5:45, 13:53] = True  # the 31000 patch above, in region coordinates
    region[patch] = region[~patch].sum() / (~patch).sum()
    level = TargetBoxes(region.astype(np.float32), 0, 0, 60, 80, 16)
    np.testing.assert_array_equal(level.ok, ~const)
    ref, tar2 = moved((160, 160), 4.3, -6.2, seed=3, noise=0.02)
    with_cv = match(ref, tar2, 32, 12, 16)
    monkeypatch.setattr(windowed_ncc, "is_available", lambda module: module != "cv2")
    without = TargetBoxes(tar, 5, 7, 65, 87, 16)
    np.testing.assert_array_equal(without.ok, boxes.ok)
    np.testing.assert_allclose(without.var[~const], boxes.var[~const], rtol=1e-9)
    np.testing.assert_allclose(match(ref, tar2, 32, 12, 16)["dcol"], with_cv["dcol"], rtol=0, atol=1e-6)


def test_windows_far_apart_and_in_any_order():
    ref, tar = moved((400, 400), -2.3, 1.7, seed=4, noise=0.02)
    rows, cols = tops(ref.shape, 32, 10, 16)
    together = match_windows(ref, tar, rows, cols, rows - 10, cols - 10, 32, 10)
    assert len(windowed_ncc._groups(rows - 10, cols - 10, 52)) == 1
    # a sparse shuffled subset: split into several regions, each window's result unchanged
    pick = np.random.default_rng(0).permutation(rows.size)[:6]
    assert len(windowed_ncc._groups(rows[pick] - 10, cols[pick] - 10, 52)) > 1
    apart = match_windows(ref, tar, rows[pick], cols[pick], rows[pick] - 10, cols[pick] - 10, 32, 10)
    for k in ("dcol", "drow", "peak", "snr"):
        np.testing.assert_allclose(apart[k], together[k][pick], rtol=0, atol=1e-6, err_msg=k)
    empty = match_windows(ref, tar, rows[:0], cols[:0], rows[:0], cols[:0], 32, 10)
    assert all(v.shape == (0,) for v in empty.values())


@pytest.mark.parametrize("drow, dcol", [(2.4, -3.2), (-3.6, 1.7)])
def test_sign_is_target_minus_reference(drow, dcol):
    ref, tar = moved((128, 128), drow, dcol, seed=9)
    res = match(ref, tar, 32, 6, 16)
    assert np.median(res["dcol"]) == pytest.approx(dcol, abs=0.05)
    assert np.median(res["drow"]) == pytest.approx(drow, abs=0.05)
    assert np.all(res["peak"] > 0.9) and np.all(res["snr"] > 1.0) and np.isnan(res["nrms"]).all()


def test_peaks_on_the_edge_of_the_search_range_are_nan():
    # a 7 px motion searched within +-4 px (peak on the edge) and +-7 px (the edge itself): NaN, not clipped
    ref, tar = moved((128, 128), 0.3, 7.0, seed=2)
    for r in (4, 7):
        res = match(ref, tar, 32, r, 16)
        assert np.isnan(res["dcol"]).all() and np.isnan(res["drow"]).all()
        assert np.all(res["peak"] > 0)  # the integer peak's NCC is still reported
    res = match(ref, tar, 32, 12, 16)
    # 32-px chips: the periodic search area leaks ~0.05 px into the fit (the reference too)
    assert np.median(res["dcol"]) == pytest.approx(7.0, abs=0.1)
    assert np.median(res["dcol"]) == pytest.approx(np.median(match_stack_fft(*stacks(ref, tar, 32, 12, 16))["dcol"]),
                                                   abs=0.02)


def test_search_area_touching_nodata_is_nan_never_zero():
    ref, tar = moved((160, 160), 0.0, 0.0, seed=4, noise=0.0)
    valid = np.ones(ref.shape, bool)
    valid[70, 110] = False  # outside every chip at columns 0..96, inside the +-20 px search of some
    r = track_windows(ref, tar, "ncc", 32, 16, tar_valid=valid, search_range=20)
    top = np.arange(r.dcol.shape[0]) * 16
    left = np.arange(r.dcol.shape[1]) * 16
    touch = ((top[:, None] - 20 <= 70) & (top[:, None] + 52 > 70)) & ((left[None, :] - 20 <= 110)
                                                                      & (left[None, :] + 52 > 110))
    assert touch.any() and np.isnan(r.dcol[touch]).all() and np.isnan(r.drow[touch]).all()
    far = np.isfinite(r.dcol)
    assert far.sum() > 0 and np.all(np.abs(r.dcol[far]) < 0.1) and np.all(np.abs(r.drow[far]) < 0.1)


def test_without_pyfftw_scipy_is_used(monkeypatch):
    monkeypatch.setattr(fft_backend, "_pyfftw", lambda: None)
    monkeypatch.setitem(fft_backend._state, "name", None)
    monkeypatch.setenv(fft_backend.ENV, "pyfftw")  # asked for but missing: never required
    assert fft_backend.available() == ("scipy",) and fft_backend.active() == "scipy"
    with pytest.raises(ImportError, match="python3-pyfftw"):
        fft_backend.select("pyfftw")
    ref, tar = moved((128, 128), 1.6, -2.3)
    r = track_windows(ref, tar, "phase", 64, 32)
    assert np.nanmedian(r.dcol) == pytest.approx(-2.3, abs=0.03)


@pytest.mark.parametrize("method", ["phase", "ncc"])
def test_pyfftw_and_scipy_give_the_same_results(method, monkeypatch):
    pytest.importorskip("pyfftw")
    monkeypatch.setitem(fft_backend._state, "name", None)
    ref, tar = moved((192, 192), 1.37, -2.61, seed=11)
    out = {}
    for name in ("scipy", "pyfftw"):
        fft_backend.select(name)
        kw = {"window": 32, "search_range": 10} if method == "ncc" else {"window": 64}
        out[name] = track_windows(ref, tar, method, step=16, **kw)
    a, b = out["scipy"], out["pyfftw"]
    np.testing.assert_array_equal(np.isnan(a.dcol), np.isnan(b.dcol))
    assert np.isfinite(a.dcol).mean() > 0.5
    np.testing.assert_allclose(b.dcol, a.dcol, rtol=0, atol=1e-4)
    np.testing.assert_allclose(b.drow, a.drow, rtol=0, atol=1e-4)
    np.testing.assert_allclose(b.peak, a.peak, rtol=0, atol=1e-5)
