"""Keep the BLAS library single-threaded while the engine runs its own threads.

The windowed engine already spreads its batches over the cores and calls
BLAS only for small matrix products. OpenBLAS (numpy's BLAS on Debian and in
the numpy wheels) answers each call from its own thread pool, whose threads
then spin waiting for more work: on the 2-core test machine they took CPU
time from the engine's threads and from the FFTs (measured: the engine ran
in 0.66 s with them and 0.49-0.55 s without, the bare FFTs 0.38 s and
0.32 s). :func:`single_threaded_blas` sets OpenBLAS to one thread for the
duration of a ``with`` block and restores the previous setting afterwards.

The library is found among the shared objects mapped into the process
(``/proc/self/maps``, Linux). Elsewhere, or when the BLAS is not OpenBLAS,
the context manager does nothing (set ``OPENBLAS_NUM_THREADS=1`` in the
environment for the same effect).
"""
from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, List

_lock = threading.Lock()
_depth = 0
_saved: List[int] = []


@lru_cache(maxsize=1)
def _openblas_libraries() -> tuple:
    """ctypes handles of the OpenBLAS libraries loaded in this process (possibly none)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6}
    except OSError:
        return ()
    libs = []
    for path in sorted(p for p in paths if "blas" in p.lower() and ".so" in p):
        try:
            lib = ctypes.CDLL(path)
            get, set_ = lib.openblas_get_num_threads, lib.openblas_set_num_threads
        except (OSError, AttributeError):
            continue
        get.restype = ctypes.c_int
        set_.argtypes = [ctypes.c_int]
        libs.append((get, set_))
    return tuple(libs)


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """OpenBLAS limited to one thread inside the block (nested and thread-safe; restored on exit)."""
    global _depth
    with _lock:
        if _depth == 0:
            # read every setting before changing any: several mapped files can be one library
            _saved[:] = [get() for get, _ in _openblas_libraries()]
            for _, set_ in _openblas_libraries():
                set_(1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for (_, set_), n in reversed(list(zip(_openblas_libraries(), _saved))):
                    set_(n)
