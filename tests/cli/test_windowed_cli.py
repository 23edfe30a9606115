"""sensetrack:phasecorrelation / sensetrack:ncc through qgis_process.bin (isolated profile)."""
import json
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, SAMPLE, band_names, read_band

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path_factory.mktemp("profile")))

    def _run(*args):
        return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=300)

    return _run


@pytest.mark.parametrize("name", ["phasecorrelation", "ncc"])
def test_windowed_tracker_runs_from_qgis_process(run, tmp_path, name):
    out, pts = str(tmp_path / f"{name}.tif"), str(tmp_path / f"{name}.gpkg")
    proc = run("run", f"sensetrack:{name}", "--json", "--", f"REFERENCE={SAMPLE}/reference.tif",
               f"TARGET={SAMPLE}/target.tif", "WINDOW_SIZE=32", "STEP=8", f"OUTPUT={out}", f"OUTPUT_VECTORS={pts}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert result["OUTPUT"] == out and result["UNITS"] == "m" and os.path.exists(pts)
    assert band_names(out)[:4] == ["DX", "DY", "MAGNITUDE", "DIRECTION"]
    dx, dy = read_band(out, 1), read_band(out, 2)
    assert np.nanmax(dx) == pytest.approx(20.0, abs=3.0)  # lobe peak: 2 px east at 10 m
    assert np.nanmin(dy) == pytest.approx(-30.0, abs=3.0)  # 3 px south


def test_bad_window_exits_non_zero(run, tmp_path):
    out = tmp_path / "o.tif"
    proc = run("run", "sensetrack:ncc", "--", f"REFERENCE={SAMPLE}/reference.tif", f"TARGET={SAMPLE}/target.tif",
               "WINDOW_SIZE=1024", f"OUTPUT={out}")
    assert proc.returncode != 0 and "larger than the image" in proc.stdout + proc.stderr
    assert not out.exists()
