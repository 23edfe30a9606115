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
4. the window mean is removed in the frequency domain: the transform of
   ``mean * w`` is ``mean * FFT2(w)``, which for the Hann window is non-zero
   in 6 bins only (rows 0, +-1 x columns 0, 1 of the rfft layout).

The result equals ``scipy.fft.rfft2((x - mean) * w)`` to float32 rounding.
The window means and tapered energies ``sum(((x - mean) * w)**2)`` are
computed in float64 from per-row sums, so they do not depend on how the
windows are grouped (tiled and untiled runs agree exactly).

When windows do not share columns (e.g. target windows moved by a
coarse-to-fine prior) each window is its own band: the same code then does
exactly the work of a per-window ``rfft2``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional, Tuple

import numpy as np
import scipy.fft as sfft
from numpy.lib.stride_tricks import sliding_window_view

# grouping into column bands is used when it transforms at most this fraction of the per-window rows
SHARING_WORTH_IT = 0.7


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
        """An uninitialised C-contiguous array of ``shape`` (a view of the buffer ``name``)."""
        size = int(np.prod(shape))
        dtype = np.dtype(dtype)
        buf = self._buffers.get(name)
        if buf is None or buf.dtype != dtype or buf.size < size:
            buf = np.empty(size, dtype=dtype)
            self._buffers[name] = buf
        return buf[:size].reshape(shape)


@lru_cache(maxsize=16)
def taper_terms(n: int, kind: str):
    """1-D taper ``w`` (float32), ``w**2`` (float64), ``sum(w**2)`` and the sparse rfft2 of ``w (x) w``.

    The last item is ``(rows, cols, values)``: the bins of ``rfft2(w (x) w)``
    that are not negligible, used to remove the window mean in the
    frequency domain.
    """
    from .windowed_phase import apodisation_window

    w2d = apodisation_window(n, kind).astype(np.float64)
    w = np.sqrt(np.diag(w2d))  # the 2-D window is the outer product of w with itself
    spec = np.fft.rfft2(w2d)
    mag = np.abs(spec)
    rows, cols = np.nonzero(mag > 1e-9 * mag.max())
    sparse = (rows, cols, spec[rows, cols].astype(np.complex64))
    return w.astype(np.float32), w * w, float(np.sum(w * w)), sparse


def window_spectra(image: np.ndarray, top_r: np.ndarray, top_c: np.ndarray, n: int,
                   apodisation: str = "hann", workspace: Optional[Workspace] = None, name: str = "spectra"
                   ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """rfft2 of the tapered, zero-mean ``n x n`` windows of ``image`` at ``(top_r, top_c)``.

    Parameters
    ----------
    image : 2-D float32 array (finite everywhere: the caller fills nodata).
    top_r, top_c : (B,) integer top-left corners; every window lies inside ``image``.
    n : window size (pixels).
    apodisation : taper name (see :func:`.windowed_phase.apodisation_window`).
    workspace, name : the spectra are written into ``workspace``'s buffer
        ``name`` (valid until the next call with the same name), and the
        intermediates into its other buffers; ``None``: fresh arrays.

    Returns
    -------
    spectra : (B, n, n//2+1) complex64, ``rfft2((x - mean) * w)``.
    mean : (B,) float64 window means (untapered).
    energy : (B,) float64 ``sum(((x - mean) * w)**2)``.
    """
    b = top_r.size
    nh = n // 2 + 1
    w1, w1sq, sum_w1sq, (zr, zc, zv) = taper_terms(n, apodisation)
    cols, group = np.unique(top_c, return_inverse=True)
    rmin = np.full(cols.size, np.iinfo(np.int64).max)
    rmax = np.full(cols.size, -1)
    np.minimum.at(rmin, group, top_r)
    np.maximum.at(rmax, group, top_r)
    height = int((rmax - rmin).max(initial=0)) + n
    ws = workspace or Workspace()
    if cols.size * height <= SHARING_WORTH_IT * b * n:
        start = np.minimum(rmin, image.shape[0] - height)
        bands = ws.array("bands", (cols.size, height, n), np.float32)
        for g in range(cols.size):  # a few bands per batch: slices, no fancy indexing (which holds the GIL)
            bands[g] = image[start[g]:start[g] + height, cols[g]:cols[g] + n]
        first_row = group * height + (top_r - start[group])
    else:
        height = n
        bands = np.asarray(sliding_window_view(image, (n, n))[top_r, top_c], dtype=np.float32)
        first_row = np.arange(b) * n
    # row index (in the bands stacked as one (G*H, ...) array) of every row of every window
    rows = first_row[:, None] + np.arange(n)[None, :]
    # per-row sums in float64 (exact enough for the flat-window test whatever the image's level),
    # combined per window from the same row values however the windows are grouped
    flat_rows = bands.reshape(-1, n)
    b64 = ws.array("float64", flat_rows.shape, np.float64)
    np.copyto(b64, flat_rows)
    # numpy reductions, not BLAS: a row's sum must not depend on how many rows are summed with it
    # (BLAS kernels block rows differently), or tiled and untiled runs would differ in the last bits
    terms = np.empty((b64.shape[0], 3))
    b64.sum(axis=1, out=terms[:, 0])
    np.multiply(b64, w1sq, out=b64)
    b64.sum(axis=1, out=terms[:, 1])
    np.copyto(b64, flat_rows)
    np.square(b64, out=b64)
    np.multiply(b64, w1sq, out=b64)
    b64.sum(axis=1, out=terms[:, 2])
    sums = (np.take(terms, rows, axis=0) * _row_weights(n, apodisation)).sum(axis=1)  # (B, 3)
    mean = sums[:, 0] / float(n * n)
    energy = sums[:, 2] - 2.0 * mean * sums[:, 1] + mean * mean * sum_w1sq * sum_w1sq
    np.maximum(energy, 0.0, out=energy)
    bands *= w1
    row_spectra = sfft.rfft(bands, axis=2, workers=1).reshape(-1, nh)  # (G*H, nh)
    spectra = np.take(row_spectra, rows, axis=0, out=ws.array(name, (b, n, nh), np.complex64), mode="clip")
    del row_spectra
    parts = spectra.view(np.float32).reshape(b, n, 2 * nh)
    np.multiply(parts, w1[None, :, None], out=parts)  # row taper (a real factor on both parts)
    spectra = sfft.fft(spectra, axis=1, overwrite_x=True, workers=1)
    spectra[:, zr, zc] -= mean.astype(np.float32)[:, None] * zv[None, :]
    return spectra, mean, energy


@lru_cache(maxsize=16)
def _row_weights(n: int, kind: str) -> np.ndarray:
    """(n, 3) weights turning per-row sums into window sums: 1, w_r**2, w_r**2."""
    _, w1sq, _, _ = taper_terms(n, kind)
    out = np.stack([np.ones(n), w1sq, w1sq], axis=1)
    out.setflags(write=False)
    return out
