"""The standing guard of issue 19: every algorithm fed generated bad inputs, in process (processing.run).

For each algorithm: empty, text, truncated, 1x1, constant and all-NaN inputs; NaN, huge and negative values
in each number parameter (on good inputs); each destination set to an input. Every run must end with a clear
message (no traceback) or a complete output, leave nothing under its destinations or in the temp folder, and
leave its inputs byte-identical (see tests/robustness.py).

``make test`` runs a representative subset (the first file cases, one number case, one destination case per
algorithm); ``make fuzz`` (SENSETRACK_FUZZ=1) runs the full sweep.
"""
import os
import stat
import tempfile

import pytest
from helpers import ROOT, SHARED_DATA
from robustness import FILE_CASES, build_runs, check_run, digest, make_inputs

FULL = bool(os.environ.get("SENSETRACK_FUZZ"))
# a file to list the runs that ended in the generic "unexpected error" message: each deserves a specific one
REPORT = os.environ.get("SENSETRACK_FUZZ_REPORT")
FAKE_GPT = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")


def _names():
    from sensetrack.algorithms import algorithm_classes

    return [cls.NAME for cls in algorithm_classes()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return make_inputs(str(tmp_path_factory.mktemp("robustness-inputs")))


@pytest.fixture
def gpt(tmp_path, monkeypatch):
    path = tmp_path / "gpt"
    path.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE_GPT}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("SNAP_GPT", str(path))


def _subset(runs):
    """The quick selection: three file cases, one bad number and one destination-is-input per algorithm."""
    if FULL:
        return runs
    files = [r for r in runs if r.case in FILE_CASES]
    numbers = [r for r in runs if r.case.endswith("=nan")]
    dests = [r for r in runs if r.case.endswith("=input")]
    picked = files[:2] + [r for r in files if r.case == "truncated"][:1] + numbers[:1] + dests[:1]
    return list({id(r): r for r in picked}.values())


@pytest.mark.parametrize("name", _names())
def test_bad_inputs_never_lose_data_nor_show_a_traceback(provider, inputs, gpt, tmp_path, monkeypatch, name):
    import processing
    from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

    alg = QgsApplication.processingRegistry().algorithmById(f"sensetrack:{name}")
    temp_dir = tmp_path / "TMP"
    temp_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_dir))
    runs = _subset(build_runs([alg], inputs, str(tmp_path)))
    if not runs and not os.path.isdir(SHARED_DATA):  # product readers' good inputs use the real metadata
        pytest.skip(f"{name} needs the real product metadata at {SHARED_DATA} (clone beside ../shared)")
    assert runs, f"no robustness run could be built for {name}"
    problems = []
    for run in runs:
        before = {p: digest(p) for p in run.inputs}
        ok, message, outputs = True, "", {}
        try:
            outputs = processing.run(f"sensetrack:{name}", run.params, feedback=QgsProcessingFeedback())
        except QgsProcessingException as exc:
            ok, message = False, str(exc)
        if REPORT and "failed on" in message:
            with open(REPORT, "a", encoding="utf-8") as fh:
                fh.write(f"{run.id}\t{message[:400]}\n")
        try:
            check_run(run, ok, message, outputs, str(temp_dir), before)
        except AssertionError as exc:
            problems.append(str(exc))
    assert not problems, f"{len(problems)} of {len(runs)} runs broke the rules:\n" + "\n".join(problems)
