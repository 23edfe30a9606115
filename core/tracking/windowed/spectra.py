"""Spectra of many tapered, zero-mean windows of one image, sharing work between windows.

Phase correlation needs, for every window, the 2-D real FFT of
``(x - mean) * w`` where ``w = w_r (x) w_c`` is the separable apodisation
window. Windows on a regular grid overlap heavily (at step 16 every pixel
of a 64-px window belongs to 16 windows), so transforming each window
separately repeats most of the work. Here:

1. windows are grouped by their first column: every group reads one
   *column band* (the rows its windows span, ``n`` columns wide);
2. each band row is tapered by ``w_c`` and real-FFT'd along the columns
   once, for all the windows of the group (with step ``s`` this is ``s/n``
   of the per-window work for that half of the 2-D FFT);
3. each window takes its ``n`` rows of the band's row spectra, tapers them
   by ``w_r`` and finishes with one complex FFT along the rows;
4. the window's level is removed in the frequency domain: with the
   taper-weighted mean ``m = sum(x w) / sum(w)`` (read from the DC bin) the
   transform of ``m * w`` is ``m * FFT2(w)``, which for the Hann window is
   non-zero in 6 bins only (rows 0, +-1 x columns 0, 1 of the rfft layout);
5. the tapered energy ``sum(((x - m) * w)**2)`` (for the PEAK
   normalisation and the textureless test) comes from the spectrum by
   Parseval's theorem, with no cancellation however bright the window.

The result equals ``scipy.fft.rfft2((x - m) * w)`` to float32 rounding, and a
window's values never depend on the other windows of its batch.

When windows do not share columns (e.g. target windows moved by a
coarse-to-fine prior) each window is its own band: the same code then does
exactly the work of a per-window ``rfft2``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional, Tuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import fft_backend as fb

# grouping into column bands is used when it transforms at most this fraction of the per-window rows
SHARING_WORTH_IT = 0.7
CHUNK = 64  # windows per pass of the per-window half (about 1 MB of spectra: stays in cache between passes)


class Workspace:
    """Work arrays reused from one batch to the next by one thread.

    Allocating a fresh multi-megabyte array for every intermediate result
    made two threads slower than one on the 2-core test machine (measured:
    the same element-wise pass ran 0.9x as fast on two threads with fresh
    outputs, 1.3x with reused ones), so the large intermediates are written
    into these buffers. A buffer grows when a larger batch asks for it.
    """

    def __init__(self) -> None:
        self._buffers: dict = {}

    def array(self, name: str, shape: Tuple[int, ...], dtype) -> np.ndarray:
        """An uninitialised C-contiguous, :data:`.fft_backend.ALIGN`-aligned array of ``shape`` (a view of the buffer ``name``)."""
        size = int(np.prod(shape))
        dtype = np.dtype(dtype)
        buf = self._buffers.get(name)
        if buf is None or buf.dtype != dtype or buf.size < size:
            buf = fb.aligned_empty(size, dtype)  # aligned: pyFFTW transforms these buffers in place
            self._buffers[name] = buf
        return buf[:size].reshape(shape)


@lru_cache(maxsize=16)
def apodisation_window(n: int, kind: str = "hann") -> np.ndarray:
    """2-D separable taper (float32, ``n x n``).

    ``hann``: periodic Hann (0.5 - 0.5 cos), the usual choice for phase
    correlation (Leprince et al. 2007 use a similar raised-cosine taper);
    ``tukey``: flat top over the central half with cosine edges (keeps more
    of the window's texture); ``none``: no taper (edge effects bias the peak).
    """
    x = np.arange(n, dtype=np.float64)
    if kind == "hann":
        w = 0.5 - 0.5 * np.cos(2 * np.pi * x / n)
    elif kind == "tukey":
        alpha = 0.5
        w = np.ones(n)
        edge = int(np.floor(alpha * n / 2))
        if edge > 0:
            ramp = 0.5 * (1 - np.cos(np.pi * np.arange(edge) / edge))
            w[:edge] = ramp
            w[n - edge:] = ramp[::-1]
    elif kind == "none":
        w = np.ones(n)
    else:
        raise ValueError(kind)
    out = np.outer(w, w).astype(np.float32)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=16)
def taper_terms(n: int, kind: str):
    """Taper terms of an ``n``-px window: ``(w, patterns, dc, bins)``.

    ``w``: the 1-D taper (float32; the 2-D window is ``w (x) w``);
    ``patterns``: (2, n, 2*(n//2+1)) float32 factors applying ``w`` along the
    rows to interleaved (real, imaginary) spectra, without and with
    conjugation; ``dc``: ``sum(w (x) w)``; ``bins``: the non-negligible bins
    of ``rfft2(w (x) w)`` as ``(row, first column, end column, values)``
    runs, used to remove the window's level in the frequency domain.
    """
    w2d = apodisation_window(n, kind).astype(np.float64)
    w = np.sqrt(np.diag(w2d)).astype(np.float32).astype(np.float64)  # the taper as applied (float32)
    w2d = np.outer(w, w)
    nh = n // 2 + 1
    patterns = np.empty((2, n, 2 * nh), dtype=np.float32)
    patterns[:, :, 0::2] = w[None, :, None]
    patterns[0, :, 1::2] = w[:, None]
    patterns[1, :, 1::2] = -w[:, None]
    spec = np.fft.rfft2(w2d)
    mag = np.abs(spec)
    keep = mag > 1e-6 * mag.max()  # the float32 taper's rounding leaves ~1e-8 elsewhere
    if np.sum(mag[~keep] ** 2) > 1e-12 * np.sum(mag ** 2):  # not sparse (Tukey): every bin
        keep[:] = True
    bins = []
    for r in np.flatnonzero(keep.any(axis=1)):
        c = np.flatnonzero(keep[r])
        bins.append((int(r), int(c[0]), int(c[-1]) + 1, spec[r, c[0]:c[-1] + 1].astype(np.complex64)))
    patterns.setflags(write=False)
    return w.astype(np.float32), patterns, float(w2d.sum()), tuple(bins)


def _column_groups(top_r: np.ndarray, top_c: np.ndarray):
    """Distinct first columns, each window's group, and each group's first and last top row."""
    if top_c.size and np.all(top_c[1:] >= top_c[:-1]):  # the engine's batches come sorted by column
        starts = np.flatnonzero(np.r_[True, top_c[1:] != top_c[:-1]])
        group = np.cumsum(np.r_[False, top_c[1:] != top_c[:-1]])
        return top_c[starts], group, np.minimum.reduceat(top_r, starts), np.maximum.reduceat(top_r, starts)
    cols, group = np.unique(top_c, return_inverse=True)
    rmin = np.full(cols.size, np.iinfo(np.int64).max)
    rmax = np.full(cols.size, -1)
    np.minimum.at(rmin, group, top_r)
    np.maximum.at(rmax, group, top_r)
    return cols, group, rmin, rmax


@lru_cache(maxsize=16)
def _parseval_weights(n: int) -> np.ndarray:
    """Weights of the interleaved (real, imaginary) rfft columns in Parseval's sum: 1 for DC (and Nyquist), else 2."""
    nh = n // 2 + 1
    w = np.full(2 * nh, 2.0, dtype=np.float32)
    w[:2] = 1.0
    if n % 2 == 0:
        w[-2:] = 1.0
    w.setflags(write=False)
    return w


class RowSpectra(NamedTuple):
    """The shared first half of :func:`window_spectra` (:func:`row_spectra`): what :func:`finish_windows` needs."""

    rows: np.ndarray  # (G*H, n//2+1) complex64: the column-tapered band rows, real-FFT'd along the columns
    first_row: np.ndarray  # (B,) each window's first row in ``rows``
    n: int
    apodisation: str
    conjugate: bool


def finish_windows(rs: RowSpectra, part: slice, spectra: np.ndarray, mean: np.ndarray, energy: np.ndarray) -> None:
    """The per-window half of :func:`window_spectra` for the windows ``part`` of ``rs``.

    Writes their spectra into ``spectra`` ((k, n, n//2+1) complex64; aligned
    for pyFFTW to transform it in place), their taper-weighted means into
    ``mean`` and their energies into ``energy`` (float64).
    """
    n = rs.n
    b, nh = spectra.shape[0], n // 2 + 1
    _, pattern, dc, bins = taper_terms(n, rs.apodisation)
    rows = rs.first_row[part][:, None] + np.arange(n)[None, :]  # row of every window row in rs.rows
    np.take(rs.rows, rows, axis=0, out=spectra, mode="clip")
    parts = spectra.view(np.float32).reshape(b, n, 2 * nh)
    # row taper (a real factor on both parts) and, for a conjugate, the sign of the imaginary parts:
    # FFT(z)* = unnormalised inverse FFT of z*
    np.multiply(parts, pattern[1] if rs.conjugate else pattern[0], out=parts)
    if rs.conjugate:
        done = fb.ifft_unnormalised(spectra, axis=1, overwrite_x=True)
    else:
        done = fb.fft(spectra, axis=1, overwrite_x=True)
    if done.ctypes.data != spectra.ctypes.data or done.strides != spectra.strides:  # not transformed in place
        spectra[...] = done
    mean[...] = spectra[:, 0, 0].real.astype(np.float64) / dc  # sum(x w) / sum(w)
    level = mean.astype(np.float32)[:, None]
    for r, c0, c1, values in bins:
        spectra[:, r, c0:c1] -= level * (np.conj(values) if rs.conjugate else values)[None, :]
    # energy by Parseval (rfft layout: columns other than DC and Nyquist stand for two columns): the
    # column sums of squares, then their weighted sum (one pass; faster than a sum and edge corrections;
    # einsum, not a BLAS matmul, whose summation order can depend on the batch: a window's result must not)
    summed = np.einsum("bc,c->b", np.einsum("bkc,bkc->bc", parts, parts), _parseval_weights(n))
    energy[...] = summed.astype(np.float64) / float(n * n)


class WindowSpectra(NamedTuple):
    """Output of :func:`window_spectra` (the arrays may be views of a :class:`Workspace`)."""

    spectra: np.ndarray  # (B, n, n//2+1) complex64
    mean: np.ndarray  # (B,) float64, taper-weighted window mean
    energy: np.ndarray  # (B,) float64, sum of squares of the tapered zero-mean window


def window_spectra(image: np.ndarray, top_r: np.ndarray, top_c: np.ndarray, n: int,
                   apodisation: str = "hann", workspace: Optional[Workspace] = None, name: str = "spectra",
                   conjugate: bool = False) -> WindowSpectra:
    """rfft2 of the tapered, zero-mean ``n x n`` windows of ``image`` at ``(top_r, top_c)``.

    Parameters
    ----------
    image : 2-D float32 array (finite everywhere: the caller fills nodata).
    top_r, top_c : (B,) integer top-left corners; every window lies inside ``image``.
    n : window size (pixels).
    apodisation : taper name (see :func:`apodisation_window`).
    workspace, name : the spectra are written into ``workspace``'s buffer
        ``name`` (valid until the next call with the same name), and the
        intermediates into its other buffers; ``None``: fresh arrays.
    conjugate : return the complex conjugate of the spectra (for the
        reference of a cross-power; costs nothing extra).

    Returns
    -------
    :class:`WindowSpectra`: ``rfft2((x - m) * w)`` (or its conjugate), the
    taper-weighted means ``m`` and the energies.
    """
    rs = row_spectra(image, top_r, top_c, n, apodisation, workspace, name, conjugate)
    b = top_r.size
    spectra = (workspace or Workspace()).array(name, (b, n, n // 2 + 1), np.complex64)
    mean, energy = np.empty(b), np.empty(b)
    for i in range(0, b, CHUNK):
        part = slice(i, min(b, i + CHUNK))
        finish_windows(rs, part, spectra[part], mean[part], energy[part])
    return WindowSpectra(spectra, mean, energy)


def row_spectra(image: np.ndarray, top_r: np.ndarray, top_c: np.ndarray, n: int, apodisation: str = "hann",
                workspace: Optional[Workspace] = None, name: str = "spectra", conjugate: bool = False) -> RowSpectra:
    """The first half of :func:`window_spectra`, shared by the windows: the band rows' FFTs along the columns.

    The result lives in ``workspace``'s buffer ``"rows-" + name``.
    :func:`finish_windows` completes any chunk of the windows from it, so a
    caller can take each chunk through the rest of its work while the
    chunk's arrays are still in cache.
    """
    nh = n // 2 + 1
    w1 = taper_terms(n, apodisation)[0]
    cols, group, rmin, rmax = _column_groups(top_r, top_c)
    height = int((rmax - rmin).max(initial=0)) + n
    ws = workspace or Workspace()
    if cols.size * height <= SHARING_WORTH_IT * top_r.size * n:
        start = np.minimum(rmin, image.shape[0] - height)
        bands = ws.array("bands", (cols.size, height, n), np.float32)
        for g in range(cols.size):  # a few bands per batch: slices, no fancy indexing (which holds the GIL)
            np.multiply(image[start[g]:start[g] + height, cols[g]:cols[g] + n], w1, out=bands[g])  # column taper
        first_row = group * height + (top_r - start[group])
    else:
        height = n
        bands = np.asarray(sliding_window_view(image, (n, n))[top_r, top_c], dtype=np.float32)
        bands *= w1
        first_row = np.arange(top_r.size) * n
    rows = fb.rfft(bands, axis=2, out=ws.array("rows-" + name, bands.shape[:2] + (nh,), np.complex64))
    return RowSpectra(rows.reshape(-1, nh), first_row, n, apodisation, conjugate)
