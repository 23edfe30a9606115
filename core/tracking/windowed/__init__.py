"""Windowed trackers (phase correlation, NCC) on a regular grid of windows.

:mod:`.engine` tracks numpy arrays (:func:`track_windows`), :mod:`.files`
goes from file to file by tiles (:func:`track_windows_file`); the matchers
live in :mod:`.phase` / :mod:`.ncc`, on top of :mod:`.spectra`,
:mod:`.subpixel` and :mod:`.fft_backend`.
"""
from .engine import SPECS, WindowResult, track_windows
from .files import track_windows_file

__all__ = ["SPECS", "WindowResult", "track_windows", "track_windows_file"]
