"""End to end through qgis_process.bin with an isolated QGIS profile."""
import json
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, SAMPLE, read_band

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    profile = tmp_path_factory.mktemp("profile")
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(profile))

    def run(*args, check=True):
        proc = subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"qgis_process failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    return run


def test_list_shows_the_trackers(qgis_process):
    out = qgis_process("list").stdout
    for name in ("farneback", "ilk", "tvl1"):
        assert f"sensetrack:{name}" in out


@pytest.mark.parametrize("name", ["farneback", "ilk", "tvl1"])
def test_run_on_sample_pair(qgis_process, tmp_path, name):
    out = str(tmp_path / f"{name}.tif")
    proc = qgis_process("run", f"sensetrack:{name}", "--json", "--",
                        f"REFERENCE={SAMPLE}/reference.tif", f"TARGET={SAMPLE}/target.tif", f"OUTPUT={out}")
    result = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert result["results"]["OUTPUT"] == out and result["results"]["UNITS"] == "m"
    dx, dy = read_band(out, 1), read_band(out, 2)
    tdx, tdy = read_band(f"{SAMPLE}/truth.tif", 1), read_band(f"{SAMPLE}/truth.tif", 2)
    ok = np.isfinite(dx)
    assert np.sqrt(np.mean((dx - tdx)[ok] ** 2 + (dy - tdy)[ok] ** 2)) < 0.8


def test_bad_input_exits_non_zero_with_message(qgis_process, tmp_path):
    out = tmp_path / "o.tif"
    proc = qgis_process("run", "sensetrack:farneback", "--", f"REFERENCE={SAMPLE}/reference.tif",
                        f"TARGET={SAMPLE}/truth.tif", "TARGET_BAND=9", f"OUTPUT={out}", check=False)
    assert proc.returncode != 0
    assert "Band 9 does not exist" in proc.stdout + proc.stderr
    assert not out.exists()


def test_concurrent_runs_with_temporary_outputs_do_not_collide(tmp_path):
    """Many qgis_process calls at once (a shell batch) each get their own temporary output."""
    profile = tmp_path / "profile"
    profile.mkdir()
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(profile))
    args = [SCRIPT, "run", "sensetrack:farneback", "--json", "--", f"REFERENCE={SAMPLE}/reference.tif",
            f"TARGET={SAMPLE}/target.tif", "OUTPUT=TEMPORARY_OUTPUT"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(3)]
    results = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        results.append(json.loads(stdout[stdout.index("{"):])["results"])
    # qgis_process deletes its temporary folder on exit, so compare what each run reported
    assert len({r["OUTPUT"] for r in results}) == 3
    assert len({r["VALID_FRACTION"] for r in results}) == 1 and 0.5 < results[0]["VALID_FRACTION"] < 1
