"""Optical products straight into the trackers: Sentinel-2 L1C/L2A and Landsat 8/9 Collection 2.

:func:`read_sentinel2` and :func:`read_landsat` turn a downloaded product
(zip/tar, folder or metadata file) into a cloud-masked, dated float32
reflectance GeoTIFF on the product's UTM grid (or a chosen CRS), cropped to
an area of interest. See :mod:`.sentinel2`, :mod:`.landsat` (radiometry),
:mod:`.masks` (which classes and bits are masked) and :mod:`.reader` (the
pipeline).
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence

from .grid import RESAMPLINGS, Aoi
from .landsat import LandsatProduct, open_landsat
from .reader import read_scene
from .sentinel2 import Sentinel2Product, normalise_band, open_sentinel2

__all__ = ["Aoi", "RESAMPLINGS", "LandsatProduct", "Sentinel2Product", "open_landsat", "open_sentinel2",
           "read_landsat", "read_sentinel2", "normalise_band"]


def read_sentinel2(product: str, output: str, bands: Sequence[str] = ("B08",), *, resample_10m: bool = False,
                   aoi: Optional[Aoi] = None, target_crs: str = "", pixel_size: float = 0.0,
                   resampling: str = "bilinear", mask_clouds: bool = True, mask_snow: bool = False,
                   dilation: int = 0, monitor=None) -> Dict[str, object]:
    """Sentinel-2 L1C/L2A product -> reflectance GeoTIFF (see :func:`.reader.read_scene`).

    ``resample_10m`` puts 20 m and 60 m bands on the 10 m grid; otherwise the
    output has the finest resolution among ``bands``.
    """
    with open_sentinel2(product) as p:
        scene = p.scene(bands)
        names = list(scene.bands)
        return read_scene(scene, output, names, aoi=aoi, resolution=10.0 if resample_10m else None,
                          target_crs=target_crs, pixel_size=pixel_size, resampling=resampling,
                          mask_clouds=mask_clouds, mask_snow=mask_snow, dilation=dilation, method="s2read",
                          parameters={"resample_10m": bool(resample_10m)}, monitor=monitor)


def read_landsat(product: str, output: str, bands: Sequence[str] = ("8",), *, aoi: Optional[Aoi] = None,
                 target_crs: str = "", pixel_size: float = 0.0, resampling: str = "bilinear",
                 mask_clouds: bool = True, mask_snow: bool = False, dilation: int = 0,
                 monitor=None) -> Dict[str, object]:
    """Landsat 8/9 Collection 2 product -> reflectance GeoTIFF on the grid of the finest requested band."""
    with open_landsat(product) as p:
        scene = p.scene(bands)
        return read_scene(scene, output, list(scene.bands), aoi=aoi, target_crs=target_crs,
                          pixel_size=pixel_size, resampling=resampling, mask_clouds=mask_clouds,
                          mask_snow=mask_snow, dilation=dilation, method="landsatread", monitor=monitor)
