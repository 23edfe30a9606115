"""GDAL-backed raster model: open, inspect and read any GDAL raster.

A :class:`Raster` keeps what offset tracking needs from a file: size, band
count, geotransform, CRS (WKT) and the nodata definition of every band. Data
are read by band and window as float arrays together with a boolean validity
mask; valid values are never modified (nodata is reported in the mask, not
by rewriting pixels).

Geotransform convention (GDAL): ``x = gt[0] + col*gt[1] + row*gt[2]`` and
``y = gt[3] + col*gt[4] + row*gt[5]`` for the top-left corner of pixel
``(row, col)``; for a north-up raster ``gt[5] < 0``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal

from .errors import InputError
from .files import check_readable
from .gdal_utils import crs_label, gdal_errors

Window = Tuple[int, int, int, int]  # xoff, yoff, xsize, ysize (pixels)

IDENTITY_GT = (0.0, 1.0, 0.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class BandInfo:
    index: int  # 1-based
    dtype: str  # numpy dtype name of the stored values
    nodata: Optional[float]
    description: str


class Raster:
    """A raster file opened read-only through GDAL.

    Parameters
    ----------
    path : str
        Any GDAL-readable dataset name (file, ``/vsizip/…``, subdataset).
    nodata : float, optional
        Overrides the nodata value declared in the file for every band.
        ``None`` (default) uses the file's own nodata or mask band.
    """

    def __init__(self, path: str, nodata: Optional[float] = None):
        self.path = str(path)
        check_readable(self.path, "raster")
        try:
            with gdal_errors():
                ds = gdal.Open(self.path, gdal.GA_ReadOnly)
        except RuntimeError as exc:
            raise InputError(
                f"Cannot read raster '{self.path}': {str(exc).rstrip('.')}. Is it a valid GDAL raster (GeoTIFF, JP2, …)?"
            ) from None
        if ds is None or ds.RasterCount == 0:
            raise InputError(f"Cannot read raster '{self.path}': GDAL found no raster band in it.")
        self._ds = ds
        self.width: int = ds.RasterXSize
        self.height: int = ds.RasterYSize
        self.count: int = ds.RasterCount
        gt = ds.GetGeoTransform(can_return_null=True)
        self.crs_wkt: str = ds.GetProjection() or ""
        self.is_georeferenced: bool = gt is not None and gt != IDENTITY_GT
        self.geotransform: Tuple[float, ...] = tuple(gt) if gt is not None else IDENTITY_GT
        self._nodata_override = nodata
        self.bands = []
        for i in range(1, self.count + 1):
            b = ds.GetRasterBand(i)
            nd = b.GetNoDataValue() if nodata is None else float(nodata)
            dtype = gdal.GetDataTypeName(b.DataType)
            self.bands.append(BandInfo(i, _numpy_dtype_name(b.DataType, dtype), nd, b.GetDescription() or ""))

    # -- description -------------------------------------------------
    @property
    def shape(self) -> Tuple[int, int]:
        """(rows, cols)."""
        return self.height, self.width

    @property
    def pixel_size(self) -> Tuple[float, float]:
        """(x size, y size) of a pixel in map units, both positive."""
        gt = self.geotransform
        return float(np.hypot(gt[1], gt[4])), float(np.hypot(gt[2], gt[5]))

    @property
    def bounds(self) -> Tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the raster footprint in map units."""
        gt = self.geotransform
        xs, ys = [], []
        for col, row in ((0, 0), (self.width, 0), (0, self.height), (self.width, self.height)):
            xs.append(gt[0] + col * gt[1] + row * gt[2])
            ys.append(gt[3] + col * gt[4] + row * gt[5])
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def crs_label(self) -> str:
        return crs_label(self.crs_wkt)

    def band(self, index: int) -> BandInfo:
        """Band info for a 1-based band index, with a clear error if absent."""
        if not 1 <= int(index) <= self.count:
            raise InputError(
                f"Band {index} does not exist in '{os.path.basename(self.path)}', which has "
                f"{self.count} band(s). Choose a band between 1 and {self.count}."
            )
        return self.bands[int(index) - 1]

    def metadata(self, domain: str = "") -> dict:
        return dict(self._ds.GetMetadata(domain) or {})

    # -- reading -------------------------------------------------------
    def read(self, band: int = 1, window: Optional[Window] = None) -> Tuple[np.ndarray, np.ndarray]:
        """Read one band (or a window of it).

        Returns
        -------
        data : ndarray of float32 (float64 for 32-bit integers and float64 files)
            The stored values, unchanged. Invalid pixels keep whatever value
            the file holds; use ``valid`` to exclude them.
        valid : ndarray of bool
            True where the pixel holds data: not equal to nodata, not masked
            by the file's mask band, and finite.
        """
        info = self.band(band)
        xoff, yoff, xsize, ysize = window if window is not None else (0, 0, self.width, self.height)
        b = self._ds.GetRasterBand(info.index)
        try:
            with gdal_errors():
                raw = b.ReadAsArray(xoff, yoff, xsize, ysize)
        except RuntimeError as exc:
            raise InputError(f"Cannot read band {band} of '{self.path}': {exc}. The file is truncated or damaged: "
                             "copy or produce it again.") from None
        if raw is None:
            raise InputError(f"Cannot read band {band} of '{self.path}' (the file may be truncated).")
        if np.iscomplexobj(raw):
            raise InputError(
                f"Band {band} of '{os.path.basename(self.path)}' is complex; convert it to amplitude first."
            )
        out_dtype = np.float64 if raw.dtype in (np.float64, np.int32, np.uint32, np.int64, np.uint64) else np.float32
        data = raw.astype(out_dtype, copy=False)
        valid = np.isfinite(data)
        if info.nodata is not None and np.isfinite(info.nodata):
            valid &= raw != np.asarray(info.nodata).astype(raw.dtype)
        elif self._nodata_override is None:
            flags = b.GetMaskFlags()
            if not flags & gdal.GMF_ALL_VALID and not flags & gdal.GMF_NODATA:
                mask = b.GetMaskBand().ReadAsArray(xoff, yoff, xsize, ysize)
                valid &= mask > 0
        return data, valid

    def windows(self, block: int = 1024) -> Iterator[Window]:
        """Iterate over windows covering the raster, ``block`` pixels square."""
        for yoff in range(0, self.height, block):
            for xoff in range(0, self.width, block):
                yield xoff, yoff, min(block, self.width - xoff), min(block, self.height - yoff)

    def close(self) -> None:
        self._ds = None

    def __enter__(self) -> "Raster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Raster('{self.path}', {self.width}x{self.height}x{self.count}, {self.crs_label})"


def open_raster(path: str, nodata: Optional[float] = None) -> Raster:
    """Open a raster read-only; see :class:`Raster`."""
    return Raster(path, nodata=nodata)


def pixel_centres(geotransform: Sequence[float], rows: np.ndarray, cols: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Map coordinates of the centres of pixels (rows, cols) (fractional indices allowed)."""
    gt = geotransform
    c = np.asarray(cols, dtype=np.float64) + 0.5
    r = np.asarray(rows, dtype=np.float64) + 0.5
    return gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]


def _numpy_dtype_name(gdal_type: int, fallback: str) -> str:
    try:
        from osgeo import gdal_array

        return np.dtype(gdal_array.GDALTypeCodeToNumericTypeCode(gdal_type)).name
    except Exception:  # pragma: no cover - exotic types
        return fallback
