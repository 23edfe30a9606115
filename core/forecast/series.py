"""A displacement history from a time-series product: at a point, or the median over a polygon."""
from __future__ import annotations

import os
from typing import Dict, Optional, Tuple

import numpy as np

from ..errors import InputError
from ..postprocess.product import Product
from ..postprocess.stable import stable_mask
from ..series_product import read_band, read_series_pair


def _pixel(gt, shape, x: float, y: float) -> Tuple[int, int]:
    det = gt[1] * gt[5] - gt[2] * gt[4]
    col = (gt[5] * (x - gt[0]) - gt[2] * (y - gt[3])) / det
    row = (-gt[4] * (x - gt[0]) + gt[1] * (y - gt[3])) / det
    r, c = int(np.floor(row)), int(np.floor(col))
    if not (0 <= r < shape[0] and 0 <= c < shape[1]):
        raise InputError(f"The point ({x:.3f}, {y:.3f}) is outside the time series' extent. Pick a point on it "
                         "(in the time series' CRS).")
    return r, c


def read_history(path: str, point: Optional[Tuple[float, float]] = None, polygon: Optional[str] = None,
                 other: Optional[str] = None) -> Dict[str, object]:
    """Cumulative DX/DY per date at ``point`` (map coordinates of the series' CRS) or median over ``polygon``.

    Returns ``{"dates": [...ISO...], "dx": array, "dy": array, "units": str, "where": text, "cells": int}``.
    Exactly one of ``point`` / ``polygon`` must be given.
    """
    if (point is None) == (not polygon):
        raise InputError("Give either a point or a polygon (not both, not neither).")
    dx_path, dy_path, dsx, dsy, dates = read_series_pair(path, other)
    for i, d in enumerate(dates, start=1):
        try:
            np.datetime64(d)
        except ValueError:
            raise InputError(f"Band {i} of '{os.path.basename(dx_path)}' has no date (description '{d}'): a time "
                             "series needs the ISO date YYYY-MM-DD as each band's description.") from None
    gt, shape = dsx.GetGeoTransform(), (dsx.RasterYSize, dsx.RasterXSize)
    units = dsx.GetRasterBand(1).GetUnitType() or "m"
    n = len(dates)
    dx, dy = np.full(n, np.nan), np.full(n, np.nan)
    if point is not None:
        r, c = _pixel(gt, shape, float(point[0]), float(point[1]))
        for i in range(n):
            dx[i] = float(dsx.GetRasterBand(i + 1).ReadAsArray(c, r, 1, 1)[0, 0])
            dy[i] = float(dsy.GetRasterBand(i + 1).ReadAsArray(c, r, 1, 1)[0, 0])
        where, cells = f"point ({point[0]:.2f}, {point[1]:.2f}), cell row {r}, col {c}", 1
    else:
        grid = Product(dx_path, "raster", {"DX": np.zeros(shape)}, tuple(gt), dsx.GetProjection() or "", True)
        try:
            inside = stable_mask(grid, polygon)
        except InputError as exc:
            raise InputError(str(exc).replace("stable-ground mask", "area polygon")
                             .replace("displacement result", "time series")) from None
        for i in range(n):
            a, b = read_band(dsx, i + 1)[inside], read_band(dsy, i + 1)[inside]
            ok = np.isfinite(a) & np.isfinite(b)
            if ok.any():
                dx[i], dy[i] = float(np.median(a[ok])), float(np.median(b[ok]))
        where, cells = f"median over {int(inside.sum())} cells in {os.path.basename(polygon)}", int(inside.sum())
    nd = dsx.GetRasterBand(1).GetNoDataValue()
    if point is not None and nd is not None and np.isfinite(nd):  # read_band already did it for polygons
        dx[(dx == nd) | (dy == nd)] = np.nan
        dy[np.isnan(dx)] = np.nan
    if not np.isfinite(dx).any():
        raise InputError(f"The time series has no value at the {where.split(',')[0]}.")
    return {"dates": dates, "dx": dx, "dy": dy, "units": units, "where": where, "cells": cells,
            "dx_path": dx_path, "dy_path": dy_path}
