"""Zero-mean normalised cross-correlation (NCC) template matching of windows.

Each reference chip (``W x W``) is searched for in a target area of
``S = W + 2R`` pixels (``R`` = search range) centred on the same position
(plus an optional integer prior)::

    NCC(s) = sum_m a(m) b(m + s) / sqrt( sum a^2 * (sum_W b^2 - (sum_W b)^2 / W^2) )

(``a`` = zero-mean chip), the field's standard metric (autoRIFT, IMCORR,
ampcor).

Method (:func:`match_windows`, the engine's matcher)
----------------------------------------------------
The fast NCC of Lewis (1995), batched, for every search range:

* denominators without per-window work: on a regular grid a target box
  ``W x W`` has the same sum and sum of squares whichever window's search
  area holds it, so both are computed once per batch of windows on the
  target region their search areas cover (:class:`TargetBoxes`: float64,
  the region's mean removed, OpenCV's ``boxFilter``/``sqrBoxFilter`` or,
  without OpenCV, running sums along each axis) and each window slices its
  ``n x n`` shifts (``n = 2R + 1``) of ``1 / sqrt(var)``, ``var`` = sum over
  the box of (b - box mean)^2;
* numerator by batched real FFT of the zero-mean chips and the search
  areas (each minus its mean: float32 transforms stay accurate on bright
  16-bit images) on the smallest 2-3-5-7 size ``>= S`` (:func:`fast_size`:
  84 for S = 82, where the 2-3-5 size 90 was 1.3-1.7x slower with pyFFTW),
  in equal sub-batches of at most :data:`SUB_BATCH_BYTES` of spectra
  (2-4 MB measured best: 5-10 % faster than the engine's whole batch of 256
  windows, 20-30 % faster than 0.5 MB);
* the same cross-spectrum gives the sub-pixel refinement (below).

Measured 2026-11-30 (chip 32, step 16, 0.1 px, 1536^2 pair, engine on 2
threads, ``scripts/bench_correlation.py --previous=<old ncc.py>``; one run
on the shared machine at load average 1.2-1.5), windows/s at range 8 /
range 25:

* this path: 28,811 / 12,005;
* the previous engine path: 25,324 / 7,001 (1.14x / 1.71x slower; range 8:
  per-window box sums by band-matrix products, range 25: one
  ``cv2.matchTemplate`` per window + refinement on a 48-px local area);
* the reference :func:`match_stack_fft`: 17,034 / 4,888;
* a bare ``cv2.matchTemplate`` + ``minMaxLoc`` loop on the same windows and
  threads (integer peaks only, no refinement): 33,498 / 9,114.

Two more runs (load 2-3 and a quick one) gave 1.03-1.14x / 1.71-1.93x over
the previous path (README, "NCC box sums once per target band").

CPU time per window on one thread (best of 3-5, alternated with the
previous path): 54-62 us against 62-77 us at range 8, 133-165 us against
271-344 us at range 25. Integer peaks equal to the reference's on 100 % of
the bench windows; sub-pixel shifts within 1e-4 px of it on 99.96 % of the
accuracy sweep's (the rest within 1e-3 px: the two differ by rounding, and
where two points of the 1/upsampling grid tie the fit takes the other
stencil).

One path serves every range, so there is nothing to choose: per-window
``cv2.matchTemplate`` (``TM_CCOEFF_NORMED``; the previous path for ranges
above 8 px) and the per-window box sums by band-matrix products (the
previous path up to 8 px) were both slower and were removed. The batched
version with per-window summed-area tables is kept as
:func:`match_stack_fft`, the reference of the tests and of the benchmark.

Sub-pixel method and its bias
-----------------------------
The integer peak is refined with :func:`.subpixel.refine_peaks` on the
whole search area: the numerator is evaluated *exactly* at fractional
shifts from the cross-spectrum (trigonometric interpolation by matrix DFT,
as in ampcor's FFT oversampling of the correlation surface), the
denominator is interpolated by a 2-D quadratic through its 3x3 integer
neighbourhood, and a 2-D quadratic is fitted to the NCC on the grid of
spacing ``1/upsampling`` px described in :mod:`.subpixel`. Measured bias
(peak-locking: largest |mean error| over fractional shifts 0.0-0.9 px,
natural texture, 64-px chips, search range 8,
``scripts/bench_correlation.py``): about 0.01 px, RMSE 0.025 px with 2 %
noise. The trigonometric interpolation treats the search area as
periodic, so its edges leak into the estimate: with 32-px chips errors
reach 0.03-0.07 px even without noise. Search areas that touch nodata or
the image edge are refused by the engine for the same reason.

Quality and undefined values
----------------------------
``peak`` is the NCC at the sub-pixel peak, ``snr`` the integer peak over
the mean |NCC| of the shifts; a textureless chip (rms below
:data:`.phase.FLAT_RELATIVE` of its level) gets NaN shifts, peak and snr
0. A shift where the target box has no texture (its rms below 1e-6 of the
region's range, :data:`REL_ROUNDING`) has an undefined NCC: it is never the
peak, and a peak within 2 px of one is not refined (NaN shift).

Sign: shifts are target minus reference (columns right, rows down).
"""
from __future__ import annotations

from typing import Dict, List, Tuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import fft_backend as fb
from ...deps import is_available
from .phase import FLAT_RELATIVE  # the same textureless test for both trackers
from .subpixel import dft_points, quadratic_coefficients, quadratic_eval, refine_peaks

SUB_BATCH_BYTES = 2 << 20  # cross-spectra per FFT call (bytes): 128 windows at range 8, 64 at range 25
REGION_FACTOR = 4  # a batch's target region may hold this many times its search areas' pixels
REL_ROUNDING = 1e-12  # box variances below this fraction of (w x region range)^2 are rounding: no texture
_K3 = np.array([-1, 0, 1])


def _own_float32(x: np.ndarray, fresh: bool) -> np.ndarray:
    """``x`` as a float32 array this module may modify (``fresh``: ``x`` is already a new array)."""
    return x if fresh and x.dtype == np.float32 else np.array(x, dtype=np.float32, copy=True)


def _zero_mean_chips(chips: np.ndarray, fresh: bool = False):
    """float32 zero-mean chips, their energy sum(a^2) and the textureless ones."""
    w = chips.shape[1]
    a = _own_float32(chips, fresh)
    mean = a.mean(axis=(1, 2), dtype=np.float64)
    a -= mean.astype(np.float32)[:, None, None]
    ea = np.einsum("bij,bij->b", a, a, dtype=np.float64)
    flat = np.sqrt(ea / (w * w)) <= FLAT_RELATIVE * np.abs(mean)
    flat |= ~(ea > 0)
    return a, ea, flat


def _zero_mean_areas(search: np.ndarray, fresh: bool = False) -> np.ndarray:
    """float32 search areas minus their means (NCC is unchanged; kinder to float32 sums and FFTs)."""
    t = _own_float32(search, fresh)
    t -= t.mean(axis=(1, 2), dtype=np.float64).astype(np.float32)[:, None, None]
    return t


def _tiny(ea: np.ndarray, w: int, t: np.ndarray) -> np.ndarray:
    """The reference's floor (B, 1, 1): denominators below it are rounding noise, the NCC is undefined."""
    big = max(float(np.abs(t).max()) if t.size else 0.0, 1e-30)
    return 1e-12 * (ea[:, None, None] * (w * w) * big ** 2) ** 0.5 + 1e-300


def _refine(spec: np.ndarray, size: int, y0: np.ndarray, x0: np.ndarray, neigh: np.ndarray, den3: np.ndarray,
            upsampling: int):
    """Sub-pixel NCC peaks from the numerator's cross-spectrum ``spec``.

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


def _cross_spectrum(a: np.ndarray, area: np.ndarray, size: int) -> np.ndarray:
    """``conj(FFT(a)) FFT(area)`` on ``size`` x ``size``: the spectrum of the NCC numerator."""
    spec = fb.rfft2(a, s=(size, size))
    np.conjugate(spec, out=spec)
    spec *= fb.rfft2(area, s=(size, size))
    return spec


def _store_refined(out: Dict[str, np.ndarray], idx: np.ndarray, ry: np.ndarray, rx: np.ndarray, pk: np.ndarray,
                   r: int) -> None:
    """Sub-pixel shift indices (0..2r) and peaks of windows ``idx`` into ``out`` as shifts about the centre."""
    out["drow"][idx] = ry - r
    out["dcol"][idx] = rx - r
    out["peak"][idx] = pk


def _flat_scores(out: Dict[str, np.ndarray], flat: np.ndarray) -> Dict[str, np.ndarray]:
    """Textureless chips score 0 (PEAK and SNR); their shifts are already NaN."""
    out["peak"][flat] = 0.0
    out["snr"][flat] = 0.0
    return out


def _result(b: int) -> Dict[str, np.ndarray]:
    return {"dcol": np.full(b, np.nan), "drow": np.full(b, np.nan), "peak": np.zeros(b), "snr": np.zeros(b),
            "nrms": np.full(b, np.nan)}


def fast_size(s: int) -> int:
    """Smallest FFT length >= s with factors 2, 3, 5, 7 (e.g. 84 for 82, where the 2-3-5 size is 90):
    measured 1.3-1.7x faster than the 2-3-5 size with pyFFTW at chip 32, range 25, no slower with SciPy."""
    import scipy.fft as sfft

    return int(sfft.next_fast_len(int(s), real=False))


def _region_box_sums(region: np.ndarray, w: int) -> Tuple[np.ndarray, np.ndarray]:
    """Sums and sums of squares of ``region`` (float64, a constant removed) over every w x w box
    (top-left corners: (H - w + 1) x (W - w + 1))."""
    if is_available("cv2"):
        import cv2

        kw = dict(anchor=(0, 0), normalize=False, borderType=cv2.BORDER_CONSTANT)
        h, wd = region.shape[0] - w + 1, region.shape[1] - w + 1
        return (cv2.boxFilter(region, cv2.CV_64F, (w, w), **kw)[:h, :wd],
                cv2.sqrBoxFilter(region, cv2.CV_64F, (w, w), **kw)[:h, :wd])
    # separable running sums (one axis at a time keeps the cumulative sums small: float64 rounding stays
    # below REL_ROUNDING even on full-width regions of bright images)
    return _box_sums_2d(region, w), _box_sums_2d(np.square(region), w)


def _box_sums_2d(x: np.ndarray, w: int) -> np.ndarray:
    """Sums of ``x`` over every w x w box (top-left corners), by running sums along each axis in turn."""
    for _ in range(2):
        c = np.cumsum(x, axis=0)
        x = np.concatenate([c[w - 1:w], c[w:] - c[:-w]]).T
    return x


class TargetBoxes:
    """The NCC denominators of every ``w x w`` box of a target region, computed once for all the search
    areas that lie in it (the box sums do not depend on which window's search area holds the box).

    The region (finite values) is taken in float64 minus its mean (bright 16-bit levels keep their
    precision). ``var`` = sum over the box of (b - box mean)^2 (float64), ``ok`` where the NCC is defined:
    ``var`` above :data:`REL_ROUNDING` x ``w^2 big^2`` (``big`` the region's largest |value - mean|), i.e.
    the box's rms above 1e-6 of the region's range, clear of the running sums' rounding, so a constant
    box is never taken for texture; ``inv`` = 1 / sqrt(var) where ok, else 0 (float32). Arrays are
    indexed by box top-left corner minus (``r0``, ``c0``).
    """

    def __init__(self, tar: np.ndarray, r0: int, c0: int, r1: int, c1: int, w: int):
        region = tar[r0:r1, c0:c1].astype(np.float64)
        region -= region.mean()
        big = max(-float(region.min()), float(region.max()))
        s1, s2 = _region_box_sums(region, w)
        var = np.multiply(s1, s1, out=s1)
        var *= -1.0 / (w * w)
        var += s2
        self.ok = var > REL_ROUNDING * (w * big) ** 2
        self.all_ok = bool(self.ok.all())
        self.var = var
        self.inv = np.zeros(var.shape, dtype=np.float32)
        np.sqrt(var, out=self.inv, where=self.ok, casting="same_kind")
        np.divide(1.0, self.inv, out=self.inv, where=self.ok)
        self.r0, self.c0 = r0, c0


def _groups(rows: np.ndarray, cols: np.ndarray, s: int) -> List[np.ndarray]:
    """Split window indices into groups whose target region (bounding box of their search areas)
    holds at most :data:`REGION_FACTOR` times their areas' pixels (a thinly spread batch is split)."""
    todo, groups = [np.arange(rows.size)], []
    while todo:
        idx = todo.pop()
        h = int(rows[idx].max() - rows[idx].min()) + s
        wd = int(cols[idx].max() - cols[idx].min()) + s
        if idx.size > 1 and h * wd > REGION_FACTOR * idx.size * s * s:
            todo += [idx[:idx.size // 2], idx[idx.size // 2:]]
        else:
            groups.append(idx)
    return groups


def match_windows(ref: np.ndarray, tar: np.ndarray, ref_rows: np.ndarray, ref_cols: np.ndarray,
                  tar_rows: np.ndarray, tar_cols: np.ndarray, window: int, search_range: int,
                  upsampling: int = 10) -> Dict[str, np.ndarray]:
    """NCC-match chips of ``ref`` in search areas of ``tar`` (the engine's NCC matcher).

    Parameters
    ----------
    ref, tar : 2-D finite arrays (the engine fills nodata with 0 and refuses the windows whose chip or
        search area touches it).
    ref_rows, ref_cols : (B,) int top-left corners of the chips ``ref[r:r + window, c:c + window]``.
    tar_rows, tar_cols : (B,) int top-left corners of the search areas ``tar[r:r + S, c:c + S]``,
        ``S = window + 2 search_range``, centred on the chips' expected positions.
    window, search_range : chip size and search range (pixels).
    upsampling : sub-pixel grid ``1/upsampling`` px (then a quadratic fit).

    Returns
    -------
    dict of (B,) arrays: ``dcol``, ``drow`` (pixels, target minus reference, relative to the
    search-area centre; NaN when the peak lies on the edge of the search range, when the correlation
    is undefined within 2 px of the peak, or for a textureless chip), ``peak`` (NCC at the sub-pixel
    peak, -1..1; the integer peak's NCC where the shift is NaN, 0 for a textureless chip), ``snr``
    (peak over the mean |NCC| of the shifts), ``nrms`` (NaN: not defined for NCC). The same as
    :func:`match_stack_fft` on the same windows (integer peaks; sub-pixel shifts within a few
    thousandths of a pixel where the FFT sizes differ, to rounding where they are equal).
    """
    w, r = int(window), int(search_range)
    s = w + 2 * r
    out = _result(ref_rows.size)
    for idx in _groups(tar_rows, tar_cols, s) if ref_rows.size else []:
        tr, tc = tar_rows[idx], tar_cols[idx]
        boxes = TargetBoxes(tar, int(tr.min()), int(tc.min()), int(tr.max()) + s, int(tc.max()) + s, w)
        size = fast_size(s)
        # equal sub-batches of at most SUB_BATCH_BYTES of spectra (a small remainder would cost a call)
        parts = -(-idx.size * size * (size // 2 + 1) * 8 // SUB_BATCH_BYTES)
        chunk = -(-idx.size // parts)
        for i in range(0, idx.size, chunk):
            sub = idx[i:i + chunk]
            res = _match_in_region(ref, tar, ref_rows[sub], ref_cols[sub], tar_rows[sub], tar_cols[sub], w, r,
                                   boxes, size, upsampling)
            for k in out:
                out[k][sub] = res[k]
    return out


def _match_in_region(ref, tar, ref_rows, ref_cols, tar_rows, tar_cols, w: int, r: int, boxes: TargetBoxes,
                     size: int, upsampling: int) -> Dict[str, np.ndarray]:
    """:func:`match_windows` for a few windows whose search areas lie in ``boxes``' region."""
    s, n = w + 2 * r, 2 * r + 1
    b = ref_rows.size
    out = _result(b)
    a, ea, flat = _zero_mean_chips(sliding_window_view(ref, (w, w))[ref_rows, ref_cols], fresh=True)
    inv_a = np.divide(1.0, np.sqrt(ea), out=np.zeros(b), where=ea > 0)  # 1 / sqrt(sum a^2), 0 if no texture
    t = _zero_mean_areas(sliding_window_view(tar, (s, s))[tar_rows, tar_cols], fresh=True)
    spec = _cross_spectrum(a, t, size)
    yy, xx = tar_rows - boxes.r0, tar_cols - boxes.c0
    num = fb.irfft2(spec, s=(size, size))[:, :n, :n]
    ncc = num * sliding_window_view(boxes.inv, (n, n))[yy, xx]  # 0 where the NCC is undefined
    ncc *= inv_a.astype(np.float32)[:, None, None]
    if boxes.all_ok:
        score = ncc
        mean_abs = np.abs(ncc).mean(axis=(1, 2), dtype=np.float64)
    else:
        ok = sliding_window_view(boxes.ok, (n, n))[yy, xx]
        score = np.where(ok, ncc, -np.inf)
        mean_abs = np.abs(ncc).sum(axis=(1, 2), dtype=np.float64) / np.maximum(ok.sum(axis=(1, 2)), 1)
    y0, x0 = np.divmod(np.argmax(score.reshape(b, -1), axis=1), n)
    ib = np.arange(b)
    top = score[ib, y0, x0].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["snr"] = np.where(mean_abs > 0, top / mean_abs, 0.0)
    out["peak"] = np.where(np.isfinite(top), top, 0.0)
    inner = (y0 > 0) & (y0 < n - 1) & (x0 > 0) & (x0 < n - 1) & np.isfinite(top) & (top > 0) & ~flat
    if not boxes.all_ok:
        near = np.arange(-2, 3)
        iy = np.clip(y0[:, None] + near[None, :], 0, n - 1) + yy[:, None]
        ix = np.clip(x0[:, None] + near[None, :], 0, n - 1) + xx[:, None]
        inner &= boxes.ok[iy[:, :, None], ix[:, None, :]].all(axis=(1, 2))
    idx = np.nonzero(inner)[0]
    if idx.size:
        den3 = np.sqrt(ea[idx, None, None] * np.maximum(
            boxes.var[(yy[idx] + y0[idx])[:, None, None] + _K3[None, :, None],
                      (xx[idx] + x0[idx])[:, None, None] + _K3[None, None, :]], 0.0))
        # the NCC around the peak in float64, as the refinement's DFT values are
        neigh = _around(num, idx, y0[idx], x0[idx]).astype(np.float64) / den3
        inner_spec = spec if idx.size == b else spec[idx]  # usually every window: no copy
        _store_refined(out, idx, *_refine(inner_spec, size, y0[idx], x0[idx], neigh, den3, upsampling), r)
    return _flat_scores(out, flat)


def match_stack_fft(chips: np.ndarray, search: np.ndarray, upsampling: int = 10) -> Dict[str, np.ndarray]:
    """NCC of a stack of chips in a stack of search areas, every window on its own: the reference that
    :func:`match_windows` is tested and benchmarked against.

    Parameters
    ----------
    chips : (B, W, W) reference chips (fully valid).
    search : (B, S, S) target search areas, ``S = W + 2R``, centred on the chips (fully valid).
    upsampling : sub-pixel grid ``1/upsampling`` px (then a quadratic fit).

    Returns
    -------
    dict of (B,) arrays, as :func:`match_windows`: ``dcol``, ``drow`` (pixels, target minus
    reference, relative to the search-area centre; NaN when the peak lies on the edge of the search
    range, when the correlation is undefined within 2 px of the peak, or for a textureless chip),
    ``peak`` (NCC at the sub-pixel peak, -1..1; the integer peak's NCC where the shift is NaN, 0 for a
    textureless chip), ``snr`` (peak over the mean |NCC| of the shifts), ``nrms`` (NaN: not defined
    for NCC).

    The batched fast NCC with the whole search area transformed on the 2-3-5 FFT size and the box sums
    of the denominator from float64 summed-area tables of each area (slow: NumPy's cumsum along an axis
    of a stack costs more than the FFTs).
    """
    b, w, _ = chips.shape
    s = search.shape[1]
    r = (s - w) // 2
    n = 2 * r + 1
    out = _result(b)
    if b == 0:
        return out
    size = fb.next_fast_len(s)
    a, ea, flat = _zero_mean_chips(chips)
    t = _zero_mean_areas(search)
    spec = _cross_spectrum(a, t, size)
    num = fb.irfft2(spec, s=(size, size))[:, :n, :n].astype(np.float64)
    s1 = _box_sums_cumsum(t, w, n)
    s2 = _box_sums_cumsum(np.square(t, dtype=np.float64), w, n)
    den = np.sqrt(ea[:, None, None] * np.maximum(s2 - s1 * s1 / (w * w), 0.0))
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
        _store_refined(out, idx, *_refine(spec[idx], size, y0[idx], x0[idx], _around(ncc, idx, y0[idx], x0[idx]),
                                          _around(den, idx, y0[idx], x0[idx]), upsampling), r)
    return _flat_scores(out, flat)


def _box_sums_cumsum(x: np.ndarray, w: int, n: int) -> np.ndarray:
    """Sums of ``x`` (B, S, S) over every w x w box with top-left (y, x) in [0, n)^2, by summed-area
    tables (float64)."""
    ii = np.zeros((x.shape[0], x.shape[1] + 1, x.shape[2] + 1), dtype=np.float64)
    np.cumsum(x, axis=1, dtype=np.float64, out=ii[:, 1:, 1:])
    np.cumsum(ii[:, 1:, 1:], axis=2, out=ii[:, 1:, 1:])
    return ii[:, w:w + n, w:w + n] - ii[:, 0:n, w:w + n] - ii[:, w:w + n, 0:n] + ii[:, 0:n, 0:n]


