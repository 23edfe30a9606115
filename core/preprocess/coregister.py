"""Co-registration: put the target on the reference grid, optionally removing a global sub-pixel shift.

The original library built the output grid from the reference bounds taken
in the wrong CRS (0 % valid pixels for a target in another UTM zone), had no
shift estimation, and wrote ``<name>_coreg.tif`` beside the input. Here GDAL
warps the target straight onto the reference grid (CRS, extent and pixel
size of the reference) into the output's temporary name, and renames it
when complete: nothing is written anywhere else.

Shift estimation (optional): phase correlation (scikit-image, upsampled
DFT, 1/100 px) between the reference and the warped target over their
common valid area, or only over a stable-ground area. The shift is
*target minus reference* (``shift_col`` right, ``shift_row`` down; in map
units ``shift_x`` east, ``shift_y`` north). It is removed in the same
single resampling: the target is warped onto the reference grid moved by
the shift, and the result labelled with the reference grid.
"""
from __future__ import annotations

import os
import tempfile
from types import SimpleNamespace
from typing import Any, Dict, Optional

import numpy as np
from osgeo import gdal

from ..displacement import pixel_to_map
from ..errors import InputError, ParameterError
from ..gdal_utils import gdal_errors
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from ..provenance import ORIGIN_KEY, origin_of
from ..raster_profile import gtiff_options
from ..raster import Raster

RESAMPLING = ("near", "bilinear", "cubic", "cubicspline", "lanczos", "average")
MAX_CORRELATION = 4096  # pixels: the shift is estimated on at most this central square (memory bound)


def _moved_gt(gt, dcol: float, drow: float) -> tuple:
    """The geotransform of the same grid with its origin moved by (dcol, drow) pixels."""
    return (gt[0] + dcol * gt[1] + drow * gt[2], gt[1], gt[2], gt[3] + dcol * gt[4] + drow * gt[5], gt[4], gt[5])


def _warp(target: str, dst: str, grid: tuple, crs_wkt: str, resampling: str, nodata: Optional[float],
          shift=(0.0, 0.0)) -> None:
    """Warp every band of ``target`` onto ``grid`` = (width, height, geotransform), minus a shift (pixels)."""
    width, height, grid_gt = grid
    src = gdal.Open(target)
    count = src.RasterCount
    drv = gdal.GetDriverByName("GTiff")
    out = drv.Create(dst, width, height, count, gdal.GDT_Float32, gtiff_options("float32"))
    # sampling the target on a grid moved by the shift undoes the shift; the result gets the grid itself
    out.SetGeoTransform(_moved_gt(grid_gt, *shift))
    out.SetProjection(crs_wkt)
    for i in range(1, count + 1):
        b = out.GetRasterBand(i)
        b.SetNoDataValue(float("nan"))
        b.Fill(float("nan"))
        desc = src.GetRasterBand(i).GetDescription()
        if desc:
            b.SetDescription(desc)
    out.SetMetadata(dict(src.GetMetadata(), **{ORIGIN_KEY: origin_of(target)}))  # dates etc. stay with the image
    options = {"resampleAlg": resampling, "dstNodata": float("nan"), "multithread": True,
               "warpOptions": ["INIT_DEST=NO_DATA"]}
    if nodata is not None:
        options["srcNodata"] = nodata
    gdal.Warp(out, src, **options)
    out.SetGeoTransform(grid_gt)
    out.FlushCache()
    out = None


def estimate_shift(reference: np.ndarray, target: np.ndarray, valid: np.ndarray) -> Dict[str, float]:
    """Global shift (target minus reference, pixels) by phase correlation over the ``valid`` pixels."""
    from skimage.registration import phase_cross_correlation

    if valid.sum() < 64:
        raise InputError("Too few valid pixels in common to estimate a shift (need at least 64).")
    # work on the bounding box of the valid area, so the taper fits it and its border is not a feature
    rows, cols = np.nonzero(np.any(valid, axis=1))[0], np.nonzero(np.any(valid, axis=0))[0]
    box = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
    reference, target, valid = reference[box], target[box], valid[box]
    for name, img in (("reference", reference), ("target", target)):
        values = img[valid]
        if np.ptp(values) <= 1e-9 * max(1.0, float(np.abs(values).max())):
            # phase correlation of a constant image returns an arbitrary shift (+0.75 px was seen)
            raise InputError(f"The {name} is constant over the area used to measure the shift: there is no texture "
                             "to measure a shift on. Turn ESTIMATE_SHIFT off, or give a textured stable area.")
    taper = np.outer(np.hanning(reference.shape[0]), np.hanning(reference.shape[1]))
    prepared = []
    for img in (reference, target):
        v = img - np.mean(img[valid])
        prepared.append(np.where(valid, v, 0.0) * taper)
    shift, error, _ = phase_cross_correlation(prepared[0], prepared[1], upsample_factor=100,
                                              normalization=None)
    # scikit-image returns the shift that registers the moving image onto the reference: the opposite
    # of the motion of the target
    return {"shift_row": float(-shift[0]), "shift_col": float(-shift[1]), "error": float(error)}


def coregister(reference: str, target: str, output: str, resampling: str = "bilinear",
               estimate: bool = False, stable_area: Optional[str] = None, invert_stable: bool = False,
               reference_band: int = 1, target_band: int = 1, reference_nodata: Optional[float] = None,
               target_nodata: Optional[float] = None, monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Warp ``target`` (all bands) onto the grid of ``reference`` and write ``output`` (float32, NaN nodata).

    Parameters
    ----------
    reference, target : str
        GDAL rasters, both georeferenced; any CRS.
    resampling : str
        One of :data:`RESAMPLING`.
    estimate : bool
        Also estimate the global shift between the images (bands
        ``reference_band`` / ``target_band``) and remove it.
    stable_area : str, optional
        Polygon layer or raster mask where the ground is stable; the shift
        is measured there only (``invert_stable``: outside the polygons).

    Returns
    -------
    dict
        ``output``, ``shift_col``/``shift_row`` (pixels, target minus
        reference; 0 when not estimated), ``shift_x``/``shift_y`` (map
        units, east/north) and ``valid_fraction`` of the output.
    """
    if resampling not in RESAMPLING:
        raise ParameterError(f"Unknown resampling '{resampling}'; choose one of {', '.join(RESAMPLING)}.")
    mon = ensure_monitor(monitor)
    out = check_output_path(output, [reference, target])
    ref = Raster(reference, nodata=reference_nodata)
    tar = Raster(target, nodata=target_nodata)
    ref.band(reference_band)
    tar.band(target_band)
    for r in (ref, tar):
        if not r.is_georeferenced or not r.crs_wkt:
            raise InputError(f"'{os.path.basename(r.path)}' has no georeferencing (geotransform and CRS); "
                             "co-registration needs both images georeferenced.")
    result = {"shift_col": 0.0, "shift_row": 0.0, "shift_x": 0.0, "shift_y": 0.0}
    full = (ref.width, ref.height, ref.geotransform)
    win = _central_window(ref)
    central = (win[2], win[3], _moved_gt(ref.geotransform, win[0], win[1]))
    with atomic_path(out) as part, tempfile.TemporaryDirectory(prefix="sensetrack-coreg-") as tmp:
        mon.report(0.05, "Warping the target onto the reference grid")
        # with a shift to estimate, only the central window is warped first (to measure it) and the whole
        # target once, shift removed; without, the whole target once and its central window checked
        probe = os.path.join(tmp, "central.tif") if estimate else part
        try:
            with gdal_errors():
                _warp(target, probe, central if estimate else full, ref.crs_wkt, resampling, target_nodata)
        except RuntimeError as exc:
            raise InputError(f"GDAL could not warp '{os.path.basename(target)}' onto the reference grid: {exc}") \
                from None
        a, a_ok = ref.read(reference_band, win)
        warped = Raster(probe)
        b, b_ok = warped.read(target_band, (0, 0, win[2], win[3]) if estimate else win)
        warped.close()
        common = a_ok & b_ok
        if not common.any():
            _explain_no_overlap(tar, target_band)
        mon.report(0.45, "Target on the reference grid")
        if estimate:
            if stable_area:
                from ..postprocess.stable import stable_mask

                grid = SimpleNamespace(shape=a.shape, geotransform=central[2], crs_wkt=ref.crs_wkt)
                common &= stable_mask(grid, stable_area, invert_stable)
            shift = estimate_shift(a.astype(np.float64), b.astype(np.float64), common)
            dx, dy = pixel_to_map(shift["shift_col"], shift["shift_row"], ref.geotransform)
            result.update(shift, shift_x=float(dx), shift_y=float(dy))
            mon.log(f"Shift of the target: {shift['shift_col']:+.3f} px (columns), {shift['shift_row']:+.3f} px "
                    f"(rows) = {float(dx):+.3f} E, {float(dy):+.3f} N map units; removing it")
            mon.report(0.6, "Writing the co-registered target")
            with gdal_errors():  # one resampling of the input, the shift removed
                _warp(target, part, full, ref.crs_wkt, resampling, target_nodata,
                      (result["shift_col"], result["shift_row"]))
        done = Raster(part)
        valid = 0
        for block in done.windows(2048):
            valid += int(done.read(1, block)[1].sum())
        result["valid_fraction"] = valid / float(done.width * done.height)
        done.close()
    mon.report(1.0, "Done")
    result["output"] = out
    return result


def _explain_no_overlap(tar: Raster, band: int) -> None:
    """Raise the real reason why the warped target has no valid pixel: unreadable, all nodata, or elsewhere."""
    name = os.path.basename(tar.path)
    seen = False
    for win in tar.windows(2048):  # a truncated file fails here (the warp only warns and writes nodata)
        seen |= bool(tar.read(band, win)[1].any())
    if not seen:
        raise InputError(f"Band {band} of the target '{name}' contains only nodata. Check the band and the nodata "
                         "value.")
    raise InputError("The target does not overlap the reference (no valid pixel in common after warping it onto "
                     "the reference grid). Check the two rasters' extents and CRS.")


def _central_window(ref: Raster) -> tuple:
    """The central window, at most MAX_CORRELATION pixels square, of the reference grid (x, y, w, h)."""
    w, h = min(ref.width, MAX_CORRELATION), min(ref.height, MAX_CORRELATION)
    return (ref.width - w) // 2, (ref.height - h) // 2, w, h
