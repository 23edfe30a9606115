"""Sentinel-1 GRD product -> calibrated, geocoded float32 GeoTIFF, without SNAP.

Steps
-----
1. Read the measurement TIFF of one polarisation block by block (DN, ``0`` =
   no data at the swath borders -> NaN).
2. Optional thermal-noise removal: ``|DN|^2 - N`` with ``N`` the noise range LUT
   times the azimuth LUT (:mod:`noise`).
3. Calibration: ``value = (|DN|^2 - N) / A^2`` with ``A`` the bilinearly
   interpolated sigmaNought/betaNought/gamma LUT (:mod:`calibration`).
   Values that noise removal makes <= 0 are set to :data:`NOISE_FLOOR`
   (1e-5, i.e. -50 dB), not NaN, so dark, noise-dominated areas stay valid
   for the trackers; they carry no signal.
4. Optional dB: ``10 log10(value)``.
5. Geocoding: the geolocation-grid tie points become GCPs (EPSG:4326, ellipsoid
   heights of the grid), and ``gdal.Warp`` resamples to the target CRS/pixel
   size/AOI with a thin-plate-spline GCP transform (exact at the tie points,
   smooth between them), NaN nodata, written atomically. The intermediate
   radar-geometry float32 raster (4 bytes per pixel of the calibrated window,
   ~1.7 GB for a full IW GRDH scene) is written uncompressed in a hidden
   folder next to the output and removed at the end.

What SNAP's Terrain-Correction (Range-Doppler) does and this does not: no DEM
orthorectification (relief between tie points is not corrected: foreshortening
and layover shift features by up to ``h / tan(incidence)``), no radiometric
terrain flattening (gamma0 here is the ellipsoid gamma0 of the LUT), no
orbit refinement with precise/restituted orbit files, no GRD border-noise
removal beyond the noise LUT, no speckle filtering, no multilooking.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal, osr

from .. import __version__
from ..errors import InputError
from ..gdal_utils import gdal_errors, wgs84
from ..output import GTIFF_OPTIONS, atomic_path, check_output_path
from ..progress import ensure_monitor
from ..raster_profile import gtiff_options
from .calibration import Calibration
from .noise import Noise
from .product import open_product

NOISE_FLOOR = 1e-5
CALIBRATIONS = ("sigma0", "beta0", "gamma0")
RESAMPLINGS = {"bilinear": gdal.GRA_Bilinear, "nearest": gdal.GRA_NearestNeighbour, "cubic": gdal.GRA_Cubic,
               "average": gdal.GRA_Average}


def utm_epsg(lon: float, lat: float) -> int:
    """EPSG code of the WGS 84 UTM zone containing (lon, lat)."""
    zone = int((lon + 180.0) // 6.0) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


def radar_window(gcps, width: int, height: int, dst_wkt: str, aoi: Sequence[float], margin: int = 8) -> tuple:
    """Radar-geometry window (x0, y0, x1, y1), end-exclusive, covering ``aoi`` (target CRS) plus a margin.

    The AOI boundary (densified, 32 points per edge) goes through the inverse of
    the same GCP thin-plate spline used for the warp, so only that part of the
    scene is calibrated.
    """
    mem = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    mem.SetGCPs(gcps, wgs84().ExportToWkt())
    tr = gdal.Transformer(mem, None, ["METHOD=GCP_TPS", f"DST_SRS={dst_wkt}"])
    xmin, ymin, xmax, ymax = (float(v) for v in aoi)
    t = np.linspace(0.0, 1.0, 33)
    xs = np.concatenate([xmin + t * (xmax - xmin), np.full(33, xmax), xmax - t * (xmax - xmin), np.full(33, xmin)])
    ys = np.concatenate([np.full(33, ymin), ymin + t * (ymax - ymin), np.full(33, ymax), ymax - t * (ymax - ymin)])
    pts, ok = tr.TransformPoints(1, list(zip(xs.tolist(), ys.tolist())))
    pts = np.array([p[:2] for p, good in zip(pts, ok) if good])
    if pts.size == 0:
        return 0, 0, width, height
    x0 = int(np.clip(np.floor(pts[:, 0].min()) - margin, 0, width))
    x1 = int(np.clip(np.ceil(pts[:, 0].max()) + margin, 0, width))
    y0 = int(np.clip(np.floor(pts[:, 1].min()) - margin, 0, height))
    y1 = int(np.clip(np.ceil(pts[:, 1].max()) + margin, 0, height))
    if x1 <= x0 or y1 <= y0:
        raise InputError("The area of interest does not overlap the product.")
    return x0, y0, x1, y1


METRES_PER_DEGREE = 111_320.0  # along the equator; a default pixel size, not a measurement


def scene_span(ann, dst: osr.SpatialReference) -> tuple:
    """(width, height) of the scene's tie points in ``dst`` units (degrees for a geographic CRS)."""
    src = wgs84()
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = dst.Clone()
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pts = osr.CoordinateTransformation(src, dst).TransformPoints(
        list(zip(ann.grid.longitude.tolist(), ann.grid.latitude.tolist())))
    xs, ys = np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
    ok = np.isfinite(xs) & np.isfinite(ys)
    if not ok.any():
        raise InputError("The scene cannot be expressed in the target CRS (its coordinates fall outside the CRS's "
                         "area). Choose a CRS that covers the scene, or leave it empty for its UTM zone.")
    return float(np.ptp(xs[ok])), float(np.ptp(ys[ok]))


def output_pixel_size(ann, dst: osr.SpatialReference, pixel_size: float, aoi: Optional[Sequence[float]]) -> float:
    """The output pixel size in ``dst`` units; InputError when it leaves fewer than 2 pixels across.

    0 means the range pixel spacing: metres, converted to degrees for a
    geographic CRS (a size in metres would be read as degrees there).
    """
    metres = float(ann.range_pixel_spacing or 10.0)
    geographic = bool(dst.IsGeographic())
    res = float(pixel_size) if pixel_size and pixel_size > 0 else (
        metres / METRES_PER_DEGREE if geographic else metres)
    if aoi is not None:
        span = (float(aoi[2]) - float(aoi[0]), float(aoi[3]) - float(aoi[1]))
        where = "the area of interest"
    else:
        span = scene_span(ann, dst)
        where = "the scene"
    if res * 2 > min(span):
        unit = "degrees" if geographic else "CRS units"
        hint = (" In a geographic CRS the pixel size is in degrees: about 0.0001 is 10 m." if geographic else "")
        raise InputError(f"PIXEL_SIZE {res:g} {unit} leaves fewer than 2 pixels across {where}, which spans about "
                         f"{span[0]:.4g} x {span[1]:.4g} {unit}. Give a smaller pixel size.{hint}")
    return res


def _warp_error(exc: Exception, output: str, aoi, footprint: str) -> InputError:
    """The real cause of a failed geocoding warp: the output folder (space, permission) or the AOI."""
    text = str(exc)
    if any(k in text.lower() for k in ("no space", "disk full", "write", "read-only", "permission", "i/o error")):
        return InputError(f"Writing '{output}' failed ({text}). Free space in the output folder or choose another "
                          "folder.")
    if aoi is not None:
        return InputError(f"Geocoding failed ({text}). Check the AOI overlaps the product footprint {footprint}.")
    return InputError(f"Geocoding failed ({text}).")


def scene_centre(ann) -> tuple:
    """(lon, lat) mean of the geolocation tie points, degrees."""
    return float(np.mean(ann.grid.longitude)), float(np.mean(ann.grid.latitude))


def calibrate_block(dn: np.ndarray, rows: np.ndarray, cols: np.ndarray, calibration: Calibration, kind: str,
                    noise: Optional[Noise] = None, db: bool = False) -> np.ndarray:
    """Calibrate one block of DNs (rows/cols: 0-based line/pixel indices of the block).

    Returns float32; DN == 0 (no data) -> NaN.
    """
    nodata = dn == 0
    power = dn.astype(np.float64)
    power *= power
    if noise is not None:
        power -= noise.power(rows, cols)
    a = calibration.lut(kind, rows, cols)
    a *= a
    power /= a  # in place: full-width blocks are tens of MB per array
    if noise is not None:
        power[power <= 0] = NOISE_FLOOR
    if db:
        with np.errstate(divide="ignore", invalid="ignore"):
            np.log10(power, out=power)
        power *= 10.0
    value = power.astype(np.float32)
    value[nodata] = np.nan
    return value


def grd_to_geotiff(input: str, output: str, polarisation: str = "VV", calibration: str = "sigma0",
                   noise_removal: bool = True, db: bool = False, target_crs: str = "",
                   pixel_size: float = 0.0, aoi: Optional[Sequence[float]] = None, resampling: str = "bilinear",
                   block_pixels: int = 4_000_000, monitor=None) -> dict:
    """Calibrate and geocode a GRD product (see module docstring).

    Parameters
    ----------
    input : str
        ``.SAFE`` folder, its ``manifest.safe`` or a ``.zip``.
    output : str
        GeoTIFF to write (atomically; nothing is written on error).
    polarisation : str
        ``VV``, ``VH``, ``HH`` or ``HV``.
    calibration : {"sigma0", "beta0", "gamma0"}
    noise_removal, db : bool
    target_crs : str
        Any GDAL-understood CRS (``EPSG:32632``, WKT); empty: the UTM zone of the scene centre.
    pixel_size : float
        Output pixel size in target-CRS units; 0: the product's range pixel spacing (m).
    aoi : (xmin, ymin, xmax, ymax) in the target CRS, optional.
    resampling : {"bilinear", "nearest", "cubic", "average"}

    Returns
    -------
    dict with ``output``, ``band``, ``crs``, ``pixel_size``, ``width``, ``height``.
    """
    monitor = ensure_monitor(monitor)
    if calibration not in CALIBRATIONS:
        raise InputError(f"Unknown calibration '{calibration}'; choose one of {', '.join(CALIBRATIONS)}.")
    if resampling not in RESAMPLINGS:
        raise InputError(f"Unknown resampling '{resampling}'; choose one of {', '.join(RESAMPLINGS)}.")
    output = check_output_path(output, [input])
    with open_product(input) as product:  # closed on every exit, the input checks included
        if product.name.product_type != "GRD":
            raise InputError(f"{product.name.name} is a {product.name.product_type} product; this tool needs a GRD "
                             "product (SLC: use SNAP, e.g. the SenseTrack SNAP algorithms).")
        pol = polarisation.upper()
        entry = product.annotation_file(pol)
        if entry.calibration is None:
            raise InputError(f"{product.name.name} has no calibration file for {pol} "
                             f"(annotation/calibration/calibration-*-{pol.lower()}-*.xml): the product is incomplete; "
                             "download it again.")
        if noise_removal and entry.noise is None:
            raise InputError(f"{product.name.name} has no noise file for {pol}; download the product again or run "
                             "without thermal-noise removal.")
        if entry.measurement is None:
            raise InputError(f"{product.name.name} has no measurement TIFF for {pol}.")
        ann = product.annotation(pol)
        cal = Calibration(product.read(entry.calibration), entry.calibration)
        cal.grid(calibration)  # fail early on an incomplete LUT
        noi = Noise(product.read(entry.noise), entry.noise) if noise_removal else None

        lon, lat = scene_centre(ann)
        dst = osr.SpatialReference()
        with gdal_errors():
            try:
                dst.SetFromUserInput(target_crs or f"EPSG:{utm_epsg(lon, lat)}")
            except RuntimeError as exc:
                raise InputError(f"Target CRS '{target_crs}' is not understood ({exc}).") from None
        dst_wkt = dst.ExportToWkt()
        res = output_pixel_size(ann, dst, pixel_size, aoi)
        if dst.IsGeographic() and not (pixel_size and pixel_size > 0):
            monitor.log(f"Geographic CRS: pixel size {res:.3g} degrees (the range pixel spacing, "
                        f"{ann.range_pixel_spacing or 10.0:g} m)")

        band_name = f"{calibration.upper()}_{pol}" + ("_DB" if db else "")
        # next to the output, not in /tmp: a full IW scene needs ~1-2 GB of intermediate radar-geometry float32
        tmpdir = tempfile.mkdtemp(prefix=".sensetrack-s1grd-", dir=os.path.dirname(output))
        try:
            with gdal_errors():
                try:
                    src = gdal.Open(product.gdal_path(entry.measurement))
                except RuntimeError as exc:
                    raise InputError(f"Cannot read the measurement {entry.measurement} ({exc}).") from None
            w, h = src.RasterXSize, src.RasterYSize
            if (ann.number_of_samples, ann.number_of_lines) != (w, h):
                raise InputError(f"The measurement is {w}x{h} pixels but the annotation says "
                                 f"{ann.number_of_samples}x{ann.number_of_lines}: the product is inconsistent.")
            x0, y0, x1, y1 = 0, 0, w, h
            if aoi is not None:
                x0, y0, x1, y1 = radar_window(ann.grid.gcps(), w, h, dst_wkt, aoi)
                monitor.log(f"AOI covers radar columns {x0}-{x1}, lines {y0}-{y1} of {w} x {h}")
            ww, hh = x1 - x0, y1 - y0
            radar = os.path.join(tmpdir, "radar.tif")
            drv = gdal.GetDriverByName("GTiff")
            # uncompressed: LZW on float speckle costs ~10x the write time for ~10 % of space
            rds = drv.Create(radar, ww, hh, 1, gdal.GDT_Float32, gtiff_options("float32", compress="NONE"))
            rds.SetGCPs(ann.grid.gcps(-x0, -y0), wgs84().ExportToWkt())
            rband = rds.GetRasterBand(1)
            rband.SetNoDataValue(float("nan"))
            sband = src.GetRasterBand(1)
            cols = np.arange(x0, x1)
            # rows per block: bounded pixel count, so a full-width IW block stays ~30 MB per float64 array
            step = max(16, min(hh, int(block_pixels) // max(ww, 1)))
            nblocks = (hh + step - 1) // step
            calib_mon = monitor.sub(0.0, 0.7)
            for i, r0 in enumerate(range(y0, y1, step)):
                rs = min(step, y1 - r0)
                dn = sband.ReadAsArray(x0, r0, ww, rs)
                if dn is None:
                    raise InputError(f"Cannot read lines {r0}-{r0 + rs} of {entry.measurement}: the file is "
                                     f"truncated or corrupt ({gdal.GetLastErrorMsg()}). Download the product again.")
                if np.iscomplexobj(dn):
                    dn = np.abs(dn)
                rband.WriteArray(calibrate_block(dn, np.arange(r0, r0 + rs), cols, cal, calibration, noi, db),
                                 0, r0 - y0)
                calib_mon.report((i + 1) / nblocks, "Calibrating")
            rds.FlushCache()
            rds = None
            src = None

            monitor.report(0.7, "Geocoding")
            metadata = {
                "SENSETRACK_VERSION": __version__, "SENSETRACK_METHOD": "s1grd",
                "SENSETRACK_PARAMETERS": json.dumps({"polarisation": pol, "calibration": calibration,
                                                     "noise_removal": bool(noise_removal), "db": bool(db),
                                                     "pixel_size": res, "resampling": resampling,
                                                     "geocoding": "GCP thin-plate spline, no DEM"}),
                "SENSETRACK_UNITS": "dB" if db else "linear",
                "SENSETRACK_SOURCE": product.name.name,
                "SENSETRACK_ACQUISITION_DATE": ann.start,
                "ACQUISITION_START_TIME": ann.start, "ACQUISITION_STOP_TIME": ann.stop,
                "PLATFORM": product.manifest["platform"] or "", "PASS": product.manifest["pass"] or "",
                "RELATIVE_ORBIT": str(product.manifest["relative_orbit"] or ""),
                "ABSOLUTE_ORBIT": str(product.manifest["absolute_orbit"] or ""),
                "POLARISATION": pol, "CALIBRATION": calibration,
                "MEAN_INCIDENCE_ANGLE": f"{ann.incidence_angles['mid']:.4f}",
            }
            opts = dict(dstSRS=dst_wkt, xRes=res, yRes=res, tps=True, resampleAlg=RESAMPLINGS[resampling],
                        srcNodata=float("nan"), dstNodata=float("nan"), outputType=gdal.GDT_Float32,
                        format="GTiff", creationOptions=GTIFF_OPTIONS, multithread=True, warpMemoryLimit=512,
                        callback=lambda f, *_: 0 if monitor.cancelled else 1)
            if aoi is not None:
                opts["outputBounds"] = tuple(float(v) for v in aoi)
                opts["targetAlignedPixels"] = False
            with atomic_path(output) as tmp:
                with gdal_errors():
                    try:
                        out = gdal.Warp(tmp, radar, **opts)
                    except RuntimeError as exc:
                        monitor.check()
                        raise _warp_error(exc, output, aoi, product.manifest["footprint_wkt"]) from None
                band = out.GetRasterBand(1)
                band.SetDescription(band_name)
                band.SetUnitType("dB" if db else "")
                out.SetMetadata(metadata)
                width, height = out.RasterXSize, out.RasterYSize
                valid = np.isfinite(band.ReadAsArray()).any() if width * height <= 4e7 else True
                out.FlushCache()
                out = None
                if not valid:
                    raise InputError("The output has no valid pixel: the AOI does not overlap the product "
                                     f"footprint {product.manifest['footprint_wkt']}.")
            monitor.report(1.0, "Done")
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
        return {"output": output, "band": band_name, "crs": dst_wkt, "pixel_size": res, "width": width,
                "height": height}
