"""Output grids, areas of interest and window reads for the optical readers.

The output grid is, by default, the product's own map grid (the Sentinel-2
tile's UTM grid, the Landsat scene's UTM grid) at the output resolution,
cropped to the area of interest snapped outward to whole pixels; so every
product of one tile read with one AOI lands on the same grid. With a
target CRS the grid is aligned on multiples of the pixel size (GDAL's
``-tap``), so products of different tiles or zones read with one AOI,
CRS and pixel size share a grid too. Each source raster is read only over
the window the output needs (plus a margin for the resampling kernel) and
warped onto the output grid in memory.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from ..errors import InputError, ParameterError
from ..gdal_utils import crs_label, gdal_errors, srs_from_wkt

RESAMPLINGS = ("near", "bilinear", "cubic", "average")
_EPS = 1e-6  # pixels: tolerance on grid alignment (coordinates are printed with 3-6 decimals)


@dataclass(frozen=True)
class Grid:
    """A north-up pixel grid: CRS (WKT), GDAL geotransform, size in pixels."""

    crs_wkt: str
    gt: Tuple[float, ...]
    width: int
    height: int

    @property
    def res(self) -> float:
        return float(self.gt[1])

    @property
    def bounds(self) -> Tuple[float, float, float, float]:
        x0, y0 = self.gt[0], self.gt[3]
        return x0, y0 + self.height * self.gt[5], x0 + self.width * self.gt[1], y0

    def padded(self, n: int) -> "Grid":
        """The same grid grown by ``n`` pixels on every side."""
        gt = (self.gt[0] - n * self.gt[1], self.gt[1], 0.0, self.gt[3] - n * self.gt[5], 0.0, self.gt[5])
        return Grid(self.crs_wkt, gt, self.width + 2 * n, self.height + 2 * n)

    def same_as(self, other: "Grid") -> bool:
        return (self.width, self.height) == (other.width, other.height) and \
            all(abs(a - b) <= _EPS * abs(self.gt[1]) for a, b in zip(self.gt, other.gt)) and \
            srs_from_wkt(self.crs_wkt).IsSame(srs_from_wkt(other.crs_wkt)) == 1


def srs_of(crs: str) -> osr.SpatialReference:
    """An OSR spatial reference (x east, y north) from an EPSG code, WKT or PROJ string."""
    srs = osr.SpatialReference()
    with gdal_errors():
        try:
            srs.SetFromUserInput(str(crs))
        except RuntimeError as exc:
            raise ParameterError(f"The CRS '{crs}' is not understood ({exc}).") from None
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


@dataclass(frozen=True)
class Aoi:
    """An area of interest: a polygon or extent (WKT) in a CRS (EPSG code, WKT or PROJ string; "" = the
    product's CRS, or the target CRS when one is given)."""

    wkt: str
    crs: str

    @classmethod
    def from_extent(cls, extent: Sequence[float], crs: str) -> "Aoi":
        xmin, ymin, xmax, ymax = (float(v) for v in extent)
        if not (xmax > xmin and ymax > ymin):
            raise ParameterError("The area of interest extent is empty (xmax <= xmin or ymax <= ymin).")
        return cls(f"POLYGON (({xmin} {ymin}, {xmax} {ymin}, {xmax} {ymax}, {xmin} {ymax}, {xmin} {ymin}))", crs)

    def bounds_in(self, crs_wkt: str) -> Tuple[float, float, float, float]:
        """Bounding box of the area in ``crs_wkt``, edges densified so a reprojected edge stays faithful."""
        with gdal_errors():
            try:
                geom = ogr.CreateGeometryFromWkt(self.wkt)
            except RuntimeError:
                geom = None
        if geom is None or geom.IsEmpty() or geom.GetDimension() != 2:
            raise ParameterError("The area of interest must be a non-empty polygon or extent.")
        xmin, xmax, ymin, ymax = geom.GetEnvelope()
        geom.Segmentize(max(xmax - xmin, ymax - ymin) / 64.0)
        # no CRS: the coordinates are taken to be in the CRS asked for (the product's or the target's)
        src, dst = (srs_of(self.crs) if self.crs else None), srs_from_wkt(crs_wkt)
        if src is not None and not src.IsSame(dst):
            with gdal_errors():
                try:
                    geom.Transform(osr.CoordinateTransformation(src, dst))
                except RuntimeError as exc:
                    raise InputError(f"The area of interest cannot be projected to {crs_label(crs_wkt)} "
                                     f"({exc}).") from None
        xmin, xmax, ymin, ymax = geom.GetEnvelope()
        return xmin, ymin, xmax, ymax


def _snap(lo: float, hi: float, origin: float, res: float) -> Tuple[float, int]:
    """Start coordinate and pixel count covering [lo, hi] on a grid through ``origin`` with step ``res`` > 0."""
    k0 = math.floor((lo - origin) / res + _EPS)
    k1 = math.ceil((hi - origin) / res - _EPS)
    return origin + k0 * res, max(1, k1 - k0)


def grid_from_bounds(crs_wkt: str, bounds: Sequence[float], res: float, origin=(0.0, 0.0)) -> Grid:
    """The grid of pixel size ``res`` through ``origin`` (x, y) covering ``bounds`` (snapped outward)."""
    xmin, ymin, xmax, ymax = bounds
    x0, w = _snap(xmin, xmax, origin[0], res)
    # rows count downward from the top edge: snap -y
    ny0, h = _snap(-ymax, -ymin, -origin[1], res)
    return Grid(crs_wkt, (x0, res, 0.0, -ny0, 0.0, -res), w, h)


def dataset_grid(ds: gdal.Dataset) -> Grid:
    return Grid(ds.GetProjection(), tuple(ds.GetGeoTransform()), ds.RasterXSize, ds.RasterYSize)


def output_grid(anchor: Grid, res: float, aoi: Optional[Aoi] = None, target_crs: str = "",
                pixel_size: float = 0.0) -> Grid:
    """The output grid for a product whose main band is on ``anchor``.

    Without ``target_crs``: the anchor's CRS and origin at pixel size ``res``,
    over the AOI (or the anchor's extent). With ``target_crs``: that CRS,
    ``pixel_size`` (0 = ``res``; required for a geographic CRS), over the AOI
    (or the anchor's footprint) with edges on multiples of the pixel size.
    """
    if not target_crs or srs_of(target_crs).IsSame(srs_from_wkt(anchor.crs_wkt)):
        size = float(pixel_size) if pixel_size and pixel_size > 0 else res
        bounds = aoi.bounds_in(anchor.crs_wkt) if aoi else anchor.bounds
        return grid_from_bounds(anchor.crs_wkt, bounds, size, (anchor.gt[0], anchor.gt[3]))
    dst = srs_of(target_crs)
    if not pixel_size or pixel_size <= 0:
        if dst.IsGeographic():
            raise ParameterError(f"The target CRS {crs_label(dst.ExportToWkt())} is geographic: give the pixel "
                                 "size in degrees (e.g. 0.0001).")
        pixel_size = res
    wkt = dst.ExportToWkt()
    if aoi:
        bounds = aoi.bounds_in(wkt)
    else:
        bounds = Aoi.from_extent(anchor.bounds, anchor.crs_wkt).bounds_in(wkt)
    return grid_from_bounds(wkt, bounds, float(pixel_size))


def native_window(ds: gdal.Dataset, grid: Grid, margin: int = 1) -> Optional[Tuple[int, int, int, int]]:
    """Pixel window (xoff, yoff, width, height) of ``ds`` that covers ``grid`` plus ``margin`` pixels, or None.

    None when the grid does not touch the raster at all.
    """
    mine = dataset_grid(ds)
    bounds = grid.bounds
    if not srs_from_wkt(mine.crs_wkt).IsSame(srs_from_wkt(grid.crs_wkt)):
        bounds = Aoi.from_extent(bounds, grid.crs_wkt).bounds_in(mine.crs_wkt)
    gt = mine.gt
    c0 = (bounds[0] - gt[0]) / gt[1]
    c1 = (bounds[2] - gt[0]) / gt[1]
    r0 = (bounds[3] - gt[3]) / gt[5]
    r1 = (bounds[1] - gt[3]) / gt[5]
    # a grid that merely shares an edge with the raster does not touch it
    if c1 <= _EPS or r1 <= _EPS or c0 >= mine.width - _EPS or r0 >= mine.height - _EPS:
        return None
    x0 = max(0, math.floor(c0 + _EPS) - margin)
    y0 = max(0, math.floor(r0 + _EPS) - margin)
    x1 = min(mine.width, math.ceil(c1 - _EPS) + margin)
    y1 = min(mine.height, math.ceil(r1 - _EPS) + margin)
    return x0, y0, x1 - x0, y1 - y0


def window_grid(ds: gdal.Dataset, window: Tuple[int, int, int, int]) -> Grid:
    gt = ds.GetGeoTransform()
    x0, y0, w, h = window
    return Grid(ds.GetProjection(), (gt[0] + x0 * gt[1], gt[1], 0.0, gt[3] + y0 * gt[5], 0.0, gt[5]), w, h)


def _mem(grid: Grid, data_type: int) -> gdal.Dataset:
    ds = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, data_type)
    ds.SetGeoTransform(grid.gt)
    ds.SetProjection(grid.crs_wkt)
    return ds


def _nested_index(src: Grid, dst: Grid):
    """(rows, cols) of the ``src`` pixel holding each ``dst`` row/column (-1 = outside), when every ``dst``
    pixel lies inside exactly one ``src`` pixel (same CRS, ``src`` pixel an integer multiple of ``dst``'s,
    edges aligned: 10 m in 10/20/60 m Sentinel-2 grids); else None. Indexing is exact and much faster than
    a warp."""
    k = src.res / dst.res
    if abs(k - round(k)) > 1e-9 or round(k) < 1 or abs(src.gt[5] + src.gt[1]) > 1e-9 * src.res or \
            abs(dst.gt[5] + dst.gt[1]) > 1e-9 * dst.res:
        return None
    ox, oy = (dst.gt[0] - src.gt[0]) / dst.res, (src.gt[3] - dst.gt[3]) / dst.res
    if abs(ox - round(ox)) > 1e-6 or abs(oy - round(oy)) > 1e-6 or \
            not srs_from_wkt(src.crs_wkt).IsSame(srs_from_wkt(dst.crs_wkt)):
        return None
    k, ox, oy = int(round(k)), int(round(ox)), int(round(oy))
    rows = (np.arange(dst.height) + oy) // k
    cols = (np.arange(dst.width) + ox) // k
    rows[(rows < 0) | (rows >= src.height)] = -1
    cols[(cols < 0) | (cols >= src.width)] = -1
    return rows, cols


def _axis(index: np.ndarray):
    """(destination slice, source indices or slice) of the valid part of one axis (it is contiguous)."""
    valid = np.flatnonzero(index >= 0)
    if valid.size == 0:
        return None, None
    a, b = int(valid[0]), int(valid[-1]) + 1
    src = index[a:b]
    if src[-1] - src[0] == b - a - 1:  # one source pixel per destination pixel: a plain slice
        return slice(a, b), slice(int(src[0]), int(src[-1]) + 1)
    return slice(a, b), src


def _take(array: np.ndarray, index, fill) -> np.ndarray:
    rows, cols = index
    out = np.full((rows.size, cols.size), fill, dtype=array.dtype)
    (rd, rs), (cd, cs) = _axis(rows), _axis(cols)
    if rd is None or cd is None:
        return out
    part = array[rs] if isinstance(rs, slice) else np.take(array, rs, axis=0)
    out[rd, cd] = part[:, cs] if isinstance(cs, slice) else np.take(part, cs, axis=1)
    return out


def warp_float(array: np.ndarray, src: Grid, dst: Grid, resampling: str) -> np.ndarray:
    """A float32 array (NaN = no data) on ``src`` resampled onto ``dst``; NaN outside the source."""
    if src.same_as(dst):
        return np.asarray(array, dtype=np.float32)
    index = _nested_index(src, dst) if resampling == "near" or abs(src.res - dst.res) < 1e-9 * dst.res else None
    if index is not None:
        return _take(np.asarray(array, dtype=np.float32), index, np.nan)
    with gdal_errors():
        s = _mem(src, gdal.GDT_Float32)
        s.GetRasterBand(1).SetNoDataValue(float("nan"))
        s.GetRasterBand(1).WriteArray(np.asarray(array, dtype=np.float32))
        d = _mem(dst, gdal.GDT_Float32)
        d.GetRasterBand(1).SetNoDataValue(float("nan"))
        d.GetRasterBand(1).Fill(float("nan"))
        gdal.Warp(d, s, resampleAlg=resampling, srcNodata=float("nan"), dstNodata=float("nan"),
                  warpOptions=["INIT_DEST=NO_DATA"])
        return d.GetRasterBand(1).ReadAsArray().astype(np.float32)


def warp_flags(flags: np.ndarray, src: Grid, dst: Grid) -> np.ndarray:
    """A boolean array on ``src`` onto ``dst``: a destination pixel is True when ANY source pixel it
    overlaps is True (GDAL's ``max`` resampling), so a flag never shrinks when a 30 m QA pixel meets
    the half-pixel-shifted 15 m panchromatic grid or a 20 m SCL pixel meets the 10 m grid."""
    if src.same_as(dst):
        return np.asarray(flags, dtype=bool)
    index = _nested_index(src, dst)
    if index is not None:
        return _take(np.asarray(flags, dtype=bool), index, False)
    with gdal_errors():
        s = _mem(src, gdal.GDT_Byte)
        s.GetRasterBand(1).WriteArray(np.asarray(flags, dtype=np.uint8))
        d = _mem(dst, gdal.GDT_Byte)
        gdal.Warp(d, s, resampleAlg="max")
        return d.GetRasterBand(1).ReadAsArray().astype(bool)


def check_grid(ds: gdal.Dataset, name: str, epsg: Optional[int], res: float, origin: Tuple[float, float],
               extent: Optional[Tuple[float, float, float, float]], source: str) -> None:
    """Check that a band file lies on the grid its metadata describes; InputError naming both if not.

    ``origin`` is a corner of a pixel of the metadata grid; ``extent`` (xmin,
    ymin, xmax, ymax) the area the file must lie in (None = not checked).
    """
    gt = ds.GetGeoTransform(can_return_null=True)
    wkt = ds.GetProjection()
    problems = []
    if gt is None or not wkt:
        problems.append("it has no georeferencing")
    else:
        if epsg is not None:
            want = osr.SpatialReference()
            want.ImportFromEPSG(int(epsg))
            if not srs_from_wkt(wkt).IsSame(want, ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"]):
                problems.append(f"it is in {crs_label(wkt)}, the metadata says EPSG:{epsg}")
        if abs(gt[1] - res) > 1e-6 * res or abs(-gt[5] - res) > 1e-6 * res or gt[2] or gt[4]:
            problems.append(f"its pixels are {gt[1]:g} x {-gt[5]:g}, the metadata says {res:g}")
        else:
            fx, fy = (gt[0] - origin[0]) / res, (gt[3] - origin[1]) / res
            if abs(fx - round(fx)) > 1e-3 or abs(fy - round(fy)) > 1e-3:
                problems.append(f"its origin ({gt[0]:.3f}, {gt[3]:.3f}) is not on the metadata grid through "
                                f"({origin[0]:.3f}, {origin[1]:.3f})")
            elif extent is not None:
                g = dataset_grid(ds).bounds
                tol = 1e-3 * res
                if g[0] < extent[0] - tol or g[1] < extent[1] - tol or g[2] > extent[2] + tol or \
                        g[3] > extent[3] + tol:
                    problems.append(f"its extent {tuple(round(v, 3) for v in g)} leaves the product's "
                                    f"{tuple(round(v, 3) for v in extent)}")
    if problems:
        raise InputError(f"{name} does not match the product metadata ({source}): " + "; ".join(problems)
                         + ". The metadata and the image files come from different products: download the "
                         "product again.")
