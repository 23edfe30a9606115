"""Bad parameter values through qgis_process: non-zero exit, the value named as typed, no traceback (issue 19)."""
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, write_tif

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


@pytest.fixture(scope="module")
def qp(tmp_path_factory):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path_factory.mktemp("profile")))

    def run(alg, *params):
        return subprocess.run([SCRIPT, "run", f"sensetrack:{alg}", "--", *params], capture_output=True, text=True,
                              env=env, timeout=300)

    return run


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pair")
    base = np.random.default_rng(5).random((40, 40)).astype(np.float32)
    return write_tif(folder / "a.tif", base), write_tif(folder / "b.tif", np.roll(base, 1, axis=0))


@pytest.mark.parametrize("alg,param,message", [
    ("farneback", "PYR_SCALE=nan", "PYR_SCALE = nan is not a finite number"),
    ("farneback", "LEVELS=nan", "LEVELS = nan is not a finite number"),
    ("phasecorrelation", "STEP=1e12", "STEP = 1e12 is too large"),
])
def test_bad_numbers_exit_non_zero_naming_the_value(qp, tmp_path, pair, alg, param, message):
    out = tmp_path / "o.tif"
    proc = qp(alg, f"REFERENCE={pair[0]}", f"TARGET={pair[1]}", f"OUTPUT={out}", param)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and message in text
    assert "Traceback" not in text and "-2147483648" not in text
    assert not out.exists() and not [n for n in os.listdir(tmp_path) if n.startswith(".")]


def test_one_pixel_pair_exits_with_the_minimum_size(qp, tmp_path):
    one = write_tif(tmp_path / "one.tif", np.ones((1, 1), np.float32))
    proc = qp("ilk", f"REFERENCE={one}", f"TARGET={one}", f"OUTPUT={tmp_path / 'o.tif'}")
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "at least 2x2 pixels" in text and "Traceback" not in text


def test_enum_index_from_the_help_runs(qp, tmp_path, pair):
    out = tmp_path / "o.tif"
    proc = qp("farneback", f"REFERENCE={pair[0]}", f"TARGET={pair[1]}", f"OUTPUT={out}", "PREPROCESSING=7")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "preprocessed with 'wallis'" in proc.stdout + proc.stderr and out.exists()
