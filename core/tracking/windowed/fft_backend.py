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
shapes vary from call to call, and a plan chosen by timing could round differently in two processes,
which would break bit-identical resumed jobs).

Work arrays: with pyFFTW the engine's transforms run in place or into the
caller's aligned buffers (:func:`aligned_empty`; ``overwrite_x``, ``out``,
``scratch``), as FFTW was made to be used; fresh multi-megabyte outputs
cost page faults on every call (measured 2026-11-30: the column FFTs ran
1.6x and the inverse 1.8x faster into reused buffers, the phase engine
8-14 % faster in alternated runs). SciPy ignores the buffers (it has no
``out``); otherwise every call returns a new array.

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


ALIGN = 64  # bytes: FFTW's SIMD codelets need 32 here; plans made for aligned arrays run only on aligned ones


def aligned_empty(shape, dtype) -> np.ndarray:
    """An uninitialised C-contiguous array whose data starts on an :data:`ALIGN`-byte boundary."""
    dtype = np.dtype(dtype)
    nbytes = int(np.prod(shape)) * dtype.itemsize
    raw = np.empty(nbytes + ALIGN, dtype=np.uint8)
    start = (-raw.ctypes.data) % ALIGN
    return raw[start:start + nbytes].view(dtype).reshape(shape)


def is_aligned(x: np.ndarray) -> bool:
    return x.flags.c_contiguous and x.ctypes.data % ALIGN == 0


def _acquire(key, make):
    """A plan for ``key`` (made by ``make()`` if none is free), for this caller's exclusive use until :func:`_release`."""
    with _pool_lock:
        free = _pool.get(key)
        if free:
            _pool.move_to_end(key)
            return free.pop()
    with _plan_lock:  # FFTW's planner is not thread-safe
        return make()


def _release(key, plan) -> None:
    with _pool_lock:
        _pool.setdefault(key, []).append(plan)
        _pool.move_to_end(key)
        while len(_pool) > PLANS:
            _pool.popitem(last=False)


def _run(kind: str, x: np.ndarray, size, axes, normalise: bool = True) -> np.ndarray:
    """A transform through a ``pyfftw.builders`` plan, into a new array (input of any alignment)."""
    pyfftw = _pyfftw()
    key = (kind, x.shape, x.dtype.str, size, axes)

    def make():
        template = pyfftw.empty_aligned(x.shape, dtype=x.dtype)
        template[...] = 0
        return getattr(pyfftw.builders, kind)(template, size, axes, planner_effort="FFTW_ESTIMATE", threads=1)

    plan = _acquire(key, make)
    try:
        if kind == "irfft2":
            # FFTW's multi-dimensional complex-to-real transforms destroy their input: work on a copy
            x = pyfftw.byte_align(np.array(x, copy=True))
        out = pyfftw.empty_aligned(plan.output_shape, dtype=plan.output_dtype)
        return plan(x, out, normalise_idft=normalise)
    finally:
        _release(key, plan)


def _run_into(x: np.ndarray, out: np.ndarray, axes: tuple, backward: bool, destroy: bool = False) -> np.ndarray:
    """A transform from aligned ``x`` into aligned ``out`` (may be ``x`` itself: in place) with no allocation.

    Fresh multi-megabyte outputs cost page faults on every call (the
    transform itself ran up to 2x faster into reused buffers, measured), so
    the engine passes its work arrays. The plan is made for exactly this
    layout (shapes, in or out of place, alignment), so equal calls always
    run the same FFTW algorithm and round alike.
    """
    pyfftw = _pyfftw()
    inplace = x is out or x.ctypes.data == out.ctypes.data
    key = ("into", x.shape, x.dtype.str, out.shape, out.dtype.str, axes, backward, inplace, destroy)

    def make():
        tin = pyfftw.empty_aligned(x.shape, dtype=x.dtype)
        tout = tin if inplace else pyfftw.empty_aligned(out.shape, dtype=out.dtype)
        flags = ("FFTW_ESTIMATE", "FFTW_DESTROY_INPUT") if destroy else ("FFTW_ESTIMATE",)
        return pyfftw.FFTW(tin, tout, axes=axes, direction="FFTW_BACKWARD" if backward else "FFTW_FORWARD",
                           flags=flags, threads=1)

    plan = _acquire(key, make)
    try:
        plan.update_arrays(x, out)
        plan.execute()
    finally:
        _release(key, plan)
    return out  # unnormalised: the callers that need 1/N apply it where it costs least


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


def irfft2_into(x: np.ndarray, s: Tuple[int, int], out: Optional[np.ndarray] = None,
                scratch: Optional[np.ndarray] = None) -> Tuple[np.ndarray, float]:
    """Inverse real 2-D FFT over the last two axes, returned with the factor that normalises it.

    Returns ``(y, factor)`` with ``y * factor == scipy.fft.irfft2(x, s)``:
    SciPy normalises at no cost (factor 1), pyFFTW would need an extra pass
    over the whole output and leaves it to the caller (factor 1/N), who
    often needs only a part of it, or only the positions and ratios of its
    values. ``x`` is preserved. With pyFFTW, ``out`` (real,
    ``x.shape[:-2] + s``) and ``scratch`` (like ``x``), both from
    :func:`aligned_empty`, are work arrays the transform uses instead of
    allocating (FFTW's 2-D complex-to-real transform destroys its input, so
    ``x`` is copied into ``scratch``); ``y`` is then ``out``. SciPy ignores them.
    """
    if active() == "scipy":
        return sfft.irfft2(x, s=s, workers=1), 1.0
    x = _single(x, True)
    factor = 1.0 / float(s[0] * s[1])
    shape = x.shape[:-2] + tuple(s)
    if out is None or scratch is None or out.shape != shape or scratch.shape != x.shape \
            or scratch.dtype != x.dtype or not (is_aligned(out) and is_aligned(scratch)):
        return _run("irfft2", x, tuple(s), (-2, -1), normalise=False), factor
    np.copyto(scratch, x)
    return _run_into(scratch, out, (x.ndim - 2, x.ndim - 1), backward=True, destroy=True), factor


def rfft(x: np.ndarray, axis: int = -1, out: Optional[np.ndarray] = None) -> np.ndarray:
    """``scipy.fft.rfft`` along ``axis``; with pyFFTW, into ``out`` when given (aligned; see :func:`irfft2_into`)."""
    if active() == "scipy":
        return sfft.rfft(x, axis=axis, workers=1)
    x = _single(x, False)
    if out is not None and is_aligned(x) and is_aligned(out) and x.dtype == np.float32 \
            and out.dtype == np.complex64 and out.shape == x.shape[:-1] + (x.shape[-1] // 2 + 1,) \
            and axis in (-1, x.ndim - 1):
        return _run_into(x, out, (x.ndim - 1,), backward=False)
    return _run("rfft", x, None, axis)


def _in_place(x: np.ndarray, overwrite_x: bool) -> bool:
    return overwrite_x and x.dtype in (np.complex64, np.complex128) and is_aligned(x)


def fft(x: np.ndarray, axis: int = -1, overwrite_x: bool = False) -> np.ndarray:
    """``scipy.fft.fft`` along ``axis`` (``overwrite_x``: the result may be ``x`` itself, transformed in place)."""
    if active() == "scipy":
        return sfft.fft(x, axis=axis, overwrite_x=overwrite_x, workers=1)
    if _in_place(x, overwrite_x):
        return _run_into(x, x, (axis % x.ndim,), backward=False)
    return _run("fft", _single(x, True), None, axis)


def ifft_unnormalised(x: np.ndarray, axis: int = -1, overwrite_x: bool = False) -> np.ndarray:
    """Inverse FFT along ``axis`` *without* the 1/N factor (``scipy.fft.ifft(norm="forward")``)."""
    if active() == "scipy":
        return sfft.ifft(x, axis=axis, norm="forward", overwrite_x=overwrite_x, workers=1)
    if _in_place(x, overwrite_x):
        return _run_into(x, x, (axis % x.ndim,), backward=True)
    return _run("ifft", _single(x, True), None, axis, normalise=False)
