"""Synthetic displacement products with known truth, for tests and benchmarks.

A landslide lobe on stable ground, plus a constant co-registration bias,
Gaussian noise whose standard deviation follows a PEAK band, and injected
outliers. Everything is in pixels of a north-up 10 m grid (so DX = 10*dcol,
DY = -10*drow).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import numpy as np

from ..displacement import displacement_bands

GT = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)


@dataclass
class SyntheticProduct:
    bands: dict  # DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT, PEAK, SNR (float32)
    true_dcol: np.ndarray
    true_drow: np.ndarray
    outliers: np.ndarray  # bool
    moving: np.ndarray  # bool: inside the lobe (not stable)
    noise_sigma: np.ndarray  # px, per vector and component
    geotransform: Tuple[float, ...] = GT


def make_product(shape=(80, 100), bias=(0.6, -0.4), noise=0.08, outlier_fraction=0.05, outlier_size=6.0,
                 lobe=(2.0, -3.0), seed=0, nodata_fraction=0.0) -> SyntheticProduct:
    """Synthetic product; ``bias`` (dcol, drow) px, ``noise`` px at PEAK 0.7, ``lobe`` peak (dcol, drow) px."""
    rng = np.random.default_rng(seed)
    h, w = shape
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float64)
    cr, cc, rr, rc = h * 0.5, w * 0.5, h * 0.22, w * 0.2
    d = np.sqrt(((rows - cr) / rr) ** 2 + ((cols - cc) / rc) ** 2)
    wgt = np.where(d < 1, 0.5 * (1 + np.cos(np.pi * np.clip(d, 0, 1))), 0.0)
    tc, tr = lobe[0] * wgt, lobe[1] * wgt
    # PEAK varies smoothly, as correlation quality does over a scene
    peak = 0.55 + 0.4 * np.clip(0.5 + 0.5 * np.sin(rows / 9.0) * np.cos(cols / 13.0), 0, 1)
    peak = peak + rng.normal(0, 0.03, shape)
    peak = np.clip(peak, 0.2, 0.98)
    q = np.sqrt(1 - peak ** 2) / peak
    q0 = np.sqrt(1 - 0.7 ** 2) / 0.7
    sigma = noise * q / q0
    ec, er = rng.normal(0, 1, shape) * sigma, rng.normal(0, 1, shape) * sigma
    dcol, drow = tc + bias[0] + ec, tr + bias[1] + er
    outl = rng.random(shape) < outlier_fraction
    n = int(outl.sum())
    ang = rng.uniform(0, 2 * np.pi, n)
    size = rng.uniform(1.5, outlier_size, n)
    dcol[outl] += size * np.cos(ang)
    drow[outl] += size * np.sin(ang)
    valid = rng.random(shape) >= nodata_fraction
    bands = displacement_bands(dcol, drow, GT, True, valid, pixel_offsets=True)
    bands["PEAK"] = np.where(valid, peak, np.nan).astype(np.float32)
    bands["SNR"] = np.where(valid, 1.0 / q, np.nan).astype(np.float32)
    return SyntheticProduct(bands, tc, tr, outl & valid, d < 1.05, sigma)


def lobe_polygon_wkt(shape=(80, 100), margin=1.15) -> str:
    """WKT polygon (map coordinates) around the moving lobe of :func:`make_product`."""
    h, w = shape
    cr, cc, rr, rc = h * 0.5, w * 0.5, h * 0.22 * margin, w * 0.2 * margin
    t = np.linspace(0, 2 * np.pi, 60)
    r = cr + rr * np.sin(t) + 0.5
    c = cc + rc * np.cos(t) + 0.5
    x = GT[0] + c * GT[1]
    y = GT[3] + r * GT[5]
    pts = ", ".join(f"{a:.3f} {b:.3f}" for a, b in zip(x, y))
    return f"POLYGON(({pts}, {x[0]:.3f} {y[0]:.3f}))"
