"""Checks that a reference/target pair can be compared pixel by pixel."""
from __future__ import annotations

import os

import numpy as np

from .errors import GridMismatchError, InputError
from .gdal_utils import crs_label, same_crs
from .raster import Raster


def _name(r: Raster) -> str:
    return os.path.basename(r.path)


def bounds_overlap(a: Raster, b: Raster) -> bool:
    ax0, ay0, ax1, ay1 = a.bounds
    bx0, by0, bx1, by1 = b.bounds
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


def same_grid(a: Raster, b: Raster, tolerance: float = 1e-3) -> bool:
    """Same size and geotransform within ``tolerance`` pixels."""
    if a.shape != b.shape:
        return False
    ga, gb = np.asarray(a.geotransform), np.asarray(b.geotransform)
    px = max(abs(ga[1]), abs(ga[5]), 1e-12)
    return bool(np.all(np.abs(ga - gb) <= tolerance * px))


MIN_SIZE = 2  # pixels per side: the trackers need an image gradient along both axes


def _grid_text(r: Raster) -> str:
    """'400x400 px of 10 x 10 map units, x 500000..504000, y 4996000..5000000' for messages."""
    px, py = r.pixel_size
    x0, y0, x1, y1 = r.bounds
    return f"{r.width}x{r.height} px of {px:.6g} x {py:.6g} map units, x {x0:.10g}..{x1:.10g}, y {y0:.10g}..{y1:.10g}"


def check_size(r: Raster, minimum: int = MIN_SIZE) -> None:
    """Refuse a raster smaller than ``minimum`` pixels along either axis."""
    if r.width < minimum or r.height < minimum:
        raise InputError(f"'{_name(r)}' is {r.width}x{r.height} pixels: too small to track; it must be at least "
                         f"{minimum}x{minimum} pixels (use a larger area).")


def check_pair(reference: Raster, target: Raster) -> None:
    """Raise a clear error unless ``target`` lies on ``reference``'s pixel grid.

    Order of checks: size (at least :data:`MIN_SIZE` pixels per side),
    georeferencing, CRS, overlap, grid. When neither raster is georeferenced
    they must simply have the same size (results are then in pixels).
    """
    check_size(reference)
    check_size(target)
    if reference.is_georeferenced != target.is_georeferenced:
        which = _name(reference) if not reference.is_georeferenced else _name(target)
        raise InputError(
            f"Only one of the two rasters is georeferenced ('{which}' is not). Georeference it, "
            "or use two rasters without georeferencing to work in pixels."
        )
    if not reference.is_georeferenced:
        if reference.shape != target.shape:
            raise GridMismatchError(
                f"The rasters are not georeferenced and have different sizes "
                f"({reference.width}x{reference.height} and {target.width}x{target.height}); "
                "they must have the same size to be compared pixel by pixel."
            )
        return
    if not same_crs(reference.crs_wkt, target.crs_wkt):
        raise GridMismatchError(
            f"The reference is in {crs_label(reference.crs_wkt)} and the target in "
            f"{crs_label(target.crs_wkt)}. Reproject the target onto the reference grid first "
            "(sensetrack:coregister, or Raster > Projections > Warp)."
        )
    if not bounds_overlap(reference, target):
        raise InputError(
            f"The rasters '{_name(reference)}' and '{_name(target)}' do not overlap. "
            "Check that they cover the same area."
        )
    if not same_grid(reference, target):
        raise GridMismatchError(
            f"The target '{_name(target)}' is not on the reference grid: target {_grid_text(target)}; reference "
            f"{_grid_text(reference)}. Resample it onto the reference grid first (sensetrack:coregister, or "
            "Raster > Align Rasters)."
        )
