"""Progress reporting and cancellation for long-running core functions.

Core functions take an optional ``monitor`` argument. A monitor receives
progress as a fraction in [0, 1] and is asked regularly whether the user
cancelled; when so, the core raises :class:`~core.errors.Cancelled` and
never leaves a partial output behind.

The QGIS layer adapts ``QgsProcessingFeedback`` to this interface; scripts
can pass a plain callable or nothing at all.
"""
from __future__ import annotations

from typing import Callable, Optional

from .errors import Cancelled


class Monitor:
    """Progress sink with cooperative cancellation.

    Parameters
    ----------
    callback : callable, optional
        Called as ``callback(fraction, message)``. If it returns ``False``
        the run is cancelled (any other return value, including ``None``,
        means "go on").
    """

    def __init__(self, callback: Optional[Callable[[float, str], object]] = None):
        self._callback = callback
        self._cancelled = False

    def cancel(self) -> None:
        """Ask the running computation to stop at the next check."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def report(self, fraction: float, message: str = "") -> None:
        """Report progress (fraction of the whole job) and check for cancel."""
        if self._callback is not None:
            if self._callback(min(max(float(fraction), 0.0), 1.0), message) is False:
                self._cancelled = True
        self.check()

    def info(self, message: str) -> None:
        """Pass an informational message to the user (no progress change)."""
        self.log(message)

    def log(self, message: str) -> None:  # overridden by adapters
        pass

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._cancelled:
            raise Cancelled("The run was cancelled; no output was written.")

    def sub(self, start: float, stop: float) -> "SubMonitor":
        """A monitor mapping [0, 1] onto [start, stop] of this one."""
        return SubMonitor(self, start, stop)


class SubMonitor(Monitor):
    """A slice of a parent monitor's progress range."""

    def __init__(self, parent: Monitor, start: float, stop: float):
        super().__init__(None)
        self._parent = parent
        self._start = start
        self._span = stop - start

    @property
    def cancelled(self) -> bool:
        return self._parent.cancelled

    def cancel(self) -> None:
        self._parent.cancel()

    def report(self, fraction: float, message: str = "") -> None:
        self._parent.report(self._start + self._span * min(max(fraction, 0.0), 1.0), message)

    def log(self, message: str) -> None:
        self._parent.log(message)

    def check(self) -> None:
        self._parent.check()


def ensure_monitor(monitor: Optional[Monitor]) -> Monitor:
    """Return ``monitor`` or a silent one."""
    return monitor if monitor is not None else Monitor()
