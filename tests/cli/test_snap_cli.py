"""sensetrack:snapgraph through qgis_process.bin with the stand-in gpt (SNAP_GPT), success and gpt failure."""
import os
import stat
import subprocess

from helpers import ROOT

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")
FAKE = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")
GRAPH = os.path.join(ROOT, "resources", "snap", "graphs", "s1_grd.xml")


def test_snapgraph_runs_and_reports_gpt_errors(tmp_path):
    gpt = tmp_path / "gpt"
    gpt.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE}" "$@"\n')
    gpt.chmod(gpt.stat().st_mode | stat.S_IEXEC)
    product = tmp_path / "p.zip"
    product.write_bytes(b"PK")
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"), SNAP_GPT=str(gpt))
    args = [SCRIPT, "run", "sensetrack:snapgraph", "--", f"GRAPH={GRAPH}",
            f"PARAMETERS=input,{product},pixelSpacing,10,mapProjection,EPSG:32632"]
    proc = subprocess.run(args + [f"OUTPUT={tmp_path / 'ok.tif'}"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "ok.tif").exists() and "90%" in proc.stdout
    env["FAKE_GPT_FAIL"] = "1"
    proc = subprocess.run(args + [f"OUTPUT={tmp_path / 'bad.tif'}"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode != 0 and "SNAP gpt failed" in proc.stdout + proc.stderr
    assert not (tmp_path / "bad.tif").exists()
