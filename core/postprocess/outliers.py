"""Outlier filters for displacement grids (pixel units).

Every filter takes the offsets ``(dcol, drow)`` in pixels of the tracked
images (right, down), NaN where there is no vector, and returns a boolean
array ``True`` where the vector must be removed. :func:`filter_offsets`
chains them, counts what each one removed (a vector is counted by the first
filter that removes it), optionally fills small holes and returns a ``MASK``
band of bit flags (never silent: every removed or interpolated vector is
flagged):

====  =============================================
bit   meaning
====  =============================================
1     PEAK below the minimum
2     SNR below the minimum
4     displacement above the plausible maximum
8     normalised median test (Westerweel & Scarano 2005)
16    direction inconsistent with the neighbours
32    isolated clump smaller than the minimum size
64    value interpolated into a small hole
128   motion uphill or across the slope (DEM downslope test)
====  =============================================

Bits 256 and up belong to the slope projection (``core.terrain.projection``).

``MASK`` is 0 for a kept vector and NaN where the input had no vector.

Reference: Westerweel, J. & Scarano, F. (2005) Universal outlier detection
for PIV data. Experiments in Fluids 39, 1096–1100.
"""
from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, Optional

import numpy as np
from scipy import ndimage

FLAGS = {"peak": 1, "snr": 2, "max_displacement": 4, "median_test": 8, "direction": 16, "clump": 32,
         "interpolated": 64, "downslope": 128}


def neighbours(a: np.ndarray, radius: int = 1, stride: int = 1) -> np.ndarray:
    """Stack of the (2r+1)^2 - 1 neighbours of every cell (centre excluded), NaN outside the grid.

    With ``stride`` s the neighbours are the cells at offsets (i*s, j*s): the
    same number of neighbours spread further, so that a coherent blob of bad
    vectors in a dense (one vector per pixel) result is compared with the
    ground around it rather than with itself.
    """
    r = int(radius) * int(stride)
    h, w = a.shape
    pad = np.full((h + 2 * r, w + 2 * r), np.nan)
    pad[r:r + h, r:r + w] = a
    out = []
    for i in range(-int(radius), int(radius) + 1):
        for j in range(-int(radius), int(radius) + 1):
            if i == 0 and j == 0:
                continue
            di, dj = i * int(stride), j * int(stride)
            out.append(pad[r + di:r + di + h, r + dj:r + dj + w])
    return np.stack(out)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No floating-point or 'All-NaN slice' warnings (all-NaN neighbourhoods are expected at edges)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _nanmedian0(stack: np.ndarray) -> np.ndarray:
    with _quiet():
        return np.nanmedian(stack, axis=0)


def normalised_median_residual(u: np.ndarray, radius: int = 1, epsilon: float = 0.1,
                               min_neighbours: int = 5, stride: int = 1) -> np.ndarray:
    """Westerweel & Scarano (2005) normalised residual ``|u0 - um| / (rm + eps)`` of one component.

    ``um`` is the median of the neighbours (centre excluded), ``rm`` the median
    of ``|ui - um|``; ``epsilon`` (px) is the acceptable fluctuation level of the
    correlation (0.1 px in the paper). NaN (not tested) where fewer than
    ``min_neighbours`` neighbours have a value: with 3 neighbours (a grid
    corner) the one-sided median flags any smooth gradient.
    """
    nb = neighbours(u, radius, stride)
    count = np.isfinite(nb).sum(axis=0)
    um = _nanmedian0(nb)
    rm = _nanmedian0(np.abs(nb - um))
    res = np.abs(u - um) / (rm + epsilon)
    res[count < min_neighbours] = np.nan
    return res


BLOCK_ROWS = 256  # rows per block of the neighbourhood filters: bounds memory on full scenes


def _blocked(func, arrays, halo: int, block: Optional[int] = None) -> np.ndarray:
    """Apply a neighbourhood function block of rows by block of rows, with ``halo`` rows of context."""
    block = block or BLOCK_ROWS
    h = arrays[0].shape[0]
    if h <= block + 2 * halo:
        return func(*arrays)
    out = None
    for r0 in range(0, h, block):
        r1 = min(h, r0 + block)
        a0, a1 = max(0, r0 - halo), min(h, r1 + halo)
        res = func(*[a[a0:a1] for a in arrays])
        if out is None:
            out = np.empty((h,) + res.shape[1:], dtype=res.dtype)
        out[r0:r1] = res[r0 - a0:r0 - a0 + (r1 - r0)]
    return out


def median_test(dcol: np.ndarray, drow: np.ndarray, threshold: float = 2.0, radius: int = 1,
                epsilon: float = 0.1, stride: int = 1) -> np.ndarray:
    """Remove where the vector residual ``hypot(r_col, r_row)`` exceeds ``threshold`` (paper: 2)."""
    def run(c, r):
        rc = normalised_median_residual(c, radius, epsilon, stride=stride)
        rr = normalised_median_residual(r, radius, epsilon, stride=stride)
        return np.isfinite(c) & (np.hypot(rc, rr) > threshold)

    return _blocked(run, (dcol, drow), int(radius) * int(stride))


def direction_test(dcol: np.ndarray, drow: np.ndarray, max_angle: float = 45.0, radius: int = 2,
                   min_magnitude: float = 0.5, min_coherence: float = 0.5) -> np.ndarray:
    """Remove vectors whose direction departs by more than ``max_angle`` degrees from their neighbours'.

    The neighbours' direction is the magnitude-weighted mean of their vectors.
    Only applied where the vector and the neighbours' mean are both longer than
    ``min_magnitude`` px (short vectors have no meaningful direction) and the
    neighbourhood is coherent (mean resultant length >= ``min_coherence``).
    """
    return _blocked(lambda c, r: _direction_outliers(c, r, max_angle, radius, min_magnitude, min_coherence),
                    (dcol, drow), int(radius))


def _direction_outliers(dcol, drow, max_angle, radius, min_magnitude, min_coherence) -> np.ndarray:
    nc, nr = neighbours(dcol, radius), neighbours(drow, radius)
    with _quiet():
        mc, mr = np.nanmean(nc, axis=0), np.nanmean(nr, axis=0)
        mag_mean = np.nanmean(np.hypot(nc, nr), axis=0)
    mean_mag = np.hypot(mc, mr)
    coherence = mean_mag / np.where(mag_mean > 0, mag_mean, np.nan)
    mag = np.hypot(dcol, drow)
    cosang = (dcol * mc + drow * mr) / (mag * mean_mag)
    angle = np.degrees(np.arccos(np.clip(cosang, -1, 1)))
    apply = (mag > min_magnitude) & (mean_mag > min_magnitude) & (coherence >= min_coherence)
    return apply & (angle > max_angle)


def _small_components(mask: np.ndarray, max_size: int) -> np.ndarray:
    """True for the ``mask`` cells in 8-connected groups of at most ``max_size`` cells."""
    if max_size <= 0:
        return np.zeros_like(mask)
    lab, n = ndimage.label(mask, structure=np.ones((3, 3), bool))
    if n == 0:
        return np.zeros_like(mask)
    small = np.bincount(lab.ravel()) <= max_size
    small[0] = False
    return small[lab]


def small_clumps(valid: np.ndarray, min_size: int) -> np.ndarray:
    """True for valid cells in 8-connected groups of fewer than ``min_size`` cells."""
    return _small_components(valid, min_size - 1)


def fill_holes(holes: np.ndarray, max_size: int) -> np.ndarray:
    """Boolean of the ``holes`` cells that belong to 8-connected holes of at most ``max_size`` cells."""
    return _small_components(holes, max_size)


_OFFSETS = [(i, j) for i in (-1, 0, 1) for j in (-1, 0, 1) if i or j]  # the 8 neighbours, as in neighbours()


def interpolate(a: np.ndarray, where: np.ndarray, max_iter: int = 50) -> np.ndarray:
    """Fill ``where`` cells from the mean of their valid 3x3 neighbours, from the edges inwards."""
    out = a.copy()
    todo = where & ~np.isfinite(out)
    for _ in range(max_iter):
        r, c = np.nonzero(todo)  # only the cells still to fill, not a neighbour stack of the whole grid
        if r.size == 0:
            break
        pad = np.pad(out, 1, constant_values=np.nan)
        with _quiet():
            mean = np.nanmean(np.stack([pad[r + 1 + i, c + 1 + j] for i, j in _OFFSETS]), axis=0)
        ok = np.isfinite(mean)
        if not ok.any():
            break
        out[r[ok], c[ok]] = mean[ok]
        todo[r[ok], c[ok]] = False
    return out


@dataclass
class FilterResult:
    dcol: np.ndarray
    drow: np.ndarray
    mask: np.ndarray  # float: bit flags, NaN where the input had no vector
    counts: Dict[str, int] = field(default_factory=dict)
    input_valid: int = 0


def filter_offsets(
    dcol: np.ndarray,
    drow: np.ndarray,
    peak: Optional[np.ndarray] = None,
    snr: Optional[np.ndarray] = None,
    min_peak: float = 0.0,
    min_snr: float = 0.0,
    max_displacement: float = 0.0,
    median_threshold: float = 2.0,
    median_radius: int = 1,
    median_epsilon: float = 0.1,
    median_stride: int = 1,
    direction_angle: float = 0.0,
    direction_radius: int = 2,
    direction_min_magnitude: float = 0.5,
    min_clump: int = 0,
    max_hole: int = 0,
    log=None,
    downslope: Optional[Callable[[np.ndarray, np.ndarray], np.ndarray]] = None,
) -> FilterResult:
    """Chain the filters; thresholds of 0 switch a filter off.

    Parameters
    ----------
    dcol, drow : 2-D arrays, px (right, down), NaN = no vector.
    peak, snr : optional quality grids (``PEAK``, ``SNR`` bands); a threshold
        on a missing band is skipped with a log message.
    max_displacement : px; vectors longer than this are implausible.
    median_threshold : normalised-median-test threshold (0 = off).
    direction_angle : degrees (0 = off).
    min_clump : remove 8-connected groups of fewer valid vectors (0 = off).
    max_hole : fill holes of at most this many removed vectors by interpolation (0 = off).
    downslope : optional test ``(dcol, drow) -> bool array`` (True = points uphill or across the slope),
        applied after the direction filter (see ``steps.downslope_test``).
    """
    log = log or (lambda m: None)
    dcol = np.array(dcol, dtype=np.float64)
    drow = np.array(drow, dtype=np.float64)
    valid0 = np.isfinite(dcol) & np.isfinite(drow)
    mask = np.where(valid0, 0.0, np.nan)
    counts: Dict[str, int] = {}

    def apply(name: str, bad: np.ndarray) -> None:
        bad = bad & np.isfinite(dcol) & np.isfinite(drow)
        counts[name] = int(bad.sum())
        mask[bad] = FLAGS[name]
        dcol[bad] = np.nan
        drow[bad] = np.nan

    for name, grid, thr in (("peak", peak, min_peak), ("snr", snr, min_snr)):
        if thr and thr > 0:
            if grid is None:
                log(f"No {name.upper()} band/field in the input: the minimum {name.upper()} filter was skipped.")
                continue
            with np.errstate(invalid="ignore"):
                apply(name, ~(np.asarray(grid) >= thr))
    if max_displacement and max_displacement > 0:
        with np.errstate(invalid="ignore"):
            apply("max_displacement", np.hypot(dcol, drow) > max_displacement)
    if median_threshold and median_threshold > 0:
        apply("median_test", median_test(dcol, drow, median_threshold, median_radius, median_epsilon,
                                         max(1, int(median_stride))))
    if direction_angle and direction_angle > 0:
        apply("direction", direction_test(dcol, drow, direction_angle, direction_radius, direction_min_magnitude))
    if downslope is not None:
        apply("downslope", downslope(dcol, drow))
    if min_clump and min_clump > 1:
        apply("clump", small_clumps(np.isfinite(dcol), int(min_clump)))
    if max_hole and max_hole > 0:
        removed = valid0 & ~np.isfinite(dcol)
        holes = fill_holes(removed, int(max_hole))
        c2, r2 = interpolate(dcol, holes), interpolate(drow, holes)
        filled = holes & np.isfinite(c2) & np.isfinite(r2)
        dcol[filled], drow[filled] = c2[filled], r2[filled]
        mask[filled] = mask[filled] + FLAGS["interpolated"]
        counts["interpolated"] = int(filled.sum())
    n0 = int(valid0.sum())
    for name, c in counts.items():
        if name != "interpolated":
            log(f"{name}: removed {c} of {n0} vectors ({c / max(n0, 1):.1%})")
    if "interpolated" in counts:
        log(f"interpolated: {counts['interpolated']} vectors filled in small holes (MASK bit 64)")
    return FilterResult(dcol, drow, mask, counts, n0)


def summary_rows(result: FilterResult) -> list:
    """Rows (filter, removed, fraction of input vectors) for the output table."""
    n0 = max(result.input_valid, 1)
    rows = [("input_vectors", result.input_valid, 1.0)]
    for name, c in result.counts.items():
        rows.append((name, c, c / n0))
    kept = int(np.isfinite(result.dcol).sum())
    rows.append(("kept", kept, kept / n0))
    return rows
