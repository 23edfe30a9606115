"""Per-vector uncertainty: correlation-quality error model scaled on stable ground.

Model
-----
For each vector ``i`` and each component (column / row, pixels)::

    sigma_i = sqrt( (k * q_i)**2 + se**2 )

* ``q_i`` is the *relative* error of the vector from its correlation quality:
  ``q = sqrt(1 - p**2) / p`` with ``p`` = ``PEAK`` clipped to [0.05, 0.999]
  (the Cramér-Rao form of the correlation-peak error, shared by NCC and phase
  correlation); ``q = 1 / SNR`` when there is no ``PEAK`` but an ``SNR``;
  for dense trackers without quality bands ``q = sqrt(1 + (g / G0)**2)``,
  where ``g`` is the local displacement gradient (px per image pixel, from the
  5x5-smoothed field) and ``G0 = DENSE_GRADIENT_SCALE``: optical flow errs
  more where the ground deforms (2-3x on a landslide lobe with gradients of
  0.05-0.1 px/px). ``G0`` was fitted on synthetic exact-texture landslide pairs
  (core.synthetic.warp_exact, image noise 5 %, 5 lobe geometries: 128x144 to
  192x224 px, peaks 1.8-5 px, texture seeds 7-12) tracked by Farnebäck, ILK
  and TV-L1: with ``G0 = 0.035`` the +-1 sigma coverage of the true errors on
  the lobes (never used by the calibration of ``k``) has a median of 0.69 over
  the 15 cases, range 0.59-0.82, against 0.23-0.61 for a uniform error; a
  curvature term did not help.
* Windowed trackers (``SENSETRACK_METHOD`` phase / ncc) get the same kind of
  deformation factor on top of the PEAK term, ``q = q_peak * sqrt(1 + (g /
  G1)**2)``: the PEAK drops where the ground deforms inside a window, but
  not as fast as the error grows. ``G1`` was fitted on the benchmark's
  exact-texture landslide pairs (32-px windows, step 8) with texture seeds 5
  and 21 and checked on seed 11 (``scripts/bench_postprocess.py``): phase
  correlation ``G1 = 0.06`` (moving-area coverage 0.64-0.77 against 0.54-0.69
  without the term); NCC ``G1 = 0.008``, whose errors on deforming ground
  vary much more between seeds (coverage 0.4-0.8): its error bars there are
  the least reliable of all trackers.
* ``k`` (pixels) sets the scale. With stable ground, ``k`` is the 68.27 %
  quantile of ``|r_i| / q_i`` over the stable vectors (``r`` = the residual
  after bias removal, i.e. the true error there), pooled over both
  components, so that by construction 68.27 % of the stable-ground errors fall
  inside +-1 sigma; the quality model then distributes that scale over the
  whole result. A quantile (not an RMS) keeps a few stable-ground outliers
  from inflating every error bar. Without stable ground a-priori
  ``DEFAULT_SCALE`` is used.
* ``se`` is the standard error of the removed bias (1.2533 x NMAD / sqrt(n) for
  a median), the part of the error shared by every vector.

Outputs: ``SIGMA_DX``, ``SIGMA_DY`` (map units, 1 sigma of each component) and
``ERROR = hypot(SIGMA_DX, SIGMA_DY)`` (map units; the radius that holds the
true error vector about 63 % of the time for isotropic Gaussian errors).
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import numpy as np

from .stable import robust_stats

COVERAGE = 0.6827  # fraction of a Gaussian within +-1 sigma
DEFAULT_SCALE = 0.1  # px; a-priori k without stable ground (typical 1/10 px correlation error)
DENSE_GRADIENT_SCALE = 0.035  # px/px; G0 of the dense-tracker model (see the module doc)
# px/px; G1 of the windowed trackers' deformation term, per method (see the module doc)
WINDOWED_GRADIENT_SCALE = {"phasecorrelation": 0.06, "phase": 0.06, "ncc": 0.008}


def relative_error(peak: Optional[np.ndarray] = None, snr: Optional[np.ndarray] = None,
                   shape: Optional[Tuple[int, int]] = None) -> np.ndarray:
    """Relative error ``q`` of every vector from its PEAK (preferred) or SNR, else ones."""
    if peak is not None:
        p = np.clip(np.asarray(peak, dtype=np.float64), 0.05, 0.999)
        return np.sqrt(1.0 - p * p) / p
    if snr is not None:
        s = np.asarray(snr, dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            return 1.0 / np.clip(s, 1e-3, None)
    return np.ones(shape, dtype=np.float64)


def calibrate_scale(res_col: np.ndarray, res_row: np.ndarray, q: np.ndarray, stable: np.ndarray,
                    coverage: float = COVERAGE) -> Tuple[float, int]:
    """Scale ``k`` (px) with ``coverage`` of the stable-ground ``|r|/q`` at or below 1; also the count used."""
    z = []
    for r in (res_col, res_row):
        ok = stable & np.isfinite(r) & np.isfinite(q) & (q > 0)
        z.append(np.abs(r[ok]) / q[ok])
    z = np.concatenate(z)
    if z.size == 0:
        return DEFAULT_SCALE, 0
    return float(np.quantile(z, coverage)), int(z.size // 2)


def sigma_pixels(q: np.ndarray, scale: float, shared: float = 0.0) -> np.ndarray:
    """1-sigma error (px) of one component: ``sqrt((scale*q)**2 + shared**2)``."""
    return np.sqrt((scale * q) ** 2 + shared ** 2)


def median_standard_error(res: np.ndarray, stable: np.ndarray) -> float:
    """Standard error of a median estimated on the stable ground (1.2533 x NMAD / sqrt(n))."""
    s = robust_stats(res[stable])
    return 0.0 if s["count"] == 0 else float(1.2533 * s["nmad"] / np.sqrt(s["count"]))


def uncertainty_bands(product, q: np.ndarray, scale: float, shared_col: float = 0.0,
                      shared_row: float = 0.0) -> Dict[str, np.ndarray]:
    """SIGMA_DX, SIGMA_DY, ERROR (map units) for a product, NaN where there is no vector."""
    sc = sigma_pixels(q, scale, shared_col)
    sr = sigma_pixels(q, scale, shared_row)
    gt = product.image_geotransform()
    if product.georeferenced:
        # error propagation of DX = g1*c + g2*r, DY = g4*c + g5*r with independent c, r
        sdx = np.sqrt((gt[1] * sc) ** 2 + (gt[2] * sr) ** 2)
        sdy = np.sqrt((gt[4] * sc) ** 2 + (gt[5] * sr) ** 2)
    else:
        sdx, sdy = sc, sr
    bad = ~product.valid
    sdx = np.where(bad, np.nan, sdx)
    sdy = np.where(bad, np.nan, sdy)
    return {"SIGMA_DX": sdx, "SIGMA_DY": sdy, "ERROR": np.hypot(sdx, sdy)}


def coverage(errors: np.ndarray, sigma: np.ndarray) -> float:
    """Fraction of finite ``errors`` with ``|error| <= sigma``."""
    ok = np.isfinite(errors) & np.isfinite(sigma)
    if not ok.any():
        return float("nan")
    return float(np.mean(np.abs(errors[ok]) <= sigma[ok]))


def gradient_magnitude(dcol: np.ndarray, drow: np.ndarray, cell: float = 1.0) -> np.ndarray:
    """Local displacement gradient (px per image pixel) of a grid with ``cell`` image pixels per cell."""
    from scipy import ndimage

    total = np.zeros(dcol.shape)
    for a in (dcol, drow):
        fill = np.nanmedian(a) if np.isfinite(a).any() else 0.0
        a = ndimage.uniform_filter(np.where(np.isfinite(a), a, fill), 5, mode="nearest")
        gy, gx = np.gradient(a)
        total += gx ** 2 + gy ** 2
    return np.sqrt(total) / cell


def quality_of(product, dcol: Optional[np.ndarray] = None, drow: Optional[np.ndarray] = None) -> np.ndarray:
    """The relative error ``q`` of a product from its quality bands (or its gradient for dense trackers)."""
    if dcol is None or drow is None:
        dcol, drow = product.pixel_offsets()
    gi, gp = product.image_geotransform(), product.geotransform
    cell = float(np.hypot(gp[1], gp[4]) / np.hypot(gi[1], gi[4])) if product.georeferenced else 1.0
    g = gradient_magnitude(dcol, drow, cell if cell > 0 else 1.0)
    if "PEAK" in product.bands or "SNR" in product.bands:
        q = relative_error(product.bands.get("PEAK"), product.bands.get("SNR"), product.shape)
        g1 = WINDOWED_GRADIENT_SCALE.get(str(product.metadata.get("SENSETRACK_METHOD", "")).lower())
        return q if g1 is None else q * np.sqrt(1.0 + (g / g1) ** 2)
    return np.sqrt(1.0 + (g / DENSE_GRADIENT_SCALE) ** 2)
