"""COSMO-SkyMed map geometry: the exact grid of GEC/GTC products and the corner GCPs of the others.

GEC (geocoded ellipsoid corrected, level 1C) and GTC (terrain corrected,
level 1D) products are map-projected. Their grid is given by attributes of
the image dataset (``/S01/SBI``, ``/S01/MBI`` or CSG's ``/S01/IMG``):

* ``Top Left East-North`` (easting, northing of the top-left pixel, metres),
* ``Column Spacing`` (x step, metres) and ``Line Spacing`` (y step, metres),

and their projection by root attributes: ``Projection ID`` (``UTM`` or
``UPS``), ``Map Projection Centre`` (latitude, longitude of the projection
origin, degrees), ``Map Projection Scale Factor``, ``Map Projection False
East-North`` (metres) and ``Ellipsoid Designator`` (WGS84). These are the
names GDAL's HDF5 driver reads (``CaptureCSKGeoTransform``,
``CaptureCSKGeolocation``; its autotest on ``CSK_GEC.h5`` expects a
transverse Mercator with central meridian 15 deg, scale 0.9996, false easting
500 km and a 2.5 m grid) and SNAP's COSMO reader reports (``Projection ID``).

Here the CRS is built as an EPSG code when the attributes are exactly a UTM
zone (origin latitude 0, central meridian of a zone, scale 0.9996, false
easting 500 km, false northing 0 for the north or 10 000 km for the south)
or UPS (origin latitude +/-90, scale 0.994, false easting and northing
2000 km); a product whose attributes say UTM or UPS but do not fit is
refused with the values it has, as is any other ``Projection ID``: no
guessed CRS is written. The second-generation (CSG) product specification
was not available here; the same attribute names are assumed for CSG GEC/GTC.

Second-generation file names carry the zone too (``_Z<nn>_``: Z01-Z60 a UTM
zone, Z00 the south and Z61 the north polar area, see the seed inventory's
CSG naming notes), with the scene-centre hemisphere (``_44N_``). For CSG the
name is a cross-check: a CRS from the attributes that disagrees with it is
refused, and a product that says UTM/UPS without the ``Map Projection ...``
parameters is placed on the zone its name gives.

Differences from GDAL: GDAL puts ``Line Spacing`` on x and ``Column
Spacing`` on y; here a column step is an x step (the two are equal in every
product we know of). As GDAL does, ``Top Left East-North`` is taken as the
outer corner of the top-left pixel; whether it is that pixel's centre is not
stated by any public reader (at most half a pixel, 1.25 m on the 2.5 m grid).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import numpy as np
from osgeo import osr

from ..errors import InputError

MAP_PRODUCT_TYPES = ("GEC", "GTC")
CORNER_PIXELS = {"Top Left": (0.0, 0.0), "Top Right": (1.0, 0.0), "Bottom Right": (1.0, 1.0),
                 "Bottom Left": (0.0, 1.0)}  # fractions of (cols, rows)


def corner_gcps(corners: Dict[str, Tuple[float, float, float]], rows: int,
                cols: int) -> List[Tuple[float, float, float, float]]:
    """(pixel, line, lon, lat) of the geodetic corners at the image's outer pixel corners.

    The corners are placed at pixel/line 0 and the image size, as GDAL's HDF5
    driver (``CaptureCSKGCPs``) and SNAP place them, not at pixel centres.
    """
    return [(fx * cols, fy * rows, corners[c][1], corners[c][0]) for c, (fx, fy) in CORNER_PIXELS.items()
            if c in corners]


def _vector(attrs: Dict[str, Any], key: str, n: int) -> Optional[np.ndarray]:
    v = attrs.get(key)
    if v is None:
        return None
    arr = np.atleast_1d(np.asarray(v, dtype=float)).ravel()
    return arr if arr.size >= n else None


def map_geotransform(image_attrs: Dict[str, Any]) -> Optional[Tuple[float, float, float, float, float, float]]:
    """North-up GDAL geotransform from ``Top Left East-North`` and the spacings, or None when absent."""
    tl = _vector(image_attrs, "Top Left East-North", 2)
    col = _vector(image_attrs, "Column Spacing", 1)
    line = _vector(image_attrs, "Line Spacing", 1)
    if tl is None or col is None or line is None:
        return None
    if not (col[0] > 0 and line[0] > 0):
        raise InputError(f"The map grid spacings are not positive (Column Spacing {col[0]}, Line Spacing "
                         f"{line[0]}): the product's geometry attributes are damaged.")
    return (float(tl[0]), float(col[0]), 0.0, float(tl[1]), 0.0, -float(line[0]))


def _close(a: Optional[float], b: float, tol: float) -> bool:
    return a is not None and abs(a - b) <= tol


def name_epsg(fields: Dict[str, Any]) -> Optional[int]:
    """EPSG code a CSG file name implies (UTM zone and hemisphere, or UPS), None without one."""
    where = str(fields.get("east_location", ""))
    lat = fields.get("scene_centre_latitude")
    if where.startswith("UTM zone ") and lat is not None:
        return (32600 if lat >= 0 else 32700) + int(where.split()[-1])
    return {"North pole": 32661, "South pole": 32761}.get(where)


def map_crs(root: Dict[str, Any], name: str = "the product", hint: Optional[int] = None) -> osr.SpatialReference:
    """The projected CRS of a GEC/GTC product from its root attributes.

    ``hint``: the EPSG code the file name implies (CSG, :func:`name_epsg`).

    Raises
    ------
    InputError
        No ``Projection ID``; an ellipsoid other than WGS84; a UTM/UPS
        declaration whose parameters are not a UTM zone or UPS, or disagree
        with the file name; or any other projection.
    """
    srs = _attribute_crs(root, name, hint)
    code = int(srs.GetAuthorityCode(None))
    if hint is not None and code != hint:
        raise InputError(f"{name}: the map projection attributes give EPSG:{code} but the file name's zone "
                         f"gives EPSG:{hint}; the product is not placed rather than placed on the wrong zone.")
    return srs


def _attribute_crs(root: Dict[str, Any], name: str, hint: Optional[int]) -> osr.SpatialReference:
    pid = str(root.get("Projection ID", "")).strip().upper()
    ellipsoid = str(root.get("Ellipsoid Designator", "WGS84")).strip().upper().replace(" ", "").replace("-", "")
    if not pid:
        raise InputError(f"{name} has no 'Projection ID' attribute: its map projection is unknown.")
    if ellipsoid not in ("WGS84", ""):
        raise InputError(f"{name} is on the ellipsoid '{ellipsoid}'; only WGS84 map products are read.")
    centre = _vector(root, "Map Projection Centre", 2)
    scale = _vector(root, "Map Projection Scale Factor", 1)
    false_en = _vector(root, "Map Projection False East-North", 2)
    lat0 = float(centre[0]) if centre is not None else None
    lon0 = float(centre[1]) if centre is not None else None
    k = float(scale[0]) if scale is not None else None
    fe = float(false_en[0]) if false_en is not None else None
    fn = float(false_en[1]) if false_en is not None else None
    given = (f"Map Projection Centre {None if centre is None else centre[:2].tolist()}, Scale Factor {k}, "
             f"False East-North {None if false_en is None else false_en[:2].tolist()}")
    srs = osr.SpatialReference()
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if centre is None and scale is None and false_en is None and hint is not None and pid in ("UTM", "UPS") \
            and (pid == "UPS") == (hint in (32661, 32761)):
        srs.ImportFromEPSG(hint)  # no projection parameters: the zone of the (CSG) file name
        return srs
    if pid == "UTM":
        zone = int(round((lon0 + 183.0) / 6.0)) if lon0 is not None else 0
        if (1 <= zone <= 60 and _close(lon0, 6.0 * zone - 183.0, 1e-6) and _close(lat0, 0.0, 1e-6)
                and _close(k, 0.9996, 1e-7) and _close(fe, 500000.0, 1e-3)
                and (_close(fn, 0.0, 1e-3) or _close(fn, 10000000.0, 1e-3))):
            srs.ImportFromEPSG((32600 if fn < 1.0 else 32700) + zone)
            return srs
    elif pid == "UPS":
        if (lat0 is not None and abs(abs(lat0) - 90.0) <= 1e-6 and _close(k, 0.994, 1e-7)
                and _close(fe, 2000000.0, 1e-3) and _close(fn, 2000000.0, 1e-3)):
            srs.ImportFromEPSG(32661 if lat0 > 0 else 32761)
            return srs
    else:
        raise InputError(f"{name} has Projection ID '{pid}'; only UTM and UPS map products can be placed. "
                         "Leave the product in its own geometry or reproject it with the producer's tools.")
    raise InputError(f"{name} says its projection is {pid} but its parameters are not a standard {pid} "
                     f"({given}); it is not placed rather than placed on a guessed CRS.")
