"""Read and write SenseTrack displacement products (raster or GeoPackage points).

A product is recognised by its band descriptions (raster) or field names
(points): it must carry ``DX`` and ``DY``; anything else is refused with a
clear error. Points that lie on a regular lattice (as written by the
windowed trackers) are placed on a 2-D grid so that every neighbourhood
filter works the same on rasters and points; cells without a point are NaN.

Offsets in pixels
-----------------
Thresholds are in pixels of the *tracked images*. :meth:`Product.pixel_offsets`
returns ``(dcol, drow)`` (right, down; pixels) from ``COL_SHIFT``/``ROW_SHIFT``
when present, else from ``DX``/``DY`` with ``core.displacement.map_to_pixel``
and the geotransform of the tracked image (the reference file named in
``SENSETRACK_REFERENCE`` when it exists, else the product grid scaled by the
``step`` parameter, else the product grid itself).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr

from ..displacement import (DISPLACEMENT_BANDS, PIXEL_BANDS, band_units, direction, displacement_bands, magnitude,
                            map_to_pixel)
from ..errors import InputError
from ..files import check_readable
from ..gdal_utils import gdal_errors
from ..output import check_output_path, write_points, write_raster
from ..raster import IDENTITY_GT

POINT_LAYER = "displacements"
SIGMA_BANDS = ("SIGMA_DX", "SIGMA_DY", "ERROR")
HISTORY_KEY = "SENSETRACK_HISTORY"


@dataclass
class Product:
    """A displacement product held in memory on a 2-D grid.

    Attributes
    ----------
    path : str
        The file it was read from.
    kind : {"raster", "points"}
    bands : dict of name -> 2-D float64 array
        Every band/field, NaN where there is no value.
    geotransform, crs_wkt, georeferenced
        Grid of ``bands`` (for points: the lattice the points sit on).
    metadata : dict
        ``SENSETRACK_*`` keys.
    cell : (rows, cols) int arrays, points only
        Grid cell of every point, in file order; ``x``/``y`` their coordinates.
    """

    path: str
    kind: str
    bands: Dict[str, np.ndarray]
    geotransform: Tuple[float, ...]
    crs_wkt: str
    georeferenced: bool
    metadata: Dict[str, str] = field(default_factory=dict)
    cell: Optional[Tuple[np.ndarray, np.ndarray]] = None
    x: Optional[np.ndarray] = None
    y: Optional[np.ndarray] = None
    extra_fields: Dict[str, np.ndarray] = field(default_factory=dict)
    band_units: Dict[str, str] = field(default_factory=dict)  # read from the file or set by a step; kept on write
    _image_gt: Optional[Tuple[float, ...]] = None

    @property
    def shape(self) -> Tuple[int, int]:
        return self.bands["DX"].shape

    @property
    def units(self) -> str:
        return self.metadata.get("SENSETRACK_UNITS", "m" if self.georeferenced else "pixel")

    @property
    def valid(self) -> np.ndarray:
        return np.isfinite(self.bands["DX"]) & np.isfinite(self.bands["DY"])

    def has(self, name: str) -> bool:
        return name in self.bands

    def parameters(self) -> dict:
        try:
            return json.loads(self.metadata.get("SENSETRACK_PARAMETERS", "{}") or "{}")
        except ValueError:
            return {}

    def history(self) -> List[dict]:
        try:
            return list(json.loads(self.metadata.get(HISTORY_KEY, "[]") or "[]"))
        except ValueError:
            return []

    def add_history(self, step: str, **info) -> None:
        """Append one post-processing step (name, parameters, results) to the product's provenance."""
        hist = self.history()
        hist.append({"step": step, **info})
        self.metadata[HISTORY_KEY] = json.dumps(hist, default=_json_default)

    # -- pixels ------------------------------------------------------
    def image_geotransform(self) -> Tuple[float, ...]:
        """Geotransform of the tracked images' pixels (see module doc)."""
        if self._image_gt is not None:
            return self._image_gt
        gt = self._gt_from_shifts()
        ref = "" if gt is not None else self.metadata.get("SENSETRACK_REFERENCE", "")
        if ref and os.path.exists(ref):
            try:
                with gdal_errors():
                    ds = gdal.Open(ref)
                    g = ds.GetGeoTransform(can_return_null=True)
                if g is not None:
                    gt = tuple(g)
            except RuntimeError:
                gt = None
        if gt is None:
            step = self.parameters().get("step")
            g = self.geotransform
            if isinstance(step, (int, float)) and step > 0 and self.kind == "raster":
                gt = (g[0], g[1] / step, g[2] / step, g[3], g[4] / step, g[5] / step)
            else:
                gt = tuple(g)
        self._image_gt = gt
        return gt

    def _gt_from_shifts(self) -> Optional[Tuple[float, ...]]:
        """The pixel-to-map matrix that the product's own DX/DY and COL_SHIFT/ROW_SHIFT obey, if exact."""
        if not (self.has("COL_SHIFT") and self.has("ROW_SHIFT")) or not self.georeferenced:
            return None
        c, r, dx, dy = (self.bands[n] for n in ("COL_SHIFT", "ROW_SHIFT", "DX", "DY"))
        ok = np.isfinite(c) & np.isfinite(r) & np.isfinite(dx) & np.isfinite(dy)
        if ok.sum() < 3:
            return None
        a = np.stack([c[ok], r[ok]], axis=1)
        if np.linalg.matrix_rank(a, tol=1e-6 * max(np.abs(a).max(), 1e-12)) < 2:
            return None
        (g1, g2), *_ = np.linalg.lstsq(a, dx[ok], rcond=None)
        (g4, g5), *_ = np.linalg.lstsq(a, dy[ok], rcond=None)
        scale = max(abs(g1), abs(g2), abs(g4), abs(g5))
        res = max(np.abs(a @ [g1, g2] - dx[ok]).max(), np.abs(a @ [g4, g5] - dy[ok]).max())
        if scale == 0 or res > 1e-3 * scale * max(np.abs(a).max(), 1.0) or abs(g1 * g5 - g2 * g4) < 1e-12 * scale ** 2:
            return None
        g = self.geotransform
        return (g[0], float(g1), float(g2), g[3], float(g4), float(g5))

    def pixel_offsets(self) -> Tuple[np.ndarray, np.ndarray]:
        """(dcol, drow) in image pixels (right, down), NaN where invalid."""
        if self.has("COL_SHIFT") and self.has("ROW_SHIFT"):
            return self.bands["COL_SHIFT"].copy(), self.bands["ROW_SHIFT"].copy()
        return map_to_pixel(self.bands["DX"], self.bands["DY"], self.image_geotransform(), self.georeferenced)

    def set_pixel_offsets(self, dcol: np.ndarray, drow: np.ndarray) -> None:
        """Replace the displacement by (dcol, drow) px; DX, DY, MAGNITUDE, DIRECTION recomputed."""
        self.bands.update(displacement_bands(dcol, drow, self.image_geotransform(), self.georeferenced,
                                             pixel_offsets=self.has("COL_SHIFT") and self.has("ROW_SHIFT"),
                                             dtype=np.float64))

    def pixel_scale(self) -> Tuple[float, float]:
        """Size of one image pixel in map units along x and y (both positive)."""
        gt = self.image_geotransform()
        if not self.georeferenced:
            return 1.0, 1.0
        return float(np.hypot(gt[1], gt[4])), float(np.hypot(gt[2], gt[5]))

    def invalidate(self, mask: np.ndarray) -> None:
        """Set every displacement-like band to NaN where ``mask`` (quality bands kept)."""
        for name in list(DISPLACEMENT_BANDS) + list(PIXEL_BANDS) + list(SIGMA_BANDS):
            if name in self.bands:
                arr = self.bands[name].copy()
                arr[mask] = np.nan
                self.bands[name] = arr

    def cell_centres(self) -> Tuple[np.ndarray, np.ndarray]:
        """Map (x, y) of every grid cell centre (2-D arrays)."""
        rows, cols = np.mgrid[0:self.shape[0], 0:self.shape[1]].astype(np.float64)
        gt = self.geotransform
        c, r = cols + 0.5, rows + 0.5
        return gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]


def _json_default(o):
    if isinstance(o, (np.floating, np.integer)):
        return o.item()
    return str(o)


def _not_a_product(path: str, found: Sequence[str]) -> InputError:
    return InputError(
        f"'{os.path.basename(path)}' is not a SenseTrack displacement result: it has no DX and DY "
        f"{'bands' if path.lower().endswith(('.tif', '.tiff', '.vrt')) else 'bands/fields'} "
        f"(found: {', '.join(found) or 'none'}). Use the output of a SenseTrack tracker or post-processing step."
    )


def read_product(path: str) -> Product:
    """Open a displacement raster or GeoPackage point layer; refuse anything else."""
    check_readable(path, "displacement result")
    with gdal_errors():
        try:
            ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_VECTOR | gdal.OF_READONLY)
        except RuntimeError as exc:
            raise InputError(f"'{path}' is not a raster or vector file GDAL can read ({exc}). Give a SenseTrack "
                             "displacement result: the GeoTIFF or GeoPackage points written by a tracker or a "
                             "post-processing step.") from None
    if ds is None:
        raise InputError(f"'{path}' is not a raster or vector file GDAL can read. Give a SenseTrack displacement "
                         "result (GeoTIFF or GeoPackage points).")
    if ds.RasterCount > 0:
        product = _read_raster(path, ds)
    elif ds.GetLayerCount() > 0:
        product = _read_points(path, ds)
    else:
        raise _not_a_product(path, [])
    _check_history(product)
    _complete_bands(product)
    return product


def _check_history(product: Product) -> None:
    """Refuse a SENSETRACK_HISTORY that is not a JSON list of steps (each step would be lost or misread)."""
    text = product.metadata.get(HISTORY_KEY, "") or "[]"
    try:
        steps = json.loads(text)
    except ValueError:
        steps = None
    if not isinstance(steps, list) or not all(isinstance(s, dict) for s in steps):
        raise InputError(
            f"The {HISTORY_KEY} metadata of '{os.path.basename(product.path)}' is not a JSON list of processing "
            f"steps (it starts with {text[:40]!r}); the file was changed outside SenseTrack. Remove that "
            f"metadata item (gdal_edit.py -mo {HISTORY_KEY}= '{os.path.basename(product.path)}') or use the "
            "original result.")


def _complete_bands(product: Product) -> None:
    """Add MAGNITUDE and DIRECTION computed from DX and DY when the product lacks them (a DX/DY-only file)."""
    dx, dy = product.bands["DX"], product.bands["DY"]
    if "MAGNITUDE" not in product.bands:
        product.bands["MAGNITUDE"] = np.where(np.isfinite(dx) & np.isfinite(dy), magnitude(dx, dy), np.nan)
    if "DIRECTION" not in product.bands:
        product.bands["DIRECTION"] = np.where(np.isfinite(dx) & np.isfinite(dy), direction(dx, dy), np.nan)


def _read_raster(path: str, ds) -> Product:
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    if "DX" not in names or "DY" not in names:
        raise _not_a_product(path, names)
    bands, units = {}, {}
    for i, name in enumerate(names, start=1):
        if not name or name in bands:
            continue
        b = ds.GetRasterBand(i)
        try:
            with gdal_errors():
                raw = b.ReadAsArray()
        except RuntimeError as exc:
            raw, reason = None, str(exc)
        else:
            reason = "no data returned"
        if raw is None:
            raise InputError(f"Band {i} ({name}) of '{os.path.basename(path)}' cannot be read ({reason}): the file "
                             "is truncated or damaged. Run the step that wrote it again.")
        arr = raw.astype(np.float64)
        nd = b.GetNoDataValue()
        if nd is not None and np.isfinite(nd):
            arr[arr == nd] = np.nan
        bands[name] = arr
        if b.GetUnitType():
            units[name] = b.GetUnitType()
    gt = ds.GetGeoTransform(can_return_null=True)
    georef = gt is not None and tuple(gt) != IDENTITY_GT
    return Product(path, "raster", bands, tuple(gt) if gt else IDENTITY_GT,
                   ds.GetProjection() or "", georef, dict(ds.GetMetadata() or {}), band_units=units)


def _read_points(path: str, ds) -> Product:
    lyr = ds.GetLayerByName(POINT_LAYER) or ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    if "DX" not in names or "DY" not in names:
        raise _not_a_product(path, names)
    n = lyr.GetFeatureCount()
    if n == 0:
        raise InputError(f"The point layer in '{os.path.basename(path)}' has no feature.")
    numeric = [nm for i, nm in enumerate(names)
               if defn.GetFieldDefn(i).GetType() in (ogr.OFTReal, ogr.OFTInteger, ogr.OFTInteger64)]
    cols = {nm: np.full(n, np.nan) for nm in numeric}
    other = {nm: np.empty(n, dtype=object) for nm in names if nm not in numeric}
    x, y = np.empty(n), np.empty(n)
    lyr.ResetReading()
    for k, feat in enumerate(lyr):
        g = feat.GetGeometryRef()
        if g is None:
            x[k] = y[k] = np.nan
        else:
            x[k], y[k] = g.GetX(), g.GetY()
        for nm in numeric:
            if feat.IsFieldSetAndNotNull(nm):
                cols[nm][k] = feat.GetFieldAsDouble(nm)
        for nm in other:
            other[nm][k] = feat.GetField(nm)
    srs = lyr.GetSpatialRef()
    crs = srs.ExportToWkt() if srs is not None else ""
    gt, rows, cc = _lattice(path, x, y)
    shape = (int(rows.max()) + 1, int(cc.max()) + 1)
    bands = {}
    for nm, v in cols.items():
        grid = np.full(shape, np.nan)
        grid[rows, cc] = v
        bands[nm] = grid
    return Product(path, "points", bands, gt, crs, bool(crs), dict(lyr.GetMetadata() or {}),
                   (rows, cc), x, y, other)


def _spacing(v: np.ndarray) -> float:
    u = np.unique(np.round(v, 6))
    d = np.diff(u)
    d = d[d > 1e-9]
    return float(d.min()) if d.size else 1.0


def _lattice(path: str, x: np.ndarray, y: np.ndarray):
    """Grid (geotransform, row, col of each point) for points on a regular lattice."""
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise InputError(f"Some points in '{os.path.basename(path)}' have no geometry.")
    dx, dy = _spacing(x), _spacing(y)
    cols = np.rint((x - x.min()) / dx).astype(np.int64)
    rows = np.rint((y.max() - y) / dy).astype(np.int64)
    off = max(np.abs(x - x.min() - cols * dx).max() / dx, np.abs(y.max() - y - rows * dy).max() / dy)
    cells = (rows.max() + 1) * (cols.max() + 1)
    if off > 0.05 or cells > 50 * x.size + 1000:
        raise InputError(
            f"The points in '{os.path.basename(path)}' are not on a regular grid; the post-processing filters "
            "need the regular grid written by the SenseTrack trackers."
        )
    gt = (float(x.min() - dx / 2), dx, 0.0, float(y.max() + dy / 2), 0.0, -dy)
    return gt, rows, cols


def _ordered(names: Sequence[str]) -> List[str]:
    first = [n for n in DISPLACEMENT_BANDS if n in names]
    return first + [n for n in names if n not in first]


def write_product(product: Product, output: str, inputs: Sequence[str] = ()) -> str:
    """Write ``product`` atomically, as GeoTIFF (raster) or GeoPackage (points), keeping its band set."""
    out = check_output_path(output, [product.path, *inputs])
    names = _ordered(list(product.bands))
    units = band_units(names, product.units)
    for i, n in enumerate(names):
        if n in SIGMA_BANDS:
            units[i] = product.units
        elif n in ("VX", "VY", "VELOCITY", "SIGMA_VX", "SIGMA_VY", "VELOCITY_ERROR"):
            units[i] = product.metadata.get("SENSETRACK_VELOCITY_UNITS", "")
        elif not units[i]:
            units[i] = product.band_units.get(n, "")
    if product.kind == "raster" and not out.lower().endswith(".gpkg"):
        write_raster(out, {n: product.bands[n] for n in names}, product.geotransform, product.crs_wkt,
                     units=units, metadata=product.metadata, georeferenced=product.georeferenced)
        return out
    if product.kind == "raster":
        xs, ys = product.cell_centres()
        keep = product.valid
        fields = {n: product.bands[n][keep] for n in names}
        write_points(out, xs[keep], ys[keep], fields, product.crs_wkt, POINT_LAYER, product.metadata)
        return out
    if out.lower().endswith((".tif", ".tiff")):
        write_raster(out, {n: product.bands[n] for n in names}, product.geotransform, product.crs_wkt,
                     units=units, metadata=product.metadata, georeferenced=product.georeferenced)
        return out
    rows, cols = product.cell
    fields = {n: product.bands[n][rows, cols] for n in names}
    fields.update({n: v for n, v in product.extra_fields.items() if n not in fields})
    write_points(out, product.x, product.y, fields, product.crs_wkt, POINT_LAYER, product.metadata)
    return out

