"""Synthetic time series with exact truth, for tests, the benchmark and the sample stack.

A landslide lobe (raised-cosine footprint) on stable ground moves east-south-
east with an accelerating motion plus an optional seasonal term; pair
products are the exact displacement between two dates plus Gaussian noise
(and optional gross errors), on a north-up grid (DX = east, DY = north, map
units). The pair products are written directly, without tracking images.
"""
from __future__ import annotations

import datetime as dt
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..output import write_raster

GT = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)
CRS_EPSG = 32632


def utm_wkt() -> str:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(CRS_EPSG)
    return srs.ExportToWkt()


def lobe_weight(shape: Tuple[int, int], centre=(0.5, 0.5), radius=(0.25, 0.2)) -> np.ndarray:
    """Raised-cosine lobe footprint in [0, 1] (1 at the centre, 0 outside the ellipse)."""
    h, w = shape
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float64)
    d = np.sqrt(((rows - centre[0] * h) / (radius[0] * h)) ** 2 + ((cols - centre[1] * w) / (radius[1] * w)) ** 2)
    return np.where(d < 1, 0.5 * (1 + np.cos(np.pi * np.clip(d, 0, 1))), 0.0)


def history(t_years: np.ndarray, velocity: float = 20.0, acceleration: float = 15.0, seasonal: float = 0.0) \
        -> np.ndarray:
    """Displacement magnitude (map units) at times t (years from the first date) at the lobe centre."""
    t = np.asarray(t_years, float)
    return velocity * t + 0.5 * acceleration * t ** 2 + seasonal * np.sin(2 * np.pi * t)


def truth_stack(dates: Sequence[dt.datetime], shape: Tuple[int, int], direction=(0.8, -0.6), **motion) \
        -> Dict[str, np.ndarray]:
    """Cumulative DX, DY (D, H, W) at every date (0 at the first), and the lobe weight."""
    t = np.array([(d - dates[0]).total_seconds() / 86400.0 / 365.25 for d in dates])
    wgt = lobe_weight(shape)
    mag = history(t, **motion)
    return {"DX": mag[:, None, None] * direction[0] * wgt[None], "DY": mag[:, None, None] * direction[1] * wgt[None],
            "lobe": wgt, "t": t}


def pair_displacement(truth: Dict[str, np.ndarray], i: int, j: int, noise: float, rng, gross: float = 0.0) \
        -> Tuple[np.ndarray, np.ndarray]:
    """Displacement of the pair (date i, date j) with Gaussian noise (map units) and an optional gross error
    (a constant offset of ``gross`` map units on a block covering the lobe, as a mismatched pair gives)."""
    dx = truth["DX"][j] - truth["DX"][i] + rng.normal(0.0, noise, truth["DX"].shape[1:])
    dy = truth["DY"][j] - truth["DY"][i] + rng.normal(0.0, noise, truth["DY"].shape[1:])
    if gross:
        h, w = dx.shape
        sl = (slice(h // 5, 4 * h // 5), slice(w // 5, 4 * w // 5))
        dx[sl] += gross
        dy[sl] -= 0.5 * gross
    return dx.astype(np.float32), dy.astype(np.float32)


def write_pair(path: str, dx: np.ndarray, dy: np.ndarray, d0: dt.datetime, d1: dt.datetime,
               sigma: Optional[float | np.ndarray] = None, metadata: Optional[dict] = None,
               geotransform=GT, crs_wkt: Optional[str] = None) -> str:
    """Write a pair product (DX, DY[, SIGMA_DX, SIGMA_DY]) with its dates in the metadata."""
    bands = {"DX": dx, "DY": dy, "MAGNITUDE": np.hypot(dx, dy),
             "DIRECTION": np.degrees(np.arctan2(dx, dy)) % 360.0}
    if sigma is not None:
        s = np.broadcast_to(np.asarray(sigma, np.float32), dx.shape)
        bands["SIGMA_DX"] = np.where(np.isfinite(dx), s, np.nan)
        bands["SIGMA_DY"] = np.where(np.isfinite(dy), s, np.nan)
    md = {"SENSETRACK_REFERENCE_DATE": d0.isoformat(), "SENSETRACK_TARGET_DATE": d1.isoformat(),
          "SENSETRACK_UNITS": "m"}
    md.update(metadata or {})
    return write_raster(path, bands, geotransform, utm_wkt() if crs_wkt is None else crs_wkt, metadata=md)


def dates_every(start: dt.datetime, days: Sequence[float]) -> List[dt.datetime]:
    return [start + dt.timedelta(days=float(d)) for d in days]
