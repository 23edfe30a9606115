"""Issue 19 part 2 through qgis_process: on a full disk the run fails clearly and the earlier file survives.

The reproduction of the issue: ``farneback ... OUTPUT=/full/prev.tif`` exited 1 but replaced the user's
``prev.tif`` with an all-NaN file; ``cosmoamplitude`` left a 0-byte file and exited 0.
"""
import os
import subprocess

import numpy as np
import pytest
from fs_helpers import digest, fill, leftovers, tmpfs
from helpers import ROOT, SAMPLE

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


def _qp(tmp_path, alg, *args):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    proc = subprocess.run([SCRIPT, "run", alg, "--", *args], capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def _cases(tmp_path):
    from product_fixtures import write_csk

    csk = write_csk(str(tmp_path), rows=300, cols=300)
    ref, tar = os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif")
    return [
        ("sensetrack:farneback", [f"REFERENCE={ref}", f"TARGET={tar}"]),
        ("sensetrack:wallis", [f"INPUT={ref}"]),
        ("sensetrack:cosmoamplitude", [f"INPUT={csk}"]),
    ]


def test_full_disk_through_qgis_process_keeps_the_previous_file(tmp_path):
    from sensetrack.core.output import write_raster

    pytest.importorskip("h5py")
    with tmpfs(tmp_path / "full", 4096) as full:
        prev = os.path.join(full, "prev.tif")
        write_raster(prev, {"DX": np.ones((40, 40), "f4")}, (0, 1, 0, 0, 0, -1))
        before = digest(prev)
        filler = fill(full, 1500)
        for alg, args in _cases(tmp_path):
            rc, text = _qp(tmp_path, alg, *args, f"OUTPUT={prev}")
            assert rc != 0, f"{alg} exited 0 on a full disk: {text}"
            assert "disk" in text and "prev.tif" in text, text
            assert "Traceback" not in text, text
            assert digest(prev) == before, f"{alg} changed the earlier file"
            assert leftovers(full, keep={"prev.tif"}) == [], f"{alg} left {leftovers(full, keep={'prev.tif'})}"
        os.remove(filler)
