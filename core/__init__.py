"""SenseTrack core: offset tracking and preprocessing without QGIS.

This package never imports ``qgis``; it can be used from any Python with
numpy and GDAL (plus OpenCV / scikit-image for the trackers that need them).

Example
-------
>>> from sensetrack.core.tracking import track_dense   # doctest: +SKIP
>>> track_dense("ref.tif", "tar.tif", "disp.tif", method="farneback")  # doctest: +SKIP
"""

__version__ = "0.3.0"
