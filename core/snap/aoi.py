"""Area of interest for SNAP's Subset: an extent or polygon in any CRS to a WKT polygon in EPSG:4326."""
from __future__ import annotations

from typing import Sequence

from osgeo import ogr, osr

from ..errors import InputError
from ..gdal_utils import wgs84


def to_wgs84_wkt(geometry_wkt: str, crs: str = "EPSG:4326", densify: float = 0.0) -> str:
    """A polygon (WKT) in ``crs`` (EPSG code, WKT or PROJ string) as a lon/lat WKT polygon.

    ``densify`` (map units) adds vertices along the edges first, so a long
    straight edge in a projected CRS stays faithful after reprojection.
    """
    geom = ogr.CreateGeometryFromWkt(geometry_wkt)
    if geom is None or geom.IsEmpty():
        raise InputError("The area of interest is empty or not a valid geometry.")
    if geom.GetDimension() != 2:
        raise InputError("The area of interest must be a polygon (or an extent), not points or lines.")
    src = osr.SpatialReference()
    if src.SetFromUserInput(crs) != 0:
        raise InputError(f"The CRS of the area of interest ('{crs}') is not understood.")
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if densify > 0:
        geom.Segmentize(densify)
    dst = wgs84()
    if not src.IsSame(dst):
        geom.Transform(osr.CoordinateTransformation(src, dst))
    if geom.GetGeometryType() in (ogr.wkbMultiPolygon, ogr.wkbMultiPolygon25D):
        geom = geom.UnionCascaded()  # SNAP's Subset wants one polygon: the union of the parts
        if geom.GetGeometryType() != ogr.wkbPolygon:
            geom = geom.ConvexHull()
    geom.FlattenTo2D()
    return geom.ExportToWkt()


def extent_to_wgs84_wkt(extent: Sequence[float], crs: str = "EPSG:4326") -> str:
    """(xmin, ymin, xmax, ymax) in ``crs`` to a lon/lat WKT polygon (edges densified to 1/50 of the width)."""
    xmin, ymin, xmax, ymax = (float(v) for v in extent)
    if not (xmax > xmin and ymax > ymin):
        raise InputError("The area of interest extent is empty (xmax <= xmin or ymax <= ymin).")
    wkt = f"POLYGON(({xmin} {ymin}, {xmax} {ymin}, {xmax} {ymax}, {xmin} {ymax}, {xmin} {ymin}))"
    return to_wgs84_wkt(wkt, crs, densify=(xmax - xmin) / 50.0)
