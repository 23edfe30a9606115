"""NCC on cv2.matchTemplate: integer peaks against a brute-force NCC, agreement with the batched FFT
version it replaced, sign, edge peaks, nodata, bright 16-bit levels; the optional pyFFTW backend."""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from sensetrack.core.tracking.windowed import fft_backend
from sensetrack.core.synthetic import Texture
from sensetrack.core.tracking import track_windows
from sensetrack.core.tracking.windowed.ncc import LOCAL_RANGE, match_stack, match_stack_fft, match_stack_template, ncc_surfaces


def moved(shape, drow, dcol, seed=5, noise=0.01):
    """Natural texture and the same texture moved by (drow, dcol) px, exactly (plane-wave phases)."""
    t = Texture.natural(seed)
    m = Texture(t.krow, t.kcol, t.phase - t.krow * drow - t.kcol * dcol, t.amp)
    ref, tar = t.grid(shape), m.grid(shape)
    rng = np.random.default_rng(seed)
    s = ref.std()
    return ((ref + rng.normal(0, noise * s, shape)).astype(np.float32),
            (tar + rng.normal(0, noise * s, shape)).astype(np.float32))


def stacks(ref, tar, w, r, step):
    """Chips of ``ref`` and their search areas (range ``r``) in ``tar`` on a grid."""
    s = w + 2 * r
    tops = np.array([(y, x) for y in range(r, ref.shape[0] - w - r + 1, step)
                     for x in range(r, ref.shape[1] - w - r + 1, step)])
    chips = sliding_window_view(ref, (w, w))[tops[:, 0], tops[:, 1]]
    areas = sliding_window_view(tar, (s, s))[tops[:, 0] - r, tops[:, 1] - r]
    return chips, areas


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


def test_surfaces_and_integer_peaks_match_a_brute_force_ncc():
    rng = np.random.default_rng(3)
    ref, tar = moved((96, 96), 2.0, -3.0, seed=8, noise=0.05)
    chips, areas = stacks(ref, tar, 16, 5, 16)
    a = chips - chips.mean(axis=(1, 2), keepdims=True)
    t = areas - areas.mean(axis=(1, 2), keepdims=True)
    surf = ncc_surfaces(np.ascontiguousarray(a, np.float32), np.ascontiguousarray(t, np.float32))
    for i in rng.choice(len(chips), 6, replace=False):
        exact = brute_ncc(chips[i], areas[i])
        np.testing.assert_allclose(surf[i], exact, atol=2e-4)
        assert np.argmax(surf[i]) == np.argmax(exact)
    # the integer peak is the known shift (row +2, column -3 from the centre of the 11x11 surface)
    peaks = np.array(np.unravel_index(np.argmax(surf.reshape(len(surf), -1), axis=1), (11, 11))).T
    assert np.all(peaks == [5 + 2, 5 - 3])


@pytest.mark.parametrize("r", [4, LOCAL_RANGE, 12])
def test_equal_to_the_batched_fft_version_when_the_local_area_is_the_search_area(r):
    ref, tar = moved((160, 160), 1.3, -0.6, seed=4, noise=0.02)
    chips, areas = stacks(ref, tar, 32, r, 12)
    old = match_stack_fft(chips, areas)
    assert np.isfinite(old["dcol"]).all()
    runs = [match_stack_template(chips, areas, local_range=r)]
    if r <= LOCAL_RANGE:
        runs.append(match_stack(chips, areas))  # the batched FFT path with matrix-product box sums
    for new in runs:
        for k in ("dcol", "drow", "peak"):
            np.testing.assert_allclose(new[k], old[k], rtol=0, atol=1e-6, err_msg=k)
        np.testing.assert_allclose(new["snr"], old["snr"], rtol=1e-5, err_msg="snr")


def test_large_search_range_agrees_with_the_batched_fft_version():
    ref, tar = moved((200, 200), 7.4, -11.7, seed=6, noise=0.02)
    chips, areas = stacks(ref, tar, 32, 25, 16)
    new, old = match_stack(chips, areas), match_stack_fft(chips, areas)
    ok = np.isfinite(new["dcol"])
    assert ok.all() and np.isfinite(old["dcol"]).all()
    # same integer peak (a different local area only moves the sub-pixel fit a little)
    assert np.all(np.abs(new["dcol"] - old["dcol"]) < 0.15) and np.all(np.abs(new["drow"] - old["drow"]) < 0.15)
    assert np.median(new["dcol"]) == pytest.approx(-11.7, abs=0.05)
    assert np.median(new["drow"]) == pytest.approx(7.4, abs=0.05)
    np.testing.assert_allclose(new["snr"], old["snr"], rtol=1e-4)
    np.testing.assert_allclose(new["peak"], old["peak"], atol=0.01)


@pytest.mark.parametrize("drow, dcol", [(2.4, -3.2), (-3.6, 1.7)])
def test_sign_is_target_minus_reference(drow, dcol):
    ref, tar = moved((128, 128), drow, dcol, seed=9)
    res = match_stack(*stacks(ref, tar, 32, 6, 16))
    assert np.median(res["dcol"]) == pytest.approx(dcol, abs=0.05)
    assert np.median(res["drow"]) == pytest.approx(drow, abs=0.05)
    assert np.all(res["peak"] > 0.9) and np.all(res["snr"] > 1.0) and np.isnan(res["nrms"]).all()


def test_peaks_on_the_edge_of_the_search_range_are_nan():
    # a 7 px motion searched within +-4 px (peak on the edge) and +-7 px (the edge itself): NaN, not clipped
    ref, tar = moved((128, 128), 0.3, 7.0, seed=2)
    for r in (4, 7):
        for res in (match_stack(*stacks(ref, tar, 32, r, 16)), match_stack_template(*stacks(ref, tar, 32, r, 16))):
            assert np.isnan(res["dcol"]).all() and np.isnan(res["drow"]).all()
            assert np.all(res["peak"] > 0)  # the integer peak's NCC is still reported
    inside = stacks(ref, tar, 32, 12, 16)
    res = match_stack(*inside)
    # 32-px chips: the periodic local area leaks ~0.05 px into the fit (the batched FFT version too)
    assert np.median(res["dcol"]) == pytest.approx(7.0, abs=0.1)
    assert np.median(res["dcol"]) == pytest.approx(np.median(match_stack_fft(*inside)["dcol"]), abs=0.02)


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


def test_bright_16_bit_levels_give_the_same_shifts():
    ref, tar = moved((128, 128), 1.25, -0.75, seed=7)
    low = match_stack(*stacks(ref, tar, 32, 6, 16))
    bright = match_stack(*stacks(20000 + 100 * ref, 20000 + 100 * tar, 32, 6, 16))
    np.testing.assert_allclose(bright["dcol"], low["dcol"], atol=2e-3)
    np.testing.assert_allclose(bright["drow"], low["drow"], atol=2e-3)


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


def test_without_opencv_every_range_takes_the_batched_fft_path(monkeypatch):
    from sensetrack.core.tracking.windowed import ncc as windowed_ncc

    ref, tar = moved((160, 160), 4.3, -6.2, seed=3, noise=0.02)
    chips, areas = stacks(ref, tar, 32, 12, 16)
    monkeypatch.setattr(windowed_ncc, "is_available", lambda module: module != "cv2")
    monkeypatch.setattr(windowed_ncc, "ncc_surfaces", None)  # would fail if called
    new, old = match_stack(chips, areas), match_stack_fft(chips, areas)
    assert np.isfinite(new["dcol"]).all()
    for k in ("dcol", "drow", "peak"):
        np.testing.assert_allclose(new[k], old[k], rtol=0, atol=1e-6, err_msg=k)
