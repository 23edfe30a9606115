"""Helpers to write small test rasters and polygon layers (importable from every test layer)."""
from __future__ import annotations

import os

import numpy as np
import pytest
from osgeo import gdal, osr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGINS = os.path.join(ROOT, ".build", "plugins")
SAMPLE = os.path.join(ROOT, "sample_data")
# the real product metadata beside the checkout (../shared/data); SENSETRACK_SHARED_DATA points elsewhere
SHARED_DATA = os.environ.get("SENSETRACK_SHARED_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data")
S1_DATA = os.path.join(SHARED_DATA, "sentinel1")
needs_shared_data = pytest.mark.skipif(
    not os.path.isdir(S1_DATA),
    reason=f"the real Sentinel-1 metadata is not at {S1_DATA}: clone beside ../shared or set SENSETRACK_SHARED_DATA")


def write_tif(path, arrays, geotransform=(500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0), epsg=32632,
              nodata=None, dtype=gdal.GDT_Float32, georeferenced=True):
    """Write one or more 2-D arrays as a GeoTIFF and return the path."""
    arrays = [arrays] if np.ndim(arrays) == 2 else list(arrays)
    h, w = np.shape(arrays[0])
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, len(arrays), dtype)
    if georeferenced:
        ds.SetGeoTransform(geotransform)
        if epsg:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(epsg)
            ds.SetProjection(srs.ExportToWkt())
    for i, a in enumerate(arrays, start=1):
        b = ds.GetRasterBand(i)
        b.WriteArray(np.asarray(a))
        if nodata is not None:
            b.SetNoDataValue(nodata)
    ds = None
    return str(path)


def read_band(path, band=1):
    ds = gdal.Open(str(path))
    arr = ds.GetRasterBand(band).ReadAsArray()
    return arr


def band_names(path):
    ds = gdal.Open(str(path))
    return [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]


def polygon_gpkg(path, *wkts, epsg=32632, layer="mask"):
    """A GeoPackage polygon layer with one feature per WKT polygon; returns its path."""
    from sensetrack.core.output import write_polygons

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return write_polygons(str(path), [{"footprint_wkt": w} for w in wkts], srs.ExportToWkt(), layer_name=layer)
