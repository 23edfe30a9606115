"""Zero-mean normalised cross-correlation (NCC) template matching of window stacks.

Each reference chip (``W x W``) is searched for in a target area of
``S = W + 2R`` pixels (``R`` = search range) centred on the same position
(plus an optional integer prior)::

    NCC(s) = sum_m a(m) b(m + s) / sqrt( sum a^2 * (sum_W b^2 - (sum_W b)^2 / W^2) )

(``a`` = zero-mean chip), the field's standard metric (autoRIFT, IMCORR,
ampcor).

Integer peak
------------
Two paths, chosen by the search range ``R`` (same results where both apply):

* ``R <= LOCAL_RANGE`` (:data:`LOCAL_RANGE` = 8 px, the default range): the
  batched fast NCC of Lewis (1995). The numerator ``sum_m a(m) b(m + s)``
  for all shifts by FFT of the stacks, the box sums of the denominator by
  two small matrix products per window (band matrices of ones, float64);
  the same cross-spectrum then gives the sub-pixel refinement.
* larger ranges (when OpenCV is installed, else the path above): the NCC
  surface of every window from OpenCV's
  ``cv2.matchTemplate`` (``TM_CCOEFF_NORMED``, the same quantity), one call
  per window (OpenCV releases the GIL: the engine's two threads keep both
  cores busy), then the refinement on a local area (below). Each search
  area has its mean removed first (NCC is unchanged; it keeps OpenCV's
  single-precision sums accurate on bright 16-bit images).

The version this replaced (whole-area FFT, summed-area tables by NumPy
``cumsum``, which cost more than the FFTs) is kept as
:func:`match_stack_fft`, the reference of the tests and of
``scripts/bench_correlation.py`` (measured on a loaded machine, chip 32:
1.4-1.8x faster at range 8, 1.5-1.9x at range 25, the same integer peaks).

Sub-pixel method and its bias
-----------------------------
The integer peak is refined with :func:`.subpixel.refine_peaks`
on a search area of at most :data:`LOCAL_RANGE` px around the chip: the
whole search area up to that range, else the target pixels within
``LOCAL_RANGE`` px of the chip moved to the integer peak (kept inside the
search area). The
numerator is evaluated *exactly* at fractional shifts from the local
cross-spectrum (trigonometric interpolation by matrix DFT, as in ampcor's
FFT oversampling of the correlation surface), the denominator is
interpolated by a 2-D quadratic through its 3x3 integer neighbourhood, and
a 2-D quadratic is fitted to the NCC on the grid of spacing
``1/upsampling`` px described in :mod:`.subpixel`. With a search
range up to :data:`LOCAL_RANGE` the local area is the whole search area,
so the sub-pixel result is the one of the batched FFT version; larger
search ranges cost one matchTemplate over the large area but only a small
transform. Measured bias (peak-locking: largest |mean error| over
fractional shifts 0.0-0.9 px, natural texture, 64-px chips, search range 8,
``scripts/bench_correlation.py``): about 0.01 px, RMSE 0.025 px with 2 %
noise. The trigonometric interpolation treats the local area as periodic,
so its edges leak into the estimate: with 32-px chips errors reach
0.03-0.07 px even without noise. Search areas that touch nodata or the
image edge are refused by the engine for the same reason.

Sign: shifts are target minus reference (columns right, rows down).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Dict

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import fft_backend as fb
from ...deps import is_available
from .phase import FLAT_RELATIVE  # the same textureless test for both trackers
from .subpixel import dft_points, quadratic_coefficients, quadratic_eval, refine_peaks

# half-size (px) of the local search area transformed for the sub-pixel refinement: the search range of
# the accuracy sweep (and the default), so that sweep's results are those of the whole-area refinement
LOCAL_RANGE = 8
_K3 = np.array([-1, 0, 1])


def _box_sums_cumsum(x: np.ndarray, w: int, n: int) -> np.ndarray:
    """Sums of ``x`` (B, S, S) over every w x w box with top-left (y, x) in [0, n)^2, by summed-area
    tables (float64; the replaced version's way, slow: NumPy's cumsum along an axis of a stack)."""
    ii = np.zeros((x.shape[0], x.shape[1] + 1, x.shape[2] + 1), dtype=np.float64)
    np.cumsum(x, axis=1, dtype=np.float64, out=ii[:, 1:, 1:])
    np.cumsum(ii[:, 1:, 1:], axis=2, out=ii[:, 1:, 1:])
    return ii[:, w:w + n, w:w + n] - ii[:, 0:n, w:w + n] - ii[:, w:w + n, 0:n] + ii[:, 0:n, 0:n]


@lru_cache(maxsize=16)
def _band(w: int, n: int, size: int) -> np.ndarray:
    """(n, size) float64: row k holds ones over [k, k + w)."""
    m = np.zeros((n, size))
    for k in range(n):
        m[k, k:k + w] = 1.0
    return m


def _box_sums(x: np.ndarray, w: int, n: int) -> np.ndarray:
    """Sums of ``x`` (B, S, S) over every w x w box with top-left (y, x) in [0, n)^2 (float64, B x n x n).

    Two small matrix products per window with band matrices of ones: several times faster than
    summed-area tables here, and as exact (float64 sums).
    """
    m = _band(w, n, x.shape[1])
    return np.matmul(np.matmul(m, x.astype(np.float64, copy=False)), m.T)


def _zero_mean_chips(chips: np.ndarray):
    """float32 zero-mean chips, their energy sum(a^2) and the textureless ones."""
    w = chips.shape[1]
    a = np.array(chips, dtype=np.float32, copy=True)
    mean = a.mean(axis=(1, 2), dtype=np.float64)
    a -= mean.astype(np.float32)[:, None, None]
    ea = np.einsum("bij,bij->b", a, a, dtype=np.float64)
    flat = np.sqrt(ea / (w * w)) <= FLAT_RELATIVE * np.abs(mean)
    flat |= ~(ea > 0)
    return a, ea, flat


def _zero_mean_areas(search: np.ndarray) -> np.ndarray:
    """float32 search areas minus their means (NCC is unchanged; kinder to float32 sums and FFTs)."""
    t = np.array(search, dtype=np.float32, copy=True)
    t -= t.mean(axis=(1, 2), dtype=np.float64).astype(np.float32)[:, None, None]
    return t


def _tiny(ea: np.ndarray, w: int, t: np.ndarray) -> np.ndarray:
    """Denominators below this are rounding noise: the correlation is undefined there (B, 1, 1)."""
    big = max(float(np.abs(t).max()) if t.size else 0.0, 1e-30)
    return 1e-12 * (ea[:, None, None] * (w * w) * big ** 2) ** 0.5 + 1e-300


def _cross_spectrum(a: np.ndarray, area: np.ndarray):
    """``conj(FFT(a)) FFT(area)`` on a fast size >= the area's: the spectrum of the NCC numerator."""
    size = fb.next_fast_len(area.shape[1])
    spec = fb.rfft2(a, s=(size, size))
    np.conjugate(spec, out=spec)
    spec *= fb.rfft2(area, s=(size, size))
    return spec, size


def _refine(spec: np.ndarray, size: int, y0: np.ndarray, x0: np.ndarray, neigh: np.ndarray, den3: np.ndarray,
            upsampling: int):
    """Sub-pixel NCC peaks from the numerator's cross-spectrum ``spec`` (:func:`_cross_spectrum`).

    ``(y0, x0)``: integer peaks (shift indices in the transformed area, 1 px from its edges at least);
    ``neigh`` (B, 3, 3) the NCC around them, ``den3`` (B, 3, 3) the NCC denominators there. Returns the
    sub-pixel shift indices (row, col) and the NCC at that shift.
    """
    dcoef = quadratic_coefficients(den3)
    oy, ox = y0.astype(np.float64), x0.astype(np.float64)

    def denominator(todo, rpos, cpos):
        d = quadratic_eval(dcoef[todo], cpos - ox[todo][:, None], rpos - oy[todo][:, None])
        return np.maximum(d, 1e-300)

    ry, rx = refine_peaks(spec, size, size, y0, x0, neigh, int(upsampling), denominator)
    zero = np.zeros(1)
    num_pk = dft_points(spec, size, size, ry, rx, zero, zero)[:, 0, 0]
    den_pk = denominator(np.arange(y0.size), ry[:, None], rx[:, None])[:, 0, 0]
    return ry, rx, np.clip(num_pk / den_pk, -1.0, 1.0)


def _around(x: np.ndarray, idx: np.ndarray, y: np.ndarray, c: np.ndarray) -> np.ndarray:
    """x[idx][i, y[i]-1 .. y[i]+1, c[i]-1 .. c[i]+1] -> (k, 3, 3)."""
    yy = y[:, None] + _K3[None, :]
    xx = c[:, None] + _K3[None, :]
    return x[idx[:, None, None], yy[:, :, None], xx[:, None, :]]


def _result(b: int) -> Dict[str, np.ndarray]:
    return {"dcol": np.full(b, np.nan), "drow": np.full(b, np.nan), "peak": np.zeros(b), "snr": np.zeros(b),
            "nrms": np.full(b, np.nan)}


def ncc_surfaces(a: np.ndarray, t: np.ndarray) -> np.ndarray:
    """NCC of every zero-mean chip ``a[i]`` (W, W) at every shift in ``t[i]`` (S, S): (B, n, n) float32.

    One ``cv2.matchTemplate(TM_CCOEFF_NORMED)`` per window (OpenCV releases the GIL); a shift where the
    target under the chip is constant gets 0.
    """
    import cv2  # optional: without OpenCV every range takes the batched FFT path (match_stack)

    b, w = a.shape[0], a.shape[1]
    n = t.shape[1] - w + 1
    surf = np.empty((b, n, n), dtype=np.float32)
    for i in range(b):
        cv2.matchTemplate(t[i], a[i], cv2.TM_CCOEFF_NORMED, result=surf[i])
    return surf


def match_stack(chips: np.ndarray, search: np.ndarray, upsampling: int = 10) -> Dict[str, np.ndarray]:
    """NCC-match a stack of chips in a stack of search areas.

    Parameters
    ----------
    chips : (B, W, W) reference chips (fully valid; the caller checks).
    search : (B, S, S) target search areas, ``S = W + 2R``, centred on the
        chips (fully valid: the engine refuses windows whose search area
        touches nodata or the image edge).
    upsampling : sub-pixel grid ``1/upsampling`` px (then a quadratic fit).

    Returns
    -------
    dict of (B,) arrays: ``dcol``, ``drow`` (pixels, target minus reference,
    relative to the search-area centre; NaN when the peak lies on the edge of
    the search range, when the correlation is undefined within 2 px of the
    peak, or for a textureless chip), ``peak`` (NCC at the sub-pixel peak,
    -1..1; the integer peak's NCC where the shift is NaN, 0 for a textureless
    chip), ``snr`` (peak over the mean |NCC| of the shifts), ``nrms`` (NaN:
    not defined for NCC).
    """
    b, w, _ = chips.shape
    s = search.shape[1]
    r = (s - w) // 2
    n = 2 * r + 1
    # small search areas: one set of transforms for the integer and the sub-pixel peak (also the
    # path for every range when OpenCV is missing: the plugin does not require it for NCC)
    if r <= LOCAL_RANGE or not is_available("cv2"):
        return _match_whole(chips, search, upsampling, _box_sums)
    return match_stack_template(chips, search, upsampling)


def match_stack_template(chips: np.ndarray, search: np.ndarray, upsampling: int = 10,
                         local_range: int = LOCAL_RANGE) -> Dict[str, np.ndarray]:
    """:func:`match_stack` with the integer peak from ``cv2.matchTemplate`` and the sub-pixel peak from
    the local area of ``local_range`` px around it (the method for search ranges above :data:`LOCAL_RANGE`)."""
    b, w, _ = chips.shape
    s = search.shape[1]
    r = (s - w) // 2
    n = 2 * r + 1
    out = _result(b)
    if b == 0:
        return out
    a, ea, flat = _zero_mean_chips(chips)
    t = _zero_mean_areas(search)
    surf = ncc_surfaces(a, t)
    y0, x0 = np.divmod(np.argmax(surf.reshape(b, -1), axis=1), n)
    ib = np.arange(b)
    top = surf[ib, y0, x0].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_abs = np.abs(surf).reshape(b, -1).mean(axis=1, dtype=np.float64)
        out["snr"] = np.where(mean_abs > 0, top / mean_abs, 0.0)
    out["peak"] = top.copy()
    # the NCC denominators on the 5x5 shifts around the peak (moved inside the surface near its edges):
    # the sub-pixel interpolation needs the correlation defined within 2 px of the match
    sy, sx = np.clip(y0 - 2, 0, n - 5), np.clip(x0 - 2, 0, n - 5)
    region = sliding_window_view(t, (w + 4, w + 4), axis=(1, 2))[ib, sy, sx].astype(np.float64)
    s1, s2 = _box_sums(region, w, 5), _box_sums(np.square(region, out=region), w, 5)
    den5 = np.sqrt(ea[:, None, None] * np.maximum(s2 - s1 * s1 / (w * w), 0.0))
    inner = (y0 > 0) & (y0 < n - 1) & (x0 > 0) & (x0 < n - 1) & (top > 0) & ~flat
    inner &= (den5 > _tiny(ea, w, t)).all(axis=(1, 2))
    idx = np.nonzero(inner)[0]
    if idx.size:
        # the local search area: LOCAL_RANGE px around the integer peak, kept inside the search area
        rl = min(r, local_range)
        py, px = np.clip(y0[idx] - rl, 0, n - 1 - 2 * rl), np.clip(x0[idx] - rl, 0, n - 1 - 2 * rl)
        area = sliding_window_view(t, (w + 2 * rl, w + 2 * rl), axis=(1, 2))[idx, py, px]
        neigh = _around(surf, idx, y0[idx], x0[idx]).astype(np.float64)
        den3 = _around(den5, idx, y0[idx] - sy[idx], x0[idx] - sx[idx])
        spec, size = _cross_spectrum(a[idx], area)
        ry, rx, pk = _refine(spec, size, y0[idx] - py, x0[idx] - px, neigh, den3, upsampling)
        out["drow"][idx] = ry + py - r
        out["dcol"][idx] = rx + px - r
        out["peak"][idx] = pk
    out["peak"][flat] = 0.0
    out["snr"][flat] = 0.0
    return out


def match_stack_fft(chips: np.ndarray, search: np.ndarray, upsampling: int = 10) -> Dict[str, np.ndarray]:
    """The batched FFT NCC (Lewis 1995) that :func:`match_stack` replaced: the reference it is tested
    and benchmarked against (same parameters and results; the whole search area is transformed, the
    box sums of the denominator come from float64 summed-area tables)."""
    return _match_whole(chips, search, upsampling, _box_sums_cumsum)


def _match_whole(chips: np.ndarray, search: np.ndarray, upsampling: int,
                 box_sums: Callable[[np.ndarray, int, int], np.ndarray]) -> Dict[str, np.ndarray]:
    """Batched FFT NCC over the whole search area (numerator by FFT, denominators by ``box_sums``)."""
    b, w, _ = chips.shape
    s = search.shape[1]
    r = (s - w) // 2
    n = 2 * r + 1
    out = _result(b)
    if b == 0:
        return out
    a, ea, flat = _zero_mean_chips(chips)
    t = _zero_mean_areas(search)
    spec, size = _cross_spectrum(a, t)
    num = fb.irfft2(spec, s=(size, size))[:, :n, :n].astype(np.float64)
    s1 = box_sums(t, w, n)
    den = np.sqrt(ea[:, None, None] * np.maximum(box_sums(np.square(t, dtype=np.float64), w, n) - s1 * s1 / (w * w),
                                                  0.0))
    ok = den > _tiny(ea, w, t)
    ncc = np.where(ok, num / np.where(ok, den, 1.0), 0.0)
    score = np.where(ok, ncc, -np.inf)
    y0, x0 = np.divmod(np.argmax(score.reshape(b, -1), axis=1), n)
    ib = np.arange(b)
    top = score[ib, y0, x0]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_abs = np.where(ok, np.abs(ncc), 0.0).sum(axis=(1, 2)) / np.maximum(ok.sum(axis=(1, 2)), 1)
        out["snr"] = np.where(mean_abs > 0, top / mean_abs, 0.0)
    out["peak"] = np.where(np.isfinite(top), top, 0.0)
    inner = (y0 > 0) & (y0 < n - 1) & (x0 > 0) & (x0 < n - 1) & np.isfinite(top) & (top > 0) & ~flat
    near = np.arange(-2, 3)
    iy = np.clip(y0[:, None] + near[None, :], 0, n - 1)
    ix = np.clip(x0[:, None] + near[None, :], 0, n - 1)
    inner &= ok[ib[:, None, None], iy[:, :, None], ix[:, None, :]].all(axis=(1, 2))
    idx = np.nonzero(inner)[0]
    if idx.size:
        ry, rx, pk = _refine(spec[idx], size, y0[idx], x0[idx], _around(ncc, idx, y0[idx], x0[idx]),
                             _around(den, idx, y0[idx], x0[idx]), upsampling)
        out["drow"][idx] = ry - r
        out["dcol"][idx] = rx - r
        out["peak"][idx] = pk
    out["peak"][flat] = 0.0
    out["snr"][flat] = 0.0
    return out
