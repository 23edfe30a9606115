"""Execution of tasks in-process (threads) or on Dask, with resume, retries and per-task errors.

``scheduler``:

- ``None``: in this process, on a thread pool (the default; what QGIS uses);
- ``"local:N"``: a ``dask.distributed.LocalCluster`` of N worker processes on this machine;
- ``"tcp://host:port"``: an existing Dask cluster (its workers need this package installed).

Before running, tasks whose outputs are complete are skipped, and so are
tasks only needed by skipped ones (resume after an interruption). A task
that raises a SenseTrack error (bad input) fails at once and its dependents
do not run; the other tasks go on, then :class:`JobFailed` names each failed
task with its message. Other exceptions (a worker killed, out of memory) are
retried ``retries`` times by Dask, on another worker if need be. Tasks write
their files atomically and return paths only: the client never holds scenes.
"""
from __future__ import annotations

import importlib.util
import inspect
import os
import socket
import sys
import time
import uuid
import warnings
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from ..errors import Cancelled, MissingDependencyError, ParameterError, SenseTrackError
from ..output import discard
from ..progress import Monitor
from .progress import MonitorProgress
from .tasks import Task, is_complete

INSTALL_DASK = ("Dask is not installed, so the tasks run in this process. For worker processes or a cluster "
                "install it: Debian/Ubuntu 'sudo apt install python3-distributed', otherwise "
                "'python -m pip install \"dask[distributed]\"' (or pip install \"sensetrack[dask]\").")


class JobFailed(SenseTrackError):
    """Some tasks failed; ``failures`` maps task name -> message."""

    def __init__(self, failures: Dict[str, str], not_run: Sequence[str] = ()):
        self.failures = dict(failures)
        self.not_run = list(not_run)
        first = next(iter(self.failures.items()))
        more = f" (and {len(self.failures) - 1} more failed task(s))" if len(self.failures) > 1 else ""
        skipped = f"; {len(self.not_run)} task(s) depending on it were not run" if self.not_run else ""
        super().__init__(f"Task '{first[0]}' failed: {first[1]}{more}{skipped}")


@dataclass
class RunReport:
    """What a run did: task names by outcome, elapsed seconds and the scheduler used."""

    scheduler: str
    total: int = 0
    skipped: List[str] = field(default_factory=list)
    done: List[str] = field(default_factory=list)
    failed: Dict[str, str] = field(default_factory=dict)
    not_run: List[str] = field(default_factory=list)
    elapsed: float = 0.0
    dashboard: Optional[str] = None
    results: Dict[str, object] = field(default_factory=dict)  # task name -> what it returned (paths)


def ordered(tasks: Sequence[Task]) -> List[Task]:
    """Tasks in dependency order; raises on unknown or circular dependencies."""
    by_name = {t.name: t for t in tasks}
    if len(by_name) != len(tasks):
        raise ParameterError("Two tasks have the same name.")
    out, state = [], {}

    def visit(t: Task, chain: Tuple[str, ...]) -> None:
        if state.get(t.name) == "done":
            return
        if t.name in chain:
            raise ParameterError(f"Circular task dependency through '{t.name}'.")
        for d in t.deps:
            if d not in by_name:
                raise ParameterError(f"Task '{t.name}' depends on the unknown task '{d}'.")
            visit(by_name[d], chain + (t.name,))
        state[t.name] = "done"
        out.append(t)

    for t in tasks:
        visit(t, ())
    return out


def select(tasks: Sequence[Task], complete: Callable[[str], bool] = is_complete) -> Tuple[List[Task], List[Task]]:
    """(to run, skipped): a task runs when its outputs are incomplete and something still needs it."""
    order = ordered(tasks)
    dependents: Dict[str, List[str]] = {t.name: [] for t in order}
    for t in order:
        for d in t.deps:
            dependents[d].append(t.name)
    run: Set[str] = set()
    for t in reversed(order):
        if t.outputs and all(complete(p) for p in t.outputs):  # a task without outputs always runs
            continue
        if not dependents[t.name] or any(n in run for n in dependents[t.name]):
            run.add(t.name)
    return [t for t in order if t.name in run], [t for t in order if t.name not in run]


def _accepts_monitor(func: Callable) -> bool:
    try:
        return "monitor" in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def call_task(func: Callable, kwargs: dict, outputs: Sequence[str] = (), scratch: Sequence[str] = ()) -> \
        Tuple[str, object]:
    """Run one task where it lands (a thread or a Dask worker): ``("ok", result)``, or ``("error", message)``
    for a SenseTrack error (bad input: retrying cannot help).

    Other exceptions propagate, so Dask retries the task (on another worker if the first one died). Both
    runners start a task only once its dependencies have succeeded.

    A task with ``scratch`` (:class:`~.tasks.Task`) whose ``outputs`` are already complete is an attempt
    after one killed between writing them and deleting its scratch (which it may have begun): it only
    finishes the deleting, and returns its output's path, since its input is partly gone.
    """
    if scratch and outputs and all(is_complete(p) for p in outputs):
        discard(scratch)
        paths = [os.path.abspath(p) for p in outputs]
        return ("ok", paths[0] if len(paths) == 1 else paths)
    if _on_dask_worker():
        _one_core_per_task()
    try:
        return ("ok", func(**kwargs))
    except SenseTrackError as exc:
        return ("error", str(exc))


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401  (imported only when a scheduler is asked for)
    except ImportError:
        return False
    return True


def _on_dask_worker() -> bool:
    dist = sys.modules.get("distributed")
    if dist is None:
        return False
    try:
        dist.get_worker()
        return True
    except ValueError:
        return False


def _one_core_per_task() -> None:
    """On Dask, parallelism comes from the worker threads: each task's own engine stays on one core.

    The windowed engine and the inversion otherwise run two threads, the dense
    tracker measures MATCH on a second thread, GDAL compresses on every core and
    OpenCV uses one thread per core; on a 2-core machine two such tasks would
    compete (results do not depend on it).
    """
    from .. import raster_profile
    from ..timeseries import inversion
    from ..tracking import dense
    from ..tracking.windowed import engine

    engine.THREADS = 1
    inversion.WORKERS = 1
    dense.BACKGROUND = False
    raster_profile.THREADS = "1"
    try:
        import cv2
    except ImportError:
        return
    cv2.setNumThreads(1)


def run_tasks(tasks: Sequence[Task], scheduler: Optional[str] = None, monitor: Optional[Monitor] = None,
              progress: Optional[Callable[[int, int, float], None]] = None, retries: int = 2,
              threads: Optional[int] = None, log: Optional[Callable[[str], None]] = None) -> RunReport:
    """Run ``tasks`` (skipping finished ones) on ``scheduler``; return a :class:`RunReport` or raise JobFailed.

    ``monitor`` (QGIS feedback) gets the progress as done/total tasks and
    can cancel: no new task starts, running ones finish, then
    :class:`~core.errors.Cancelled` is raised. ``progress`` is called as
    ``progress(done, total, elapsed_s)`` (e.g. :class:`.progress.ProgressBar`).
    """
    log = log or (monitor.log if monitor is not None else (lambda m: None))
    if progress is None and monitor is not None:
        progress = MonitorProgress(monitor)
    todo, skipped = select(tasks)
    kind = scheduler or "in-process"
    if scheduler and not _has_dask():
        if not scheduler.startswith("local:"):
            raise MissingDependencyError(f"Sending the job to '{scheduler}' needs Dask. "
                                         + INSTALL_DASK.split(". ", 1)[1])
        log(INSTALL_DASK)
        scheduler, kind = None, "in-process (Dask missing)"
    report = RunReport(kind, total=len(tasks), skipped=[t.name for t in skipped])
    report.results.update({t.name: (t.outputs[0] if len(t.outputs) == 1 else list(t.outputs)) for t in skipped})
    start = time.monotonic()
    count = [len(skipped)]

    def finished(name: str, outcome: str, detail: object = None) -> None:
        if outcome == "ok":
            report.done.append(name)
            report.results[name] = detail
        elif outcome == "error":
            report.failed[name] = str(detail)
        else:
            report.not_run.append(name)
        count[0] += 1
        if progress is not None:
            progress(count[0], len(tasks), time.monotonic() - start)

    if progress is not None:
        progress(count[0], len(tasks), 0.0)
    if skipped:
        log(f"{len(skipped)} of {len(tasks)} task(s) already complete: skipped.")
    if todo:
        if scheduler is None:
            _run_threads(todo, threads or max(1, min(4, (os.cpu_count() or 2) // 2)), finished, monitor)
        else:
            _run_dask(todo, scheduler, retries, finished, log, report, monitor)
    report.elapsed = time.monotonic() - start
    if monitor is not None and monitor.cancelled:
        raise Cancelled("The job was cancelled; finished tasks are kept and a rerun resumes from them.")
    if report.failed:
        raise JobFailed(report.failed, report.not_run)
    return report


def _run_threads(tasks: List[Task], threads: int, finished, monitor: Optional[Monitor]) -> None:
    pending = {t.name: t for t in tasks}
    results: Dict[str, Tuple[str, object]] = {}
    with ThreadPoolExecutor(threads) as pool:
        running = {}
        while pending or running:
            stop = monitor is not None and monitor.cancelled
            for name, t in list(pending.items()):
                if stop or len(running) >= threads:  # queue no more than can start, so Cancel stops the rest
                    break
                deps = [results[d] for d in t.deps if d in results]
                if any(d[0] != "ok" for d in deps):
                    pending.pop(name)
                    results[name] = ("blocked", name)
                    finished(name, "blocked")
                elif all(d not in pending and d not in {r.name for r in running.values()} for d in t.deps):
                    pending.pop(name)
                    kwargs = dict(t.kwargs)
                    if monitor is not None and _accepts_monitor(t.func):
                        kwargs["monitor"] = _TaskMonitor(monitor)
                    running[pool.submit(call_task, t.func, kwargs, t.outputs, t.scratch)] = t
            if stop:
                pending.clear()
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                t = running.pop(fut)
                exc = fut.exception()
                if isinstance(exc, Cancelled):
                    results[t.name] = ("blocked", t.name)
                    finished(t.name, "blocked")
                    continue
                res = ("error", f"{type(exc).__name__}: {exc}") if exc is not None else fut.result()
                results[t.name] = res
                finished(t.name, res[0], res[1])


class _TaskMonitor(Monitor):
    """Cancellation of the job's monitor inside an in-process task (its own progress is not shown)."""

    def __init__(self, parent: Monitor):
        super().__init__(None)
        self._parent = parent

    @property
    def cancelled(self) -> bool:
        return self._parent.cancelled

    def check(self) -> None:
        self._parent.check()


def _client(scheduler: str, log):
    """A distributed Client (and the LocalCluster it owns, or None) for ``scheduler``."""
    from distributed import Client, LocalCluster

    if scheduler.startswith("local:"):
        try:
            n = int(scheduler.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise ParameterError(f"The scheduler '{scheduler}' should be local:N with N >= 1 worker processes.")
        dashboard = ":0" if importlib.util.find_spec("bokeh") else None
        with warnings.catch_warnings():  # "port 8787 in use": another cluster's dashboard; ours takes another port
            warnings.simplefilter("ignore", UserWarning)
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=dashboard,
                                   silence_logs=40)
        return Client(cluster), cluster
    if not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        raise ParameterError(f"Unknown scheduler '{scheduler}': use nothing (in-process), local:N or tcp://host:port.")
    try:
        if scheduler.startswith("tcp://"):  # a closed port fails at once instead of after the client's timeout
            host, _, port = scheduler[6:].rpartition(":")
            socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
        return Client(scheduler, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ParameterError(f"Cannot reach the Dask scheduler at {scheduler}: {exc}. Is it running?") from None


def _capacity(client) -> int:
    """Tasks to keep submitted: one per worker thread.

    Not one more: with a spare task queued, the scheduler gave it to the same
    worker round after round, and 8 equal pairs ran as 5 + 3 again; a free
    thread waits only for one message from this client (milliseconds).
    """
    try:
        workers = client.scheduler_info().get("workers", {})
    except Exception:  # noqa: BLE001 - the scheduler is busy or restarting a worker: hand out one at a time
        return 1
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def _run_dask(tasks: List[Task], scheduler: str, retries: int, finished, log, report: RunReport,
              monitor: Optional[Monitor] = None) -> None:
    """Run ``tasks`` on Dask, handing them out as worker threads free up.

    Submitting every task at once lets the scheduler share them out before
    their lengths are known: 8 equal pairs on 2 workers ran as 5 + 3 (a
    1.5x speed-up instead of 2x, scripts/bench_scaleout.py). Here at most one
    task per worker thread is submitted; a task goes out when the tasks it
    reads have finished, so a waiting merge never holds a slot.

    Cancel (``monitor``) works as in-process: no new task goes out and the
    running ones finish (a Dask task cannot be interrupted; its output is
    written atomically, so it is either complete or absent).
    """
    from distributed import as_completed

    client, cluster = _client(scheduler, log)
    try:
        info = client.scheduler_info()
        if "dashboard" in info.get("services", {}) and (cluster is None or importlib.util.find_spec("bokeh")):
            report.dashboard = client.dashboard_link
            log(f"Dask dashboard: {client.dashboard_link}")
        elif cluster is not None:
            log("No Dask dashboard: it needs the Python package bokeh (python -m pip install bokeh).")
        log(f"Dask scheduler {client.scheduler.address}: {len(info.get('workers', {}))} worker(s).")
        token = uuid.uuid4().hex[:8]  # fresh keys: a shared cluster never serves another run's results
        waiting = list(tasks)  # dependency order
        in_run = {t.name for t in tasks}  # dependencies outside the run are complete (skipped) tasks
        names: Dict[str, str] = {}  # Dask key -> task name
        outcome: Dict[str, str] = {}
        queue = as_completed()
        returned = [0]  # submitted tasks that came back

        def hand_out() -> None:
            if not waiting:
                return
            if monitor is not None and monitor.cancelled:
                running = len(names) - returned[0]
                log(f"Cancelled: nothing new starts; waiting for {running} running task(s) to finish on the workers.")
                waiting.clear()
                return
            room = _capacity(client) - (len(names) - returned[0])  # minus the submitted ones still running
            for t in list(waiting):
                states = [outcome.get(d) for d in t.deps if d in in_run]
                if any(s not in (None, "ok") for s in states):  # a dependency failed: this one cannot run
                    waiting.remove(t)
                    outcome[t.name] = "blocked"
                    finished(t.name, "blocked")
                elif room > 0 and all(s == "ok" for s in states):
                    waiting.remove(t)
                    key = f"{t.name}-{token}"
                    names[key] = t.name
                    queue.add(client.submit(call_task, t.func, dict(t.kwargs), t.outputs, t.scratch,
                                            key=key, retries=retries, pure=False))
                    room -= 1

        hand_out()
        for fut in queue:
            returned[0] += 1
            name = names[fut.key]
            if fut.status == "finished":
                outcome[name], detail = fut.result()
            else:
                exc = fut.exception()
                outcome[name], detail = "error", f"{type(exc).__name__}: {exc}"
            finished(name, outcome[name], detail)
            fut.release()  # tasks read their dependencies' files, not their results
            hand_out()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_job(job, scheduler: Optional[str] = None, monitor: Optional[Monitor] = None,
            progress: Optional[Callable[[int, int, float], None]] = None,
            log: Optional[Callable[[str], None]] = None) -> RunReport:
    """Plan and run a :class:`~.jobfile.Job` (``scheduler`` overrides the job's own ``execution.scheduler``)."""
    from .tasks import clean_partials, clean_scratch, plan

    os.makedirs(job.output, exist_ok=True)
    clean_partials(job.output)
    tasks = plan(job)
    clean_scratch(tasks)
    return run_tasks(tasks, scheduler if scheduler is not None else job.scheduler, monitor=monitor,
                     progress=progress, retries=job.retries, threads=job.threads, log=log)


def task_runner(scheduler: Optional[str] = None, monitor: Optional[Monitor] = None, retries: int = 2,
                log: Optional[Callable[[str], None]] = None) -> Callable[[Sequence[tuple]], list]:
    """A ``runner(tasks)`` for ``core.timeseries.batch.track_pairs``: tasks ``(name, func, kwargs)``, results in order.

    A task's ``kwargs["output"]`` (when given) is its output file, so finished ones are skipped on a rerun.
    """
    def runner(items: Sequence[tuple]) -> list:
        tasks = [Task(name, func, dict(kwargs), (kwargs["output"],) if kwargs.get("output") else ())
                 for name, func, kwargs in items]
        report = run_tasks(tasks, scheduler, monitor=monitor, retries=retries, log=log)
        return [report.results.get(t.name) for t in tasks]

    return runner
