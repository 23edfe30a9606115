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
