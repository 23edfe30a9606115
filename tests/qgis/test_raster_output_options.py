"""The MATCH and COG options of the algorithms that write rasters."""
import os

import numpy as np
from helpers import SAMPLE, band_names, read_band
from osgeo import gdal

REF = os.path.join(SAMPLE, "reference.tif")
TAR = os.path.join(SAMPLE, "target.tif")


def _run(alg, params):
    import processing

    return processing.run(alg, params)


def test_match_off_skips_the_band_and_keeps_the_vectors(provider, tmp_path):
    on = _run("sensetrack:farneback", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": str(tmp_path / "on.tif")})
    off = _run("sensetrack:farneback", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": str(tmp_path / "off.tif"),
                                        "MATCH": False})
    assert band_names(on["OUTPUT"])[-1] == "MATCH"
    assert band_names(off["OUTPUT"]) == ["DX", "DY", "MAGNITUDE", "DIRECTION"]
    np.testing.assert_array_equal(read_band(on["OUTPUT"], 1), read_band(off["OUTPUT"], 1))


def test_cog_option_in_each_raster_family(provider, tmp_path):
    from qgis.core import QgsApplication

    dense = str(tmp_path / "dense.tif")
    runs = [
        ("sensetrack:farneback", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": dense, "COG": True}),
        ("sensetrack:highpass", {"INPUT": REF, "OUTPUT": str(tmp_path / "hp.tif"), "COG": True}),
        ("sensetrack:filteroffsets", {"INPUT": dense, "OUTPUT": str(tmp_path / "filtered.tif"), "COG": True}),
    ]
    for alg, params in runs:
        assert QgsApplication.processingRegistry().algorithmById(alg).parameterDefinition("COG") is not None
        out = _run(alg, params)["OUTPUT"]
        ds = gdal.Open(out)
        assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG", alg
        assert ds.GetRasterBand(1).GetOverviewCount() >= 1, alg
    plain = _run("sensetrack:farneback", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": str(tmp_path / "plain.tif")})
    assert gdal.Open(plain["OUTPUT"]).GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") != "COG"
    np.testing.assert_array_equal(read_band(plain["OUTPUT"], 1), read_band(dense, 1))
