"""Conversion of pixel offsets to map displacement: the one place for signs.

Conventions (product decisions, see DEVELOPERS.md)
--------------------------------------------------
* Pixel offsets ``(dcol, drow)`` are *position in the target minus position
  in the reference*, along image columns (to the right) and rows (down).
* ``DX`` is positive east and ``DY`` positive north, in map units of the
  raster CRS. With the GDAL geotransform ``gt``::

      DX = gt[1] * dcol + gt[2] * drow
      DY = gt[4] * dcol + gt[5] * drow

  so for a north-up raster (``gt[5] < 0``) a move down the image is a
  negative ``DY`` (southward). Rotated grids are handled exactly.
* Without georeferencing the pixel is the unit and "north" is up the image:
  ``DX = dcol``, ``DY = -drow``.
* ``MAGNITUDE = hypot(DX, DY) >= 0``; ``DIRECTION`` is the azimuth of the
  motion in degrees clockwise from north (up), in [0, 360).
"""
from __future__ import annotations

from typing import Dict, Sequence, Tuple

import numpy as np

DISPLACEMENT_BANDS = ("DX", "DY", "MAGNITUDE", "DIRECTION")
PIXEL_BANDS = ("COL_SHIFT", "ROW_SHIFT")


def pixel_to_map(
    dcol: np.ndarray, drow: np.ndarray, geotransform: Sequence[float], georeferenced: bool = True
) -> Tuple[np.ndarray, np.ndarray]:
    """Convert pixel offsets to (DX east, DY north) in map units (or pixels)."""
    dcol = np.asarray(dcol, dtype=np.float64)
    drow = np.asarray(drow, dtype=np.float64)
    if not georeferenced:
        return dcol, -drow
    gt = geotransform
    return gt[1] * dcol + gt[2] * drow, gt[4] * dcol + gt[5] * drow


def map_to_pixel(dx: np.ndarray, dy: np.ndarray, geotransform: Sequence[float], georeferenced: bool = True):
    """Inverse of :func:`pixel_to_map`: (DX, DY) map units to (dcol, drow) pixels."""
    dx = np.asarray(dx, dtype=np.float64)
    dy = np.asarray(dy, dtype=np.float64)
    if not georeferenced:
        return dx, -dy
    gt = geotransform
    det = gt[1] * gt[5] - gt[2] * gt[4]
    return (gt[5] * dx - gt[2] * dy) / det, (-gt[4] * dx + gt[1] * dy) / det


def magnitude(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    return np.hypot(dx, dy)


def direction(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Azimuth of (dx east, dy north) in degrees clockwise from north, in [0, 360)."""
    az = np.degrees(np.arctan2(dx, dy))
    return np.mod(az, 360.0)


def displacement_bands(
    dcol: np.ndarray,
    drow: np.ndarray,
    geotransform: Sequence[float],
    georeferenced: bool = True,
    valid: np.ndarray | None = None,
    pixel_offsets: bool = False,
    dtype=np.float32,
) -> Dict[str, np.ndarray]:
    """All output bands (``dtype``, float32 for files) from pixel offsets; NaN where not ``valid``."""
    dx, dy = pixel_to_map(dcol, drow, geotransform, georeferenced)
    out = {
        "DX": dx,
        "DY": dy,
        "MAGNITUDE": magnitude(dx, dy),
        "DIRECTION": direction(dx, dy),
    }
    if pixel_offsets:
        out["COL_SHIFT"] = np.asarray(dcol, dtype=np.float64)
        out["ROW_SHIFT"] = np.asarray(drow, dtype=np.float64)
    result = {}
    for name, arr in out.items():
        arr = arr.astype(dtype)
        if valid is not None:
            arr[~valid] = np.nan
        arr[~np.isfinite(dx) | ~np.isfinite(dy)] = np.nan
        result[name] = arr
    return result


def band_units(names: Sequence[str], unit: str) -> list:
    """Unit label per output band ("m", "pixel", "degree")."""
    units = []
    for n in names:
        if n == "DIRECTION":
            units.append("degree")
        elif n in PIXEL_BANDS:
            units.append("pixel")
        elif n in ("DX", "DY", "MAGNITUDE"):
            units.append(unit)
        else:
            units.append("")
    return units
