"""Scale-out: job files, task graphs and their execution in-process or on Dask.

``run_tasks(tasks, scheduler=None, monitor=None)`` runs :class:`Task` objects
(the QGIS algorithms call it with their feedback as ``monitor``);
``task_runner(scheduler)`` adapts it to ``core.timeseries.batch.track_pairs``;
``read_job`` / ``run_job`` do what ``sensetrack run job.yaml`` does. Dask is
imported only when a scheduler is given.
"""
from .jobfile import Job, read_job
from .runner import JobFailed, RunReport, run_job, run_tasks, task_runner
from .tasks import Task, plan

__all__ = ["Job", "JobFailed", "RunReport", "Task", "plan", "read_job", "run_job", "run_tasks", "task_runner"]
