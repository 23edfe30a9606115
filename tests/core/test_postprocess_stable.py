"""Stable-ground correction, uncertainty calibration and velocity on synthetic products."""
import csv
import json

import numpy as np
import pytest
from helpers import polygon_gpkg
from osgeo import osr

from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.output import write_raster
from sensetrack.core.postprocess import steps, uncertainty
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product
from sensetrack.core.postprocess.stable import fit_bias
from sensetrack.core.postprocess.velocity import parse_date, resolve_dates


def _srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(32632)
    return s


@pytest.fixture
def filtered(tmp_path):
    sp = make_product(seed=5, bias=(0.7, -0.45))
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, _srs().ExportToWkt(),
                       metadata={"SENSETRACK_UNITS": "m", "SENSETRACK_REFERENCE": "/nowhere/S2_20230105_ref.tif",
                                 "SENSETRACK_TARGET": "/nowhere/S2_20230306_tar.tif"})
    out = steps.filter_file(raw, str(tmp_path / "filtered.tif"))["output"]
    lobe = polygon_gpkg(tmp_path / "lobe.gpkg", lobe_polygon_wkt())
    return sp, out, lobe


def test_bias_removed_and_statistics_reported(filtered, tmp_path):
    sp, path, lobe = filtered
    table = tmp_path / "stats.csv"
    info = steps.correct_file(path, str(tmp_path / "c.tif"), lobe, invert=True, table=str(table))
    # bias of +0.7 px east (DX +7 m) and -0.45 px down (north-up: DY +4.5 m) found and removed
    assert info["bias_px"]["col"] == pytest.approx(0.7, abs=0.02)
    assert info["bias_px"]["row"] == pytest.approx(-0.45, abs=0.02)
    assert info["before"]["DX"]["median"] == pytest.approx(7.0, abs=0.2)
    assert info["before"]["DY"]["median"] == pytest.approx(4.5, abs=0.2)
    prod = read_product(info["output"])
    dc, dr = prod.pixel_offsets()
    stable = ~sp.moving & prod.valid
    assert abs(np.median((dc - sp.true_dcol)[stable])) <= 0.05
    assert abs(np.median((dr - sp.true_drow)[stable])) <= 0.05
    rows = list(csv.reader(open(table)))
    assert rows[0] == ["component", "stage", "median", "nmad", "rmse", "count"] and len(rows) == 5
    stats = json.loads(prod.metadata["SENSETRACK_STABLE_STATS"])
    assert stats["after"]["DX"]["rmse"] < stats["before"]["DX"]["rmse"]
    assert {"SIGMA_DX", "SIGMA_DY", "ERROR"} <= set(prod.bands)


def test_uncertainty_is_calibrated_on_the_moving_area(filtered, tmp_path):
    """Scale set on stable ground; checked on the lobe, which the calibration never saw."""
    sp, path, lobe = filtered
    out = steps.correct_file(path, str(tmp_path / "c.tif"), lobe, invert=True)["output"]
    prod = read_product(out)
    dc, dr = prod.pixel_offsets()
    keep = prod.valid & sp.moving & ~sp.outliers
    cov_c = uncertainty.coverage((dc - sp.true_dcol)[keep], prod.bands["SIGMA_DX"][keep] / 10.0)
    cov_r = uncertainty.coverage((dr - sp.true_drow)[keep], prod.bands["SIGMA_DY"][keep] / 10.0)
    assert 0.60 <= cov_c <= 0.76 and 0.60 <= cov_r <= 0.76
    # a uniform error bar would not be calibrated per vector: the worst-PEAK third must get larger bars
    peak = prod.bands["PEAK"]
    lo, hi = peak <= np.nanquantile(peak, 0.33), peak >= np.nanquantile(peak, 0.67)
    assert np.nanmedian(prod.bands["SIGMA_DX"][lo]) > 1.5 * np.nanmedian(prod.bands["SIGMA_DX"][hi])


def test_plane_model_removes_a_ramp(tmp_path):
    rng = np.random.default_rng(1)
    y, x = np.mgrid[0:60, 0:60].astype(float)
    ramp = 0.3 + 0.01 * x - 0.02 * y
    values = ramp + rng.normal(0, 0.02, x.shape)
    stable = rng.random(x.shape) < 0.5
    values[stable & (rng.random(x.shape) < 0.05)] += 5  # moving patches inside the mask
    bias, info = fit_bias(values, stable, x, y, "plane")
    assert np.abs(bias - ramp).max() < 0.02
    med, _ = fit_bias(values, stable, x, y, "median")
    assert np.abs(med - ramp).max() > 0.5


def test_mask_outside_the_result_is_refused(filtered, tmp_path):
    _, path, _ = filtered
    far = polygon_gpkg(tmp_path / "far.gpkg", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
    with pytest.raises(InputError, match="does not overlap"):
        steps.correct_file(path, str(tmp_path / "c.tif"), far)
    assert not (tmp_path / "c.tif").exists()


def test_empty_mask_is_refused(filtered, tmp_path):
    _, path, _ = filtered
    empty = polygon_gpkg(tmp_path / "empty.gpkg")
    with pytest.raises(InputError, match="empty"):
        steps.correct_file(path, str(tmp_path / "c.tif"), empty)
    from helpers import write_tif

    zeros = write_tif(tmp_path / "zeros.tif", np.zeros((10, 10), np.uint8), dtype=1)
    with pytest.raises(InputError, match="empty"):
        steps.correct_file(path, str(tmp_path / "c.tif"), zeros)


def test_raster_mask_in_another_crs_is_reprojected(filtered, tmp_path):
    sp, path, _ = filtered
    from helpers import write_tif

    # stable = left 30 columns of the product, given as a WGS84 raster
    h, w = sp.bands["DX"].shape
    mask = np.zeros((h, w), np.uint8)
    mask[:, :30] = 1
    utm = write_tif(tmp_path / "m_utm.tif", mask, GT, dtype=1)
    from osgeo import gdal

    gdal.Warp(str(tmp_path / "m_ll.tif"), utm, dstSRS="EPSG:4326", resampleAlg="near")
    info = steps.correct_file(path, str(tmp_path / "c.tif"), str(tmp_path / "m_ll.tif"))
    assert info["bias_px"]["col"] == pytest.approx(0.7, abs=0.03)
    assert info["stable_vectors"] == pytest.approx(30 * h, rel=0.1)


def test_velocity_from_file_names_and_parameters(filtered, tmp_path):
    sp, path, lobe = filtered
    info = steps.velocity_file(path, str(tmp_path / "v.tif"), unit="m/day")
    assert info["days"] == 60 and "file name" in info["dates_from"]
    prod = read_product(info["output"])
    assert np.allclose(prod.bands["VX"], prod.bands["DX"] / 60, equal_nan=True, atol=1e-5)
    assert np.allclose(prod.bands["DIRECTION"], read_product(path).bands["DIRECTION"], equal_nan=True, atol=1e-3)
    c = steps.correct_file(path, str(tmp_path / "c.tif"), lobe, invert=True)["output"]
    v = read_product(steps.velocity_file(c, str(tmp_path / "v2.tif"), "2023-01-01", "2024-01-01")["output"])
    assert np.allclose(v.bands["SIGMA_VX"], v.bands["SIGMA_DX"] * 365.25 / 365, equal_nan=True, rtol=1e-5)


def test_dates_in_the_wrong_order_or_missing(filtered, tmp_path):
    _, path, _ = filtered
    with pytest.raises(ParameterError, match="wrong order"):
        steps.velocity_file(path, str(tmp_path / "v.tif"), "2023-03-01", "2023-01-01")
    with pytest.raises(ParameterError, match="unknown"):
        resolve_dates({"SENSETRACK_REFERENCE": "/x/a.tif"}, "", "2023-01-01")
    assert not (tmp_path / "v.tif").exists()


def test_parse_date_forms():
    assert parse_date("S1A_IW_GRDH_1SDV_20230105T170012_20230105T170037_046").day == 5
    assert parse_date("2023:01:05 10:00:00").hour == 10
    assert parse_date("2023-02-30") is None and parse_date("no date") is None


def test_dates_from_the_tracked_files_acquisition_metadata(tmp_path):
    from osgeo import gdal

    from helpers import write_tif

    paths = []
    for name, when in (("a.tif", "2021-07-01T10:00:00"), ("b.tif", "2021-07-13T10:00:00")):
        p = write_tif(tmp_path / name, np.zeros((4, 4), np.float32))
        ds = gdal.Open(p, gdal.GA_Update)
        ds.SetMetadata({"ACQUISITION_START_TIME": when, "TIFFTAG_DATETIME": "2024:01:01 00:00:00"})
        ds = None
        paths.append(p)
    d0, d1, origin = resolve_dates({"SENSETRACK_REFERENCE": paths[0], "SENSETRACK_TARGET": paths[1]})
    assert (d1 - d0).days == 12 and "ACQUISITION_START_TIME" in origin
