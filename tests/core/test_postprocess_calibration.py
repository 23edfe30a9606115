"""Uncertainty calibration on synthetic image pairs tracked by real trackers (exact truth)."""
import numpy as np
import pytest
from helpers import polygon_gpkg
from osgeo import osr

from sensetrack.core.output import write_raster
from sensetrack.core.postprocess import steps
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt
from sensetrack.core.postprocess.uncertainty import coverage
from sensetrack.core.synthetic import Texture, landslide_field, warp_exact

SHAPE = (144, 160)  # geometry and seed not among those used to fit the dense model's G0
BIAS = (0.35, -0.25)  # co-registration shift (dcol, drow) px added everywhere


def _srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(32632)
    return s


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pair")
    lobe = landslide_field(SHAPE, (SHAPE[0] * 0.5, SHAPE[1] * 0.5), (SHAPE[0] * 0.22, SHAPE[1] * 0.2), (2.5, -2.0))

    def field(r, c):
        dr, dc = lobe(r, c)
        return dr + BIAS[1], dc + BIAS[0]

    ref, tar, tr, tc = warp_exact(Texture.natural(21), SHAPE, field)
    rng = np.random.default_rng(21)
    ref = ref + rng.normal(0, 0.05 * ref.std(), SHAPE)
    tar = tar + rng.normal(0, 0.05 * ref.std(), SHAPE)
    paths = {}
    for name, arr in (("ref", ref), ("tar", tar)):
        paths[name] = write_raster(str(tmp / f"{name}.tif"), {"B": arr}, GT, _srs().ExportToWkt())
    polygon_gpkg(tmp / "lobe.gpkg", lobe_polygon_wkt(SHAPE))
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]]
    d = np.sqrt(((rows - SHAPE[0] * 0.5) / (SHAPE[0] * 0.22)) ** 2 + ((cols - SHAPE[1] * 0.5) / (SHAPE[1] * 0.2)) ** 2)
    return tmp, paths, str(tmp / "lobe.gpkg"), tc - BIAS[0], tr - BIAS[1], d < 1.05


def test_dense_tracker_errors_are_calibrated_and_bias_removed(pair):
    from sensetrack.core.tracking import track_dense

    tmp, paths, lobe, tc, tr, moving = pair
    raw = str(tmp / "fb.tif")
    track_dense(paths["ref"], paths["tar"], raw, method="farneback")
    out = steps.correct_file(raw, str(tmp / "fb_c.tif"), lobe, invert=True)["output"]
    p = read_product(out)
    dc, dr = p.pixel_offsets()
    ec, er = dc - tc, dr - tr
    stable = ~moving & p.valid
    assert abs(np.median(ec[stable])) <= 0.05 and abs(np.median(er[stable])) <= 0.05
    raw_dc, _ = read_product(raw).pixel_offsets()
    assert abs(np.median((raw_dc - tc)[stable]) - BIAS[0]) < 0.05  # the bias was there before
    sc, sr = p.bands["SIGMA_DX"] / 10.0, p.bands["SIGMA_DY"] / 10.0
    mv = moving & p.valid
    cov = 0.5 * (coverage(ec[mv], sc[mv]) + coverage(er[mv], sr[mv]))
    assert 0.58 <= cov <= 0.78, cov
    # the lobe gets larger error bars than the stable ground (gradient term of the dense model)
    assert np.nanmedian(sc[mv]) > 1.2 * np.nanmedian(sc[stable])


def test_windowed_tracker_errors_are_calibrated(pair):
    windowed = pytest.importorskip("sensetrack.core.tracking")
    tmp, paths, lobe, tc, tr, moving = pair
    raw = str(tmp / "w.tif")
    windowed.track_windows_file(paths["ref"], paths["tar"], raw, str(tmp / "w.gpkg"), method="phase",
                                window=32, step=8)
    f = steps.filter_file(str(tmp / "w.gpkg"), str(tmp / "w_f.gpkg"))["output"]
    out = steps.correct_file(f, str(tmp / "w_c.gpkg"), lobe, invert=True)["output"]
    p = read_product(out)
    rows, cols = p.bands["ROW_SHIFT"], p.bands["COL_SHIFT"]
    x, y = p.cell_centres()
    ci = np.clip(np.rint((x - GT[0]) / GT[1] - 0.5).astype(int), 0, SHAPE[1] - 1)
    ri = np.clip(np.rint((y - GT[3]) / GT[5] - 0.5).astype(int), 0, SHAPE[0] - 1)
    ec, er = cols - tc[ri, ci], rows - tr[ri, ci]
    ok = np.isfinite(ec)
    stable = ok & ~moving[ri, ci]
    assert abs(np.median(ec[stable])) <= 0.05 and abs(np.median(er[stable])) <= 0.05
    sc, sr = p.bands["SIGMA_DX"] / 10.0, p.bands["SIGMA_DY"] / 10.0
    cov = 0.5 * (coverage(ec[ok], sc[ok]) + coverage(er[ok], sr[ok]))
    assert 0.58 <= cov <= 0.78, cov
