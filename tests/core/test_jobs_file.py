"""Job files, planning and the in-process runner (no Dask needed)."""
import os
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import yaml
from osgeo import gdal

from jobs_support import PAIR, assert_same_outputs, cli_env, partial_files, read_outputs, run_cli, write_job
from sensetrack.core.errors import Cancelled, MissingDependencyError, ParameterError
from sensetrack.core.jobs import Task, pairwork, read_job, run_job, run_tasks
from sensetrack.core.jobs.runner import call_task, select
from sensetrack.core.jobs.tasks import plan
from sensetrack.core.postprocess.steps import filter_file
from sensetrack.core.progress import Monitor
from sensetrack.core.tracking.windowed.files import track_windows_file


def _job(tmp_path, data):
    path = tmp_path / "job.yaml"
    path.write_text(yaml.safe_dump(data))
    return str(path)


GOOD = {"output": "out", "pairs": [list(PAIR)], "tracker": {"method": "phasecorrelation"}}


@pytest.mark.parametrize("change, message", [
    ({"outptu": "x"}, "Unknown key 'outptu'"),
    ({"tracker": {"method": "phasecorrelation", "preset": 3}}, "'tracker.preset' must be a text"),
    ({"tracker": {"metod": "ncc"}}, "Unknown key 'tracker.metod'"),
    ({"tracker": {"method": "fast"}}, "'tracker.method' must be one of phasecorrelation, ncc, farneback"),
    ({"tracker": {"method": "ncc", "parameters": {"serch_range": 4}}},
     "'tracker.parameters': Unknown parameter(s): 'serch_range'"),
    ({"tracker": {"method": "phasecorrelation", "parameters": {"window": 4}}}, "'window' must be a whole number"),
    ({"pairs": [[PAIR[0], "missing.tif"]]}, "'pairs[0].target': the file 'missing.tif' does not exist"),
    ({"pairs": [{"reference": PAIR[0], "target": PAIR[1], "when": 1}]}, "unknown key 'pairs[0].when'"),
    ({"pairs": [list(PAIR), list(PAIR)]}, "two pairs have the product name 'reference__target'"),
    ({"execution": {"retries": True}}, "'execution.retries' must be a whole number"),
    ({"execution": {"tile_budget": 10}}, "'execution.tile_budget' must be at least 65536"),
    ({"filtering": {"median_treshold": 2}}, "'filtering': Unknown parameter(s): 'median_treshold'"),
    ({"stable_mask": {"invert": True}}, "The job needs the key 'stable_mask.path'"),
    ({"inversion": True}, "'inversion' needs 'images'"),
    ({"pairs": []}, "The job needs 'pairs'"),
])
def test_bad_job_files_name_the_key(tmp_path, change, message):
    with pytest.raises(ParameterError) as exc:
        read_job(_job(tmp_path, {**GOOD, **change}))
    assert message in str(exc.value)


def test_job_resolves_relative_paths_presets_and_parameters(tmp_path):
    (tmp_path / "preset.yaml").write_text(yaml.safe_dump({"method": "ncc", "parameters": {"search_range": 5}}))
    job = read_job(_job(tmp_path, {**GOOD, "output": "res", "tracker": {
        "method": "ncc", "preset": "preset.yaml", "parameters": {"window": 48, "search_range": 9}}}))
    assert job.output == str(tmp_path / "res")
    assert job.parameters["search_range"] == 5 and job.parameters["window"] == 48 and job.parameters["step"] == 16
    assert job.pairs[0].name == "reference__target"


def test_cli_exit_codes_and_one_line_errors(tmp_path):
    bad = _job(tmp_path, {**GOOD, "tracker": {"method": "phasecorrelation", "parameters": {"windw": 3}}})
    res = run_cli("run", bad)
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "Unknown parameter(s): 'windw'" in res.stderr
    assert run_cli("run", str(tmp_path / "none.yaml")).returncode == 2
    assert not os.path.exists(tmp_path / "out")


def test_tiled_job_equals_whole_scene_tracking_and_filtering(tmp_path):
    """Blocks of the window grid tracked as separate tasks and merged give the whole-scene result exactly."""
    path = write_job(str(tmp_path), n_pairs=1, filtering=True)
    tasks = plan(read_job(path))
    assert [t.name.split()[0] for t in tasks] == ["tile"] * 4 + ["merge"]
    res = run_cli("run", path, "--dry-run", check=True)
    assert res.stdout.count("todo") == 5
    res = run_cli("run", path, check=True)
    assert "5/5 tasks" in res.stderr and "5 task(s) run" in res.stderr
    whole = str(tmp_path / "whole.tif")
    track_windows_file(PAIR[0], PAIR[1], whole, method="phase", window=32, step=8, tile=8)
    filter_file(whole, str(tmp_path / "whole_f.tif"))
    got = read_outputs(str(tmp_path / "out"))
    assert list(got) == ["pairs/reference__target.tif"]
    want = read_outputs(str(tmp_path))["whole_f.tif"]
    for band, arr in want["bands"].items():
        assert np.array_equal(arr, got["pairs/reference__target.tif"]["bands"][band], equal_nan=True), band
    assert np.isfinite(want["bands"]["DX"]).mean() > 0.9
    assert not os.path.exists(tmp_path / "out" / "tiles")  # blocks removed after the merge
    res = run_cli("run", path, check=True)  # everything complete: nothing runs
    assert "0 task(s) run, 5 skipped" in res.stderr


def test_dense_pairs_run_as_one_task_each(tmp_path):
    path = write_job(str(tmp_path), n_pairs=2, tiled=True, method="farneback")
    job = read_job(path)
    assert [t.name for t in plan(job)] == ["pair reference__target", "pair reference__shifted0"]
    report = run_job(job)
    assert report.done == ["pair reference__target", "pair reference__shifted0"]
    ds = gdal.Open(report.results["pair reference__target"])
    assert ds.GetMetadataItem("SENSETRACK_METHOD") == "farneback"


def test_a_bad_task_fails_the_job_with_its_name_after_the_others_and_leaves_no_partial_file(tmp_path):
    small = str(tmp_path / "small.tif")
    gdal.Translate(small, PAIR[1], srcWin=[0, 0, 300, 300])  # another grid: the tracker refuses it
    path = write_job(str(tmp_path), n_pairs=2, extra_pairs=[{"reference": PAIR[0], "target": small, "name": "bad"}])
    res = run_cli("run", path, "--quiet")
    assert res.returncode == 1
    assert "sensetrack: task 'tile bad r0 c0' failed:" in res.stderr
    assert "is not on the reference grid" in res.stderr
    assert "task(s) not run because a task they need failed" in res.stderr
    out = tmp_path / "out"
    assert sorted(os.listdir(out / "pairs")) == ["reference__shifted0.tif", "reference__target.tif"]
    assert not os.path.exists(out / "pairs" / "bad.tif") and partial_files(str(out)) == []


def _slow(output, seconds):
    time.sleep(seconds)
    with open(output, "w") as fh:
        fh.write("x")
    return output


def test_cancel_from_the_monitor_stops_after_running_tasks_and_resume_skips_them(tmp_path):
    outs = [str(tmp_path / f"t{i}.txt") for i in range(4)]
    tasks = [Task(f"t{i}", _slow, {"output": o, "seconds": 0.05}, (o,)) for i, o in enumerate(outs)]
    seen = []

    def callback(fraction, message):
        seen.append(message)
        return len(seen) < 2  # cancel when the first task has finished

    with pytest.raises(Cancelled):
        run_tasks(tasks, monitor=Monitor(callback), threads=1)
    assert os.path.exists(outs[0]) and not os.path.exists(outs[3])
    todo, skipped = select(tasks)
    assert [t.name for t in skipped] == ["t0"]
    assert seen[0].startswith("0/4 tasks")


def test_an_interrupted_job_resumes_without_recomputing_and_ends_identical(tmp_path):
    ref_dir, job_dir = tmp_path / "uninterrupted", tmp_path / "interrupted"
    for d in (ref_dir, job_dir):
        d.mkdir()
    images = str(tmp_path / "images")
    path = write_job(str(job_dir), n_pairs=8, images_dir=images)
    run_cli("run", write_job(str(ref_dir), n_pairs=8, images_dir=images), "--quiet", check=True)
    pairs = job_dir / "out" / "pairs"
    proc = subprocess.Popen([sys.executable, "-m", "sensetrack.core.jobs.cli", "run", path, "--quiet"],
                            env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while time.time() < deadline and len(_products(pairs)) < 3:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finished = {n: os.stat(pairs / n).st_mtime_ns for n in _products(pairs)}
    assert 3 <= len(finished) < 8, "the job should be stopped half-way"
    dry = run_cli("run", path, "--dry-run", check=True).stdout.splitlines()
    assert {line.split()[2] for line in dry if line.startswith("done  merge")} == {n[:-4] for n in finished}
    assert sum(line.startswith("todo") for line in dry) <= 5 * (8 - len(finished))
    res = run_cli("run", path, check=True)
    ran, skipped = re.search(r"(\d+) task\(s\) run, (\d+) skipped", res.stderr).groups()
    assert int(skipped) >= 5 * len(finished) and int(ran) + int(skipped) == 40
    for n, mtime in finished.items():  # nothing computed twice
        assert os.stat(pairs / n).st_mtime_ns == mtime
    assert partial_files(str(job_dir / "out")) == []
    assert_same_outputs(read_outputs(str(ref_dir / "out")), read_outputs(str(job_dir / "out")))


def test_blocks_a_killed_merge_left_behind_are_removed_by_the_next_run(tmp_path, monkeypatch):
    """A run killed after a merge renamed its product but before it deleted the blocks leaves them: the next run
    finds the product complete and removes them, and keeps the blocks of a merge still to run (its input)."""
    path = write_job(str(tmp_path), n_pairs=2)
    monkeypatch.setattr(pairwork, "discard", lambda paths: [])  # "killed" before the blocks are deleted
    run_job(read_job(path))
    monkeypatch.undo()
    out = tmp_path / "out"
    clean = read_outputs(str(out / "pairs"))
    first, second = sorted(os.listdir(out / "pairs"))
    assert len(os.listdir(out / "tiles" / first[:-4])) == 4 and len(os.listdir(out / "tiles" / second[:-4])) == 4
    stamp = os.stat(out / "pairs" / first).st_mtime_ns
    os.remove(out / "pairs" / second)  # its merge must run again, from its blocks
    (out / "tiles" / "notes.txt").write_text("the user's")  # not ours: kept, and so is the folder
    report = run_job(read_job(path))
    assert report.done == [f"merge {second[:-4]}"] and len(report.skipped) == 9
    assert os.stat(out / "pairs" / first).st_mtime_ns == stamp
    assert os.listdir(out / "tiles") == ["notes.txt"]
    assert_same_outputs(clean, read_outputs(str(out / "pairs")))


def test_a_merge_retried_after_a_kill_mid_cleanup_only_finishes_the_cleanup(tmp_path, monkeypatch):
    """Dask retries a task whose worker died. A merge killed after renaming its product, while deleting its
    blocks, cannot merge again (a block is gone): the retry sees the product complete and only cleans up."""
    path = write_job(str(tmp_path), n_pairs=1)
    monkeypatch.setattr(pairwork, "discard", lambda paths: os.remove(paths[0]))  # killed after the first block
    run_job(read_job(path))
    monkeypatch.undo()
    merge = plan(read_job(path))[-1]
    product = merge.outputs[0]
    stamp = os.stat(product).st_mtime_ns
    assert [os.path.exists(p) for p in merge.scratch[:4]] == [False, True, True, True]
    assert call_task(merge.func, merge.kwargs, merge.outputs, merge.scratch) == ("ok", os.path.abspath(product))
    assert not os.path.exists(tmp_path / "out" / "tiles") and os.stat(product).st_mtime_ns == stamp
    state, message = call_task(merge.func, merge.kwargs)  # what a retry did before: the block is missing
    assert state == "error" and message.endswith("r00000_c00000.tif' is missing or incomplete; rerun the job.")


def _products(folder):
    return [n for n in os.listdir(folder) if n.endswith(".tif") and not n.startswith(".")] if folder.is_dir() else []


def test_without_dask_local_runs_in_process_and_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if Dask were not installed
    out = str(tmp_path / "a.txt")
    messages = []
    report = run_tasks([Task("a", _slow, {"output": out, "seconds": 0}, (out,))], scheduler="local:2",
                       log=messages.append)
    assert report.done == ["a"] and report.scheduler == "in-process (Dask missing)"
    assert "python3-distributed" in messages[0] and 'pip install "sensetrack[dask]"' in messages[0]
    with pytest.raises(MissingDependencyError, match="Sending the job to 'tcp://127.0.0.1:8786' needs Dask"):
        run_tasks([Task("b", _slow, {"output": out + "2", "seconds": 0}, (out + "2",))],
                  scheduler="tcp://127.0.0.1:8786")
