"""sensetrack:snapgraph through qgis_process.bin with the stand-in gpt (SNAP_GPT), success and gpt failure."""
import os
import stat
import subprocess

from helpers import ROOT, S1_DATA, needs_shared_data

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


@needs_shared_data
def test_the_three_shipped_graph_algorithms_run_through_qgis_process(tmp_path):
    import pytest

    pytest.importorskip("h5py")
    import sys

    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from product_fixtures import write_csk

    gpt = tmp_path / "gpt"
    gpt.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE}" "$@"\n')
    gpt.chmod(gpt.stat().st_mode | stat.S_IEXEC)
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"), SNAP_GPT=str(gpt))
    slc = os.path.join(S1_DATA, "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4.SAFE",
                       "manifest.safe")
    s2 = tmp_path / "S2A_MSIL2A.zip"
    s2.write_bytes(b"PK")
    runs = {"snaps1": [f"INPUT={slc}", "GRAPH=s1_iw_slc_nosf", "TARGET_CRS=EPSG:32632"],
            "snapcosmo": [f"INPUT={write_csk(str(tmp_path))}"],
            "snaps2": [f"INPUT={s2}", "AOI=10,11,44,45 [EPSG:4326]"]}
    for name, args in runs.items():
        out = tmp_path / f"{name}.tif"
        proc = subprocess.run([SCRIPT, "run", f"sensetrack:{name}", "--", *args, f"OUTPUT={out}"],
                              capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, name + proc.stdout + proc.stderr
        assert out.exists()
