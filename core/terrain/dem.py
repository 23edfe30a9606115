"""A DEM on a product's grid: resampling with averaging over each cell, smoothing, slope and aspect.

Resampling
----------
The DEM may be in any CRS and at any resolution. Each output cell gets the
mean of the DEM surface over the cell: the DEM is interpolated bilinearly
(``gdal.Warp``, exact transformer, no approximation of the CRS transform) at
``n x n`` points spread evenly over the cell, with ``n`` the ratio of cell
size to DEM pixel size (rounded up, at most :data:`MAX_SUPERSAMPLE`), and the
``n x n`` values are averaged. With a DEM finer than the cells this is an
area average (every DEM pixel contributes up to 16 times finer than the
cells, no aliasing); with a coarser DEM it is the bilinear value at the cell
centre (no staircase).

Why not ``gdal.Warp(resampleAlg="average")`` alone: it averages the DEM
*pixels* touched by the cell with overlap weights, so the weighted centre of
those pixels is generally not the cell centre (a bias of a fraction of a DEM
pixel times the slope on an inclined plane), and when the DEM is coarser
than the cells every cell inside one DEM pixel gets the same value (zero
slope inside, steps at the edges). The method above reproduces an inclined
plane exactly (to float precision), which the tests check with a DEM in
another CRS and resolution.

Slope
-----
The gradient ``(gx, gy) = (dz/dx, dz/dy)`` (x east, y north, both in map
units: metres of height per metre for a metric CRS; the DEM heights must be
in the CRS's linear unit) is taken by central differences on the product
grid (second-order one-sided at edges and next to DEM nodata), then smoothed with a
NaN-aware box filter ``smoothing`` map units wide so that the slope is taken
at the scale of the tracking window. Smoothing the gradient equals taking
the gradient of the smoothed DEM away from edges, and keeps a constant
gradient exact up to the edges.

``SLOPE`` = ``atan(|g|)`` in degrees; ``ASPECT`` = azimuth of the downslope
direction ``-g``, degrees clockwise from north in [0, 360) (NaN on flat
ground, where it is undefined).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Callable, Sequence, Tuple

import numpy as np
from osgeo import gdal
from scipy import ndimage

from ..errors import InputError, ParameterError
from ..gdal_utils import crs_is_geographic, gdal_errors, open_input_raster, srs_from_wkt

MAX_SUPERSAMPLE = 16
_STRIP_PIXELS = 4_000_000  # supersampled pixels warped at once: bounds memory on large grids


@dataclass
class Terrain:
    """DEM-derived grids on the product grid (2-D float64, NaN where the DEM has no value).

    ``gx``/``gy`` are dz/dx (east) and dz/dy (north), dimensionless (map unit of
    height per map unit); ``slope`` and ``aspect`` in degrees (see module doc).
    """

    z: np.ndarray
    gx: np.ndarray
    gy: np.ndarray

    @property
    def slope(self) -> np.ndarray:
        return np.degrees(np.arctan(np.hypot(self.gx, self.gy)))

    @property
    def aspect(self) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            a = np.mod(np.degrees(np.arctan2(-self.gx, -self.gy)), 360.0)
        a[~(np.hypot(self.gx, self.gy) > 0)] = np.nan
        return a

    @property
    def nodata(self) -> np.ndarray:
        return ~(np.isfinite(self.gx) & np.isfinite(self.gy))


def _looks_like_degrees(gt: Sequence[float], width: int, height: int) -> bool:
    xs = (gt[0], gt[0] + width * gt[1] + height * gt[2])
    ys = (gt[3], gt[3] + width * gt[4] + height * gt[5])
    return (all(-180.5 <= x <= 360.5 for x in xs) and all(-90.5 <= y <= 90.5 for y in ys)
            and abs(gt[1]) < 1.0 and abs(gt[5]) < 1.0)


def check_grid(geotransform: Sequence[float], crs_wkt: str, georeferenced: bool = True) -> None:
    """Refuse product grids on which a slope in map units has no meaning."""
    if not georeferenced:
        raise InputError("The displacement result is not georeferenced: a DEM cannot be placed on it. Track "
                         "georeferenced images (the result must have a projected CRS).")
    if crs_wkt and crs_is_geographic(crs_wkt):
        raise InputError("The displacement result is in a geographic CRS (degrees): slopes need the same unit "
                         "horizontally and vertically. Reproject the images to a projected CRS (e.g. UTM) first.")
    if geotransform[2] != 0 or geotransform[4] != 0:
        raise InputError("The displacement result is on a rotated grid; the terrain tools need a north-up grid. "
                         "Warp the images to a north-up grid first.")


def open_dem(path: str, product_crs: str, log: Callable[[str], None] = lambda m: None):
    """(dataset, source CRS WKT) of a DEM; clear errors for unreadable or degree-without-CRS DEMs."""
    ds = open_input_raster(path, "DEM")
    wkt = ds.GetProjection() or ""
    gt = ds.GetGeoTransform(can_return_null=True)
    if gt is None:
        raise InputError(f"The DEM '{os.path.basename(path)}' is not georeferenced (no geotransform): it cannot "
                         "be placed on the displacement grid. Use a georeferenced DEM.")
    if not wkt:
        if _looks_like_degrees(gt, ds.RasterXSize, ds.RasterYSize):
            raise InputError(
                f"The DEM '{os.path.basename(path)}' has no CRS and its coordinates look like degrees of longitude "
                "and latitude. Assign its CRS first (e.g. EPSG:4326 with 'Assign projection' or gdal_edit.py "
                "-a_srs EPSG:4326); a DEM without a CRS is only accepted in the product's own CRS.")
        log(f"The DEM '{os.path.basename(path)}' has no CRS: assumed to be in the displacement result's CRS.")
        wkt = product_crs
    return ds, wkt


def _dem_resolution(ds, src_wkt: str, dst_wkt: str) -> float:
    """DEM pixel size expressed in the product CRS's units (from GDAL's suggested warp output)."""
    if not src_wkt or not dst_wkt or srs_from_wkt(src_wkt).IsSame(srs_from_wkt(dst_wkt)):
        gt = ds.GetGeoTransform()
        return float(min(math.hypot(gt[1], gt[4]), math.hypot(gt[2], gt[5])))
    try:
        with gdal_errors():
            vrt = gdal.Warp("", ds, format="VRT", srcSRS=src_wkt, dstSRS=dst_wkt)
            gt = vrt.GetGeoTransform()
    except RuntimeError:
        return 0.0  # unknown: no supersampling (bilinear at the cell centre)
    return float(min(abs(gt[1]), abs(gt[5])))


def dem_on_grid(path: str, geotransform: Sequence[float], shape: Tuple[int, int], crs_wkt: str,
                log: Callable[[str], None] = lambda m: None, max_supersample: int = MAX_SUPERSAMPLE) -> np.ndarray:
    """Mean DEM height over every cell of a north-up grid (float64, NaN = no DEM value); see module doc.

    Raises InputError when the DEM does not overlap the grid or has only nodata there.
    """
    check_grid(geotransform, crs_wkt)
    ds, src_wkt = open_dem(path, crs_wkt, log)
    if not crs_wkt and src_wkt:
        raise InputError("The displacement result has no CRS, so a DEM with a CRS cannot be placed on it. Assign "
                         "the result's CRS (that of the tracked images) first.")
    h, w = int(shape[0]), int(shape[1])
    gt = tuple(float(v) for v in geotransform)
    res = _dem_resolution(ds, src_wkt, crs_wkt)
    cell = min(abs(gt[1]), abs(gt[5]))
    n = 1 if res <= 0 else int(min(max_supersample, max(1, math.ceil(cell / res - 1e-9))))
    log(f"DEM pixel about {res:.3g} map units, product cells {cell:.3g}: mean of {n}x{n} bilinear samples per cell")
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    out = np.full((h, w), np.nan)
    rows_per_strip = max(1, _STRIP_PIXELS // max(1, w * n * n))
    for r0 in range(0, h, rows_per_strip):
        r1 = min(h, r0 + rows_per_strip)
        top, bottom = gt[3] + r0 * gt[5], gt[3] + r1 * gt[5]
        left, right = gt[0], gt[0] + w * gt[1]
        kw = dict(format="MEM", outputBounds=(min(left, right), min(top, bottom), max(left, right), max(top, bottom)),
                  width=w * n, height=(r1 - r0) * n, dstSRS=crs_wkt or None, srcSRS=src_wkt or None,
                  resampleAlg="bilinear",
                  outputType=gdal.GDT_Float64, dstNodata=float("nan"), errorThreshold=0.0, multithread=False,
                  # plain interpolation at each sample: GDAL otherwise widens the kernel when the samples are
                  # coarser than the DEM, and its discrete weights are then off-centre (not exact on a plane)
                  warpOptions=["XSCALE=1", "YSCALE=1"])
        if nodata is not None:
            kw["srcNodata"] = nodata
        try:
            with gdal_errors():
                mem = gdal.Warp("", ds, **kw)
                fine = mem.GetRasterBand(1).ReadAsArray().astype(np.float64)
        except RuntimeError as exc:
            raise InputError(f"The DEM '{os.path.basename(path)}' cannot be reprojected onto the displacement "
                             f"grid: {exc}") from None
        if gt[1] < 0:  # the warp output is always west-to-east, north-to-south
            fine = fine[:, ::-1]
        if gt[5] > 0:
            fine = fine[::-1, :]
        out[r0:r1] = _block_mean(fine, n)
    if not np.isfinite(out).any():
        raise InputError(f"The DEM '{os.path.basename(path)}' does not overlap the displacement result (or is "
                         "nodata all over it). Use a DEM that covers the result's area; check both CRSs.")
    return out


def _block_mean(fine: np.ndarray, n: int) -> np.ndarray:
    """Mean of each n x n block; NaN where more than half of the block is NaN."""
    if n == 1:
        return fine
    h, w = fine.shape[0] // n, fine.shape[1] // n
    blocks = fine[:h * n, :w * n].reshape(h, n, w, n)
    ok = np.isfinite(blocks)
    count = ok.sum(axis=(1, 3))
    total = np.where(ok, blocks, 0.0).sum(axis=(1, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
    mean[count * 2 < n * n] = np.nan
    return mean


def _central(z: np.ndarray, axis: int) -> np.ndarray:
    """dz per cell along ``axis``: central differences; at edges and next to NaN, second-order one-sided
    differences (exact on quadratic surfaces, so the edge cells of a curved slope are not biased), then
    first-order ones where only one neighbour exists."""
    zz = np.moveaxis(z, axis, 0)

    def shift(k: int) -> np.ndarray:  # zz[i + k], NaN outside
        out = np.full_like(zz, np.nan)
        if k > 0:
            out[:-k] = zz[k:]
        else:
            out[-k:] = zz[:zz.shape[0] + k]
        return out

    p1, p2, m1, m2 = shift(1), shift(2), shift(-1), shift(-2)
    d = (p1 - m1) / 2.0
    for alt in ((-3 * zz + 4 * p1 - p2) / 2.0, (3 * zz - 4 * m1 + m2) / 2.0, p1 - zz, zz - m1):
        d = np.where(np.isfinite(d), d, alt)
    return np.moveaxis(d, 0, axis)


def smooth(a: np.ndarray, size: Tuple[int, int]) -> np.ndarray:
    """NaN-aware box mean over ``size`` = (rows, cols) cells (odd); NaN stays NaN."""
    if size[0] <= 1 and size[1] <= 1:
        return a
    ok = np.isfinite(a)
    num = ndimage.uniform_filter(np.where(ok, a, 0.0), size, mode="constant", cval=0.0)
    den = ndimage.uniform_filter(ok.astype(np.float64), size, mode="constant", cval=0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = num / den
    out[~ok] = np.nan
    return out


def smoothing_cells(length: float, geotransform: Sequence[float], shape: Tuple[int, int] = (0, 0)) -> Tuple[int, int]:
    """Odd box size (rows, cols) in cells closest to ``length`` map units (1 = no smoothing).

    A length that spans more than twice the grid (``shape``, rows and cols) is refused: it would
    average the slope of the whole scene, and huge values would overflow the filter.
    """
    def odd(v: float) -> int:
        k = max(1, int(round(v)))
        return k if k % 2 else k + 1
    if not length or length <= 0:
        return 1, 1
    rows, cols = length / abs(geotransform[5]), length / abs(geotransform[1])
    limit = 2 * max(shape) if max(shape) > 0 else 1e6
    if not (max(rows, cols) <= limit):
        raise ParameterError(f"The DEM smoothing length {length:g} map units spans {max(rows, cols):.3g} cells, more "
                             f"than the result itself ({shape[1]}x{shape[0]} cells): use about the tracking "
                             "window (window size x pixel size), or 0 for no smoothing.")
    return odd(rows), odd(cols)


def gradient(z: np.ndarray, geotransform: Sequence[float]) -> Tuple[np.ndarray, np.ndarray]:
    """(dz/dx east, dz/dy north) of a north-up grid, dimensionless (see module doc)."""
    with np.errstate(invalid="ignore"):
        gx = _central(z, 1) / geotransform[1]
        gy = _central(z, 0) / geotransform[5]
    return gx, gy


def terrain_on_grid(dem: str, geotransform: Sequence[float], shape: Tuple[int, int], crs_wkt: str,
                    smoothing: float = 0.0, log: Callable[[str], None] = lambda m: None) -> Terrain:
    """DEM -> product grid -> gradient -> smoothed over ``smoothing`` map units (see module doc)."""
    z = dem_on_grid(dem, geotransform, shape, crs_wkt, log)
    gx, gy = gradient(z, geotransform)
    size = smoothing_cells(smoothing, geotransform, shape)
    if size != (1, 1):
        log(f"Slopes smoothed over {size[1]}x{size[0]} cells ({smoothing:g} map units)")
    return Terrain(z, smooth(gx, size), smooth(gy, size))


def terrain_from_array(z: np.ndarray, geotransform: Sequence[float], smoothing: float = 0.0) -> Terrain:
    """The same from a DEM already on the grid (float array, NaN = nodata)."""
    gx, gy = gradient(np.asarray(z, dtype=np.float64), geotransform)
    size = smoothing_cells(smoothing, geotransform, np.shape(z))
    return Terrain(np.asarray(z, dtype=np.float64), smooth(gx, size), smooth(gy, size))


def slope_error_to_gradient(slope_deg: np.ndarray, slope_error_deg: float) -> np.ndarray:
    """1-sigma of each gradient component from a 1-sigma slope-angle error (degrees).

    ``|g| = tan(slope)`` so ``d|g| = dslope / cos^2(slope)``; the gradient error
    is taken as isotropic (random DEM errors do not prefer a direction), so
    each component, along and across the slope, gets that sigma.
    """
    s = np.radians(np.asarray(slope_deg, dtype=np.float64))
    return math.radians(float(slope_error_deg or 0.0)) / np.cos(s) ** 2
