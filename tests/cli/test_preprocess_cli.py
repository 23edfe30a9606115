"""Preprocessing through qgis_process.bin: a co-registration with its reported shift, and a bad input."""
import json
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, write_tif

from sensetrack.core.synthetic import shifted_pair

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


def _run(tmp_path, *args):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    return subprocess.run([SCRIPT, "run", *args], capture_output=True, text=True, env=env, timeout=300)


def test_coregister_then_normalize(tmp_path):
    ref, tar = shifted_pair((80, 90), drow=-0.5, dcol=0.25, seed=4)
    r, t = write_tif(tmp_path / "r.tif", [ref]), write_tif(tmp_path / "t.tif", [tar])
    proc = _run(tmp_path, "sensetrack:coregister", "--json", "--", f"REFERENCE={r}", f"TARGET={t}",
                "ESTIMATE_SHIFT=true", "RESAMPLING=cubic", f"OUTPUT={tmp_path / 'c.tif'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert res["SHIFT_COL"] == pytest.approx(0.25, abs=0.05) and res["SHIFT_ROW"] == pytest.approx(-0.5, abs=0.05)
    proc = _run(tmp_path, "sensetrack:normalize", "--", f"INPUT={tmp_path / 'c.tif'}", "METHOD=zscore",
                f"OUTPUT={tmp_path / 'z.tif'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from osgeo import gdal

    z = gdal.Open(str(tmp_path / "z.tif")).ReadAsArray()
    assert abs(np.nanmean(z)) < 1e-4 and abs(np.nanstd(z) - 1) < 1e-4


def test_bad_input_exits_non_zero(tmp_path):
    path = tmp_path / "broken.tif"
    path.write_bytes(b"II*\x00 not really a tiff")
    proc = _run(tmp_path, "sensetrack:clahe", "--", f"INPUT={path}", f"OUTPUT={tmp_path / 'o.tif'}")
    assert proc.returncode != 0
    assert not (tmp_path / "o.tif").exists()
