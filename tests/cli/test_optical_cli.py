"""qgis_process runs of sensetrack:s2read and sensetrack:landsatread (real metadata, stand-in images)."""
import json
import os
import subprocess

import numpy as np
import pytest
from osgeo import gdal

from helpers import ROOT
from optical_fixtures import (L2A_N0509, L9_L2SP, LANDSAT_DATA, S2_DATA, make_landsat, make_s2, s2_tile_grid,
                              texture)

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")
pytestmark = pytest.mark.skipif(not (os.path.isdir(S2_DATA) and os.path.isdir(LANDSAT_DATA)),
                                reason="../shared/data is missing")


def _qp(tmp_path, alg, *params):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    return subprocess.run([SCRIPT, "run", alg, "--json", "--", *params], capture_output=True, text=True,
                          env=env, timeout=300)


def _results(proc):
    return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]


def test_s2read_zip_with_aoi_and_landsatread_tar(tmp_path):
    dn = texture(60, 60, seed=9)
    zipped = make_s2(str(tmp_path / "s"), L2A_N0509, {"B08": dn}, as_zip=True)
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    out = tmp_path / "s2.tif"
    proc = _qp(tmp_path, "sensetrack:s2read", f"INPUT={zipped}", "BANDS=B08",
               f"AOI={x0 + 100},{x0 + 300},{y0 - 200},{y0} [EPSG:{epsg}]", "DILATION=2", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = _results(proc)
    assert res["ACQUISITION_DATE"] == "2023-08-21T22:20:45.625508Z" and res["VALID_FRACTION"] == 1.0
    ds = gdal.Open(str(out))
    assert ds.GetGeoTransform() == (x0 + 100, 10.0, 0.0, y0, 0.0, -10.0)
    expected = ((dn[0:20, 10:30].astype(np.float64) - 1000) / 10000).astype(np.float32)
    np.testing.assert_array_equal(ds.GetRasterBand(1).ReadAsArray(), expected)
    assert ds.GetMetadata()["TILE"] == "01KAB"

    tar = make_landsat(str(tmp_path / "l"), L9_L2SP, level=1, as_tar=True)
    out = tmp_path / "pan.tif"
    proc = _qp(tmp_path, "sensetrack:landsatread", f"INPUT={tar}", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert gdal.Open(str(out)).GetGeoTransform()[1] == 15.0
    assert gdal.Open(str(out)).GetMetadata()["PROCESSING_LEVEL"] == "L1TP"


def test_bad_inputs_exit_non_zero_with_a_clear_message_and_no_output(tmp_path):
    scl = np.full((30, 30), 9, np.uint8)
    safe = make_s2(str(tmp_path / "s"), L2A_N0509, scl=scl)
    out = tmp_path / "o" / "x.tif"
    proc = _qp(tmp_path, "sensetrack:s2read", f"INPUT={safe}", f"OUTPUT={out}")
    assert proc.returncode != 0 and "fully clouded" in proc.stdout + proc.stderr
    ls = make_landsat(str(tmp_path / "l"), L9_L2SP, level=2)
    proc = _qp(tmp_path, "sensetrack:landsatread", f"INPUT={ls}", f"OUTPUT={out}")
    assert proc.returncode != 0 and "no panchromatic band 8" in proc.stdout + proc.stderr
    proc = _qp(tmp_path, "sensetrack:landsatread", f"INPUT={safe}", f"OUTPUT={out}")
    assert proc.returncode != 0 and "not a Landsat 8/9 Collection 2 product" in proc.stdout + proc.stderr
    assert not out.parent.exists() or not os.listdir(out.parent)
