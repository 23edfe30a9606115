"""What the two sample-data scripts share: the synthetic core, the grid and the file writers.

``make_sample_data.py`` (the pair) and ``make_sample_stack.py`` (the time
series) lie on the same 10 m grid of EPSG:32632 and must regenerate their
files exactly, so both write them through these functions.
"""
from __future__ import annotations

import os
import sys
from typing import Mapping, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
try:
    from sensetrack.core.synthetic import Texture, landslide_field, warp_exact  # noqa: F401 (installed layout)
except ImportError:  # running from a checkout named otherwise
    sys.path.insert(0, os.path.dirname(HERE))
    from core.synthetic import Texture, landslide_field, warp_exact  # type: ignore # noqa: F401

PIXEL = 10.0  # metres
ORIGIN = (640000.0, 4910000.0)  # top-left corner, EPSG:32632 (UTM 32N, northern Apennines)
EPSG = 32632


def srs() -> osr.SpatialReference:
    out = osr.SpatialReference()
    out.ImportFromEPSG(EPSG)
    return out


def xy(row: float, col: float) -> tuple:
    """Map coordinates of the centre of pixel (row, col)."""
    return ORIGIN[0] + (col + 0.5) * PIXEL, ORIGIN[1] - (row + 0.5) * PIXEL


def write_tiff(path: str, arrays: Sequence[np.ndarray], dtype: int, nodata: Optional[float] = None,
               names: Optional[Sequence[str]] = None, units: Optional[Sequence[str]] = None,
               metadata: Optional[Mapping[str, str]] = None,
               band_metadata: Optional[Sequence[Mapping[str, str]]] = None) -> None:
    """A tiled, DEFLATE-compressed GeoTIFF on the sample grid (its size is the arrays')."""
    if os.path.exists(path):
        os.remove(path)
    rows, cols = arrays[0].shape
    ds = gdal.GetDriverByName("GTiff").Create(path, cols, rows, len(arrays), dtype,
                                              ["TILED=YES", "COMPRESS=DEFLATE",
                                               "PREDICTOR=3" if dtype == gdal.GDT_Float32 else "PREDICTOR=2"])
    ds.SetGeoTransform((ORIGIN[0], PIXEL, 0.0, ORIGIN[1], 0.0, -PIXEL))
    ds.SetProjection(srs().ExportToWkt())
    if metadata:
        ds.SetMetadata(dict(metadata))
    for i, arr in enumerate(arrays, start=1):
        b = ds.GetRasterBand(i)
        b.WriteArray(arr)
        if nodata is not None:
            b.SetNoDataValue(nodata)
        if names:
            b.SetDescription(names[i - 1])
        if units:
            b.SetUnitType(units[i - 1])
        if band_metadata:
            b.SetMetadata(dict(band_metadata[i - 1]))
    ds = None


def write_vector(path: str, layer: str, geom_type: int, geoms: Sequence[str],
                 fields: Optional[Mapping[str, Sequence[str]]] = None) -> None:
    """A GeoPackage layer of WKT geometries on the sample CRS, with optional text fields."""
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer(layer, srs(), geom_type)
    for name in (fields or {}):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for i, wkt in enumerate(geoms):
        f = ogr.Feature(lyr.GetLayerDefn())
        for name, values in (fields or {}).items():
            f.SetField(name, values[i])
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
