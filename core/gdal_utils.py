"""Small helpers around the GDAL/OSR Python bindings.

GDAL's exception mode is a process-wide switch (GDAL 3.6's bindings have no
per-thread mode) and QGIS shares the process with us, so it is enabled only
while some of our code is inside :func:`gdal_errors`.
"""
from __future__ import annotations

import contextlib
import os
import threading
from typing import Iterator

from osgeo import gdal, ogr, osr

from .errors import InputError
from .files import check_readable

_MODULES = (gdal, ogr, osr)
_state_lock = threading.Lock()
_state = {"depth": 0, "saved": (False, False, False)}


@contextlib.contextmanager
def gdal_errors() -> Iterator[None]:
    """Enable GDAL/OGR/OSR exceptions inside the block; the mode before the first block comes back after the last.

    Counted across threads, not saved and restored per block: with the
    latter, a thread leaving its block while another was still inside
    turned exceptions off under it, and that thread's failing GDAL calls
    returned None or an error code instead of raising (a lost write, say).
    """
    with _state_lock:
        if _state["depth"] == 0:
            _state["saved"] = tuple(bool(m.GetUseExceptions()) for m in _MODULES)
            for mod in _MODULES:
                mod.UseExceptions()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _state_lock:
            _state["depth"] -= 1
            if _state["depth"] == 0:
                # GDAL keeps a stack of error handlers: undo in reverse order
                for mod, was_on in reversed(list(zip(_MODULES, _state["saved"]))):
                    if not was_on:
                        mod.DontUseExceptions()


def open_input_raster(path: str, what: str) -> gdal.Dataset:
    """``gdal.Open(path)`` of an input raster (read-only), or :class:`InputError` saying why not.

    ``what`` names it in the messages ("DEM", "pair product"): missing,
    a folder, unreadable or empty (:func:`.files.check_readable`), not a
    format GDAL reads, or no raster band.
    """
    check_readable(path, what)
    try:
        with gdal_errors():
            ds = gdal.Open(path)
    except RuntimeError as exc:
        raise InputError(f"Cannot read the {what} '{os.path.basename(path)}': {exc}.") from None
    if ds is None or ds.RasterCount < 1:
        raise InputError(f"'{os.path.basename(path)}' is not a raster {what}: it has no band.")
    return ds


def srs_from_wkt(wkt: str) -> osr.SpatialReference | None:
    """An OSR spatial reference with traditional GIS (x=east, y=north) axis order."""
    if not wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def layer_transform(layer: ogr.Layer, dst: osr.SpatialReference | None) -> osr.CoordinateTransformation | None:
    """Transformation from ``layer``'s CRS to ``dst`` (both x = east, y = north), or None when either CRS is
    unknown or they are the same (the geometries are then used as they are)."""
    src = layer.GetSpatialRef()
    if src is None or dst is None:
        return None
    src = src.Clone()
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return None if src.IsSame(dst) else osr.CoordinateTransformation(src, dst)


def wgs84() -> osr.SpatialReference:
    """WGS 84 geographic (EPSG:4326) in lon, lat order: the frame of GCPs, footprints and SNAP's regions."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def same_crs(wkt_a: str, wkt_b: str) -> bool:
    """True when two WKT strings describe the same coordinate reference system."""
    if not wkt_a and not wkt_b:
        return True
    if not wkt_a or not wkt_b:
        return False
    a, b = srs_from_wkt(wkt_a), srs_from_wkt(wkt_b)
    return bool(a.IsSame(b, ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"]))


def crs_label(wkt: str) -> str:
    """A short human label for a CRS ("EPSG:32632" when known, else its name)."""
    if not wkt:
        return "no CRS"
    srs = srs_from_wkt(wkt)
    code = srs.GetAuthorityCode(None)
    auth = srs.GetAuthorityName(None)
    if code and auth:
        return f"{auth}:{code}"
    return srs.GetName() or "custom CRS"


def crs_is_geographic(wkt: str) -> bool:
    srs = srs_from_wkt(wkt)
    return bool(srs is not None and srs.IsGeographic())
