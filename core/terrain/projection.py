"""3-D displacement from horizontal displacement, assuming motion parallel to the ground surface.

Notation: horizontal displacement ``h = (dx, dy)`` (east, north; map units),
surface gradient ``g = (gx, gy) = (dz/dx, dz/dy)``, slope angle
``theta = atan(|g|)``, horizontal downslope unit vector ``u = -g / |g|``.

Formulas (motion in the tangent plane of the surface)
-----------------------------------------------------
* ``DZ = h . g = dx*gx + dy*gy`` — vertical component, negative when the
  ground moves downhill.
* ``MAGNITUDE_3D = sqrt(dx^2 + dy^2 + DZ^2)``.
* ``ALONG_SLOPE = (h . u) / cos(theta)`` — component of the 3-D vector along
  the downslope line of the tangent plane, positive downslope; with the
  across-slope component ``h x u`` (horizontal) it gives
  ``ALONG_SLOPE^2 + ACROSS^2 = MAGNITUDE_3D^2``.
* ``PLUNGE = atan2(-DZ, |h|)`` in degrees, positive when the motion points
  below the horizontal.
* ``DOWNSLOPE_ANGLE`` = angle between ``h`` and ``u`` in degrees, 0 (straight
  downhill) to 180 (straight uphill); NaN for zero motion or flat ground.

Uncertainty (1 sigma)
---------------------
``dx``, ``dy`` have independent errors ``SIGMA_DX``, ``SIGMA_DY``; each gradient
component an independent error ``sg`` from the DEM slope error (see
:func:`..dem.slope_error_to_gradient`). ``DZ`` is a sum of products of
independent variables, whose variance is exact for Gaussian errors::

    var(DZ) = (gx^2 + sg^2) SIGMA_DX^2 + (gy^2 + sg^2) SIGMA_DY^2 + (dx^2 + dy^2) sg^2

``MAGNITUDE_3D`` is propagated to first order (delta method)::

    var(M) = ((dx + DZ gx)/M)^2 SIGMA_DX^2 + ((dy + DZ gy)/M)^2 SIGMA_DY^2 + (DZ/M)^2 (dx^2 + dy^2) sg^2

which is good while the errors are small against ``M`` (like any magnitude,
``M`` is biased upwards when they are not).

Validity flags (``MASK`` bits; bits 1-128 belong to ``filteroffsets``)
----------------------------------------------------------------------
256 slope below the minimum (flat ground: the vertical component is
meaningless), 512 motion more than the maximum angle away from downslope
(the surface-parallel assumption does not describe it), 1024 no DEM value.
Flagged vectors keep their values (except no-DEM ones, which have none) so
that the user decides.
"""
from __future__ import annotations

from typing import Dict, Optional

import numpy as np

MASK_FLAGS = {"flat": 256, "off_downslope": 512, "dem_nodata": 1024}


def downslope_angle(dx: np.ndarray, dy: np.ndarray, gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
    """Angle (degrees, 0-180) between the horizontal motion and the downslope direction ``-g``.

    NaN where the motion is zero or the ground is flat (no direction).
    """
    dx, dy, gx, gy = (np.asarray(v, dtype=np.float64) for v in (dx, dy, gx, gy))
    dot = -(dx * gx + dy * gy)
    cross = -(dx * gy - dy * gx)
    with np.errstate(invalid="ignore"):
        ang = np.degrees(np.arctan2(np.abs(cross), dot))
    return np.where((np.hypot(dx, dy) > 0) & (np.hypot(gx, gy) > 0), ang, np.nan)


def project(dx: np.ndarray, dy: np.ndarray, gx: np.ndarray, gy: np.ndarray,
            sigma_dx: Optional[np.ndarray] = None, sigma_dy: Optional[np.ndarray] = None,
            sigma_gradient: Optional[np.ndarray] = None) -> Dict[str, np.ndarray]:
    """Surface-parallel 3-D quantities (see module doc); keys ``dz``, ``magnitude``, ``along``, ``plunge``,
    ``angle`` and, when ``sigma_dx``/``sigma_dy`` are given, ``sigma_dz`` and ``sigma_magnitude``.

    Parameters
    ----------
    dx, dy : horizontal displacement (or velocity), east/north, map units (per time).
    gx, gy : surface gradient dz/dx, dz/dy (dimensionless).
    sigma_dx, sigma_dy : 1-sigma of dx, dy (same units), optional.
    sigma_gradient : 1-sigma of each gradient component (dimensionless), optional (0).
    """
    dx, dy, gx, gy = (np.asarray(v, dtype=np.float64) for v in (dx, dy, gx, gy))
    dz = dx * gx + dy * gy
    hmag = np.hypot(dx, dy)
    mag = np.sqrt(hmag ** 2 + dz ** 2)
    gmag = np.hypot(gx, gy)
    with np.errstate(invalid="ignore", divide="ignore"):
        h_down = np.where(gmag > 0, -(dx * gx + dy * gy) / gmag, 0.0)  # h . u (0 on flat ground: u undefined)
    along = np.where(np.isfinite(dz), h_down * np.sqrt(1.0 + gmag ** 2), np.nan)
    out = {"dz": dz, "magnitude": mag, "along": along,
           "plunge": np.degrees(np.arctan2(-dz, hmag)), "angle": downslope_angle(dx, dy, gx, gy)}
    if sigma_dx is None or sigma_dy is None:
        return out
    sx, sy = np.asarray(sigma_dx, dtype=np.float64), np.asarray(sigma_dy, dtype=np.float64)
    sg = np.zeros_like(dz) if sigma_gradient is None else np.broadcast_to(
        np.asarray(sigma_gradient, dtype=np.float64), dz.shape)
    out["sigma_dz"] = np.sqrt((gx ** 2 + sg ** 2) * sx ** 2 + (gy ** 2 + sg ** 2) * sy ** 2 + hmag ** 2 * sg ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        var_m = (((dx + dz * gx) / mag) ** 2 * sx ** 2 + ((dy + dz * gy) / mag) ** 2 * sy ** 2
                 + (dz / mag) ** 2 * hmag ** 2 * sg ** 2)
    # zero motion: the delta method has no derivative; take the error of the horizontal part, tilted
    var_m = np.where(mag == 0, ((1 + gx ** 2) * sx ** 2 + (1 + gy ** 2) * sy ** 2) / 2.0, var_m)
    out["sigma_magnitude"] = np.sqrt(var_m)
    return out


def validity_mask(valid: np.ndarray, slope_deg: np.ndarray, angle_deg: np.ndarray, min_slope: float,
                  max_angle: float, dem_nodata: np.ndarray) -> np.ndarray:
    """MASK bits of the surface-parallel model (float; 0 = valid, NaN where there is no vector).

    ``max_angle`` <= 0 or >= 180 switches the angle test off; ``min_slope`` <= 0 the flat test.
    """
    mask = np.where(valid, 0.0, np.nan)
    with np.errstate(invalid="ignore"):
        flat = valid & ~dem_nodata & (slope_deg < min_slope) if min_slope and min_slope > 0 else \
            np.zeros_like(valid)
        off = valid & ~dem_nodata & (angle_deg > max_angle) if max_angle and 0 < max_angle < 180 else \
            np.zeros_like(valid)
    mask[flat] += MASK_FLAGS["flat"]
    mask[off] += MASK_FLAGS["off_downslope"]
    mask[valid & dem_nodata] += MASK_FLAGS["dem_nodata"]
    return mask


def merge_mask(old: Optional[np.ndarray], new: np.ndarray) -> np.ndarray:
    """Add the terrain bits to an existing MASK band (whose bits are below 256), keeping its own bits."""
    if old is None:
        return new
    old = np.asarray(old, dtype=np.float64)
    base = np.where(np.isfinite(old), np.mod(old, 256.0), np.nan)  # re-running replaces earlier terrain bits
    return np.where(np.isfinite(new), np.where(np.isfinite(base), base, 0.0) + new, base)
