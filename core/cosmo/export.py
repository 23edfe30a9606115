"""COSMO-SkyMed image export: amplitude, detected image or calibrated sigma0, and the quicklook.

Geo-referencing: GEC/GTC products are written on their exact map grid
(geotransform and projected CRS from the product, :mod:`.geocoding`). The
others (SCS, DGM) get the product's four corner coordinates as ground
control points (EPSG:4326) at the image's outer pixel corners: exact at the
corners and approximate inside (no orbit model, no DEM), good enough to place
the image and to track motion between two images of the same geometry, not
an orthorectification. With ``target_crs`` the image is warped (first-order
polynomial on the GCPs, or the map grid) to a north-up grid the trackers can
use. Calibration to sigma0: :mod:`.calibration`.
"""
from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Dict, Optional

import numpy as np
from osgeo import gdal

from ..errors import InputError, ParameterError
from ..gdal_utils import gdal_errors, wgs84
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from .calibration import MODES, read_radiometry, sigma0
from ..raster_profile import gtiff_options
from .product import QUICKLOOK, CosmoProduct, open_cosmo

ROWS_PER_BLOCK = 512


def _set_gcps(ds, product: CosmoProduct, rows: int, cols: int) -> bool:
    gcps = product.gcps(rows, cols)
    if len(gcps) < 3:
        return False
    ds.SetGCPs([gdal.GCP(lon, lat, 0.0, px, ln) for px, ln, lon, lat in gcps], wgs84().ExportToWkt())
    return True


def _write_image(target: str, product: CosmoProduct, source: str, mon: Monitor, options: list,
                 calibration: str = "none") -> bool:
    """Write the amplitude / detected image (or sigma0) with its map grid or corner GCPs and metadata.

    Returns True when the output is geo-referenced.
    """
    h5 = product.h5
    rows, cols = product.rows, product.cols
    grid = product.map_grid()  # before writing anything: an unmappable GEC/GTC is refused here
    radiometry = None
    if calibration != "none":
        radiometry = read_radiometry(product.image_attributes, product.group_attributes, product.attributes,
                                     product.product_type, f"'{os.path.basename(source)}'")
    with gdal_errors():
        ds = gdal.GetDriverByName("GTiff").Create(target, cols, rows, 1, gdal.GDT_Float32,
                                                  options)
    band = ds.GetRasterBand(1)
    if radiometry is None:
        band.SetDescription("AMPLITUDE" if product.complex else "INTENSITY")
    else:
        pol = radiometry.polarisation or product.polarisation
        band.SetDescription("SIGMA0" + (f"_{pol}" if pol else "") + ("_DB" if calibration == "sigma0_db" else ""))
        band.SetNoDataValue(float("nan"))
    for r0 in range(0, rows, ROWS_PER_BLOCK):
        n = min(ROWS_PER_BLOCK, rows - r0)
        if product.complex:
            block = h5.read(product.image, [r0, 0, 0], [n, cols, 2]).astype(np.float32)
            data = np.hypot(block[..., 0], block[..., 1])
        else:
            data = h5.read(product.image, [r0, 0] + [0] * (len(product.shape) - 2),
                           [n, cols] + list(product.shape[2:3])).astype(np.float32).reshape(n, cols)
        if radiometry is not None:  # power = amplitude^2 (I^2 + Q^2 for SCS)
            data = sigma0(np.square(data, dtype=np.float64), radiometry, cols, 0, calibration == "sigma0_db")
        band.WriteArray(data, 0, r0)
        mon.report(0.8 * (r0 + n) / rows, "Reading the image")
    if grid is not None:
        ds.SetGeoTransform(grid[0])
        ds.SetProjection(grid[1].ExportToWkt())
        georef = True
    else:
        georef = _set_gcps(ds, product, rows, cols)
    meta = {"SENSETRACK_SOURCE": os.path.abspath(source), "ACQUISITION_START_TIME": product.name.get("start", ""),
            "ACQUISITION_STOP_TIME": product.name.get("stop", ""), "MISSION": product.mission,
            "PRODUCT_TYPE": str(product.name.get("product_type", "")),
            "POLARISATION": str(product.name.get("polarisation_code", "")),
            "ORBIT_DIRECTION": str(product.name.get("orbit_direction", "")),
            "GEOREFERENCING": ("map grid of the product" if grid is not None else
                               "corner coordinates as GCPs at the outer pixel corners" if georef else "")}
    if radiometry is not None:
        meta["CALIBRATION"] = ("sigma0 = P R_ref^(2n) sin(theta) / (F^2 K) (ASI COSMO-SkyMed SAR Products "
                               "Handbook); " + json.dumps(radiometry.to_dict()))
    ds.SetMetadata({k: v for k, v in meta.items() if v})
    ds = None
    return georef


def amplitude(path: str, output: str, target_crs: str = "", pixel_size: float = 0.0,
              monitor: Optional[Monitor] = None, calibration: str = "none") -> Dict[str, Any]:
    """Write the amplitude (``sqrt(I^2 + Q^2)`` of an SCS product), the detected image, or sigma0, as float32 GeoTIFF.

    Parameters
    ----------
    calibration : str
        ``none`` (default): amplitude / detected values as stored.
        ``sigma0`` (linear) or ``sigma0_db`` (``10 log10``; zero power is NaN)
        for SCS and DGM products, see :mod:`.calibration`.
    target_crs : str
        Empty: keep the image geometry with corner GCPs. Otherwise a CRS
        GDAL understands (``EPSG:32633``): warp to a north-up grid.
    pixel_size : float
        Output pixel size in ``target_crs`` units (0: chosen by GDAL).
    """
    mon = ensure_monitor(monitor)
    if calibration not in MODES:
        raise ParameterError(f"Unknown calibration '{calibration}'; choose one of {', '.join(MODES)}.")
    out = check_output_path(output, [path])
    product = open_cosmo(path)
    product.h5.check_storage(product.image)  # before creating a raster of the declared size
    with atomic_path(out) as part:
        if not target_crs:  # written in place: no second pass to copy and compress it again
            georef = _write_image(part, product, path, mon, gtiff_options("float32"), calibration)
        else:
            with tempfile.TemporaryDirectory(prefix="sensetrack-cosmo-") as tmp:
                raw = os.path.join(tmp, "image.tif")
                # read once by the warp: not compressed
                georef = _write_image(raw, product, path, mon, gtiff_options("float32", compress="NONE"),
                                      calibration)  # read once by the warp: not compressed
                if not georef:
                    raise InputError(f"'{os.path.basename(path)}' has no corner coordinates: it cannot be "
                                     "warped to a map projection. Leave the target CRS empty.")
                kw = {"dstSRS": target_crs, "resampleAlg": "bilinear",
                      "dstNodata": float("nan"), "creationOptions": gtiff_options("float32")}
                if not product.is_map_product:
                    kw["polynomialOrder"] = 1
                if pixel_size and pixel_size > 0:
                    kw.update(xRes=pixel_size, yRes=pixel_size)
                with gdal_errors():
                    gdal.Warp(part, raw, **kw)
    mon.report(1.0, "Done")
    return {"output": out, "georeferenced": georef, "warped": bool(target_crs), "calibration": calibration,
            "product": product.to_dict()}


def quicklook(path: str, output: str) -> Dict[str, Any]:
    """Export the product's quicklook (``/S01/QLK``) as PNG (by extension) or GeoTIFF with corner GCPs."""
    out = check_output_path(output, [path])
    product = open_cosmo(path)
    h5 = product.h5
    if not h5.has(QUICKLOOK):
        raise InputError(f"'{os.path.basename(path)}' has no quicklook dataset {QUICKLOOK}.")
    data = np.asarray(h5.read(QUICKLOOK))
    if data.ndim != 2:
        data = data.reshape(data.shape[0], data.shape[1])
    if data.dtype != np.uint8:
        lo, hi = np.percentile(data, [1, 99])
        data = np.clip((data - lo) / max(hi - lo, 1e-12) * 255, 0, 255).astype(np.uint8)
    mem = gdal.GetDriverByName("MEM").Create("", data.shape[1], data.shape[0], 1, gdal.GDT_Byte)
    mem.GetRasterBand(1).WriteArray(data)
    png = out.lower().endswith(".png")
    if not png:
        _set_gcps(mem, product, data.shape[0], data.shape[1])
    with atomic_path(out) as part:
        with gdal_errors():
            gdal.GetDriverByName("PNG" if png else "GTiff").CreateCopy(
                part, mem, options=[] if png else gtiff_options("uint8"))
    if png and os.path.exists(out + ".aux.xml"):
        os.remove(out + ".aux.xml")
    return {"output": out, "rows": int(data.shape[0]), "cols": int(data.shape[1])}
