"""Sentinel-1 SAFE products read with lxml (XML) and GDAL (rasters); no SNAP.

Modules: :mod:`naming` (product-name decoding), :mod:`product` (SAFE folder,
manifest.safe or zip: manifest, annotation files), :mod:`annotation` (image
information, geolocation grid -> GCPs), :mod:`calibration` (calibration LUTs,
bilinear vector interpolation), :mod:`noise` (thermal-noise range/azimuth
LUTs), :mod:`grd` (calibrated, geocoded GeoTIFF from a GRD product),
:mod:`info` (metadata JSON and footprint GeoPackage).
"""
