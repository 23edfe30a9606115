"""Co-registration recovers a known sub-pixel shift and a known CRS change, and never writes beside inputs."""
import os

import numpy as np
import pytest
from helpers import polygon_gpkg, read_band, write_tif
from osgeo import gdal, osr

from sensetrack.core.errors import InputError
from sensetrack.core.preprocess.coregister import coregister
from sensetrack.core.synthetic import shifted_pair

GT = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("coreg")
    ref, tar = shifted_pair((160, 180), drow=0.4, dcol=-0.7, seed=21)  # target moved 0.7 px west, 0.4 px south
    return write_tif(d / "ref.tif", [ref]), write_tif(d / "tar.tif", [tar]), ref


def test_same_grid_shift_is_measured_and_removed(pair, tmp_path):
    ref_path, tar_path, ref = pair
    res = coregister(ref_path, tar_path, str(tmp_path / "c.tif"), resampling="cubic", estimate=True)
    assert res["shift_col"] == pytest.approx(-0.7, abs=0.03)
    assert res["shift_row"] == pytest.approx(0.4, abs=0.03)
    assert res["shift_x"] == pytest.approx(-7.0, abs=0.3) and res["shift_y"] == pytest.approx(-4.0, abs=0.3)
    out = read_band(res["output"])
    inner = (slice(10, -10), slice(10, -10))
    before = np.abs(read_band(tar_path) - ref)[inner].mean()
    after = np.abs(out - ref)[inner].mean()
    assert after < 0.2 * before
    ds = gdal.Open(res["output"])
    assert ds.GetGeoTransform() == pytest.approx(GT)


def test_without_estimation_only_resamples(pair, tmp_path):
    ref_path, tar_path, _ = pair
    res = coregister(ref_path, tar_path, str(tmp_path / "c.tif"), resampling="near")
    assert res["shift_col"] == 0.0 and res["valid_fraction"] == 1.0
    np.testing.assert_array_equal(read_band(res["output"]), read_band(tar_path).astype(np.float32))


def test_target_in_another_utm_zone_lands_on_the_reference_grid(pair, tmp_path):
    ref_path, _, ref = pair
    # the reference itself reprojected to UTM 33N at 12 m: co-registration must bring it back
    other = str(tmp_path / "utm33.tif")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    gdal.Warp(other, ref_path, dstSRS=srs.ExportToWkt(), xRes=12, yRes=12, resampleAlg="cubic")
    before = set(os.listdir(tmp_path))
    res = coregister(ref_path, other, str(tmp_path / "back.tif"), resampling="cubic", estimate=True)
    assert set(os.listdir(tmp_path)) - before == {"back.tif"}  # nothing beside the input
    out = read_band(res["output"])
    assert out.shape == ref.shape
    assert res["valid_fraction"] > 0.9
    assert abs(res["shift_col"]) < 0.1 and abs(res["shift_row"]) < 0.1
    ok = np.isfinite(out)
    ok[:15], ok[-15:], ok[:, :15], ok[:, -15:] = False, False, False, False
    assert np.corrcoef(out[ok], ref[ok])[0, 1] > 0.95


def test_stable_area_restricts_the_estimate(pair, tmp_path):
    ref_path, tar_path, _ = pair
    gpkg = polygon_gpkg(tmp_path / "stable.gpkg",
                        "POLYGON((500300 4999700, 501500 4999700, 501500 4998700, 500300 4998700, 500300 4999700))")
    res = coregister(ref_path, tar_path, str(tmp_path / "c.tif"), estimate=True, stable_area=gpkg)
    assert res["shift_col"] == pytest.approx(-0.7, abs=0.05) and res["shift_row"] == pytest.approx(0.4, abs=0.05)


def test_bad_inputs(pair, tmp_path):
    ref_path, tar_path, ref = pair
    far = write_tif(tmp_path / "far.tif", [ref], geotransform=(800000.0, 10, 0, 4000000.0, 0, -10))
    with pytest.raises(InputError, match="does not overlap"):
        coregister(ref_path, far, str(tmp_path / "o.tif"))
    plain = write_tif(tmp_path / "plain.tif", [ref], georeferenced=False)
    with pytest.raises(InputError, match="georeferencing"):
        coregister(ref_path, plain, str(tmp_path / "o.tif"))
    with pytest.raises(InputError):
        coregister(ref_path, tar_path, tar_path)
    assert not (tmp_path / "o.tif").exists()
