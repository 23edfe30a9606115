"""Issue 19 part 5 "Interruption": SIGTERM/SIGINT clean up as Cancel does, and the message is true.

In process: a feedback sends the signal to this very process when the run reaches a given progress, so the
handler fires at a known point (while temporary files and folders exist). The destination folder must then
hold only the inputs, the temporary folder nothing, and the message must say what exists.
"""
import hashlib
import os
import signal
import tempfile

import numpy as np
import pytest
from helpers import needs_shared_data, write_tif


def _digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _signalling_feedback(at: float, signum: int):
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        sent = False

        def setProgress(self, value):  # noqa: N802 - called from Python by the monitor
            super().setProgress(value)
            if value >= at and not self.sent:
                self.sent = True
                os.kill(os.getpid(), signum)

    return Feedback()


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    folder = tmp_path / "TMP"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _pair(folder, n=300):
    rng = np.random.default_rng(0)
    a = rng.random((n, n)).astype("f4")
    return write_tif(folder / "ref.tif", a), write_tif(folder / "tar.tif", np.roll(a, 2, axis=1))


def _run_interrupted(alg, params, at, signum, inputs, data, temp_dir):
    import processing
    from qgis.core import QgsProcessingException

    before = {p: _digest(p) for p in inputs}
    with pytest.raises(QgsProcessingException) as info:
        processing.run(alg, params, feedback=_signalling_feedback(at, signum))
    message = str(info.value)
    assert f"interrupted ({signal.Signals(signum).name})" in message, message
    assert {p: _digest(p) for p in inputs} == before
    assert os.listdir(temp_dir) == [], "temporary files were left"
    return message


CASES = {
    "farneback+wallis": ("sensetrack:farneback", lambda d, r, t: {"REFERENCE": r, "TARGET": t,
                                                                  "PREPROCESSING": "wallis",
                                                                  "OUTPUT": str(d / "out" / "o.tif")}),
    "phasecorrelation": ("sensetrack:phasecorrelation", lambda d, r, t: {
        "REFERENCE": r, "TARGET": t, "WINDOW_SIZE": 32, "STEP": 8, "OUTPUT": str(d / "out" / "o.tif"),
        "OUTPUT_VECTORS": str(d / "out" / "o.gpkg")}),
    "highpass": ("sensetrack:highpass", lambda d, r, t: {"INPUT": r, "OUTPUT": str(d / "out" / "o.tif")}),
}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("case", list(CASES))
def test_signal_mid_run_leaves_nothing(provider, tmp_path, temp_dir, case, signum):
    alg, build = CASES[case]
    (tmp_path / "out").mkdir()
    ref, tar = _pair(tmp_path)
    message = _run_interrupted(alg, build(tmp_path, ref, tar), 40, signum, [ref, tar], tmp_path, temp_dir)
    assert "no output was written" in message
    assert os.listdir(tmp_path / "out") == []
    # the previous handlers are back (pytest's SIGINT handling, default SIGTERM)
    assert signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None) or callable(signal.getsignal(signal.SIGTERM))


@needs_shared_data
def test_s1grd_signal_removes_its_work_folder_and_part_file(provider, tmp_path, temp_dir):
    from s1_fixture import make_grd_safe

    os.makedirs(tmp_path / "in")
    safe = make_grd_safe(str(tmp_path / "in"))
    (tmp_path / "out").mkdir()
    manifest = os.path.join(safe, "manifest.safe")
    _run_interrupted("sensetrack:s1grd", {"INPUT": manifest, "POLARISATION": "VV", "TARGET_CRS": "EPSG:32632",
                                          "PIXEL_SIZE": 1000, "OUTPUT": str(tmp_path / "out" / "g.tif")},
                     30, signal.SIGTERM, [manifest], tmp_path, temp_dir)
    assert os.listdir(tmp_path / "out") == []  # no .part file, no hidden .sensetrack-s1grd- folder


def test_signal_after_the_output_is_complete_says_so(provider, tmp_path, temp_dir):
    """A signal at 100 % arrives after the rename: the message names the kept, complete output."""
    from sensetrack.core.output_checks import verify_file

    (tmp_path / "out").mkdir()
    ref, _ = _pair(tmp_path)
    out = str(tmp_path / "out" / "o.tif")
    message = _run_interrupted("sensetrack:highpass", {"INPUT": ref, "OUTPUT": out}, 100, signal.SIGTERM, [ref],
                               tmp_path, temp_dir)
    if os.path.exists(out):
        assert "were complete" in message and "o.tif" in message
        verify_file(out, out)
    else:
        assert "no output was written" in message
    assert [n for n in os.listdir(tmp_path / "out") if ".part" in n] == []


def test_handlers_are_restored_after_a_run(provider, tmp_path):
    import processing

    ref, _ = _pair(tmp_path, 40)
    term, intr = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    processing.run("sensetrack:highpass", {"INPUT": ref, "OUTPUT": str(tmp_path / "h.tif")})
    assert signal.getsignal(signal.SIGTERM) is term and signal.getsignal(signal.SIGINT) is intr
