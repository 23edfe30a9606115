"""The standing guard through qgis_process (issue 19): exit code, console text and files, as a user sees them.

Most of the sweep runs in process (tests/qgis/test_robustness.py); these runs check what only the real
command line shows: a non-zero exit, no traceback anywhere on the console, nothing left behind. With
SENSETRACK_FUZZ=1 (``make fuzz``) every algorithm also gets a text file as its input.
"""
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, write_tif
from robustness import digest

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")
FULL = bool(os.environ.get("SENSETRACK_FUZZ"))


def _qp(tmp_path, alg, *args):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"), TMPDIR=str(tmp_path / "TMP"))
    os.makedirs(tmp_path / "TMP", exist_ok=True)
    proc = subprocess.run([SCRIPT, "run", alg, "--", *args], capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def _check(tmp_path, rc, text, inputs, before, out_dir):
    assert rc != 0, text
    assert "Traceback" not in text and 'File "' not in text, text
    assert {p: digest(p) for p in inputs} == before
    assert os.listdir(out_dir) == [], os.listdir(out_dir)
    assert [n for n in os.listdir(tmp_path / "TMP") if "sensetrack" in n] == []


def _case(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    one = write_tif(tmp_path / "one.tif", np.ones((1, 1), "f4"))
    tex = write_tif(tmp_path / "tex.tif", np.random.default_rng(0).random((40, 40)).astype("f4"))
    return {
        # 1x1 pair: was a scikit-image traceback
        "ilk_1x1": ("sensetrack:ilk", [f"REFERENCE={one}", f"TARGET={one}", f"OUTPUT={out}/o.tif"], [one]),
        # NaN in a tuning parameter: was NaN passed on (or -2147483648 for whole numbers)
        "farneback_nan": ("sensetrack:farneback", [f"REFERENCE={tex}", f"TARGET={tex}", "PYR_SCALE=NaN",
                                                   "LEVELS=1e12", f"OUTPUT={out}/o.tif"], [tex]),
        # the output on the input
        "table_is_input": ("sensetrack:filteroffsets", [f"INPUT={tex}", f"OUTPUT={out}/o.tif", f"TABLE={tex}"],
                           [tex]),
    }[name], out


@pytest.mark.parametrize("name", ["ilk_1x1", "farneback_nan"] + (["table_is_input"] if FULL else []))
def test_bad_runs_through_qgis_process(tmp_path, name):
    (alg, args, inputs), out = _case(tmp_path, name)
    before = {p: digest(p) for p in inputs}
    rc, text = _qp(tmp_path, alg, *args)
    _check(tmp_path, rc, text, inputs, before, out)


def _names():
    if not FULL:
        return []
    from sensetrack.algorithms import algorithm_classes

    return [cls.NAME for cls in algorithm_classes()]


@pytest.mark.skipif(not FULL, reason="full sweep: SENSETRACK_FUZZ=1 (make fuzz)")
@pytest.mark.parametrize("name", _names())
def test_every_algorithm_given_a_text_file(tmp_path, name):
    text_file = tmp_path / "notes.tif"
    text_file.write_text("not an image\n" * 10)
    before = {str(text_file): digest(text_file)}
    out = tmp_path / "out"
    out.mkdir()
    args = [f"{p}={text_file}" for p in ("INPUT", "REFERENCE", "TARGET", "GRAPH")] + [f"OUTPUT={out}/o.tif"]
    rc, text = _qp(tmp_path, f"sensetrack:{name}", *args)
    _check(tmp_path, rc, text, [str(text_file)], before, out)
