"""Windowed trackers (phase correlation, NCC): exact-truth sign, units, sub-pixel accuracy, nodata, tiles."""
import json

import numpy as np
import pytest
from helpers import SAMPLE, band_names, read_band, write_tif
from osgeo import gdal, ogr

from sensetrack.core.errors import Cancelled, InputError, ParameterError
from sensetrack.core.progress import Monitor
from sensetrack.core.synthetic import Texture
from sensetrack.core.tracking import track_windows, track_windows_file

METHODS = ["phase", "ncc"]
GT = (600000.0, 5.0, 0.0, 4500000.0, 0.0, -5.0)


def moved(shape, drow, dcol, seed=5, noise=0.01):
    """Natural texture and the same texture moved by (drow, dcol) px, exactly (plane-wave phases)."""
    t = Texture.natural(seed)
    m = Texture(t.krow, t.kcol, t.phase - t.krow * drow - t.kcol * dcol, t.amp)
    ref, tar = t.grid(shape), m.grid(shape)
    rng = np.random.default_rng(seed)
    s = ref.std()
    return ref + rng.normal(0, noise * s, shape), tar + rng.normal(0, noise * s, shape)


@pytest.fixture(scope="module")
def pair():
    return moved((192, 224), 1.6, -2.3)


@pytest.mark.parametrize("method", METHODS)
def test_sign_and_pixels_on_a_uniform_shift(method, pair):
    r = track_windows(*pair, method=method, window=64, step=16)
    assert r.dcol.shape == (9, 11) and r.rows[0, 0] == 31.5 and r.cols[0, 1] == 47.5
    ok = np.isfinite(r.dcol)
    assert ok.mean() > 0.6
    assert np.median(r.dcol[ok]) == pytest.approx(-2.3, abs=0.03)
    assert np.median(r.drow[ok]) == pytest.approx(1.6, abs=0.03)
    assert np.all(r.peak[ok] > 0.9)
    assert np.all(np.isnan(r.nrms)) if method == "ncc" else np.all(r.nrms[ok] < 0.5)


@pytest.mark.parametrize("method", METHODS)
def test_sub_pixel_accuracy_without_peak_locking(method):
    errs = []
    for f in (0.0, 0.25, 0.5, 0.75):
        ref, tar = moved((160, 160), f, 0.9 - f, seed=9)
        r = track_windows(ref, tar, method=method, window=64, step=24)
        ok = np.isfinite(r.dcol)
        errs.append(np.concatenate([r.dcol[ok] - (0.9 - f), r.drow[ok] - f]))
        # not quantised to the 1/10 px upsampling grid
        assert np.mean(np.abs(r.dcol[ok] * 10 - np.round(r.dcol[ok] * 10)) > 0.01) > 0.5
    e = np.concatenate(errs)
    assert np.sqrt(np.mean(e ** 2)) < 0.05
    assert all(abs(np.mean(x)) < 0.03 for x in errs)


@pytest.mark.parametrize("method", METHODS)
def test_file_to_file_metres_grid_and_points(method, pair, tmp_path):
    a = write_tif(tmp_path / "r.tif", pair[0].astype(np.float32), GT)
    b = write_tif(tmp_path / "t.tif", pair[1].astype(np.float32), GT)
    res = track_windows_file(a, b, str(tmp_path / "o.tif"), str(tmp_path / "o.gpkg"), method=method,
                             window=64, step=16)
    out = res["OUTPUT"]
    assert res["UNITS"] == "m" and res["GRID"] == (9, 11)
    names = band_names(out)
    assert names[:6] == ["DX", "DY", "MAGNITUDE", "DIRECTION", "COL_SHIFT", "ROW_SHIFT"]
    assert ("NRMS" in names) == (method == "phase") and "PEAK" in names and "SNR" in names
    ds = gdal.Open(out)
    # output pixel (0, 0) is centred on the first window's centre: input pixel 31.5 -> x = x0 + 32 * 5 m
    gt = ds.GetGeoTransform()
    assert gt[1] == 80.0 and gt[5] == -80.0
    assert gt[0] + 0.5 * gt[1] == pytest.approx(GT[0] + 32 * 5.0)
    assert gt[3] + 0.5 * gt[5] == pytest.approx(GT[3] - 32 * 5.0)
    assert np.isnan(ds.GetRasterBand(1).GetNoDataValue())
    md = ds.GetMetadata()
    assert json.loads(md["SENSETRACK_PARAMETERS"])["window"] == 64 and md["SENSETRACK_UNITS"] == "m"
    dx, dy = read_band(out, 1), read_band(out, 2)
    ok = np.isfinite(dx)
    assert np.median(dx[ok]) == pytest.approx(-11.5, abs=0.15)  # 2.3 px west at 5 m
    assert np.median(dy[ok]) == pytest.approx(-8.0, abs=0.15)  # 1.6 px down = south
    az = np.median(read_band(out, 4)[ok])
    assert az == pytest.approx(np.degrees(np.arctan2(-11.5, -8.0)) % 360, abs=1.0)
    ds = ogr.Open(res["OUTPUT_VECTORS"])
    lyr = ds.GetLayer("displacements")
    assert lyr.GetFeatureCount() == 99
    f = lyr.GetNextFeature()
    x, y = f.GetGeometryRef().GetX(), f.GetGeometryRef().GetY()
    assert x == pytest.approx(GT[0] + 32 * 5.0) and y == pytest.approx(GT[3] - 32 * 5.0)
    assert f.GetField("COL_SHIFT") is None or f.GetField("COL_SHIFT") == pytest.approx(-2.3, abs=0.1)


@pytest.mark.parametrize("method", METHODS)
def test_tiled_equals_untiled_and_in_memory(method, tmp_path):
    ref, tar = moved((150, 170), 0.7, 1.2, seed=3)
    tar[60:75, 80:100] = -9999  # a nodata patch inside
    a = write_tif(tmp_path / "r.tif", ref.astype(np.float32), GT)
    b = write_tif(tmp_path / "t.tif", tar.astype(np.float32), GT, nodata=-9999)
    one = track_windows_file(a, b, str(tmp_path / "one.tif"), method=method, window=32, step=8, tile=1000)
    many = track_windows_file(a, b, str(tmp_path / "many.tif"), method=method, window=32, step=8, tile=4)
    mem = track_windows(ref.astype(np.float32), tar.astype(np.float32), method, 32, 8, tar_valid=tar != -9999)
    # equal to float rounding: BLAS may sum a window's small matrix products in an order that depends
    # on its batch (last bits), which can move a sub-pixel grid step; a tile-boundary defect would show
    # as 0.01 px or more
    tolerance = {1: 5e-3, 2: 5e-3, 3: 5e-3, 4: 0.1, 5: 1e-3, 6: 1e-3}  # metres (5 m pixels), degrees, px
    for band in range(1, 7):
        u, t = read_band(one["OUTPUT"], band), read_band(many["OUTPUT"], band)
        np.testing.assert_array_equal(np.isnan(u), np.isnan(t))
        np.testing.assert_allclose(u, t, rtol=0, atol=tolerance[band])
    np.testing.assert_allclose(read_band(one["OUTPUT"], 5), mem.dcol.astype(np.float32), rtol=0, atol=1e-3)
    np.testing.assert_allclose(read_band(one["OUTPUT"], 7), mem.peak.astype(np.float32), rtol=0, atol=1e-4)


@pytest.mark.parametrize("method", METHODS)
def test_windows_touching_nodata_are_nan_never_zero(method):
    ref, tar = moved((128, 128), 0.0, 0.0, seed=4, noise=0.0)  # zero motion: a real 0 must stay finite
    valid = np.ones(ref.shape, bool)
    valid[40:44, 90:94] = False
    r = track_windows(ref, tar, method, 32, 8, tar_valid=valid)
    top = np.arange(r.dcol.shape[0]) * 8
    left = np.arange(r.dcol.shape[1]) * 8
    m = 8 if method == "ncc" else 0  # NCC: the search area (window + search range) must be valid too
    touch = (((top[:, None] - m <= 43) & (top[:, None] + 32 + m > 40))
             & ((left[None, :] - m <= 93) & (left[None, :] + 32 + m > 90)))
    assert np.all(np.isnan(r.dcol[touch])) and np.all(np.isnan(r.drow[touch]))
    far = ~touch & np.isfinite(r.dcol)
    assert far.sum() > 0.4 * (~touch).sum()
    # exact zero motion measured as ~0 and finite (NCC with 32-px chips: errors up to ~0.07 px, see bench)
    assert np.all(np.abs(r.dcol[far]) < (0.1 if method == "ncc" else 0.05))


@pytest.mark.parametrize("method", METHODS)
def test_textureless_windows_are_nan_with_zero_peak(method):
    ref, tar = moved((192, 192), 0.5, 0.5, seed=2)
    ref[32:96, 32:96] = 1000.0
    tar[32:96, 32:96] = 1000.0
    r = track_windows(ref, tar, method, 32, 32)
    flat = (slice(1, 3), slice(1, 3))
    assert np.isnan(r.dcol[flat]).all() and np.all(r.peak[flat] == 0.0) and np.all(r.snr[flat] == 0.0)
    assert np.isfinite(r.dcol[3:5, 3:5]).all()


def test_coarse_to_fine_finds_a_40_pixel_motion():
    ref, tar = moved((384, 384), -24.0, 32.0, seed=6)  # 40 px
    for method in METHODS:
        plain = track_windows(ref, tar, method, 64, 32)
        assert not (np.nanmedian(np.abs(plain.dcol - 32.0)) < 0.1)  # out of reach without it
        r = track_windows(ref, tar, method, 64, 32, pyramid_levels=2)
        ok = np.isfinite(r.dcol)
        assert ok.mean() > 0.3
        assert np.median(r.dcol[ok]) == pytest.approx(32.0, abs=0.05)
        assert np.median(r.drow[ok]) == pytest.approx(-24.0, abs=0.05)


def test_pyramid_levels_that_do_not_fit_are_reduced_and_said(tmp_path):
    """384 px / 2^4 = 24 px < a 64-px window: 4 levels cannot run; 2 (96 px) can, and find the motion."""
    ref, tar = moved((384, 384), -24.0, 32.0, seed=6)
    logged = []

    class Log(Monitor):
        def log(self, message):
            logged.append(message)

    r = track_windows(ref, tar, "phase", 64, 32, monitor=Log(), pyramid_levels=4)
    assert any("PYRAMID_LEVELS=4 does not fit" in m and "using 2 level(s)" in m for m in logged)
    ok = np.isfinite(r.dcol)
    assert np.median(r.dcol[ok]) == pytest.approx(32.0, abs=0.05)  # the reduced coarse pass still ran
    a, b = write_tif(tmp_path / "a.tif", ref, GT), write_tif(tmp_path / "b.tif", tar, GT)
    logged.clear()
    track_windows_file(a, b, str(tmp_path / "o.tif"), window=64, step=32, monitor=Log(), pyramid_levels=4)
    assert any("using 2 level(s)" in m for m in logged)
    ds = gdal.Open(str(tmp_path / "o.tif"))
    assert json.loads(ds.GetMetadataItem("SENSETRACK_PARAMETERS"))["pyramid_levels"] == 2  # what was done
    small = track_windows(ref[:100, :100], tar[:100, :100], "phase", 64, 32, monitor=Log(), pyramid_levels=1)
    assert any("using 0 level(s) (no coarse pass" in m for m in logged) and small.dcol.shape == (2, 2)


def test_max_displacement_rejects_larger_offsets(pair):
    r = track_windows(*pair, method="phase", window=64, step=16, max_displacement=2.0)
    assert np.all(np.isnan(r.dcol))  # |dcol| = 2.3 > 2
    r = track_windows(*pair, method="phase", window=64, step=16, max_displacement=3.0)
    assert np.isfinite(r.dcol).any()


def test_bad_inputs_have_clear_errors(tmp_path):
    img = np.zeros((50, 60))
    with pytest.raises(InputError, match="larger than the image"):
        track_windows(img, img, "phase", window=64)
    with pytest.raises(ParameterError, match="step"):
        track_windows(img, img, "phase", window=16, step=0)
    with pytest.raises(ParameterError, match="Unknown"):
        track_windows(img, img, "phase", window=16, bogus=1)
    with pytest.raises(ParameterError):
        track_windows(img, img, "sift", window=16)
    a = write_tif(tmp_path / "a.tif", np.ones((80, 80), np.float32), GT)
    b = write_tif(tmp_path / "b.tif", np.ones((80, 80), np.float32), (700000.0, 5.0, 0.0, 4500000.0, 0.0, -5.0))
    with pytest.raises(InputError, match="do not overlap"):
        track_windows_file(a, b, str(tmp_path / "o.tif"), window=32)
    n = write_tif(tmp_path / "n.tif", np.zeros((80, 80), np.float32), GT, nodata=0)
    with pytest.raises(InputError, match="no valid pixel"):
        track_windows_file(n, a, str(tmp_path / "o.tif"), window=32)
    assert not (tmp_path / "o.tif").exists()


def test_cancel_leaves_no_output(pair, tmp_path):
    a = write_tif(tmp_path / "r.tif", pair[0].astype(np.float32), GT)
    b = write_tif(tmp_path / "t.tif", pair[1].astype(np.float32), GT)
    seen = []

    def cb(fraction, message):
        seen.append(fraction)
        return fraction < 0.3

    with pytest.raises(Cancelled):
        track_windows_file(a, b, str(tmp_path / "o.tif"), str(tmp_path / "o.gpkg"), window=32, step=4,
                           tile=8, monitor=Monitor(cb))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.tif", "t.tif"]
    assert len(seen) > 3


def test_five_trackers_agree_in_sign_on_the_sample_pair(tmp_path):
    from sensetrack.core.tracking import track_dense

    ref, tar = f"{SAMPLE}/reference.tif", f"{SAMPLE}/target.tif"
    tdx, tdy = read_band(f"{SAMPLE}/truth.tif", 1), read_band(f"{SAMPLE}/truth.tif", 2)
    lobe = np.hypot(tdx, tdy) > 0.7 * np.hypot(tdx, tdy).max()  # near the peak: 2 px east, 3 px south
    for name in ("farneback", "ilk", "tvl1"):
        out = track_dense(ref, tar, str(tmp_path / f"{name}.tif"), method=name).output
        dx, dy = read_band(out, 1)[lobe], read_band(out, 2)[lobe]
        assert np.nanmedian(dx) > 10 and np.nanmedian(dy) < -15, name  # metres, 10 m pixels
    for method in METHODS:
        out = track_windows_file(ref, tar, str(tmp_path / f"{method}.tif"), method=method, window=32, step=4)["OUTPUT"]
        ds = gdal.Open(out)
        gt = ds.GetGeoTransform()
        tg = gdal.Open(f"{SAMPLE}/truth.tif").GetGeoTransform()
        cols = np.rint((gt[0] + (np.arange(ds.RasterXSize) + 0.5) * gt[1] - tg[0]) / tg[1] - 0.5).astype(int)
        rows = np.rint((gt[3] + (np.arange(ds.RasterYSize) + 0.5) * gt[5] - tg[3]) / tg[5] - 0.5).astype(int)
        on = lobe[np.ix_(rows, cols)]
        dx, dy = read_band(out, 1)[on], read_band(out, 2)[on]
        assert np.nanmedian(dx) > 10 and np.nanmedian(dy) < -15, method


@pytest.mark.parametrize("method", METHODS)
def test_results_do_not_depend_on_the_thread_count(method, monkeypatch):
    # a Dask worker runs the engine on one thread, QGIS on two: the batches (and so the FFT plans and their
    # rounding) must be the same, or a job's results would depend on where it ran
    from sensetrack.core.tracking.windowed import engine

    ref, tar = moved((560, 560), 0.7, -1.2)
    runs = []
    for threads in (1, 2):
        monkeypatch.setattr(engine, "THREADS", threads)
        runs.append(track_windows(ref, tar, method=method, window=32, step=8))
    assert runs[0].dcol.size > 2 * engine.BATCH  # several batches
    for band in ("dcol", "drow", "peak", "snr"):
        assert np.array_equal(getattr(runs[0], band), getattr(runs[1], band), equal_nan=True), band
