"""One creation profile for every raster SenseTrack writes; the COG option writes a valid COG with overviews."""
import os
import re

import numpy as np
from osgeo import gdal

from sensetrack.core.output import GTIFF_OPTIONS, RasterWriter, write_raster
from sensetrack.core.raster_profile import cog_options, gtiff_options

CORE = os.path.join(os.path.dirname(__file__), "..", "..", "core")


def test_profile_per_data_type():
    f = gtiff_options("float32")
    assert {"TILED=YES", "BLOCKXSIZE=256", "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "PREDICTOR=3",
            "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER"} <= set(f)
    assert "PREDICTOR=2" in gtiff_options("uint8") and "PREDICTOR=2" in gtiff_options("UInt16")
    assert not any(o.startswith("PREDICTOR") for o in gtiff_options("complex64"))
    assert gtiff_options("float32", compress="NONE") == ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256",
                                                          "BIGTIFF=IF_SAFER"]
    assert GTIFF_OPTIONS == f  # the old name still gives the profile
    assert {"OVERVIEWS=AUTO", "PREDICTOR=YES", "COMPRESS=ZSTD", "LEVEL=1"} <= set(cog_options("float32"))


def test_no_writer_in_core_hard_codes_creation_options():
    offenders = []
    for root, _, files in os.walk(CORE):
        for name in files:
            if name.endswith(".py") and name != "raster_profile.py":
                text = open(os.path.join(root, name), encoding="utf-8").read()
                if re.search(r'"(COMPRESS|TILED|PREDICTOR|BIGTIFF)=', text):
                    offenders.append(name)
    assert offenders == []


def _structure(path):
    ds = gdal.Open(path)
    return ds, ds.GetMetadata("IMAGE_STRUCTURE")


def test_products_are_tiled_zstd_and_exact(tmp_path):
    rng = np.random.default_rng(0)
    dx = rng.normal(0, 3, (300, 400)).astype(np.float32)
    dx[:10] = np.nan
    path = write_raster(str(tmp_path / "p.tif"), {"DX": dx, "DY": -dx}, (0, 10, 0, 0, 0, -10))
    ds, st = _structure(path)
    assert st["COMPRESSION"] == "ZSTD" and st.get("PREDICTOR") == "3"
    assert ds.GetRasterBand(1).GetBlockSize() == [256, 256]
    np.testing.assert_array_equal(ds.GetRasterBand(1).ReadAsArray(), dx)  # NaN included


def test_cog_option_writes_a_cloud_optimized_geotiff_with_overviews(tmp_path):
    data = np.random.default_rng(1).random((1100, 900)).astype(np.float32)
    with RasterWriter(str(tmp_path / "c.tif"), 900, 1100, ["DX"], (0, 10, 0, 0, 0, -10), cog=True) as w:
        w.write(1, data)
    ds, st = _structure(str(tmp_path / "c.tif"))
    assert st.get("LAYOUT") == "COG" and st["COMPRESSION"] == "ZSTD"
    assert ds.GetRasterBand(1).GetOverviewCount() >= 1
    assert ds.GetRasterBand(1).GetDescription() == "DX"
    np.testing.assert_array_equal(ds.GetRasterBand(1).ReadAsArray(), data)
    assert sorted(os.listdir(tmp_path)) == ["c.tif"]
