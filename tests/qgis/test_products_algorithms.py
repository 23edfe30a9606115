"""COSMO-SkyMed and PRISMA algorithms through processing.run on the specification fixtures."""
import csv

import numpy as np
import pytest
from helpers import band_names, read_band
from osgeo import ogr
from product_fixtures import write_csg, write_csk, write_prisma

pytest.importorskip("h5py")


def test_cosmoinfo_footprints_of_both_generations(provider, tmp_path):
    import processing

    files = [write_csk(str(tmp_path)), write_csg(str(tmp_path))]
    res = processing.run("sensetrack:cosmoinfo", {"INPUT": files, "OUTPUT": str(tmp_path / "fp.gpkg"),
                                                  "OUTPUT_JSON": str(tmp_path / "m.json")})
    assert res["COUNT"] == 2
    ds = ogr.Open(res["OUTPUT"])
    layer = ds.GetLayer(0)
    missions = sorted(f.GetField("mission") for f in layer)
    assert missions == ["CSG", "CSK"] and layer.GetFeatureCount() == 2
    layer.ResetReading()
    feature = layer.GetNextFeature()  # keep the feature alive while its geometry is used
    env = feature.GetGeometryRef().GetEnvelope()
    assert env == pytest.approx((10.0, 10.2, 44.8, 45.0))


def test_cosmo_amplitude_and_quicklook(provider, tmp_path):
    import processing

    path = write_csk(str(tmp_path))
    amp = processing.run("sensetrack:cosmoamplitude", {"INPUT": path, "TARGET_CRS": "EPSG:32632",
                                                       "PIXEL_SIZE": 500, "OUTPUT": str(tmp_path / "a.tif")})
    data = read_band(amp["OUTPUT"])
    assert np.nanmax(data) == pytest.approx(10.0) and np.nanmin(data) == pytest.approx(5.0)
    ql = processing.run("sensetrack:cosmoquicklook", {"INPUT": path, "OUTPUT": str(tmp_path / "q.png")})
    assert read_band(ql["OUTPUT"]).shape == (20, 25)


def test_prisma_info_and_extract(provider, tmp_path):
    import processing

    path = write_prisma(str(tmp_path))
    info = processing.run("sensetrack:prismainfo", {"INPUT": path, "OUTPUT": str(tmp_path / "w.csv")})
    assert info["LEVEL"] == "2D"
    rows = list(csv.DictReader(open(info["OUTPUT"])))
    assert [float(r["wavelength_nm"]) for r in rows if r["cube"] == "vnir"] == [410.0, 498.0, 502.0]
    out = processing.run("sensetrack:prismaextract", {"INPUT": path, "CUBE": "vnir", "BANDS": "2, 4",
                                                      "OUTPUT": str(tmp_path / "x.tif")})["OUTPUT"]
    assert band_names(out) == ["VNIR_0502.0nm", "VNIR_0410.0nm"]


def test_prisma_level_not_requested_is_a_clear_error(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    path = write_prisma(str(tmp_path))
    with pytest.raises(QgsProcessingException, match="not 2B"):
        processing.run("sensetrack:prismaextract", {"INPUT": path, "EXPECTED_LEVEL": "2B",
                                                    "OUTPUT": str(tmp_path / "x.tif")})
    assert not (tmp_path / "x.tif").exists()


def test_cosmo_dgm_and_gec_through_the_algorithms(provider, tmp_path):
    import processing
    from osgeo import gdal, osr
    from product_fixtures import GEC_TOP_LEFT, write_csk_dgm, write_csk_gec

    dgm, gec = write_csk_dgm(str(tmp_path), rows=24, cols=32), write_csk_gec(str(tmp_path), rows=20, cols=30)
    info = processing.run("sensetrack:cosmoinfo", {"INPUT": [dgm, gec], "OUTPUT": str(tmp_path / "fp.gpkg")})
    assert info["COUNT"] == 2
    fp = ogr.Open(info["OUTPUT"])  # kept alive while its layer is read
    assert sorted(f.GetField("product_type") for f in fp.GetLayer(0)) == ["DGM_B", "GEC_B"]
    fp = None
    out = processing.run("sensetrack:cosmoamplitude", {"INPUT": gec, "OUTPUT": str(tmp_path / "gec.tif")})["OUTPUT"]
    ds = gdal.Open(out)
    assert ds.GetGeoTransform() == (GEC_TOP_LEFT[0], 2.5, 0.0, GEC_TOP_LEFT[1], 0.0, -2.5)
    assert osr.SpatialReference(wkt=ds.GetProjection()).GetAuthorityCode(None) == "32633"
    amp = processing.run("sensetrack:cosmoamplitude", {"INPUT": dgm, "OUTPUT": str(tmp_path / "a.tif")})["OUTPUT"]
    np.testing.assert_array_equal(read_band(amp)[0], 10.0 + np.arange(32))  # CALIBRATION defaults to none
    db = processing.run("sensetrack:cosmoamplitude", {"INPUT": dgm, "CALIBRATION": "sigma0_db", "TARGET_CRS":
                                                      "EPSG:32632", "PIXEL_SIZE": 500,
                                                      "OUTPUT": str(tmp_path / "db.tif")})["OUTPUT"]
    ds = gdal.Open(db)
    assert ds.GetRasterBand(1).GetDescription() == "SIGMA0_HH_DB"
    # hand values of the first and last column: P R_ref^2 sin(theta) / (F^2 K), P = (10 + col)^2
    import math
    lo = 10 * math.log10(10.0 ** 2 * 4.9e11 * math.sin(math.radians(30 + 4 * 0.5 / 32)) / (4 * 1.6e13))
    hi = 10 * math.log10(41.0 ** 2 * 4.9e11 * math.sin(math.radians(30 + 4 * 31.5 / 32)) / (4 * 1.6e13))
    data = ds.ReadAsArray()  # bilinear warp: values stay within the extremes
    assert lo - 1e-3 <= np.nanmin(data) < np.nanmax(data) <= hi + 1e-3
    assert ds.GetGeoTransform()[1] == pytest.approx(500.0)


def test_cosmo_calibration_of_a_gec_is_a_clear_error(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException
    from product_fixtures import write_csk_gec

    gec = write_csk_gec(str(tmp_path))
    with pytest.raises(QgsProcessingException, match="offered for SCS and DGM"):
        processing.run("sensetrack:cosmoamplitude", {"INPUT": gec, "CALIBRATION": "sigma0",
                                                     "OUTPUT": str(tmp_path / "x.tif")})
    assert not (tmp_path / "x.tif").exists()
