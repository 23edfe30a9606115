"""FFTs of the windowed trackers: ``scipy.fft`` or, when it is installed, pyFFTW.

pyFFTW (Debian ``python3-pyfftw``) runs the same transforms through FFTW,
which is faster than ``scipy.fft``'s pocketfft on small batched windows. It
is optional: without it everything runs on ``scipy.fft`` with the same
results (they agree to float32 rounding; shifts within 1e-4 px, tested).

Choice of backend: :func:`select` (``"auto"``, ``"scipy"`` or
``"pyfftw"``); ``"auto"`` (the default) takes the environment variable
``SENSETRACK_FFT`` (``scipy`` or ``pyfftw``) if set, else pyFFTW when it
imports. Nothing global is changed in SciPy or NumPy (QGIS hosts other
plugins that use ``scipy.fft``): the trackers call this module's functions.

Thread safety: FFTW executes different plans concurrently but its planner
is not thread-safe and a plan's work arrays belong to one caller, so plans
are made under a lock and lent to one caller at a time from a pool shared
by all threads (:data:`PLANS` most recent shapes; a thread pool that ends
with its run does not lose them). Plans use ``FFTW_ESTIMATE`` (no timing runs: the batch
shapes vary from call to call). Every call returns a new array.

All functions compute in single precision for float32/complex64 input and
use one thread per call (the engine runs its own threads).
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Optional, Tuple

import numpy as np
import scipy.fft as sfft

ENV = "SENSETRACK_FFT"
NAMES = ("scipy", "pyfftw")
PLANS = 64  # shapes whose plans are kept

_plan_lock = threading.Lock()
_pool_lock = threading.Lock()
_pool: "OrderedDict[tuple, list]" = OrderedDict()  # free plans by (kind, shape, dtype, size, axes)
_state = {"name": None}


def _pyfftw():
    try:
        import pyfftw
        import pyfftw.builders  # noqa: F401
    except ImportError:
        return None
    return pyfftw


def available() -> Tuple[str, ...]:
    """The backends that can run here (``scipy`` always)."""
    return tuple(n for n in NAMES if n == "scipy" or _pyfftw() is not None)


def select(name: Optional[str] = "auto") -> str:
    """Use backend ``name`` from now on (every thread) and return the one chosen.

    ``"auto"`` (or None): ``$SENSETRACK_FFT`` if set to an available
    backend, else pyFFTW when installed, else SciPy. An explicit
    ``"pyfftw"`` without pyFFTW raises ImportError.
    """
    if name in (None, "auto"):
        wanted = os.environ.get(ENV, "").strip().lower()
        name = wanted if wanted in available() else ("pyfftw" if "pyfftw" in available() else "scipy")
    if name not in NAMES:
        raise ValueError(f"Unknown FFT backend {name!r}; choose one of {', '.join(NAMES)} or auto.")
    if name == "pyfftw" and _pyfftw() is None:
        raise ImportError("pyFFTW is not installed (Debian package python3-pyfftw).")
    _state["name"] = name
    return name


def active() -> str:
    """The backend in use (chosen by :func:`select` on first use)."""
    return _state["name"] or select()


def next_fast_len(n: int) -> int:
    """Smallest transform length >= n that both backends transform fast (2, 3, 5 factors)."""
    return sfft.next_fast_len(n, real=True)


def _acquire(kind: str, x: np.ndarray, size, axes):
    """An FFTW plan for ``kind`` on arrays like ``x``, for this caller's exclusive use until :func:`_release`."""
    key = (kind, x.shape, x.dtype.str, size, axes)
    with _pool_lock:
        free = _pool.get(key)
        if free:
            _pool.move_to_end(key)
            return key, free.pop()
    pyfftw = _pyfftw()
    template = pyfftw.empty_aligned(x.shape, dtype=x.dtype)
    template[...] = 0
    with _plan_lock:  # FFTW's planner is not thread-safe
        plan = getattr(pyfftw.builders, kind)(template, size, axes, planner_effort="FFTW_ESTIMATE", threads=1)
    return key, plan


def _release(key, plan) -> None:
    with _pool_lock:
        _pool.setdefault(key, []).append(plan)
        _pool.move_to_end(key)
        while len(_pool) > PLANS:
            _pool.popitem(last=False)


def _run(kind: str, x: np.ndarray, size, axes, normalise: bool = True) -> np.ndarray:
    pyfftw = _pyfftw()
    key, plan = _acquire(kind, x, size, axes)
    try:
        if kind == "irfft2":
            # FFTW's multi-dimensional complex-to-real transforms destroy their input: work on a copy
            x = pyfftw.byte_align(np.array(x, copy=True))
        out = pyfftw.empty_aligned(plan.output_shape, dtype=plan.output_dtype)
        return plan(x, out, normalise_idft=normalise)
    finally:
        _release(key, plan)


def _single(x: np.ndarray, complex_: bool) -> np.ndarray:
    """float32 / complex64 stay, other types go to double precision (as scipy.fft does)."""
    x = np.asarray(x)
    if complex_:
        return x if x.dtype in (np.complex64, np.complex128) else x.astype(np.complex128)
    return x if x.dtype in (np.float32, np.float64) else x.astype(np.float64)


def rfft2(x: np.ndarray, s: Optional[Tuple[int, int]] = None) -> np.ndarray:
    """``scipy.fft.rfft2`` over the last two axes (zero-padded to ``s``)."""
    if active() == "scipy":
        return sfft.rfft2(x, s=s, workers=1)
    x = _single(x, False)
    return _run("rfft2", x, tuple(s) if s is not None else None, (-2, -1))


def irfft2(x: np.ndarray, s: Tuple[int, int]) -> np.ndarray:
    """``scipy.fft.irfft2`` over the last two axes (output size ``s``, normalised by 1/N)."""
    if active() == "scipy":
        return sfft.irfft2(x, s=s, workers=1)
    return _run("irfft2", _single(x, True), tuple(s), (-2, -1))


def rfft(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """``scipy.fft.rfft`` along ``axis``."""
    if active() == "scipy":
        return sfft.rfft(x, axis=axis, workers=1)
    return _run("rfft", _single(x, False), None, axis)


def fft(x: np.ndarray, axis: int = -1, overwrite_x: bool = False) -> np.ndarray:
    """``scipy.fft.fft`` along ``axis`` (``overwrite_x`` lets SciPy reuse the input's memory)."""
    if active() == "scipy":
        return sfft.fft(x, axis=axis, overwrite_x=overwrite_x, workers=1)
    return _run("fft", _single(x, True), None, axis)


def ifft_unnormalised(x: np.ndarray, axis: int = -1, overwrite_x: bool = False) -> np.ndarray:
    """Inverse FFT along ``axis`` *without* the 1/N factor (``scipy.fft.ifft(norm="forward")``)."""
    if active() == "scipy":
        return sfft.ifft(x, axis=axis, norm="forward", overwrite_x=overwrite_x, workers=1)
    return _run("ifft", _single(x, True), None, axis, normalise=False)
