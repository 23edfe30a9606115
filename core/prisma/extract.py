"""PRISMA cube (or chosen bands / wavelengths) to a multi-band GeoTIFF in physical units.

L2D is map-projected: its geotransform comes from ``Epsg_Code`` and the
upper-left corner attribute, which is the *centre* of the upper-left pixel
(the original library took the corners as outer edges, which gives 29.976 m
pixels and up to 15 m error at the edges), with the nominal pixel size (see
:meth:`PrismaProduct.l2d_geotransform`). The other levels (L1, L1G/L1G2,
L2B, L2C) are in sensor geometry: their latitude/longitude arrays, fill
values (65535) masked, drive GDAL's geolocation-array warping to EPSG:4326
or a chosen CRS.
"""
from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..errors import InputError, ParameterError
from ..gdal_utils import gdal_errors, wgs84
from ..output import RasterWriter, atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from ..raster_profile import gtiff_options
from ..raster import IDENTITY_GT
from .product import UNITS, Band, PrismaProduct, open_prisma

ROWS_PER_BLOCK = 128
GEOLOC_NODATA = -99999.0  # finite nodata of the temporary lat/lon rasters (fill values masked)


def select_bands(product: PrismaProduct, cube: str, bands: Sequence[int] = (),
                 wavelengths: Sequence[float] = ()) -> List[Band]:
    """Bands by 1-based cube index, or the band nearest each wavelength (nm); default: every delivered band."""
    available = product.bands(cube)
    if bands and wavelengths:
        raise ParameterError("Choose bands or wavelengths, not both.")
    if bands:
        by_index = {b.index + 1: b for b in available}
        missing = [i for i in bands if i not in by_index]
        if missing:
            raise ParameterError(f"Band(s) {', '.join(map(str, missing))} are not delivered in the {cube.upper()} "
                                 f"cube (valid: 1-{max(by_index)} except flagged bands).")
        return [by_index[i] for i in bands]
    if wavelengths:
        if cube == "pan":
            raise ParameterError("The PAN cube has a single band; wavelengths do not apply.")
        centres = np.array([b.wavelength for b in available])
        out = []
        for w in wavelengths:
            k = int(np.argmin(np.abs(centres - w)))
            if abs(centres[k] - w) > max(available[k].fwhm, 15.0):
                raise ParameterError(f"No {cube.upper()} band near {w} nm (nearest {centres[k]:.1f} nm).")
            out.append(available[k])
        return out
    return available


def extract(path: str, output: str, cube: str = "vnir", bands: Sequence[int] = (),
            wavelengths: Sequence[float] = (), expected_level: Optional[str] = None, target_crs: str = "",
            pixel_size: float = 0.0, monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Write the selected bands of a PRISMA cube as float32 GeoTIFF (NaN nodata), scaled to physical units.

    Band descriptions carry the wavelength (``VNIR_0497.3nm``); band metadata
    ``WAVELENGTH``/``FWHM`` (nm) and ``CUBE_INDEX`` (1-based).
    """
    mon = ensure_monitor(monitor)
    out = check_output_path(output, [path])
    product = open_prisma(path, expected_level)
    cpath = product.cube_path(cube)
    if not product.h5.has(cpath):
        raise InputError(f"'{os.path.basename(path)}' has no {cube.upper()} cube ({cpath}).")
    chosen = select_bands(product, cube, bands, wavelengths)
    product.h5.check_storage(cpath)  # before creating a raster of the declared size
    shape = product.h5.shape(cpath)
    rows, cols = int(shape[0]), int(shape[-1])
    if rows == 0 or cols == 0:
        raise InputError(f"The {cube.upper()} cube of '{os.path.basename(path)}' is empty ({rows} rows x {cols} "
                         "columns): nothing to extract. The product is incomplete: download it again.")
    gain, offset = product.scale(cube)
    names = [b.name for b in chosen]
    band_meta = [{"WAVELENGTH": f"{b.wavelength:.3f}", "FWHM": f"{b.fwhm:.3f}", "CUBE_INDEX": str(b.index + 1),
                  "UNIT": UNITS[product.level]} for b in chosen]
    meta = {"SENSETRACK_SOURCE": os.path.abspath(path), "PRISMA_LEVEL": product.level, "PRISMA_CUBE": cube,
            "ACQUISITION_START_TIME": str(product.root.get("Product_StartTime", "")),
            "SCALING": json.dumps({"gain": gain, "offset": offset})}
    projected = product.level == "2D"
    with tempfile.TemporaryDirectory(prefix="sensetrack-prisma-") as tmp:
        target = out if projected else os.path.join(tmp, "sensor.tif")
        gt, crs = IDENTITY_GT, ""
        if projected:
            product.bounds()  # the four corners make a grid (a damaged file is refused before writing)
            gt = product.l2d_geotransform(cube)
            meta["GEOREFERENCING"] = ("L2D corner attributes taken as pixel centres; nominal pixel "
                                      f"{gt[1]:g} m" + (" (centre rule assumed for PAN)" if cube == "pan" else ""))
            crs = product.crs_wkt()
        with RasterWriter(target, cols, rows, names, gt, crs, metadata=meta, georeferenced=projected,
                          band_metadata=band_meta) as writer:
            for r0 in range(0, rows, ROWS_PER_BLOCK):
                n = min(ROWS_PER_BLOCK, rows - r0)
                if cube == "pan":
                    block = product.h5.read(cpath, [r0, 0], [n, cols])[None].astype(np.float64)
                else:
                    full = product.h5.read(cpath, [r0, 0, 0], [n, int(shape[1]), cols])
                    block = np.stack([full[:, b.index, :] for b in chosen]).astype(np.float64)
                values = np.where(block > 0, gain * block + offset, np.nan)  # DN 0 is no data
                for k in range(len(chosen)):
                    writer.write(k + 1, values[k], 0, r0)
                mon.report(0.8 * (r0 + n) / rows, f"Reading the {cube.upper()} cube")
        if not projected:
            _geolocate(product, cube, target, out, rows, cols, target_crs, pixel_size, tmp)
    mon.report(1.0, "Done")
    return {"output": out, "bands": names, "level": product.level, "unit": UNITS[product.level]}


def _geolocate(product: PrismaProduct, cube: str, sensor: str, out: str, rows: int, cols: int, target_crs: str,
               pixel_size: float, tmp: str) -> None:
    files = {}
    for key, arr, dpath in zip(("lat", "lon"), product.geolocation(cube), product.geolocation_paths(cube)):
        if arr.shape != (rows, cols):
            raise InputError(f"The geolocation array {dpath} is {arr.shape}, not the cube's {(rows, cols)}.")
        files[key] = os.path.join(tmp, f"{key}.tif")
        ds = gdal.GetDriverByName("GTiff").Create(files[key], cols, rows, 1, gdal.GDT_Float64)
        band = ds.GetRasterBand(1)
        # GDAL's geolocation transformer skips pixels whose X/Y equal the band nodata (NaN never compares
        # equal, so the masked fill values get a finite stand-in).
        band.SetNoDataValue(GEOLOC_NODATA)
        band.WriteArray(np.where(np.isfinite(arr), arr, GEOLOC_NODATA))
        ds = None
    ds = gdal.Open(sensor, gdal.GA_Update)
    ds.SetMetadata({"X_DATASET": files["lon"], "X_BAND": "1", "Y_DATASET": files["lat"], "Y_BAND": "1",
                    "PIXEL_OFFSET": "0", "LINE_OFFSET": "0", "PIXEL_STEP": "1", "LINE_STEP": "1",
                    "SRS": wgs84().ExportToWkt()}, "GEOLOCATION")
    ds = None
    kw = {"geoloc": True, "dstSRS": target_crs or "EPSG:4326", "dstNodata": float("nan"),
          "resampleAlg": "bilinear", "creationOptions": gtiff_options("float32")}
    if pixel_size and pixel_size > 0:
        kw.update(xRes=pixel_size, yRes=pixel_size)
    with atomic_path(out) as part:
        with gdal_errors():
            gdal.Warp(part, sensor, **kw)
