"""Progress of a job: a terminal progress bar, or the same counts through a :class:`core.progress.Monitor`.

Both are callables ``(done, total, elapsed_seconds)``; the runner calls them
each time a task finishes (done counts finished, failed and skipped tasks).
"""
from __future__ import annotations

import sys
from typing import Optional, TextIO

from ..errors import Cancelled
from ..progress import Monitor


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def estimate(done: int, total: int, elapsed: float) -> Optional[float]:
    """Seconds left at the mean pace so far (None before the first task ends)."""
    if done <= 0 or total <= done:
        return None if done <= 0 else 0.0
    return elapsed / done * (total - done)


class ProgressBar:
    """``[#####-----] 5/12 tasks  elapsed 0:42  left ~0:59`` on one terminal line (new lines when not a tty)."""

    def __init__(self, stream: Optional[TextIO] = None, width: int = 28):
        self.stream = stream or sys.stderr
        self.width = width
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = None

    def line(self, done: int, total: int, elapsed: float) -> str:
        fill = int(self.width * done / total) if total else self.width
        left = estimate(done, total, elapsed)
        tail = f"  left ~{_clock(left)}" if left is not None and done < total else ""
        return f"[{'#' * fill}{'-' * (self.width - fill)}] {done}/{total} tasks  elapsed {_clock(elapsed)}{tail}"

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        text = self.line(done, total, elapsed)
        if text == self._last:
            return
        self._last = text
        if self._tty:
            self.stream.write("\r" + text + ("\n" if done >= total else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


class MonitorProgress:
    """Job progress reported to a core Monitor (what the QGIS algorithms pass: Processing feedback)."""

    def __init__(self, monitor: Monitor):
        self.monitor = monitor

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        left = estimate(done, total, elapsed)
        tail = f", about {_clock(left)} left" if left is not None and done < total else ""
        try:
            self.monitor.report(done / total if total else 1.0, f"{done}/{total} tasks{tail}")
        except Cancelled:  # the runner sees monitor.cancelled, lets running tasks end and stops
            pass
