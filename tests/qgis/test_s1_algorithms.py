"""sensetrack:s1info and sensetrack:s1grd through processing.run; s1grd output feeds farneback.

Products: real metadata from /work/shared/data/sentinel1; the GRD runs use the
fixture of tests/s1_fixture.py (real geometry and LUT values, synthetic small measurement).
"""
import json
import os

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from helpers import needs_shared_data
from s1_fixture import GRD, S1_DATA, SLC, WIDTH, HEIGHT, cog_name, make_cog_safe, make_grd_safe, texture

pytestmark = needs_shared_data


def _run(alg, params):
    import processing

    return processing.run(alg, params)


def test_s1info_zip_outputs(provider, tmp_path):
    res = _run("sensetrack:s1info", {"INPUT": os.path.join(S1_DATA, SLC + ".zip"),
                                     "OUTPUT_JSON": str(tmp_path / "m.json"),
                                     "OUTPUT_FOOTPRINT": str(tmp_path / "fp.gpkg")})
    assert res["PASS"] == "DESCENDING" and res["RELATIVE_ORBIT"] == 168 and res["PLATFORM"] == "S1B"
    assert res["POLARISATIONS"] == "VV,VH" and res["ASCENDING_NODE_TIME"].startswith("2021-04-01T04:49")
    assert 30 < res["MEAN_INCIDENCE_ANGLE"] < 42
    info = json.load(open(tmp_path / "m.json"))
    assert info["swaths"] == ["IW1", "IW2"] and info["name"]["mode_description"] == "Interferometric Wide swath"
    ds = ogr.Open(str(tmp_path / "fp.gpkg"))
    lyr = ds.GetLayer(0)
    feat = lyr.GetNextFeature()
    assert feat["rel_orbit"] == 168 and feat["pass"] == "DESCENDING"
    assert lyr.GetSpatialRef().GetAuthorityCode(None) == "4326"
    env = feat.GetGeometryRef().GetEnvelope()  # lon/lat bounds of the product
    assert 8 < env[0] < env[1] < 13 and 45 < env[2] < env[3] < 48


def test_s1info_bad_input_writes_nothing(provider, tmp_path):
    from qgis.core import QgsProcessingException

    data = open(os.path.join(S1_DATA, SLC + ".zip"), "rb").read()
    bad = tmp_path / (SLC + ".zip")
    bad.write_bytes(data[:5000])
    with pytest.raises(QgsProcessingException, match="truncated or corrupt"):
        _run("sensetrack:s1info", {"INPUT": str(bad), "OUTPUT_JSON": str(tmp_path / "m.json")})
    assert sorted(os.listdir(tmp_path)) == [bad.name]


def test_s1grd_feeds_farneback(provider, tmp_path):
    """Texture moved 1.5 radar columns between two fixture products: farneback on the
    geocoded sigma0 finds the ground displacement the product's GCP geometry predicts."""
    outs = []
    for key, dn in (("ref", texture()), ("tar", texture(shift_cols=1.5))):
        os.makedirs(tmp_path / key)
        safe = make_grd_safe(str(tmp_path / key), dn=dn)
        out = str(tmp_path / f"{key}.tif")
        res = _run("sensetrack:s1grd", {"INPUT": os.path.join(safe, "manifest.safe"), "POLARISATION": "VV",
                                        "CALIBRATION": "sigma0", "NOISE_REMOVAL": True, "DB": False,
                                        "TARGET_CRS": "EPSG:32632", "PIXEL_SIZE": 1000, "OUTPUT": out})
        assert res["OUTPUT"] == out
        outs.append(out)
    # expected: geocoded position of radar (line, col + 1.5) minus (line, col), via the tie points
    from sensetrack.core.sentinel1.product import open_product
    ann = open_product(safe).annotation("VV")
    mem = gdal.GetDriverByName("MEM").Create("", WIDTH, HEIGHT, 1)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    mem.SetGCPs(ann.grid.gcps(), wgs.ExportToWkt())
    tr = gdal.Transformer(mem, None, ["METHOD=GCP_TPS", "DST_SRS=EPSG:32632"])
    _, a = tr.TransformPoint(0, WIDTH / 2, HEIGHT / 2)
    _, b = tr.TransformPoint(0, WIDTH / 2 + 1.5, HEIGHT / 2)
    ex, ey = b[0] - a[0], b[1] - a[1]
    assert ex < -1000  # descending, right-looking: range increases westward
    flow = str(tmp_path / "flow.tif")
    _run("sensetrack:farneback", {"REFERENCE": outs[0], "TARGET": outs[1], "OUTPUT": flow})
    ds = gdal.Open(flow)
    dx, dy = ds.GetRasterBand(1).ReadAsArray(), ds.GetRasterBand(2).ReadAsArray()
    assert np.isfinite(dx).mean() > 0.5
    assert np.nanmedian(dx) == pytest.approx(ex, rel=0.1)
    assert np.nanmedian(dy) == pytest.approx(ey, abs=0.1 * abs(ex))


def test_s1grd_aoi_db_and_missing_calibration(provider, tmp_path):
    from qgis.core import QgsProcessingException

    safe = make_grd_safe(str(tmp_path))
    out = str(tmp_path / "aoi.tif")
    _run("sensetrack:s1grd", {"INPUT": safe, "POLARISATION": "VV", "CALIBRATION": "beta0", "DB": True,
                              "PIXEL_SIZE": 0.005, "TARGET_CRS": "EPSG:4326",
                              "AOI": "10.0,10.5,46.4,46.6 [EPSG:4326]", "OUTPUT": out})
    ds = gdal.Open(out)
    assert (ds.RasterXSize, ds.RasterYSize) == (100, 40)
    assert ds.GetRasterBand(1).GetDescription() == "BETA0_VV_DB"
    assert np.isfinite(ds.ReadAsArray()).all()
    os.makedirs(tmp_path / "nocal")
    nocal = make_grd_safe(str(tmp_path / "nocal"), calibration=False)
    with pytest.raises(QgsProcessingException, match="no calibration file"):
        _run("sensetrack:s1grd", {"INPUT": nocal, "OUTPUT": str(tmp_path / "x.tif")})
    assert not os.path.exists(tmp_path / "x.tif")


def test_s1info_and_s1grd_accept_cog_products(provider, tmp_path):
    """A CDSE cloud-optimised product (..._COG.SAFE, -cog.tiff measurement) through both algorithms."""
    safe = make_cog_safe(str(tmp_path))
    info = _run("sensetrack:s1info", {"INPUT": os.path.join(safe, "manifest.safe"),
                                      "OUTPUT_JSON": str(tmp_path / "m.json")})
    assert info["RELATIVE_ORBIT"] == 168 and info["PLATFORM"] == "S1B"
    meta = json.load(open(tmp_path / "m.json"))
    assert meta["name"]["cog"] is True and meta["name"]["name"] == cog_name(GRD)
    assert meta["annotations"][0]["measurement"].endswith("-cog.tiff")
    out = _run("sensetrack:s1grd", {"INPUT": safe, "PIXEL_SIZE": 1000.0, "OUTPUT": str(tmp_path / "s0.tif")})
    ds = gdal.Open(out["OUTPUT"])
    assert ds.GetRasterBand(1).GetDescription() == "SIGMA0_VV" and np.isfinite(ds.ReadAsArray()).any()


def test_s1grd_cancel_leaves_no_output(provider, tmp_path, recording_feedback):
    import processing
    from qgis.core import QgsProcessingException

    safe = make_grd_safe(str(tmp_path))
    fb = recording_feedback(cancel_at=10)
    out = tmp_path / "c.tif"
    with pytest.raises(QgsProcessingException, match="cancelled"):
        processing.run("sensetrack:s1grd", {"INPUT": safe, "PIXEL_SIZE": 1000, "OUTPUT": str(out)}, feedback=fb)
    assert sorted(os.listdir(tmp_path)) == [os.path.basename(safe)]


def test_s1info_temporary_outputs(provider):
    res = _run("sensetrack:s1info", {"INPUT": os.path.join(S1_DATA, GRD + ".SAFE"),
                                     "OUTPUT_JSON": "TEMPORARY_OUTPUT", "OUTPUT_FOOTPRINT": "TEMPORARY_OUTPUT"})
    assert os.path.exists(res["OUTPUT_JSON"]) and ogr.Open(res["OUTPUT_FOOTPRINT"]).GetLayer(0).GetFeatureCount() == 1
    assert res["RANGE_PIXEL_SPACING"] == 10.0 and res["MEAN_INCIDENCE_ANGLE"] == pytest.approx(38.929, abs=1e-3)
