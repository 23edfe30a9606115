"""Issue 19 part 5 through qgis_process: SIGTERM in the middle of a run leaves nothing behind.

qgis_process runs farneback with a PREPROCESSING step on a moderately large pair; once the preprocessed
copies exist in TMPDIR, the process gets SIGTERM. It must exit non-zero saying it was interrupted, and
leave nothing in the destination folder or TMPDIR (no hidden ``.o.part-*.tif``, no ``sensetrack-prep-*``).
"""
import hashlib
import os
import signal
import subprocess
import time

import numpy as np
import pytest
from helpers import ROOT, write_tif

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


def _digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _ours(folder):
    """What SenseTrack left in ``folder`` (QGIS' own runtime files are not ours)."""
    out = []
    for base, dirs, names in os.walk(folder):
        for name in names + dirs:
            if "sensetrack" in name or ".part" in name or name.startswith("o."):
                out.append(os.path.relpath(os.path.join(base, name), folder))
    return out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_during_qgis_process_leaves_nothing(tmp_path, signum):
    rng = np.random.default_rng(1)
    n = 2500
    a = rng.random((n, n)).astype("f4")
    ref = write_tif(tmp_path / "ref.tif", a)
    tar = write_tif(tmp_path / "tar.tif", np.roll(a, 1, axis=0))
    before = {p: _digest(p) for p in (ref, tar)}
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    tmp = tmp_path / "TMP"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    proc = subprocess.Popen([SCRIPT, "run", "sensetrack:farneback", "--", f"REFERENCE={ref}", f"TARGET={tar}",
                             "PREPROCESSING=wallis", f"OUTPUT={out_dir / 'o.tif'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    deadline = time.time() + 240
    # wait until the run is under way: its preprocessing folder exists in TMPDIR
    while time.time() < deadline and proc.poll() is None:
        if any(name.startswith("sensetrack-prep-") for name in os.listdir(tmp)):
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be interrupted: " + proc.stderr.read().decode()
    time.sleep(0.5)
    # the wrapper script runs qgis_process.bin as a child: signal the whole session like a terminal would
    os.killpg(proc.pid, signum)
    stdout, stderr = proc.communicate(timeout=240)
    text = stdout.decode("utf-8", "replace") + stderr.decode("utf-8", "replace")
    assert proc.returncode != 0, text
    assert f"interrupted ({signal.Signals(signum).name})" in text, text
    assert "Traceback" not in text
    assert os.listdir(out_dir) == [], os.listdir(out_dir)
    assert _ours(tmp) == [], _ours(tmp)
    assert {p: _digest(p) for p in (ref, tar)} == before
