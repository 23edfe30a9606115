"""Where a raster came from: the user's own file, through any chain of SenseTrack steps.

A graphical model passes each step's output to the next as a temporary file. Every
SenseTrack writer records ``SENSETRACK_ORIGIN``, the original input of its chain, so that a
displacement result, its GeoTIFF metadata and its report name the images the user chose
rather than ``/tmp/processing_xyz/OUTPUT.tif``.
"""
from __future__ import annotations

import os

from osgeo import gdal

ORIGIN_KEY = "SENSETRACK_ORIGIN"


def origin_of(path: str) -> str:
    """The original file ``path`` was made from (its ``SENSETRACK_ORIGIN``), or ``path`` itself (absolute)."""
    if not path:
        return ""
    try:
        with gdal.ExceptionMgr(useExceptions=False) if hasattr(gdal, "ExceptionMgr") else _quiet():
            ds = gdal.Open(path)
            origin = ds.GetMetadataItem(ORIGIN_KEY) if ds is not None else None
            ds = None
    except RuntimeError:
        origin = None
    return origin or os.path.abspath(path)


class _quiet:
    def __enter__(self):
        gdal.PushErrorHandler("CPLQuietErrorHandler")

    def __exit__(self, *exc):
        gdal.PopErrorHandler()
        return False
