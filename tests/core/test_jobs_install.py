"""``pip install .`` into a fresh virtual environment, then ``sensetrack run`` on the sample data.

No QGIS, no sys.path editing: the installed package and its command alone.
"""
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
import yaml
from osgeo import gdal

from helpers import ROOT, SAMPLE

pytestmark = pytest.mark.slow  # about 10-30 s: builds a wheel and a venv (offline: --no-build-isolation)

PACKAGE_FILES = ["pyproject.toml", "setup.py", "__init__.py", "README.md", "LICENSE", "core",
                 os.path.join("resources", "snap", "graphs")]


def _copy_sources(dest):
    """The files pip needs, copied so the build leaves nothing in the checkout (build/, *.egg-info)."""
    for rel in PACKAGE_FILES:
        src, dst = os.path.join(ROOT, rel), os.path.join(dest, rel)
        if os.path.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    # a plugin module that imports qgis: it must not be installed
    shutil.copy2(os.path.join(ROOT, "plugin.py"), os.path.join(dest, "plugin.py"))


def test_pip_install_gives_the_sensetrack_package_and_command(tmp_path):
    src, venv, work = tmp_path / "src", tmp_path / "venv", tmp_path / "work"
    _copy_sources(str(src))
    base = getattr(sys, "_base_executable", sys.executable)  # the system python (GDAL from the system)
    subprocess.run([base, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                          "--no-build-isolation", "--no-index", "--disable-pip-version-check", str(src)],
                         capture_output=True, text=True, env=env)
    assert pip.returncode == 0, pip.stderr
    work.mkdir()
    check = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import sys, os, sensetrack, sensetrack.core.jobs, sensetrack.core.tracking, sensetrack.core.snap as s\n"
         "print(os.path.dirname(sensetrack.__file__))\n"
         "print(any(k == 'qgis' or k.startswith('qgis.') for k in sys.modules))\n"
         "print(len(s.shipped_graphs()))\n"],
        capture_output=True, text=True, env=env, cwd=str(work), check=True).stdout.split()
    installed = check[0]
    assert installed.startswith(str(venv)) and check[1] == "False" and int(check[2]) >= 7
    assert os.path.isfile(os.path.join(installed, "core", "jobs", "cli.py"))
    assert not any(os.path.exists(os.path.join(installed, n)) for n in ("plugin.py", "provider", "algorithms"))
    job = work / "job.yaml"
    job.write_text(yaml.safe_dump({
        "output": "out", "pairs": [[os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif")]],
        "tracker": {"method": "phasecorrelation", "parameters": {"window": 32, "step": 8}}}))
    run = subprocess.run([str(venv / "bin" / "sensetrack"), "run", "job.yaml"], capture_output=True, text=True,
                         env=env, cwd=str(work))
    assert run.returncode == 0, run.stderr
    assert "1 task(s) run" in run.stderr
    ds = gdal.Open(str(work / "out" / "pairs" / "reference__target.tif"))
    dx = ds.GetRasterBand(1).ReadAsArray()
    tds = gdal.Open(os.path.join(SAMPLE, "truth.tif"))  # kept: a band must not outlive its dataset
    truth = tds.GetRasterBand(1).ReadAsArray()[16::8, 16::8][:dx.shape[0], :dx.shape[1]]
    assert ds.GetRasterBand(1).GetDescription() == "DX"
    assert ds.GetMetadataItem("SENSETRACK_METHOD") == "phasecorrelation"
    # the lobe moves up to 2 px (20 m) east; 32-px windows smooth it, so compare with the truth at the window centres
    err = np.abs(dx - truth)[np.isfinite(dx)]
    assert np.nanmax(dx) > 10 and np.median(err) < 1.0, np.median(err)
