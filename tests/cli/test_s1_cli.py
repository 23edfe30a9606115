"""qgis_process runs of the Sentinel-1 algorithms (real metadata; GRD fixture of tests/s1_fixture.py)."""
import json
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, needs_shared_data
from osgeo import gdal
from s1_fixture import GRD, S1_DATA, SLC, make_grd_safe

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")
pytestmark = needs_shared_data


def _qp(tmp_path, alg, *params):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    return subprocess.run([SCRIPT, "run", alg, "--json", "--", *params], capture_output=True, text=True,
                          env=env, timeout=300)


def test_s1info_and_s1grd_through_qgis_process(tmp_path):
    proc = _qp(tmp_path, "sensetrack:s1info", f"INPUT={os.path.join(S1_DATA, GRD + '.SAFE', 'manifest.safe')}",
               f"OUTPUT_JSON={tmp_path / 'grd.json'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert res["RELATIVE_ORBIT"] == 168 and res["PASS"] == "DESCENDING"
    assert res["RANGE_PIXEL_SPACING"] == 10.0
    assert json.load(open(tmp_path / "grd.json"))["name"]["product_type"] == "GRD"
    os.makedirs(tmp_path / "fx")
    safe = make_grd_safe(str(tmp_path / "fx"))
    out = tmp_path / "s0.tif"
    proc = _qp(tmp_path, "sensetrack:s1grd", f"INPUT={safe}", "POLARISATION=VV", "CALIBRATION=gamma0", "DB=true",
               "PIXEL_SIZE=2000", f"OUTPUT={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ds = gdal.Open(str(out))
    assert ds.GetRasterBand(1).GetDescription() == "GAMMA0_VV_DB"
    assert np.isfinite(ds.ReadAsArray()).mean() > 0.5


def test_bad_inputs_fail_with_clear_message_and_write_nothing(tmp_path):
    data = open(os.path.join(S1_DATA, SLC + ".zip"), "rb").read()
    bad = tmp_path / (SLC + ".zip")
    bad.write_bytes(data[: len(data) // 3])
    out = tmp_path / "m.json"
    proc = _qp(tmp_path, "sensetrack:s1info", f"INPUT={bad}", f"OUTPUT_JSON={out}")
    assert proc.returncode != 0
    assert "truncated or corrupt" in proc.stdout + proc.stderr
    assert not out.exists()
    # the real GRD subset ships no calibration LUTs
    proc = _qp(tmp_path, "sensetrack:s1grd", f"INPUT={os.path.join(S1_DATA, GRD + '.SAFE')}",
               f"OUTPUT={tmp_path / 'x.tif'}")
    assert proc.returncode != 0 and "no calibration file" in proc.stdout + proc.stderr
    assert not (tmp_path / "x.tif").exists()
