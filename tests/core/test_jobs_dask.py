"""The job runner on Dask: LocalCluster worker processes, a killed worker, a remote scheduler on localhost."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from osgeo import gdal

from jobs_support import PAIR, assert_same_outputs, cli_env, partial_files, read_outputs, run_cli, write_job
from sensetrack.core.errors import Cancelled
from sensetrack.core.jobs import read_job, run_job
from sensetrack.core.progress import Monitor

distributed = pytest.importorskip("distributed", reason="Dask is not installed (Debian: python3-distributed)")


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory):
    """The in-process results of a 4-pair tiled job (20 tasks), computed once."""
    folder = tmp_path_factory.mktemp("inprocess")
    images = str(folder / "images")
    run_cli("run", write_job(str(folder), n_pairs=4, images_dir=images), "--quiet", check=True)
    return images, read_outputs(str(folder / "out"))


def test_local_cluster_of_two_processes_gives_the_in_process_results_and_names_a_bad_task(tmp_path, reference_run):
    """Good pairs equal the in-process run; a pair on another grid fails the job once, by name, and after the others."""
    images, expected = reference_run
    small = str(tmp_path / "small.tif")
    gdal.Translate(small, PAIR[1], srcWin=[0, 0, 300, 300])
    path = write_job(str(tmp_path), n_pairs=4, images_dir=images,
                     extra_pairs=[{"reference": PAIR[0], "target": small, "name": "bad"}])
    res = run_cli("run", path, "--scheduler", "local:2")
    assert res.returncode == 1
    assert "2 worker(s)" in res.stderr and "25/25 tasks" in res.stderr
    assert res.stderr.count("sensetrack: task 'tile bad r0 c0' failed: The target 'small.tif' is not on the "
                            "reference grid") == 1  # a bad input is not retried
    assert_same_outputs(expected, read_outputs(str(tmp_path / "out")))  # and no product or partial file for 'bad'
    assert partial_files(str(tmp_path / "out")) == []


def test_a_worker_killed_during_the_run_has_its_tasks_redone_and_the_job_ends_identical(tmp_path, reference_run):
    images, expected = reference_run
    job = read_job(write_job(str(tmp_path), n_pairs=4, images_dir=images))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=50)
    client = distributed.Client(cluster)
    killed = {}

    def kill_a_busy_worker():
        deadline = time.time() + 120
        while time.time() < deadline and not killed:
            busy = {w: keys for w, keys in client.processing().items() if keys}
            if busy:
                worker = sorted(busy)[0]
                pid = client.run(os.getpid, workers=[worker])[worker]
                killed.update(pid=pid, tasks=list(busy[worker]))
                os.kill(pid, signal.SIGKILL)
                return
            time.sleep(0.02)

    try:
        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        report = run_job(job, scheduler=cluster.scheduler_address)
        killer.join()
    finally:
        client.close()
        cluster.close()
    assert killed.get("tasks"), "no worker was killed while running a task"
    assert len(report.done) == 20 and not report.failed
    assert_same_outputs(expected, read_outputs(str(tmp_path / "out")))
    assert partial_files(str(tmp_path / "out")) == []


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cancel_on_dask_starts_nothing_new_lets_running_tasks_finish_and_a_rerun_resumes(tmp_path, reference_run):
    images, expected = reference_run
    job = read_job(write_job(str(tmp_path), n_pairs=4, images_dir=images))
    reports, logged = [], []

    def feedback(fraction, message):
        reports.append(message)
        return len(reports) < 2  # Cancel pressed once the first task has come back

    class Feedback(Monitor):  # QGIS's feedback: its log and its Cancel button
        def log(self, message):
            logged.append(message)

    monitor = Feedback(feedback)
    with pytest.raises(Cancelled):
        run_job(job, scheduler="local:1", monitor=monitor)
    out = str(tmp_path / "out")
    assert any("Cancelled: nothing new starts" in m for m in logged)
    assert partial_files(out) == []
    report = run_job(job)  # in-process: resumes from what the cancelled run finished
    assert 1 <= len(report.skipped) < 20 and len(report.skipped) + len(report.done) == 20
    assert_same_outputs(expected, read_outputs(out))


def test_a_job_sent_to_a_remote_scheduler_on_localhost(tmp_path, reference_run):
    images, expected = reference_run
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = cli_env()
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1",
                                       "--nthreads", "1", "--no-dashboard", "--local-directory", str(tmp_path / "w")],
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        res = run_cli("run", write_job(str(tmp_path), n_pairs=4, images_dir=images), "--scheduler", address)
        assert res.returncode == 0, res.stderr
        assert f"Dask scheduler {address}" in res.stderr and "on tcp://127.0.0.1" in res.stderr
        assert_same_outputs(expected, read_outputs(str(tmp_path / "out")))
    finally:
        for p in reversed(procs):
            p.send_signal(signal.SIGINT)
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_unreachable_scheduler_is_a_one_line_error(tmp_path):
    res = run_cli("run", write_job(str(tmp_path), n_pairs=1), "--scheduler", f"tcp://127.0.0.1:{_free_port()}")
    assert res.returncode == 2 and "Cannot reach the Dask scheduler" in res.stderr
