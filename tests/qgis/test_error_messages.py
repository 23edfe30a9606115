"""Issue 19 part 3 (the generic part): whatever fails, the user gets one clear message, never a traceback.

An exception SenseTrack did not foresee is reported with the algorithm and its inputs named (the traceback
goes to the log); disk full, read-only, permission and is-a-folder failures get their own message naming
the path. Item-specific messages are tested beside their algorithms.
"""
import errno
import os

import numpy as np
import pytest
from helpers import write_tif


@pytest.fixture
def pair(tmp_path):
    a = np.random.default_rng(0).random((40, 40)).astype("f4")
    return write_tif(tmp_path / "ref.tif", a), write_tif(tmp_path / "tar.tif", a)


def _fail_with(monkeypatch, exc):
    from sensetrack.algorithms.farneback import FarnebackAlgorithm

    def run_core(self, parameters, context, monitor):
        raise exc

    monkeypatch.setattr(FarnebackAlgorithm, "run_core", run_core)


def _message(pair, tmp_path, feedback=None):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        processing.run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1],
                                                "OUTPUT": str(tmp_path / "o.tif")}, feedback=feedback)
    text = str(info.value)
    assert "Traceback" not in text and 'File "' not in text
    assert not os.path.exists(tmp_path / "o.tif")
    return text


def test_unexpected_error_names_the_algorithm_and_inputs_and_logs_the_traceback(provider, pair, tmp_path,
                                                                                monkeypatch):
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        debug = []

        def pushDebugInfo(self, info):  # noqa: N802
            self.debug.append(info)

    _fail_with(monkeypatch, ZeroDivisionError("float division by zero"))
    feedback = Feedback()
    text = _message(pair, tmp_path, feedback)
    assert "sensetrack:farneback" in text and "ref.tif" in text and "tar.tif" in text
    assert "ZeroDivisionError" in text and "float division by zero" in text
    assert any("Traceback" in d and "run_core" in d for d in feedback.debug)


@pytest.mark.parametrize("code,words", [
    (errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission denied"),
    (errno.EISDIR, "is a folder"),
])
def test_os_errors_get_their_own_message_naming_the_path(provider, pair, tmp_path, monkeypatch, code, words):
    _fail_with(monkeypatch, OSError(code, os.strerror(code), "/data/out/o.tif"))
    text = _message(pair, tmp_path)
    assert words in text and "/data/out/o.tif" in text


def test_gdal_disk_full_text_is_recognised(provider, pair, tmp_path, monkeypatch):
    _fail_with(monkeypatch, RuntimeError("TIFFAppendToStrip: Write error: No space left on device"))
    assert "disk is full" in _message(pair, tmp_path)


def test_huge_exception_text_is_truncated(provider, pair, tmp_path, monkeypatch):
    _fail_with(monkeypatch, ValueError("x" * 5_000_000))
    text = _message(pair, tmp_path)
    assert len(text) < 2000 and "5000000 characters" in text


def test_output_that_is_a_folder_or_on_a_read_only_disk(provider, pair, tmp_path):
    import processing
    from fs_helpers import tmpfs
    from qgis.core import QgsProcessingException

    (tmp_path / "dir.tif").mkdir()
    with pytest.raises(QgsProcessingException, match="is a folder"):
        processing.run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1],
                                                "OUTPUT": str(tmp_path / "dir.tif")})
    with tmpfs(tmp_path / "ro", 64, read_only=True) as ro:
        with pytest.raises(QgsProcessingException, match="read-only"):
            processing.run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1],
                                                    "OUTPUT": os.path.join(ro, "o.tif")})
