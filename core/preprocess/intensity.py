"""Radiometric normalisation: global statistics and the point-wise maps built on them.

Every function takes the pixel values and a boolean ``valid`` mask and
returns float64 values; invalid pixels are never used for statistics and
come out NaN. Statistics are gathered block by block (:class:`Histogram`)
so a full scene never has to be in memory.

Fixes over the original library: z-score is a real z-score (it was a
min-max), log/dB work on any float data (they returned a constant image
outside [0, 1]), negative values are kept (they were set to 0), and nodata
never enters a statistic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

BINS = 65536


@dataclass
class Histogram:
    """Exact count, mean, variance and range, and a fine histogram of the valid values.

    Percentiles and the equalisation CDF come from a ``BINS``-bin histogram
    between the minimum and maximum: exact for integer data with a range
    below ``BINS`` (one bin per value), otherwise within (max - min) / BINS.
    """

    count: int = 0
    mean_: float = 0.0
    m2: float = 0.0
    lo: float = np.inf
    hi: float = -np.inf
    counts: Optional[np.ndarray] = field(default=None, repr=False)
    integer: bool = True

    def add_range(self, values: np.ndarray) -> None:
        """First pass: count, mean and variance (Chan et al. block merge), range."""
        v = values.astype(np.float64, copy=False)
        if v.size == 0:
            return
        n, m = v.size, float(v.mean())
        m2 = float(((v - m) ** 2).sum())
        total = self.count + n
        delta = m - self.mean_
        self.m2 += m2 + delta * delta * self.count * n / total
        self.mean_ += delta * n / total
        self.count = total
        self.lo = min(self.lo, float(v.min()))
        self.hi = max(self.hi, float(v.max()))
        self.integer = self.integer and bool(np.all(v == np.round(v)))

    def _edges(self):
        if self.integer and self.hi - self.lo < BINS:
            return self.lo - 0.5, 1.0, int(self.hi - self.lo) + 1
        width = (self.hi - self.lo) / BINS or 1.0
        return self.lo, width, BINS

    def add_counts(self, values: np.ndarray) -> None:
        """Second pass: the fine histogram."""
        start, width, n = self._edges()
        if self.counts is None:
            self.counts = np.zeros(n, dtype=np.int64)
        idx = np.clip(((values.astype(np.float64) - start) / width).astype(np.int64), 0, n - 1)
        self.counts += np.bincount(idx, minlength=n)

    @property
    def mean(self) -> float:
        return self.mean_

    @property
    def std(self) -> float:
        """Population standard deviation of the valid values."""
        return float(np.sqrt(self.m2 / self.count)) if self.count else 0.0

    def cdf(self):
        """(bin centres, CDF at the centre: fraction of values below it plus half the bin)."""
        start, width, n = self._edges()
        centres = start + width * (np.arange(n) + 0.5)
        c = np.cumsum(self.counts).astype(np.float64)
        mid = (c - 0.5 * self.counts) / c[-1]
        return centres, mid

    def percentile(self, q: float) -> float:
        centres, cdf = self.cdf()
        if self.integer and self.hi - self.lo < BINS:
            c = np.cumsum(self.counts)
            k = int(np.searchsorted(c, q / 100.0 * c[-1], side="left"))
            return float(centres[min(k, len(centres) - 1)])
        return float(np.interp(q / 100.0, cdf, centres))


def minmax(values: np.ndarray, valid: np.ndarray, h: Histogram) -> np.ndarray:
    """(x - min) / (max - min): 0..1 over the valid pixels."""
    span = h.hi - h.lo
    out = (values - h.lo) / span if span > 0 else np.zeros(values.shape)
    return np.where(valid, out, np.nan)


def zscore(values: np.ndarray, valid: np.ndarray, h: Histogram) -> np.ndarray:
    """(x - mean) / std over the valid pixels: mean 0, standard deviation 1."""
    s = h.std
    out = (values - h.mean) / s if s > 0 else np.zeros(values.shape)
    return np.where(valid, out, np.nan)


def percentile_stretch(values: np.ndarray, valid: np.ndarray, h: Histogram, low: float = 2.0,
                       high: float = 98.0) -> np.ndarray:
    """Linear stretch of the [low, high] percentiles to 0..1, clipped."""
    a, b = h.percentile(low), h.percentile(high)
    out = np.clip((values - a) / (b - a), 0.0, 1.0) if b > a else np.zeros(values.shape)
    return np.where(valid, out, np.nan)


def log_transform(values: np.ndarray, valid: np.ndarray, decibel: bool = False) -> np.ndarray:
    """Natural log, or decibels ``10 log10(x)`` (for SAR intensity); x <= 0 becomes NaN (no log)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 10.0 * np.log10(values) if decibel else np.log(values)
    return np.where(valid & (values > 0), out, np.nan)


def equalize(values: np.ndarray, valid: np.ndarray, h: Histogram) -> np.ndarray:
    """Global histogram equalisation: each value replaced by its CDF (0..1) over the valid pixels."""
    centres, cdf = h.cdf()
    return np.where(valid, np.interp(values, centres, cdf), np.nan)


def to_uint16(values: np.ndarray, valid: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Map [lo, hi] linearly to 0..65535 (clipped); invalid pixels get the mid value."""
    scaled = np.clip((values - lo) / (hi - lo if hi > lo else 1.0), 0.0, 1.0) * 65535.0
    return np.where(valid, np.round(scaled), 32768).astype(np.uint16)


def clahe(values: np.ndarray, valid: np.ndarray, lo: float, hi: float, clip_limit: float = 2.0,
          tile: int = 64) -> np.ndarray:
    """Contrast-limited adaptive histogram equalisation (OpenCV) on any data type, 0..1 out.

    The values are first mapped to 16 bits between ``lo`` and ``hi`` (the
    0.1 and 99.9 percentiles of the whole image, so float and 16-bit data
    keep their dynamic range: the original library's float CLAHE returned a
    constant image). ``tile`` is the tile size in pixels; tiles are aligned
    on the image origin, so a block whose offsets are multiples of ``tile``
    gets the same result as the whole image away from its own edges.
    """
    import cv2

    img = to_uint16(values, valid, lo, hi)
    h, w = img.shape
    grid = (max(1, int(np.ceil(w / tile))), max(1, int(np.ceil(h / tile))))
    pad_r, pad_c = grid[1] * tile - h, grid[0] * tile - w
    if pad_r or pad_c:  # OpenCV would stretch the tiles to fit; keep them exactly ``tile`` pixels
        img = np.pad(img, ((0, pad_r), (0, pad_c)), mode="reflect" if min(h, w) > 1 else "edge")
    eq = cv2.createCLAHE(clipLimit=float(clip_limit), tileGridSize=grid).apply(img)[:h, :w]
    return np.where(valid, eq / 65535.0, np.nan)
