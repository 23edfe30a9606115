"""The zip installs in a clean QGIS profile and its algorithms run."""
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest
from helpers import ROOT, SAMPLE, read_band


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist") / "sensetrack.zip"
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "package.py"), str(out)], check=True,
                   capture_output=True)
    return out


def test_zip_holds_only_the_plugin(package):
    names = zipfile.ZipFile(package).namelist()
    assert all(n.startswith("sensetrack/") for n in names)
    for needed in ("sensetrack/metadata.txt", "sensetrack/__init__.py", "sensetrack/LICENSE",
                   "sensetrack/provider/provider.py", "sensetrack/core/tracking/dense.py", "sensetrack/resources/icon.svg"):
        assert needed in names
    assert not [n for n in names if "/tests/" in n or "__pycache__" in n or n.endswith((".pyc", ".ts"))]
    assert not [n for n in names if n.split("/")[1] in ("scripts", "sample_data", ".ci", "Makefile", "docs")]
    if any(f.endswith(".ts") for f in os.listdir(os.path.join(ROOT, "i18n"))):
        assert [n for n in names if n.endswith(".qm")], "compiled translations missing"


def test_zip_installs_in_clean_profile_and_runs(package, tmp_path):
    profile = tmp_path / "profile"
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(package).extractall(plugins)
    env = {k: v for k, v in os.environ.items() if k != "QGIS_PLUGINPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profile))
    enable = subprocess.run(["qgis_process.bin", "plugins", "enable", "sensetrack"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "disp.tif"
    run = subprocess.run(["qgis_process.bin", "run", "sensetrack:farneback", "--",
                          f"REFERENCE={SAMPLE}/reference.tif", f"TARGET={SAMPLE}/target.tif", f"OUTPUT={out}"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    dx = read_band(out, 1)
    assert np.isfinite(dx).mean() > 0.95
