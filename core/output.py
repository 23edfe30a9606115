"""Atomic writing of raster (GeoTIFF/COG) and vector (GeoPackage) outputs.

Every output is written under a temporary name in the destination folder and
renamed onto the requested name only once complete, so a failed or
cancelled run never leaves a partial file and never clobbers an input.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr

from .errors import InputError
from .gdal_utils import gdal_errors, srs_from_wkt
from .raster_profile import cog_options, cog_requested, gtiff_options

# the creation profile lives in core/raster_profile.py; the name stays importable for compatibility
GTIFF_OPTIONS = gtiff_options("float32")

_OGR_TYPES = {"f": ogr.OFTReal, "i": ogr.OFTInteger64, "u": ogr.OFTInteger64, "b": ogr.OFTInteger, "U": ogr.OFTString, "O": ogr.OFTString}


def check_output_path(output: str, inputs: Iterable[str]) -> str:
    """Refuse an output path that is one of the inputs; return the absolute output path."""
    out = os.path.abspath(output)
    for inp in inputs:
        if not inp:
            continue
        same = os.path.abspath(inp) == out
        if not same and os.path.exists(inp) and os.path.exists(out):
            same = os.path.samefile(inp, out)
        if same:
            raise InputError(
                f"The output '{output}' is also an input. Choose another output file: inputs are never overwritten."
            )
    folder = os.path.dirname(out) or "."
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
    return out


def _temp_name(final: str) -> str:
    folder, name = os.path.split(os.path.abspath(final))
    stem, ext = os.path.splitext(name)
    return os.path.join(folder, f".{stem}.part-{uuid.uuid4().hex[:8]}{ext}")


@contextlib.contextmanager
def atomic_path(final: str) -> Iterator[str]:
    """Yield a temporary path next to ``final``; rename it onto ``final`` on success.

    On any exception (including cancellation) the temporary file and its
    GDAL side-cars are removed and ``final`` is left untouched.
    """
    tmp = _temp_name(final)
    try:
        yield tmp
        for suffix in ("", ".aux.xml"):
            if os.path.exists(tmp + suffix):
                os.replace(tmp + suffix, final + suffix)
    except BaseException:
        for suffix in ("", ".aux.xml", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(tmp + suffix)
        raise


_DATA_TYPES = {"float32": (gdal.GDT_Float32, np.float32, float("nan")), "uint8": (gdal.GDT_Byte, np.uint8, 0.0)}


class RasterWriter:
    """Block-wise float32 GeoTIFF writer with NaN nodata.

    Use as a context manager; the file appears at ``path`` only when the
    block exits without error.

    Parameters
    ----------
    path : str
        Destination (``.tif``).
    width, height : int
        Raster size in pixels.
    band_names : sequence of str
        One description per band (e.g. ``DX``); also used as band metadata.
    geotransform : sequence of 6 floats
        GDAL geotransform of the output grid.
    crs_wkt : str
        CRS as WKT ("" when not georeferenced).
    units : sequence of str, optional
        Unit string per band (set with ``SetUnitType``).
    metadata : mapping, optional
        Dataset-level metadata (e.g. algorithm parameters).
    cog : bool, optional
        Write a Cloud Optimized GeoTIFF (converted at close). ``None`` (the
        default): as asked by :func:`core.raster_profile.cog_outputs`.
    data_type : {"float32", "uint8"}
        ``float32`` (NaN nodata, the default) or ``uint8`` (nodata 0, valid
        values 1..255), for 8-bit preprocessing outputs.
    """

    def __init__(
        self,
        path: str,
        width: int,
        height: int,
        band_names: Sequence[str],
        geotransform: Sequence[float],
        crs_wkt: str = "",
        units: Optional[Sequence[str]] = None,
        metadata: Optional[Mapping[str, str]] = None,
        cog: Optional[bool] = None,
        georeferenced: bool = True,
        band_metadata: Optional[Sequence[Mapping[str, str]]] = None,
        data_type: str = "float32",
    ):
        if data_type not in _DATA_TYPES:
            raise ValueError(f"data_type must be one of {', '.join(_DATA_TYPES)}")
        self.data_type = data_type
        self.path = os.path.abspath(path)
        self.width, self.height = int(width), int(height)
        self.band_names = list(band_names)
        self.geotransform = tuple(geotransform)
        self.crs_wkt = crs_wkt
        self.units = list(units) if units else [""] * len(self.band_names)
        self.metadata = dict(metadata or {})
        self.band_metadata = list(band_metadata) if band_metadata else [{} for _ in self.band_names]
        self.cog = cog_requested() if cog is None else bool(cog)
        self.georeferenced = georeferenced
        self._ctx = None
        self._ds = None
        self._tmp = None

    def __enter__(self) -> "RasterWriter":
        self._ctx = atomic_path(self.path)
        self._tmp = self._ctx.__enter__()
        target = self._tmp + ".gtiff.tif" if self.cog else self._tmp
        with gdal_errors():
            drv = gdal.GetDriverByName("GTiff")
            gdt, self._np_type, self._nodata = _DATA_TYPES[self.data_type]
            # a COG is rewritten at close: its intermediate file is not worth compressing
            options = gtiff_options(self.data_type, **({"compress": "NONE"} if self.cog else {}))
            self._ds = drv.Create(target, self.width, self.height, len(self.band_names), gdt, options)
            if self.georeferenced:
                self._ds.SetGeoTransform(self.geotransform)
                if self.crs_wkt:
                    self._ds.SetProjection(self.crs_wkt)
            if self.metadata:
                self._ds.SetMetadata({str(k): str(v) for k, v in self.metadata.items()})
            for i, name in enumerate(self.band_names, start=1):
                band = self._ds.GetRasterBand(i)
                band.SetDescription(name)
                band.SetNoDataValue(self._nodata)
                if self.units[i - 1]:
                    band.SetUnitType(self.units[i - 1])
                md = {"NAME": name}
                md.update({str(k): str(v) for k, v in self.band_metadata[i - 1].items()})
                band.SetMetadata(md)
        return self

    def write(self, band: int, array: np.ndarray, xoff: int = 0, yoff: int = 0) -> None:
        """Write a 2-D block into 1-based ``band`` at pixel offset (xoff, yoff)."""
        with gdal_errors():
            self._ds.GetRasterBand(band).WriteArray(np.asarray(array, dtype=self._np_type), int(xoff), int(yoff))

    def write_named(self, name: str, array: np.ndarray, xoff: int = 0, yoff: int = 0) -> None:
        self.write(self.band_names.index(name) + 1, array, xoff, yoff)

    def __exit__(self, exc_type, exc, tb) -> None:
        ds, self._ds = self._ds, None
        try:
            if exc_type is None:
                with gdal_errors():
                    ds.FlushCache()
                    ds = None
                    if self.cog:
                        src = self._tmp + ".gtiff.tif"
                        gdal.Translate(
                            self._tmp, src, format="COG",
                            creationOptions=cog_options(self.data_type),
                        )
            else:
                ds = None
        finally:
            if self.cog and self._tmp and os.path.exists(self._tmp + ".gtiff.tif"):
                os.remove(self._tmp + ".gtiff.tif")
            self._ctx.__exit__(exc_type, exc, tb)


def write_raster(
    path: str,
    bands: Mapping[str, np.ndarray],
    geotransform: Sequence[float],
    crs_wkt: str = "",
    units: Optional[Sequence[str]] = None,
    metadata: Optional[Mapping[str, str]] = None,
    cog: Optional[bool] = None,
    georeferenced: bool = True,
) -> str:
    """Write named 2-D arrays as a float32 GeoTIFF (NaN nodata), atomically.

    Returns the absolute path written.
    """
    names = list(bands)
    first = np.asarray(bands[names[0]])
    with RasterWriter(path, first.shape[1], first.shape[0], names, geotransform, crs_wkt,
                      units=units, metadata=metadata, cog=cog, georeferenced=georeferenced) as w:
        for i, name in enumerate(names, start=1):
            w.write(i, bands[name])
    return os.path.abspath(path)


def write_points(
    path: str,
    x: np.ndarray,
    y: np.ndarray,
    fields: Mapping[str, np.ndarray],
    crs_wkt: str = "",
    layer_name: str = "displacements",
    metadata: Optional[Mapping[str, str]] = None,
) -> str:
    """Write a point layer (GeoPackage) with one feature per (x, y), atomically.

    NaN values in float fields are written as NULL.
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    cols: Dict[str, np.ndarray] = {k: np.asarray(v).ravel() for k, v in fields.items()}
    with atomic_path(path) as tmp, gdal_errors():
        drv = ogr.GetDriverByName("GPKG")
        ds = drv.CreateDataSource(tmp)
        lyr = ds.CreateLayer(layer_name, srs_from_wkt(crs_wkt), ogr.wkbPoint)
        for name, arr in cols.items():
            lyr.CreateField(ogr.FieldDefn(name, _OGR_TYPES.get(arr.dtype.kind, ogr.OFTReal)))
        if metadata:
            lyr.SetMetadata({str(k): str(v) for k, v in metadata.items()})
        defn = lyr.GetLayerDefn()
        names: List[str] = list(cols)
        lyr.StartTransaction()
        for i in range(x.size):
            feat = ogr.Feature(defn)
            for j, name in enumerate(names):
                v = cols[name][i]
                if isinstance(v, (float, np.floating)):
                    if np.isfinite(v):
                        feat.SetField(j, float(v))
                    else:
                        feat.SetFieldNull(j)
                elif isinstance(v, (np.integer, int, np.bool_, bool)):
                    feat.SetField(j, int(v))
                else:
                    feat.SetField(j, str(v))
            geom = ogr.Geometry(ogr.wkbPoint)
            geom.AddPoint_2D(float(x[i]), float(y[i]))
            feat.SetGeometry(geom)
            lyr.CreateFeature(feat)
        lyr.CommitTransaction()
        ds = None
    return os.path.abspath(path)


def write_polygons(path: str, records: Sequence[Mapping[str, object]], crs_wkt: str = "",
                   layer_name: str = "footprints", geometry_key: str = "footprint_wkt",
                   field_types: Optional[Mapping[str, int]] = None) -> str:
    """Write polygons (WKT in ``record[geometry_key]``) with the other keys as fields, atomically.

    Field types come from ``field_types`` (OGR types) or are guessed from the
    first non-null value (number or string).
    """
    keys: List[str] = []
    for rec in records:
        keys += [k for k in rec if k != geometry_key and k not in keys]
    field_types = dict(field_types or {})
    with atomic_path(path) as tmp, gdal_errors():
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        lyr = ds.CreateLayer(layer_name, srs_from_wkt(crs_wkt), ogr.wkbPolygon)
        for k in keys:
            sample = next((r[k] for r in records if r.get(k) is not None), "")
            if k in field_types:  # OFTInteger is 0: test membership, not truth
                kind = field_types[k]
            else:
                kind = ogr.OFTReal if isinstance(sample, float) else ogr.OFTInteger64 if isinstance(sample, int) \
                    and not isinstance(sample, bool) else ogr.OFTString
            lyr.CreateField(ogr.FieldDefn(k, kind))
        for rec in records:
            feat = ogr.Feature(lyr.GetLayerDefn())
            for k in keys:
                v = rec.get(k)
                if v is not None:
                    feat.SetField(k, v if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v))
            if rec.get(geometry_key):
                feat.SetGeometry(ogr.CreateGeometryFromWkt(str(rec[geometry_key])))
            lyr.CreateFeature(feat)
        ds = None
    return os.path.abspath(path)
