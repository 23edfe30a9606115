"""Slope-parallel projection of SenseTrack files: displacement, velocity and time-series products.

* Displacement / velocity products (raster or points, read with
  :mod:`..postprocess.product`): every input band is kept and the terrain
  bands are added — ``SLOPE``, ``ASPECT`` (degrees), ``DZ``, ``MAGNITUDE_3D``,
  ``ALONG_SLOPE`` (map units), ``PLUNGE``, ``DOWNSLOPE_ANGLE`` (degrees),
  ``SIGMA_DZ``, ``SIGMA_MAGNITUDE_3D`` (when the input has ``SIGMA_DX`` /
  ``SIGMA_DY``), the same for velocity (``VZ``, ``VELOCITY_3D``,
  ``VELOCITY_ALONG_SLOPE``, ``SIGMA_VZ``, ``SIGMA_VELOCITY_3D``) when it has
  ``VX``/``VY``, and the model's flags in ``MASK`` (bits 256/512/1024, added
  to the bits of ``filteroffsets``). The step is recorded in
  ``SENSETRACK_HISTORY``.
* Time-series products (one band per date, ``SENSETRACK_KIND=timeseries``,
  ``SENSETRACK_COMPONENT=DX`` or ``DY``): the projection is applied date by
  date to the DX and DY files; the output is the ``DZ`` time series (same
  dates, same format) with, beside it, ``<name>_MAGNITUDE_3D``,
  ``<name>_ALONG_SLOPE``, ``<name>_MASK`` (one band per date each) and
  ``<name>_TERRAIN`` (``SLOPE``, ``ASPECT``). All files appear together or
  not at all.
"""
from __future__ import annotations

import contextlib
import json
import os
from typing import Any, Callable, Dict, List, Optional

import numpy as np
from ..errors import InputError
from ..output import RasterWriter, check_output_path
from ..params import ParamSpec, validate
from ..postprocess.product import HISTORY_KEY, Product, read_product, write_product
from ..progress import Monitor, ensure_monitor
from ..series_product import is_timeseries, read_band, read_series_pair
from .dem import Terrain, check_grid, slope_error_to_gradient, terrain_on_grid
from .projection import MASK_FLAGS, merge_mask, project, validity_mask

TERRAIN_SPECS = (
    ParamSpec("smoothing", "float", 0.0, "DEM smoothing length, map units (0 = none)", minimum=0.0,
              help="Width of the box over which the DEM slope is averaged, in map units (metres). Use about the "
              "tracking window (window size x pixel size) so that slopes are taken at the scale of the measured "
              "motion. 0 = the slope of the DEM averaged over each product cell only.", advanced=False),
    ParamSpec("min_slope", "float", 5.0, "Minimum slope, degrees", minimum=0.0, maximum=89.0,
              help="Vectors on ground flatter than this are flagged in MASK (bit 256): there the vertical "
              "component of surface-parallel motion is meaningless. 0 = off.", advanced=False),
    ParamSpec("max_angle", "float", 45.0, "Maximum angle from downslope, degrees", minimum=0.0, maximum=180.0,
              help="Vectors pointing more than this away from the downslope direction are flagged in MASK "
              "(bit 512): surface-parallel sliding does not describe them. 0 or 180 = off.", advanced=False),
    ParamSpec("slope_error", "float", 0.0, "DEM slope error (1 sigma), degrees", minimum=0.0, maximum=45.0,
              help="Uncertainty of the DEM slope angle, propagated with SIGMA_DX/SIGMA_DY into SIGMA_DZ and "
              "SIGMA_MAGNITUDE_3D (e.g. 1-3 degrees for a 10-30 m DEM). 0 = the DEM is taken as exact (only "
              "the displacement's uncertainty is propagated)."),
)

DEGREE_BANDS = ("SLOPE", "ASPECT", "PLUNGE", "DOWNSLOPE_ANGLE")
DISPLACEMENT_NAMES = {"dz": "DZ", "magnitude": "MAGNITUDE_3D", "along": "ALONG_SLOPE", "sigma_dz": "SIGMA_DZ",
                      "sigma_magnitude": "SIGMA_MAGNITUDE_3D"}
VELOCITY_NAMES = {"dz": "VZ", "magnitude": "VELOCITY_3D", "along": "VELOCITY_ALONG_SLOPE", "sigma_dz": "SIGMA_VZ",
                  "sigma_magnitude": "SIGMA_VELOCITY_3D"}
TIMESERIES_SIBLINGS = ("MAGNITUDE_3D", "ALONG_SLOPE", "MASK", "TERRAIN")


def _terrain(product_gt, shape, crs, dem, values, log) -> Terrain:
    t = terrain_on_grid(dem, product_gt, shape, crs, values["smoothing"], log)
    ok = ~t.nodata
    if ok.any():
        s = t.slope[ok]
        log(f"DEM slope on the grid: median {np.median(s):.1f} deg, 5-95 % {np.percentile(s, 5):.1f}-"
            f"{np.percentile(s, 95):.1f} deg; {int((~ok).sum())} cells without DEM")
    return t


def project_product(product: Product, dem: str, log: Callable[[str], None] = lambda m: None,
                    **params) -> Dict[str, Any]:
    """Add the terrain bands (module doc) to a displacement/velocity product in memory."""
    values = validate(TERRAIN_SPECS, {k: v for k, v in params.items() if v is not None})
    check_grid(product.geotransform, product.crs_wkt, product.georeferenced)
    valid = product.valid
    if not valid.any():
        raise InputError(f"'{os.path.basename(product.path)}' has no valid displacement vector.")
    t = _terrain(product.geotransform, product.shape, product.crs_wkt, dem, values, log)
    sg = slope_error_to_gradient(t.slope, values["slope_error"])
    unit = product.units
    vunit = product.metadata.get("SENSETRACK_VELOCITY_UNITS", "")
    new: Dict[str, np.ndarray] = {"SLOPE": t.slope, "ASPECT": t.aspect}
    units = {"SLOPE": "degree", "ASPECT": "degree", "PLUNGE": "degree", "DOWNSLOPE_ANGLE": "degree"}
    sets = [("DX", "DY", "SIGMA_DX", "SIGMA_DY", DISPLACEMENT_NAMES, unit)]
    if product.has("VX") and product.has("VY"):
        sets.append(("VX", "VY", "SIGMA_VX", "SIGMA_VY", VELOCITY_NAMES, vunit))
    angle = None
    for x, y, sx, sy, names, u in sets:
        has_sigma = product.has(sx) and product.has(sy)
        res = project(product.bands[x], product.bands[y], t.gx, t.gy,
                      product.bands[sx] if has_sigma else None, product.bands[sy] if has_sigma else None, sg)
        for key, name in names.items():
            if key in res:
                new[name] = res[key]
                units[name] = u
        if angle is None:
            angle = res["angle"]
            new["PLUNGE"], new["DOWNSLOPE_ANGLE"] = res["plunge"], res["angle"]
            if not has_sigma:
                log("No SIGMA_DX/SIGMA_DY in the input (run sensetrack:stablegroundcorrection first): "
                    "no SIGMA_DZ / SIGMA_MAGNITUDE_3D.")
    for name, arr in new.items():
        arr = np.array(arr, dtype=np.float64)
        if name not in ("SLOPE", "ASPECT"):
            arr[~valid] = np.nan
        arr[t.nodata] = np.nan
        product.bands[name] = arr
    mask = validity_mask(valid, t.slope, angle, values["min_slope"], values["max_angle"], t.nodata)
    product.bands["MASK"] = merge_mask(product.bands.get("MASK"), mask)
    product.band_units.update(units)
    counts = _counts(mask, valid)
    for k, c in counts.items():
        log(f"{k}: {c} of {int(valid.sum())} vectors flagged (MASK bit {MASK_FLAGS[k]})")
    product.add_history("slopeprojection", parameters={**values, "dem": os.path.abspath(dem)}, flagged=counts)
    dz = product.bands["DZ"][valid & (mask == 0)]
    return {"counts": counts, "vectors": int(valid.sum()), "parameters": values,
            "median_dz": float(np.median(dz)) if dz.size else float("nan")}


def _counts(mask: np.ndarray, valid: np.ndarray) -> Dict[str, int]:
    m = np.where(valid & np.isfinite(mask), mask, 0).astype(np.int64)
    return {k: int(((m & bit) > 0).sum()) for k, bit in MASK_FLAGS.items()}


# ---- time series ---------------------------------------------------------------------------------------------

def timeseries_paths(output: str) -> Dict[str, str]:
    """Paths of the time-series outputs: ``DZ`` at ``output``, the others beside it (``<stem>_<KIND>.tif``)."""
    stem, ext = os.path.splitext(os.path.abspath(output))
    return {"DZ": os.path.abspath(output), **{k: f"{stem}_{k}{ext or '.tif'}" for k in TIMESERIES_SIBLINGS}}


def project_timeseries(path: str, output: str, dem: str, other: Optional[str] = None,
                       monitor: Optional[Monitor] = None, **params) -> Dict[str, Any]:
    """Slope projection of a DX/DY time series, date by date (module doc). Returns the paths written."""
    mon = ensure_monitor(monitor)
    values = validate(TERRAIN_SPECS, {k: v for k, v in params.items() if v is not None})
    dx_path, dy_path, dsx, dsy, dates = read_series_pair(path, other)
    gt, crs = tuple(dsx.GetGeoTransform()), dsx.GetProjection() or ""
    check_grid(gt, crs, True)
    shape = (dsx.RasterYSize, dsx.RasterXSize)
    paths = timeseries_paths(output)
    for p in paths.values():
        check_output_path(p, [dx_path, dy_path, dem])
    mon.report(0.05, "Putting the DEM on the time-series grid")
    t = _terrain(gt, shape, crs, dem, values, mon.log)
    md = dict(dsx.GetMetadata() or {})
    hist = json.loads(md.get(HISTORY_KEY, "[]") or "[]")
    hist.append({"step": "slopeprojection", "parameters": {**values, "dem": os.path.abspath(dem)},
                 "inputs": [dx_path, dy_path]})
    md[HISTORY_KEY] = json.dumps(hist)
    unit = dsx.GetRasterBand(1).GetUnitType() or md.get("SENSETRACK_UNITS", "m")
    band_md = [{"DATE": d} for d in dates]
    specs = {"DZ": unit, "MAGNITUDE_3D": unit, "ALONG_SLOPE": unit, "MASK": ""}
    written: List[str] = []
    try:
        with contextlib.ExitStack() as stack:
            writers = {k: stack.enter_context(RasterWriter(paths[k], shape[1], shape[0], dates, gt, crs,
                                                           units=[u] * len(dates),
                                                           metadata={**md, "SENSETRACK_COMPONENT": k},
                                                           band_metadata=band_md))
                       for k, u in specs.items()}
            terrain = stack.enter_context(RasterWriter(
                paths["TERRAIN"], shape[1], shape[0], ["SLOPE", "ASPECT"], gt, crs, units=["degree", "degree"],
                metadata={k: v for k, v in md.items() if k not in ("SENSETRACK_KIND", "SENSETRACK_COMPONENT")}))
            terrain.write(1, t.slope)
            terrain.write(2, t.aspect)
            flagged = {k: 0 for k in MASK_FLAGS}
            for i in range(1, len(dates) + 1):
                dx, dy = read_band(dsx, i), read_band(dsy, i)
                valid = np.isfinite(dx) & np.isfinite(dy)
                res = project(dx, dy, t.gx, t.gy)
                mask = validity_mask(valid, t.slope, res["angle"], values["min_slope"], values["max_angle"],
                                     t.nodata)
                for k, arr in (("DZ", res["dz"]), ("MAGNITUDE_3D", res["magnitude"]), ("ALONG_SLOPE", res["along"])):
                    arr = arr.copy()
                    arr[~valid | t.nodata] = np.nan
                    writers[k].write(i, arr)
                writers["MASK"].write(i, mask)
                for k, c in _counts(mask, valid).items():
                    flagged[k] += c
                mon.report(0.1 + 0.85 * i / len(dates), f"Date {dates[i - 1]}")
            written = list(paths.values())
    except BaseException:
        for p in written:
            with contextlib.suppress(OSError):
                os.remove(p)
        raise
    mon.log(f"{len(dates)} dates projected; vector-dates flagged: " +
            ", ".join(f"{k} {c}" for k, c in flagged.items()))
    return {"outputs": paths, "dates": dates, "counts": flagged, "dx": dx_path, "dy": dy_path}


def slope_projection_file(input: str, output: str, dem: str, input_dy: Optional[str] = None,
                          monitor: Optional[Monitor] = None, **params) -> Dict[str, Any]:
    """Slope projection of a displacement/velocity product or a DX/DY time series, file to file."""
    mon = ensure_monitor(monitor)
    if is_timeseries(input):
        info = project_timeseries(input, output, dem, input_dy, monitor=mon, **params)
        info["output"] = info["outputs"]["DZ"]
        info["kind"] = "timeseries"
        mon.report(1.0, "Done")
        return info
    mon.report(0.05, "Reading the displacement result")
    product = read_product(input)
    check_output_path(output, [input, dem])
    mon.report(0.15, "Putting the DEM on the product grid")
    info = project_product(product, dem, log=mon.log, **params)
    mon.check()
    mon.report(0.85, "Writing the result")
    info["output"] = write_product(product, output, [dem])
    info["kind"] = product.kind
    mon.report(1.0, "Done")
    return info

