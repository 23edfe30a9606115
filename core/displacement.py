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
    dcol: np.ndarray, drow: np.ndarray, geotransform: Sequence[float], georeferenced: bool = True,
    dtype=np.float64,
) -> Tuple[np.ndarray, np.ndarray]:
    """Convert pixel offsets to (DX east, DY north) in map units (or pixels), computed in ``dtype``."""
    dcol = np.asarray(dcol, dtype=dtype)
    drow = np.asarray(drow, dtype=dtype)
    if not georeferenced:
        return dcol, -drow
    gt = [dcol.dtype.type(g) for g in geotransform]
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
    """All output bands (``dtype``, float32 for files) from pixel offsets; NaN where not ``valid``.

    ``DX``/``DY`` are computed at the precision of the offsets (float32 offsets
    of a dense tracker: float32, the precision they have), then cast;
    ``MAGNITUDE`` and ``DIRECTION`` at ``dtype`` from those: a full scene
    costs half as much as in float64, and the bands equal the float64 ones to
    float32 rounding.
    """
    dtype = np.dtype(dtype)
    dcol, drow = np.asarray(dcol), np.asarray(drow)
    work = np.result_type(dcol.dtype, drow.dtype, dtype, np.float32)
    dx, dy = pixel_to_map(dcol, drow, geotransform, georeferenced, work)
    dx, dy = dx.astype(dtype), dy.astype(dtype)  # copies: the offsets themselves are never written to
    bad = np.isnan(dx) | np.isnan(dy) | np.isinf(dx) | np.isinf(dy)
    if valid is not None:
        bad |= ~valid
    mag = np.hypot(dx, dy)
    az = np.arctan2(dx, dy)
    np.degrees(az, out=az)
    np.mod(az, dtype.type(360.0), out=az)
    az[az >= 360.0] = 0.0  # a tiny negative azimuth rounds to 360 in float32: the range is [0, 360)
    out = {"DX": dx, "DY": dy, "MAGNITUDE": mag, "DIRECTION": az}
    if pixel_offsets:
        out["COL_SHIFT"] = dcol.astype(dtype)
        out["ROW_SHIFT"] = drow.astype(dtype)
    for arr in out.values():
        arr[bad] = np.nan
    return out


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
