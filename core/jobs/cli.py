"""The ``sensetrack`` command: ``sensetrack run job.yaml [--scheduler S] [--dry-run]``.

Exit codes: 0 success; 1 some tasks failed (each named with its message);
2 the job file or the command line is wrong; 3 a needed package is missing;
130 interrupted (Ctrl-C; a rerun resumes). Errors are one line on stderr.
"""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from ..errors import Cancelled, MissingDependencyError, SenseTrackError
from .jobfile import read_job
from .progress import ProgressBar
from .runner import JobFailed, run_job, select
from .tasks import is_complete, plan


def _parser() -> argparse.ArgumentParser:
    from .. import __version__

    p = argparse.ArgumentParser(prog="sensetrack", description="SenseTrack offset tracking without QGIS.")
    p.add_argument("--version", action="version", version=f"sensetrack {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a job file (YAML or JSON)",
                         description="Run every task of a job; finished tasks of an earlier run are skipped.")
    run.add_argument("job", help="the job file (.yaml, .yml or .json)")
    run.add_argument("--scheduler", default=None,
                     help="where to run: omit for this process (threads), local:N for N worker processes on "
                          "this machine, tcp://host:port for a running Dask cluster")
    run.add_argument("--dry-run", action="store_true", help="list the tasks (and which are already done); run nothing")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    err = sys.stderr
    try:
        job = read_job(args.job)
        if args.dry_run:
            tasks = plan(job)
            todo, skipped = select(tasks)
            run = {t.name for t in todo}
            for t in tasks:
                state = "todo" if t.name in run else "done" if all(map(is_complete, t.outputs)) else "skip"
                print(f"{state}  {t.name}  -> {', '.join(t.outputs)}")
            print(f"{len(tasks)} task(s), {len(todo)} to run, {len(skipped)} skipped (complete, or only needed "
                  "by complete tasks).")
            return 0
        report = run_job(job, args.scheduler, progress=None if args.quiet else ProgressBar(err),
                         log=lambda m: print(m, file=err))
    except JobFailed as exc:
        for name, message in exc.failures.items():
            print(f"sensetrack: task '{name}' failed: {message}", file=err)
        if exc.not_run:
            print(f"sensetrack: {len(exc.not_run)} task(s) not run because a task they need failed.", file=err)
        return 1
    except MissingDependencyError as exc:
        print(f"sensetrack: error: {exc}", file=err)
        return 3
    except Cancelled as exc:
        print(f"sensetrack: {exc}", file=err)
        return 130
    except SenseTrackError as exc:
        print(f"sensetrack: error: {exc}", file=err)
        return 2
    except KeyboardInterrupt:
        print("sensetrack: interrupted; finished tasks are kept and a rerun resumes from them.", file=err)
        return 130
    print(f"{len(report.done)} task(s) run, {len(report.skipped)} skipped (already complete), "
          f"{report.elapsed:.1f} s on {report.scheduler}; results in {job.output}", file=err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
