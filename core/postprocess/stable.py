"""Stable-ground masks, robust statistics and co-registration bias removal.

Over ground that did not move the measured offset is pure error: a
constant (or slowly varying) part left by the co-registration of the two
dates, plus noise. This module rasterises a stable-ground mask onto a
product grid, estimates the bias there (median, or a robust plane or
quadratic surface in map coordinates) and gives the statistics (median,
NMAD = 1.4826 x median absolute deviation, RMSE, count) used in reports.
"""
from __future__ import annotations

import os
from typing import Dict, Tuple

import numpy as np
from osgeo import gdal, ogr

from ..errors import InputError
from ..files import check_readable
from ..gdal_utils import gdal_errors, layer_transform, srs_from_wkt

MODELS = ("median", "plane", "quadratic")
MIN_STABLE = 10  # fewer stable vectors than this cannot estimate a bias


def robust_stats(values: np.ndarray) -> Dict[str, float]:
    """median, NMAD, RMSE (about zero) and count of the finite ``values``."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return {"median": float("nan"), "nmad": float("nan"), "rmse": float("nan"), "count": 0}
    med = float(np.median(v))
    return {"median": med, "nmad": float(1.4826 * np.median(np.abs(v - med))),
            "rmse": float(np.sqrt(np.mean(v ** 2))), "count": int(v.size)}


def _mem_grid(product) -> "gdal.Dataset":
    h, w = product.shape
    ds = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    ds.SetGeoTransform(product.geotransform)
    if product.crs_wkt:
        ds.SetProjection(product.crs_wkt)
    ds.GetRasterBand(1).Fill(0)
    return ds


def _open_any(path: str):
    try:
        with gdal_errors():
            return gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError as exc:
        raise InputError(f"Cannot read the stable-ground mask '{path}': it is not a raster or vector file GDAL can "
                         f"read ({str(exc).rstrip('.')}). Give polygons (GeoPackage, Shapefile) or a raster mask.") \
            from None


def stable_mask(product, mask_path: str, invert: bool = False, band: int = 1) -> np.ndarray:
    """Boolean stable-ground grid on the product grid.

    ``mask_path`` is a polygon layer (stable inside the polygons) or a raster
    (stable where the value is non-zero and not nodata). ``invert`` takes
    everything *outside* instead (e.g. "outside this landslide polygon").

    Raises
    ------
    InputError
        The mask is unreadable, empty, or does not overlap the product.
    """
    check_readable(mask_path, "stable-ground mask")
    src = _open_any(mask_path)
    if src is None:
        raise InputError(f"Cannot read the stable-ground mask '{mask_path}': it is not a raster or vector file GDAL "
                         "can read. Give polygons (GeoPackage, Shapefile) or a raster mask.")
    name = os.path.basename(mask_path)
    grid = _mem_grid(product)
    if src.RasterCount > 0:
        inside = _raster_mask(src, grid, band, name)
    elif src.GetLayerCount() > 0:
        inside = _vector_mask(src, grid, product.crs_wkt, name)
    else:
        raise InputError(f"The stable-ground mask '{name}' has neither a raster band nor a vector layer.")
    if not invert and not inside.any():
        raise InputError(
            f"The stable-ground mask '{name}' does not overlap the displacement result. Check that it covers "
            "part of the result's area (and its CRS)."
        )
    out = ~inside if invert else inside
    if not out.any():
        raise InputError(f"'Outside' the stable-ground mask '{name}' there is no part of the result left.")
    return out


def _raster_mask(src, grid, band: int, name: str) -> np.ndarray:
    if not 1 <= band <= src.RasterCount:
        raise InputError(f"The stable-ground mask '{name}' has no band {band}.")
    b = src.GetRasterBand(band)
    data = b.ReadAsArray().astype(np.float64)
    nd = b.GetNoDataValue()
    ok = np.isfinite(data) & (data != 0)
    if nd is not None:
        ok &= data != nd
    if not ok.any():
        raise InputError(f"The stable-ground mask '{name}' is empty (no non-zero pixel).")
    mem = gdal.GetDriverByName("MEM").Create("", src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(src.GetGeoTransform())
    mem.SetProjection(src.GetProjection() or grid.GetProjection())
    mem.GetRasterBand(1).WriteArray(ok.astype(np.uint8))
    mem.GetRasterBand(1).SetNoDataValue(255)
    if src.GetGeoTransform(can_return_null=True) is None:
        raise InputError(f"The stable-ground mask raster '{name}' is not georeferenced; it cannot be placed on the result.")
    try:
        with gdal_errors():
            gdal.Warp(grid, mem, resampleAlg="near")
    except RuntimeError as exc:
        raise InputError(f"Cannot place the stable-ground mask '{name}' on the result's grid: {exc}") from None
    return grid.GetRasterBand(1).ReadAsArray() == 1


def _vector_mask(src, grid, crs_wkt: str, name: str) -> np.ndarray:
    dst_srs = srs_from_wkt(crs_wkt)
    drv = ogr.GetDriverByName("Memory")
    mem = drv.CreateDataSource("mask")
    lyr = mem.CreateLayer("mask", dst_srs, ogr.wkbMultiPolygon)
    n = 0
    for i in range(src.GetLayerCount()):
        layer = src.GetLayer(i)
        transform = layer_transform(layer, dst_srs)
        for feat in layer:
            g = feat.GetGeometryRef()
            if g is None or g.IsEmpty():
                continue
            if g.GetDimension() < 2:
                raise InputError(f"The stable-ground mask '{name}' must contain polygons, not points or lines.")
            g = g.Clone()
            if transform is not None:
                g.Transform(transform)
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(g)
            lyr.CreateFeature(f)
            n += 1
    if n == 0:
        raise InputError(f"The stable-ground mask '{name}' is empty (no polygon).")
    try:
        with gdal_errors():
            gdal.RasterizeLayer(grid, [1], lyr, burn_values=[1], options=["ALL_TOUCHED=FALSE"])
    except RuntimeError as exc:
        raise InputError(f"Cannot rasterise the stable-ground mask '{name}': {exc}") from None
    return grid.GetRasterBand(1).ReadAsArray() == 1


def _design(x: np.ndarray, y: np.ndarray, model: str, centre: Tuple[float, float, float]) -> np.ndarray:
    """Columns of the bias model in normalised coordinates (for conditioning)."""
    xc, yc, s = centre
    u, v = (x - xc) / s, (y - yc) / s
    cols = [np.ones_like(u)]
    if model in ("plane", "quadratic"):
        cols += [u, v]
    if model == "quadratic":
        cols += [u * u, u * v, v * v]
    return np.stack(cols, axis=-1)


def fit_bias(values: np.ndarray, stable: np.ndarray, x: np.ndarray, y: np.ndarray, model: str = "median",
             iterations: int = 5, clip: float = 3.0) -> Tuple[np.ndarray, Dict[str, object]]:
    """Bias surface of one offset component from its stable-ground values.

    ``median`` gives a constant; ``plane`` and ``quadratic`` are least-squares
    surfaces in map coordinates, refitted ``iterations`` times without the
    points beyond ``clip`` x NMAD (robust to moving patches inside the mask).

    Returns
    -------
    bias : array like ``values``
    info : dict with ``coefficients`` and ``used`` (number of vectors in the final fit)
    """
    if model not in MODELS:
        raise InputError(f"Unknown bias model '{model}'; choose one of {', '.join(MODELS)}.")
    use = stable & np.isfinite(values)
    n = int(use.sum())
    need = {"median": MIN_STABLE, "plane": max(MIN_STABLE, 3), "quadratic": max(MIN_STABLE, 6)}[model]
    if n < need:
        raise InputError(
            f"Only {n} valid vectors on stable ground (at least {need} needed for the '{model}' model). "
            "Enlarge the stable-ground mask or relax the outlier filter."
        )
    if model == "median":
        med = float(np.median(values[use]))
        return np.full(values.shape, med), {"coefficients": [med], "used": n}
    xs, ys = x[use], y[use]
    centre = (float(xs.mean()), float(ys.mean()), float(max(np.ptp(xs), np.ptp(ys), 1e-9)))
    a = _design(xs, ys, model, centre)
    b = values[use]
    keep = np.ones(b.size, bool)
    coef = np.zeros(a.shape[1])
    for _ in range(max(1, iterations)):
        coef, *_ = np.linalg.lstsq(a[keep], b[keep], rcond=None)
        res = b - a @ coef
        s = 1.4826 * np.median(np.abs(res[keep] - np.median(res[keep])))
        new = np.abs(res) <= max(clip * s, 1e-12)
        if new.sum() < a.shape[1] + 2 or np.array_equal(new, keep):
            break
        keep = new
    bias = _design(x, y, model, centre) @ coef
    return bias, {"coefficients": [float(c) for c in coef], "used": int(keep.sum())}


def component_stats(dx: np.ndarray, dy: np.ndarray, stable: np.ndarray) -> Dict[str, Dict[str, float]]:
    """Stable-ground statistics of DX and DY."""
    return {"DX": robust_stats(dx[stable]), "DY": robust_stats(dy[stable])}


def stats_rows(stats: Dict[str, Dict[str, Dict[str, float]]]) -> list:
    """Table rows (component, stage, median, NMAD, RMSE, count) of ``{stage: component_stats(...)}``."""
    rows = []
    for stage, by_comp in stats.items():
        for comp, s in by_comp.items():
            rows.append((comp, stage, s["median"], s["nmad"], s["rmse"], s["count"]))
    return rows
