"""Landsat 8/9 Collection 2 reader: real MTLs (Level-2; Level-1 derived from their LEVEL1_* groups), stand-in
GeoTIFFs with known DNs and QA_PIXEL bits (tests/optical_fixtures.py); exact answers."""
import math
import os

import numpy as np
import pytest
from osgeo import gdal

from helpers import band_names, read_band
from optical_fixtures import (L8_L2SP, L8_L2SR, L9_L2SP, LANDSAT_DATA, Log, landsat_mtl, level1_mtl,
                              make_landsat, mtl_value, texture)
from sensetrack.core.optical import read_landsat
from sensetrack.core.optical.landsat import parse_mtl

pytestmark = pytest.mark.skipif(not os.path.isdir(LANDSAT_DATA), reason="../shared/data/landsat is missing")


def test_mtl_txt_and_xml_parse_to_the_same_values():
    txt = parse_mtl(landsat_mtl(L9_L2SP, "txt").encode(), "txt")
    xml = parse_mtl(landsat_mtl(L9_L2SP, "xml").encode(), "xml")
    for group in ("PRODUCT_CONTENTS", "IMAGE_ATTRIBUTES", "PROJECTION_ATTRIBUTES",
                  "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", "LEVEL1_RADIOMETRIC_RESCALING"):
        assert txt[group] == xml[group], group
    assert txt["IMAGE_ATTRIBUTES"]["SUN_ELEVATION"] == "57.84396063"


@pytest.mark.parametrize("product", [L9_L2SP, L8_L2SP, L8_L2SR])
def test_level2_surface_reflectance_qa_bits_and_grid(tmp_path, product):
    mtl = landsat_mtl(product)
    dn = texture(20, 20, seed=2, lo=7300, hi=40000)
    dn[0, 0] = 0  # fill
    qa = np.full((20, 20), 21824, np.uint16)  # clear, all confidences low
    bits = {1: (2, 2), 2: (2, 5), 3: (2, 8), 4: (2, 11), 5: (2, 14), 6: (5, 5), 7: (5, 8), 0: (5, 11)}
    for bit, (r, c) in bits.items():
        qa[r, c] |= 1 << bit
    folder = make_landsat(str(tmp_path / "p"), product, bands={4: dn}, qa=qa, offset=(40, 80))
    res = read_landsat(folder, str(tmp_path / "b4.tif"), bands=["4"])
    out = read_band(res["output"])
    m = float(mtl_value(mtl.split("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS")[1], "REFLECTANCE_MULT_BAND_4"))
    a = float(mtl_value(mtl.split("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS")[1], "REFLECTANCE_ADD_BAND_4"))
    assert (m, a) == (2.75e-05, -0.2)
    expected = (dn.astype(np.float64) * m + a).astype(np.float32)
    masked = np.zeros((20, 20), bool)
    masked[0, 0] = True
    for bit, (r, c) in bits.items():
        masked[r, c] = bit in (0, 1, 2, 3, 4)  # fill, dilated cloud, cirrus, cloud, shadow (not snow/clear/water)
    expected[masked] = np.nan
    np.testing.assert_array_equal(out, expected)
    snow = read_band(read_landsat(folder, str(tmp_path / "s.tif"), bands=["B4"], mask_snow=True)["output"])
    assert np.isnan(snow[2, 14]) and np.isfinite(out[2, 14])
    ulx = float(mtl_value(mtl, "CORNER_UL_PROJECTION_X_PRODUCT"))
    uly = float(mtl_value(mtl, "CORNER_UL_PROJECTION_Y_PRODUCT"))
    ds = gdal.Open(res["output"])
    assert ds.GetGeoTransform() == (ulx - 15 + 80 * 30, 30.0, 0.0, uly + 15 - 40 * 30, 0.0, -30.0)
    assert ds.GetSpatialRef().GetAuthorityCode(None) == str(32600 + int(mtl_value(mtl, "UTM_ZONE")))
    md = ds.GetMetadata()
    assert md["SENSETRACK_ACQUISITION_DATE"].startswith(
        mtl_value(mtl, "DATE_ACQUIRED") + "T" + mtl_value(mtl, "SCENE_CENTER_TIME")[:12])
    assert md["CLOUD_COVER"] == mtl_value(mtl, "CLOUD_COVER")
    assert md["RELATIVE_ORBIT"] == mtl_value(mtl, "WRS_PATH")
    assert md["PLATFORM"] == {"LANDSAT_8": "Landsat 8", "LANDSAT_9": "Landsat 9"}[mtl_value(mtl, "SPACECRAFT_ID")]
    assert md["PROCESSING_LEVEL"] == product.split("_")[1]
    assert band_names(res["output"]) == ["B4"]


def test_level1_pan_toa_with_sun_elevation_and_qa_on_the_15m_grid(tmp_path):
    l2 = landsat_mtl(L9_L2SP)
    pid, l1 = level1_mtl(l2)
    assert pid == "LC09_L1TP_010065_20220129_20220129_02_T1"
    dn = texture(40, 40, seed=4, lo=6000, hi=30000)
    qa = np.full((20, 20), 21824, np.uint16)
    qa[6, 9] |= 1 << 3  # cloud
    folder = make_landsat(str(tmp_path / "p"), L9_L2SP, level=1, bands={8: dn}, qa=qa, offset=(40, 80))
    res = read_landsat(folder, str(tmp_path / "pan.tif"))
    out = read_band(res["output"])
    rescale = l2.split("GROUP = LEVEL1_RADIOMETRIC_RESCALING")[1]
    m, a = float(mtl_value(rescale, "REFLECTANCE_MULT_BAND_8")), float(mtl_value(rescale, "REFLECTANCE_ADD_BAND_8"))
    sun = float(mtl_value(l2, "SUN_ELEVATION"))
    assert (m, a, sun) == (2e-05, -0.1, 57.84396063)
    expected = ((dn.astype(np.float64) * m + a) / math.sin(math.radians(sun))).astype(np.float32)
    # the 30 m QA pixel (6, 9) spans pan rows/cols 2k-1 .. 2k+1 (pan pixels straddling two QA pixels count)
    expected[11:14, 17:20] = np.nan
    np.testing.assert_array_equal(out, expected)
    ulx = float(mtl_value(l2, "CORNER_UL_PROJECTION_X_PRODUCT"))
    uly = float(mtl_value(l2, "CORNER_UL_PROJECTION_Y_PRODUCT"))
    assert gdal.Open(res["output"]).GetGeoTransform() == (ulx - 7.5 + 2400, 15.0, 0.0, uly + 7.5 - 1200, 0.0, -15.0)
    # dilation by one pixel around that 3 x 3 block
    dil = read_band(read_landsat(folder, str(tmp_path / "d.tif"), dilation=1)["output"])
    grown = np.zeros((40, 40), bool)
    grown[11:14, 16:21] = grown[10:15, 17:20] = True
    np.testing.assert_array_equal(np.isnan(dil), grown)


def test_tar_folder_and_mtl_inputs_agree(tmp_path):
    dn = texture(40, 40, seed=6, lo=6000, hi=30000)
    folder = make_landsat(str(tmp_path / "f"), L9_L2SP, level=1, bands={8: dn})
    tar = make_landsat(str(tmp_path / "t"), L9_L2SP, level=1, bands={8: dn}, as_tar=True)
    a = read_band(read_landsat(folder, str(tmp_path / "a.tif"))["output"])
    b = read_band(read_landsat(tar, str(tmp_path / "b.tif"))["output"])
    mtl = [f for f in os.listdir(folder) if f.endswith("_MTL.txt")][0]
    c = read_band(read_landsat(os.path.join(folder, mtl), str(tmp_path / "c.tif"))["output"])
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    xml = make_landsat(str(tmp_path / "x"), L9_L2SP, xml=True, bands={4: texture(20, 20, lo=8000, hi=9000)})
    assert np.isfinite(read_band(read_landsat(xml, str(tmp_path / "x.tif"), bands=["4"])["output"])).all()


def test_pan_with_a_30m_band_is_on_the_15m_grid(tmp_path):
    b8 = np.full((40, 40), 20000, np.uint16)
    b4 = np.arange(400, dtype=np.uint16).reshape(20, 20) + 9000
    folder = make_landsat(str(tmp_path / "p"), L9_L2SP, level=1, bands={8: b8, 4: b4})
    res = read_landsat(folder, str(tmp_path / "o.tif"), bands=["8", "4"], resampling="near")
    assert band_names(res["output"]) == ["B8", "B4"]
    ds = gdal.Open(res["output"])
    assert ds.GetGeoTransform()[1] == 15.0
    b4_15 = read_band(res["output"], 2)
    # pan pixel 2k is centred on 30 m pixel k
    sin = math.sin(math.radians(57.84396063))
    np.testing.assert_array_equal(b4_15[0:40:2, 0:40:2], ((b4 * 2e-05 - 0.1) / sin).astype(np.float32))


def test_radiometric_saturation_of_the_bands_read_and_terrain_occlusion(tmp_path):
    dn = np.full((20, 20), 20000, np.uint16)
    radsat = np.zeros((20, 20), np.uint16)
    radsat[1, 1] = 1 << 3  # band 4 saturated
    radsat[1, 2] = 1 << 4  # band 5 saturated: not read, kept
    radsat[1, 3] = 1 << 11  # terrain occlusion
    folder = make_landsat(str(tmp_path / "p"), L9_L2SP, bands={4: dn}, radsat=radsat)
    res = read_landsat(folder, str(tmp_path / "o.tif"), bands=["4"], mask_clouds=False)
    expected = np.zeros((20, 20), bool)
    expected[1, 1] = expected[1, 3] = True
    np.testing.assert_array_equal(np.isnan(read_band(res["output"])), expected)
    assert "QA_RADSAT" in gdal.Open(res["output"]).GetMetadata()["MASK_FILES"]
    # no QA_RADSAT file: read, and the log says saturation is not masked
    bare = make_landsat(str(tmp_path / "b"), L9_L2SP, bands={4: dn}, skip=("RADSAT",))
    log = Log()
    res = read_landsat(bare, str(tmp_path / "b.tif"), bands=["4"], monitor=log)
    assert np.isfinite(read_band(res["output"])).all()
    assert any("QA_RADSAT" in m and "NOT masked" in m for m in log.messages)
