"""sensetrack:s2read and sensetrack:landsatread in QGIS: parameters, AOI as extent or layer in another CRS,
batch-style repeated runs, outputs for the modeler, errors as QgsProcessingException with nothing written."""
import os

import numpy as np
import pytest
from osgeo import gdal

from helpers import polygon_gpkg, read_band
from optical_fixtures import L2A_N0509, L9_L2SP, LANDSAT_DATA, S2_DATA, make_landsat, make_s2, s2_tile_grid, texture

pytestmark = pytest.mark.skipif(not (os.path.isdir(S2_DATA) and os.path.isdir(LANDSAT_DATA)),
                                reason="../shared/data is missing")


def test_s2read_extent_and_polygon_aoi_and_outputs(provider, tmp_path):
    import processing

    dn = texture(60, 60, seed=8)
    scl = np.full((30, 30), 4, np.uint8)
    scl[0:5, 0:5] = 9
    zipped = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn}, scl=scl, as_zip=True)
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    res = processing.run("sensetrack:s2read", {
        "INPUT": zipped, "AOI": f"{x0},{x0 + 400},{y0 - 300},{y0} [EPSG:{epsg}]", "DILATION": 1,
        "OUTPUT": str(tmp_path / "a.tif")})
    out = read_band(res["OUTPUT"])
    assert out.shape == (30, 40)
    assert res["ACQUISITION_DATE"] == "2023-08-21T22:20:45.625508Z"
    assert res["COVERED_FRACTION"] == 1.0
    masked = np.isnan(out)
    assert masked[:10, :10].all() and not masked[12:, 12:].any()
    assert res["VALID_FRACTION"] == pytest.approx(1 - masked.sum() / out.size)
    # a polygon layer (a triangle): the output covers its bounding box on the tile grid
    gpkg = polygon_gpkg(tmp_path / "aoi.gpkg",
                        f"POLYGON(({x0 + 100} {y0 - 100}, {x0 + 300} {y0 - 100}, {x0 + 300} {y0 - 250}, "
                        f"{x0 + 100} {y0 - 100}))", epsg=epsg)
    res = processing.run("sensetrack:s2read", {"INPUT": zipped, "AOI_LAYER": gpkg, "BANDS": "8",
                                               "OUTPUT": str(tmp_path / "b.tif")})
    gt = gdal.Open(res["OUTPUT"]).GetGeoTransform()
    assert gt == (x0 + 100, 10.0, 0.0, y0 - 100, 0.0, -10.0)
    assert read_band(res["OUTPUT"]).shape == (15, 20)


def test_landsatread_batch_rows_are_independent(provider, tmp_path):
    import processing

    a = make_landsat(str(tmp_path / "a"), L9_L2SP, level=1, as_tar=True)
    b = make_landsat(str(tmp_path / "b"), L9_L2SP, level=2, bands={4: texture(20, 20, lo=8000, hi=9000)})
    ra = processing.run("sensetrack:landsatread", {"INPUT": a, "OUTPUT": "TEMPORARY_OUTPUT"})
    rb = processing.run("sensetrack:landsatread", {"INPUT": b, "BANDS": "4", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert ra["OUTPUT"] != rb["OUTPUT"]
    assert gdal.Open(ra["OUTPUT"]).GetGeoTransform()[1] == 15.0
    assert gdal.Open(rb["OUTPUT"]).GetGeoTransform()[1] == 30.0
    assert ra["ACQUISITION_DATE"] == rb["ACQUISITION_DATE"] == "2022-01-29T15:28:34.396429Z"


def test_errors_are_processing_exceptions_and_write_nothing(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    ls = make_landsat(str(tmp_path / "l"), L9_L2SP, level=2)
    out = tmp_path / "o" / "x.tif"
    with pytest.raises(QgsProcessingException, match="no panchromatic band 8"):
        processing.run("sensetrack:landsatread", {"INPUT": ls, "OUTPUT": str(out)})
    with pytest.raises(QgsProcessingException, match="not a Sentinel-2"):
        processing.run("sensetrack:s2read", {"INPUT": ls, "OUTPUT": str(out)})
    assert not out.exists() and (not out.parent.exists() or not os.listdir(out.parent))


def test_dependency_report_names_the_missing_jpeg2000_driver(provider, monkeypatch):
    from osgeo import gdal

    from sensetrack.plugin import dependency_report

    assert dependency_report() == ""
    real = gdal.GetDriverByName
    monkeypatch.setattr(gdal, "GetDriverByName", lambda n: None if n.startswith("JP2") else real(n))
    message = dependency_report()
    assert "s2read" in message and "JPEG 2000" in message and "landsatread" not in message
