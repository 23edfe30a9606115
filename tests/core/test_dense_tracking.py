"""Dense trackers recover known displacements with the right sign and units.

Tolerances per method (uniform shifts on a 160x160 natural texture, 24-px
border excluded; sample pair: all valid pixels):

=========  ================  =====================
method     uniform shift      sample landslide pair
=========  ================  =====================
farneback  0.05 px (median)   RMSE 0.6 m (0.06 px)
ilk        0.05 px (median)   RMSE 0.6 m
tvl1       0.10 px (median)   RMSE 0.8 m
=========  ================  =====================
"""
import numpy as np
import pytest
from helpers import SAMPLE, band_names, read_band, write_tif

from sensetrack.core.errors import GridMismatchError, InputError
from sensetrack.core.tracking.flow import dense_flow
from sensetrack.core.raster import Raster
from sensetrack.core.synthetic import shifted_pair
from sensetrack.core.tracking import track_dense

TOL_PX = {"farneback": 0.05, "ilk": 0.05, "tvl1": 0.10}
TOL_SAMPLE_M = {"farneback": 0.6, "ilk": 0.6, "tvl1": 0.8}
METHODS = list(TOL_PX)


@pytest.fixture(scope="module")
def shifted():
    return shifted_pair((160, 160), drow=1.6, dcol=-2.3, seed=5, noise=0.02)


@pytest.mark.parametrize("method", METHODS)
def test_uniform_shift_in_pixels(method, shifted):
    ref, tar = shifted
    dcol, drow = dense_flow(method, ref, tar)
    inner = (slice(24, -24), slice(24, -24))
    assert np.median(dcol[inner]) == pytest.approx(-2.3, abs=TOL_PX[method])
    assert np.median(drow[inner]) == pytest.approx(1.6, abs=TOL_PX[method])


@pytest.mark.parametrize("method", METHODS)
def test_uniform_shift_file_to_file_in_metres_east_north(method, shifted, tmp_path):
    ref, tar = shifted
    gt = (600000.0, 5.0, 0.0, 4500000.0, 0.0, -5.0)
    a = write_tif(tmp_path / "r.tif", ref.astype(np.float32), gt)
    b = write_tif(tmp_path / "t.tif", tar.astype(np.float32), gt)
    res = track_dense(a, b, str(tmp_path / "o.tif"), method=method)
    assert res.units == "m"
    assert band_names(res.output) == ["DX", "DY", "MAGNITUDE", "DIRECTION", "MATCH"]
    assert np.median(read_band(res.output, 5)[24:-24, 24:-24]) > 0.9  # the shifted images match
    dx, dy = read_band(res.output, 1)[24:-24, 24:-24], read_band(res.output, 2)[24:-24, 24:-24]
    # moved 2.3 px left (west) and 1.6 px down (south) at 5 m pixels
    assert np.median(dx) == pytest.approx(-11.5, abs=5 * TOL_PX[method])
    assert np.median(dy) == pytest.approx(-8.0, abs=5 * TOL_PX[method])
    az = np.median(read_band(res.output, 4)[24:-24, 24:-24])
    assert az == pytest.approx(np.degrees(np.arctan2(-11.5, -8.0)) % 360, abs=1.0)  # towards south-west


@pytest.mark.parametrize("method", METHODS)
def test_match_band_flags_a_patch_where_the_ground_changed(method, shifted, tmp_path):
    ref, tar = shifted
    tar = tar.copy()
    other, _ = shifted_pair((160, 160), 0.0, 0.0, seed=99)
    tar[70:90, 70:90] = other[70:90, 70:90]
    a = write_tif(tmp_path / "r.tif", ref.astype(np.float32))
    b = write_tif(tmp_path / "t.tif", tar.astype(np.float32))
    match = read_band(track_dense(a, b, str(tmp_path / "o.tif"), method=method).output, 5)
    assert np.nanmedian(match[74:86, 74:86]) < 0.5
    assert np.nanmedian(match[24:60, 24:60]) > 0.9


@pytest.mark.parametrize("method", METHODS)
def test_sample_pair_matches_truth_and_nodata_is_nan(method, tmp_path):
    res = track_dense(f"{SAMPLE}/reference.tif", f"{SAMPLE}/target.tif", str(tmp_path / "o.tif"), method=method,
                      pixel_offsets=True)
    out = Raster(res.output)
    dx, ok = out.read(1)
    dy, _ = out.read(2)
    tdx, _ = Raster(f"{SAMPLE}/truth.tif").read(1)
    tdy, _ = Raster(f"{SAMPLE}/truth.tif").read(2)
    rmse = np.sqrt(np.mean((dx - tdx)[ok] ** 2 + (dy - tdy)[ok] ** 2))
    assert rmse < TOL_SAMPLE_M[method]
    peak = np.unravel_index(np.nanargmax(out.read(3)[0]), dx.shape)
    assert dx[peak] > 15 and dy[peak] < -25  # the lobe moves east and south
    _, tar_ok = Raster(f"{SAMPLE}/target.tif").read(1)
    assert np.isnan(dx[~tar_ok]).all() and (~tar_ok).sum() > 1000
    assert ok[tar_ok].all()
    col_shift, _ = out.read(5)
    np.testing.assert_allclose(col_shift[ok] * 10.0, dx[ok], atol=1e-3)


def test_not_georeferenced_pair_gives_pixels(tmp_path, shifted):
    ref, tar = shifted
    a = write_tif(tmp_path / "r.tif", ref.astype(np.float32), georeferenced=False)
    b = write_tif(tmp_path / "t.tif", tar.astype(np.float32), georeferenced=False)
    res = track_dense(a, b, str(tmp_path / "o.tif"), method="farneback")
    assert res.units == "pixel"
    from osgeo import gdal

    assert gdal.Open(res.output).GetRasterBand(1).GetUnitType() == "pixel"
    assert np.median(read_band(res.output, 2)[24:-24, 24:-24]) == pytest.approx(-1.6, abs=0.05)


def _pair(tmp_path, **target_kw):
    ref = np.random.default_rng(0).random((40, 40)).astype(np.float32)
    a = write_tif(tmp_path / "r.tif", ref)
    kw = dict(arrays=ref)
    kw.update(target_kw)
    b = write_tif(tmp_path / "t.tif", **kw)
    return a, b


@pytest.mark.parametrize("target_kw,error,match", [
    (dict(epsg=32633), GridMismatchError, "EPSG:32633"),
    (dict(geotransform=(900000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)), InputError, "do not overlap"),
    (dict(geotransform=(500005.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)), GridMismatchError, "not on the reference grid"),
    (dict(georeferenced=False), InputError, "Only one of the two rasters is georeferenced"),
])
def test_bad_pairs_are_refused_without_output(tmp_path, target_kw, error, match):
    a, b = _pair(tmp_path, **target_kw)
    out = tmp_path / "o.tif"
    with pytest.raises(error, match=match):
        track_dense(a, b, str(out))
    assert not out.exists()


def test_all_nodata_input_is_refused(tmp_path):
    a, b = _pair(tmp_path, arrays=np.zeros((40, 40), np.float32), nodata=0.0)
    with pytest.raises(InputError, match="only nodata"):
        track_dense(a, b, str(tmp_path / "o.tif"))
    assert not (tmp_path / "o.tif").exists()


def test_cancel_leaves_no_output(tmp_path):
    from sensetrack.core.errors import Cancelled
    from sensetrack.core.progress import Monitor

    calls = []

    def callback(fraction, message):
        calls.append(fraction)
        return fraction < 0.5  # cancel once past half-way

    with pytest.raises(Cancelled):
        track_dense(f"{SAMPLE}/reference.tif", f"{SAMPLE}/target.tif", str(tmp_path / "o.tif"),
                    monitor=Monitor(callback))
    assert calls and not list(tmp_path.iterdir())


def test_match_sees_a_three_pixel_error_that_the_raw_correlation_hides(shifted):
    """MATCH correlates the fine texture: a 3-px wrong vector scores low there, not on the raw images."""
    from sensetrack.core.tracking.dense import HIGHPASS_SIGMA, MATCH_RADIUS
    from sensetrack.core.tracking.quality import dense_peak

    ref, tar = shifted
    ok = np.ones(ref.shape, bool)
    inner = (slice(24, -24), slice(24, -24))

    def median_match(dcol, sigma):
        m = dense_peak(ref, tar, np.full(ref.shape, dcol), np.full(ref.shape, 1.6), ok, ok, MATCH_RADIUS, sigma)
        return float(np.nanmedian(m[inner]))

    assert median_match(-2.3, HIGHPASS_SIGMA) > 0.9  # the right vector
    assert median_match(-2.3 + 3.0, HIGHPASS_SIGMA) < 0.3  # 3 px off
    assert median_match(-2.3 + 3.0, 0.0) > median_match(-2.3 + 3.0, HIGHPASS_SIGMA) + 0.2  # raw images hide it
