"""Atomic writing of raster (GeoTIFF/COG) and vector (GeoPackage) outputs.

Every output is written under a temporary name in the destination folder and
renamed onto the requested name only once complete, so a failed or
cancelled run never leaves a partial file and never clobbers an input.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import threading
import traceback
import uuid
from typing import Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr

from .errors import InputError, quote
from .gdal_utils import gdal_errors, srs_from_wkt
from .output_checks import close_dataset, fsync_file, fsync_folder, verify_file, write_failure
from .raster_profile import cog_options, cog_requested, gtiff_options

# the creation profile lives in core/raster_profile.py; the name stays importable for compatibility
GTIFF_OPTIONS = gtiff_options("float32")

_OGR_TYPES = {"f": ogr.OFTReal, "i": ogr.OFTInteger64, "u": ogr.OFTInteger64, "b": ogr.OFTInteger,
              "U": ogr.OFTString, "O": ogr.OFTString}


def check_output_path(output: str, inputs: Iterable[str]) -> str:
    """Refuse an output path that is one of the inputs or cannot be written; return the absolute output path.

    Paths are compared after resolving symbolic links and ``..`` (and as
    the same file when both exist, which covers hard links and
    case-insensitive file systems). The folder is created if needed; an
    existing folder under the output's name, or a folder that cannot be
    written (read-only file system, no permission), is refused now rather
    than after the whole computation.
    """
    out = os.path.abspath(output)
    for inp in inputs:
        if inp and same_path(inp, out):
            raise InputError(
                f"The output {quote(output, 200)} is also an input. Choose another output file: inputs are never "
                "overwritten."
            )
    if os.path.isdir(out):
        raise InputError(f"The output {quote(output, 200)} is a folder. Give a file name.")
    folder = os.path.dirname(out) or "."
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise InputError(f"Cannot create the output folder {quote(folder, 200)} ({exc.strerror}). "
                         "Choose a folder you may write.") from None
    if not os.access(folder, os.W_OK):
        reason = "the file system is read-only" if _read_only(folder) else "permission denied"
        raise InputError(f"Cannot write into {quote(folder, 200)}: {reason}. Choose another output folder.")
    return out


def _read_only(folder: str) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):
        return False


def same_path(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` name the same file (symbolic links, ``..``, case and hard links resolved)."""
    ra, rb = os.path.normcase(os.path.realpath(a)), os.path.normcase(os.path.realpath(b))
    if ra == rb:
        return True
    try:
        return os.path.exists(ra) and os.path.exists(rb) and os.path.samefile(ra, rb)
    except OSError:
        return False


def _temp_name(final: str) -> str:
    folder, name = os.path.split(os.path.abspath(final))
    stem, ext = os.path.splitext(name)
    return os.path.join(folder, f".{stem}.part-{uuid.uuid4().hex[:8]}{ext}")


# -- temporary paths of the running process, removed on interruption or at exit --------------------------------
_SIDE_CARS = ("", ".aux.xml", "-journal", "-wal", "-shm", ".gtiff.tif")
_LIVE_TEMPS: Dict[str, None] = {}
_COMMITTED: List[str] = []
_LOCK = threading.Lock()


def register_temp(path: str) -> None:
    """Remember a temporary file or folder to delete if the process stops before its owner removes it."""
    with _LOCK:
        _LIVE_TEMPS[os.path.abspath(path)] = None


def unregister_temp(path: str) -> None:
    with _LOCK:
        _LIVE_TEMPS.pop(os.path.abspath(path), None)


def discard(paths: Sequence[str]) -> List[str]:
    """Remove the files among ``paths``, then the folders among them that are left empty; return the files removed.

    A folder that still holds anything is kept: a job's other pairs' blocks,
    or a file SenseTrack did not write. Used for a job's intermediate files
    once the output they fed is complete (:mod:`.jobs`).
    """
    gone = []
    for path in paths:
        if os.path.isfile(path):
            with contextlib.suppress(OSError):
                os.remove(path)
                gone.append(path)
    for path in paths:
        if os.path.isdir(path):
            with contextlib.suppress(OSError):
                os.rmdir(path)
    return gone


def remove_temp(path: str) -> None:
    """Delete a temporary file (with its GDAL/SQLite side-cars) or folder; never raises."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    for suffix in _SIDE_CARS:
        with contextlib.suppress(OSError):
            os.remove(path + suffix)


def cleanup_temps() -> List[str]:
    """Delete every registered temporary path (run at exit and on SIGTERM/SIGINT); return what was removed."""
    with _LOCK:
        paths = list(_LIVE_TEMPS)
        _LIVE_TEMPS.clear()
    for path in paths:
        remove_temp(path)
    return paths


atexit.register(cleanup_temps)


def committed_count() -> int:
    """A mark for :func:`committed_since`."""
    return len(_COMMITTED)


def committed_since(mark: int) -> List[str]:
    """Final outputs completed (renamed onto their names) since ``mark``."""
    return list(_COMMITTED[mark:])


@contextlib.contextmanager
def atomic_path(final: str, what: Optional[str] = None, shape: Optional[tuple] = None) -> Iterator[str]:
    """Yield a temporary path next to ``final``; rename it onto ``final`` once complete and verified.

    After the block, the temporary file is checked (:func:`~.output_checks.verify_file`:
    a GeoTIFF's blocks all inside the file, a GeoPackage that passes SQLite's
    quick check, JSON that parses, never an empty file) and synced to disk,
    and only then renamed. On any exception (including cancellation and
    SIGTERM/SIGINT, see :func:`cleanup_temps`) or a failed check, the
    temporary file and its side-cars are removed and ``final`` is left
    untouched: an earlier file of that name survives. ``shape`` (width,
    height, bands) is the raster the writer meant to produce.
    """
    tmp = _temp_name(final)
    register_temp(tmp)
    try:
        yield tmp
        verify_file(tmp, what or final, shape)
        fsync_file(tmp)
        if os.path.exists(tmp + ".aux.xml"):
            os.replace(tmp + ".aux.xml", final + ".aux.xml")
        os.replace(tmp, final)
        _COMMITTED.append(os.path.abspath(final))
        fsync_folder(os.path.dirname(os.path.abspath(final)))
    except BaseException:
        remove_temp(tmp)
        raise
    finally:
        unregister_temp(tmp)


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
        self._ctx = atomic_path(self.path, shape=(self.width, self.height, len(self.band_names)))
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
        try:
            with gdal_errors():
                self._ds.GetRasterBand(band).WriteArray(np.asarray(array, dtype=self._np_type), int(xoff), int(yoff))
        except RuntimeError as exc:
            raise write_failure(self.path, str(exc)) from None

    def write_named(self, name: str, array: np.ndarray, xoff: int = 0, yoff: int = 0) -> None:
        self.write(self.band_names.index(name) + 1, array, xoff, yoff)

    def update_metadata(self, metadata: Mapping[str, str]) -> None:
        """Add dataset metadata known only once the blocks are written (e.g. valid-pixel fractions)."""
        self.metadata.update({str(k): str(v) for k, v in metadata.items()})
        with gdal_errors():
            self._ds.SetMetadata({str(k): str(v) for k, v in self.metadata.items()})

    def __exit__(self, exc_type, exc, tb) -> None:
        holder, self._ds = [self._ds], None
        try:
            if exc_type is None:
                # flush/close errors must reach atomic_path as exceptions, or it would rename a broken file
                close_dataset(holder, self.path)
                if self.cog:
                    with gdal_errors():
                        holder = [gdal.Translate(
                            self._tmp, self._tmp + ".gtiff.tif", format="COG",
                            creationOptions=cog_options(self.data_type),
                        )]
                    close_dataset(holder, self.path)
            else:
                holder[0] = None
        except BaseException as failure:
            self._finish(type(failure), failure, failure.__traceback__)
            raise
        self._finish(exc_type, exc, tb)

    def _finish(self, exc_type, exc, tb) -> None:
        if self.cog and self._tmp:
            with contextlib.suppress(OSError):
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
    def fill(ds: ogr.DataSource) -> None:
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

    return write_geopackage(path, fill)


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
    def fill(ds: ogr.DataSource) -> None:
        lyr = ds.CreateLayer(layer_name, srs_from_wkt(crs_wkt), ogr.wkbPolygon)
        for k in keys:
            sample = next((r[k] for r in records if r.get(k) is not None), "")
            if k in field_types:  # OFTInteger is 0: test membership, not truth
                kind = field_types[k]
            else:
                is_int = isinstance(sample, int) and not isinstance(sample, bool)
                kind = ogr.OFTReal if isinstance(sample, float) else ogr.OFTInteger64 if is_int else ogr.OFTString
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

    return write_geopackage(path, fill)


def write_geopackage(path: str, fill: Callable[[ogr.DataSource], None]) -> str:
    """Write a GeoPackage atomically: ``fill(datasource)`` adds its layers; returns the absolute path.

    The file is written under a temporary name (:func:`atomic_path`), closed,
    checked and renamed. ``fill`` must keep no reference to the datasource
    or its layers once it returns: the datasource is closed here, before the
    checks, or before a failed file is removed (an open SQLite file would
    leave its journal behind). GDAL errors become
    :func:`.output_checks.write_failure` messages.
    """
    with atomic_path(path) as tmp:
        holder: List[Optional[ogr.DataSource]] = [None]
        try:
            with gdal_errors():
                holder[0] = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
                fill(holder[0])
                close_dataset(holder, path)
        except BaseException as exc:
            # on any failure (a GDAL error, Cancel, an interrupt): the failed fill's frame holds its layer,
            # which (GDAL >= 3.8) holds the datasource; cleared, the datasource closes here
            traceback.clear_frames(exc.__traceback__)
            holder[0] = None
            if isinstance(exc, RuntimeError):
                raise write_failure(path, str(exc)) from None
            raise
    return os.path.abspath(path)
