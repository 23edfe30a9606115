"""File-to-file post-processing steps used by the QGIS algorithms and scripts.

Each step reads a SenseTrack displacement product (raster or points), works
in pixels of the tracked images, writes a product in the same shared format
(``DX``, ``DY``, ``MAGNITUDE``, ``DIRECTION`` recomputed; other bands carried
over; ``MASK`` / ``SIGMA_DX`` / ``SIGMA_DY`` / ``ERROR`` / velocity bands added)
atomically, and records itself in the ``SENSETRACK_HISTORY`` metadata.
"""
from __future__ import annotations

import csv
import json
import os
from typing import Any, Dict, Optional

import numpy as np

from ..errors import InputError, ParameterError
from ..output import atomic_path, check_output_path
from ..params import ParamSpec, validate
from ..progress import Monitor, ensure_monitor
from .outliers import filter_offsets, summary_rows
from .product import Product, read_product, write_product
from .stable import MODELS, component_stats, fit_bias, stable_mask, stats_rows
from .uncertainty import calibrate_scale, median_standard_error, quality_of, uncertainty_bands
from .velocity import interval_days, resolve_dates, velocity_bands

FILTER_SPECS = (
    ParamSpec("min_peak", "float", 0.0, "Minimum correlation PEAK (0 = off)", minimum=0.0, maximum=1.0,
              help="Remove vectors whose PEAK band/field is below this value (windowed trackers; for dense trackers the "
              "MATCH band, the local correlation of the fine texture after motion compensation, e.g. 0.25). "
              "0 switches it off.",
              advanced=False),
    ParamSpec("min_snr", "float", 0.0, "Minimum SNR (0 = off)", minimum=0.0,
              help="Remove vectors whose SNR band/field is below this value (windowed trackers). 0 switches it off.",
              advanced=False),
    ParamSpec("max_displacement", "float", 0.0, "Maximum plausible displacement, pixels (0 = off)", minimum=0.0,
              help="Remove vectors longer than this, in pixels of the tracked images.", advanced=False),
    ParamSpec("max_velocity", "float", 0.0, "Maximum plausible velocity, map units per year (0 = off)",
              minimum=0.0, help="Remove vectors faster than this (needs the acquisition dates in the result's "
              "metadata or the input file names)."),
    ParamSpec("median_threshold", "float", 2.0, "Normalised median test threshold (0 = off)", minimum=0.0,
              help="Westerweel & Scarano (2005) normalised median test: remove a vector whose residual against the "
              "median of its neighbours, normalised by their median residual, exceeds this (2 in the paper).",
              advanced=False),
    ParamSpec("median_radius", "int", 1, "Median test neighbourhood radius (cells)", minimum=1, maximum=5,
              help="1 = the 8 neighbours of a 3x3 neighbourhood."),
    ParamSpec("median_epsilon", "float", 0.1, "Median test noise level, pixels", minimum=0.0,
              help="Acceptable correlation noise in pixels added to the normalising residual (0.1 in the paper)."),
    ParamSpec("median_stride", "int", 1, "Median test neighbour spacing (cells)", minimum=1, maximum=50,
              help="Spacing of the median-test neighbours. 1 = adjacent cells (windowed trackers). For dense "
              "results (one vector per pixel) use about the size of the bad patches to catch, e.g. 10, so that "
              "a patch is compared with the ground around it."),
    ParamSpec("direction_angle", "float", 0.0, "Maximum direction difference to neighbours, degrees (0 = off)",
              minimum=0.0, maximum=180.0, help="Remove vectors pointing more than this away from the mean "
              "direction of their neighbours (only where both are longer than the minimum magnitude).",
              advanced=False),
    ParamSpec("direction_radius", "int", 2, "Direction filter neighbourhood radius (cells)", minimum=1,
              maximum=10, help="Neighbourhood of the direction-consistency filter."),
    ParamSpec("direction_min_magnitude", "float", 0.5, "Direction filter minimum magnitude, pixels", minimum=0.0,
              help="Vectors shorter than this have no meaningful direction and are never removed by this filter."),
    ParamSpec("min_clump", "int", 0, "Minimum clump size, vectors (0 = off)", minimum=0,
              help="Remove isolated groups (8-connected) of fewer valid vectors than this.", advanced=False),
    ParamSpec("max_hole", "int", 0, "Interpolate holes up to this many vectors (0 = off)", minimum=0,
              help="Fill holes left by the filters of at most this many vectors from their neighbours. Filled "
              "vectors are flagged in the MASK band (bit 64), never silently."),
)
FILTER_DEFAULTS: Dict[str, Any] = {s.name: s.default for s in FILTER_SPECS}


def _write_table(path: Optional[str], header, rows) -> Optional[str]:
    if not path:
        return None
    path = check_output_path(path, [])
    with atomic_path(path) as tmp:  # like every output: complete or not at all, an earlier table survives
        if path.lower().endswith(".json"):
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump([dict(zip(header, r)) for r in rows], f, indent=2)
        else:
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(rows)
    return path


def filter_product(product: Product, log=None, **params) -> Dict[str, Any]:
    """Apply :func:`outliers.filter_offsets` to a product in memory; adds/updates the MASK band."""
    values = validate(FILTER_SPECS, {k: v for k, v in params.items() if v is not None})
    if not product.valid.any():
        raise InputError(f"'{os.path.basename(product.path)}' has no valid displacement vector to filter.")
    max_px = float(values["max_displacement"] or 0.0)
    if values["max_velocity"] and values["max_velocity"] > 0:
        d0, d1, origin = resolve_dates(product.metadata)
        px = max(product.pixel_scale()) if product.georeferenced else 1.0
        vmax_px = values["max_velocity"] / 365.25 * interval_days(d0, d1) / px
        max_px = vmax_px if max_px <= 0 else min(max_px, vmax_px)
        (log or (lambda m: None))(f"Maximum velocity {values['max_velocity']} m/year over "
                                  f"{interval_days(d0, d1):.1f} days = {vmax_px:.2f} px ({origin})")
    dcol, drow = product.pixel_offsets()
    res = filter_offsets(dcol, drow, _peak_band(product), product.bands.get("SNR"),
                         values["min_peak"], values["min_snr"], max_px, values["median_threshold"],
                         int(values["median_radius"]), values["median_epsilon"], int(values["median_stride"]),
                         values["direction_angle"],
                         int(values["direction_radius"]), values["direction_min_magnitude"],
                         int(values["min_clump"]), int(values["max_hole"]), log=log)
    removed = product.valid & ~np.isfinite(res.dcol)
    product.invalidate(removed)
    product.set_pixel_offsets(res.dcol, res.drow)
    if "MASK" in product.bands:  # an earlier filter run: keep its flags where this run flagged nothing
        old = product.bands["MASK"]
        res.mask = np.where(np.isfinite(old) & ~(res.mask > 0), old, res.mask)
    product.bands["MASK"] = res.mask
    product.add_history("filteroffsets", parameters=values, counts=res.counts, input_vectors=res.input_valid)
    return {"counts": res.counts, "input_vectors": res.input_valid, "kept": int(product.valid.sum()),
            "rows": summary_rows(res), "parameters": values}


def filter_file(input: str, output: str, table: Optional[str] = None, monitor: Optional[Monitor] = None,
                **params) -> Dict[str, Any]:
    """Filter outliers of a displacement file; write the result and a table of counts per filter."""
    mon = ensure_monitor(monitor)
    mon.report(0.05, "Reading the displacement result")
    product = read_product(input)
    mon.report(0.2, "Filtering outliers")
    info = filter_product(product, log=mon.log, **params)
    mon.check()
    mon.report(0.8, "Writing the filtered result")
    info["output"] = write_product(product, output)
    info["table"] = _write_table(table, ("filter", "removed", "fraction"), info["rows"])
    mon.report(1.0, "Done")
    return info


def correct_product(product: Product, mask: str, invert: bool = False, model: str = "median",
                    mask_band: int = 1, log=None) -> Dict[str, Any]:
    """Remove the stable-ground bias and add SIGMA_DX, SIGMA_DY, ERROR (see ``uncertainty``)."""
    log = log or (lambda m: None)
    if model not in MODELS:
        raise ParameterError(f"Unknown bias model '{model}'; choose one of {', '.join(MODELS)}.")
    stable = stable_mask(product, mask, invert, mask_band)
    valid = product.valid
    if not (stable & valid).any():
        raise InputError("The stable-ground mask covers no valid displacement vector: it does not overlap the "
                         "result's data. Check the mask and its CRS.")
    before = component_stats(product.bands["DX"], product.bands["DY"], stable & valid)
    dcol, drow = product.pixel_offsets()
    x, y = product.cell_centres()
    bias_c, info_c = fit_bias(dcol, stable & valid, x, y, model)
    bias_r, info_r = fit_bias(drow, stable & valid, x, y, model)
    dcol, drow = dcol - bias_c, drow - bias_r
    product.set_pixel_offsets(dcol, drow)
    use = stable & product.valid
    after = component_stats(product.bands["DX"], product.bands["DY"], use)
    q = quality_of(product, dcol, drow)
    scale, n = calibrate_scale(dcol, drow, q, use)
    se_c = median_standard_error(dcol, use)
    se_r = median_standard_error(drow, use)
    product.bands.update(uncertainty_bands(product, q, scale, se_c, se_r))
    px_bias = {"col": float(np.nanmedian(bias_c[use])), "row": float(np.nanmedian(bias_r[use]))}
    log(f"Stable ground: {int(use.sum())} vectors; bias removed (median over the stable ground) "
        f"{px_bias['col']:+.3f} px along columns, {px_bias['row']:+.3f} px along rows ({model})")
    for comp in ("DX", "DY"):
        b, a = before[comp], after[comp]
        log(f"{comp} on stable ground ({product.units}): median {b['median']:+.4g} -> {a['median']:+.4g}, "
            f"NMAD {b['nmad']:.4g} -> {a['nmad']:.4g}, RMSE {b['rmse']:.4g} -> {a['rmse']:.4g}, n={a['count']}")
    log(f"Uncertainty scale k = {scale:.4g} px (68.27 % of stable-ground errors within 1 sigma)")
    product.metadata["SENSETRACK_STABLE_STATS"] = json.dumps({"before": before, "after": after})
    product.add_history("stablegroundcorrection", parameters={"mask": os.path.abspath(mask), "invert": invert,
                                                              "model": model, "mask_band": mask_band},
                        bias_px=px_bias, coefficients={"col": info_c["coefficients"], "row": info_r["coefficients"]},
                        stats={"before": before, "after": after}, sigma_scale_px=scale)
    return {"before": before, "after": after, "bias_px": px_bias, "sigma_scale_px": scale,
            "stable_vectors": int(use.sum()), "stable": stable}


def correct_file(input: str, output: str, mask: str, invert: bool = False, model: str = "median",
                 mask_band: int = 1, table: Optional[str] = None, monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Stable-ground correction of a displacement file, with statistics table (CSV/JSON)."""
    mon = ensure_monitor(monitor)
    mon.report(0.05, "Reading the displacement result")
    product = read_product(input)
    mon.report(0.2, "Estimating the co-registration bias on stable ground")
    info = correct_product(product, mask, invert, model, mask_band, log=mon.log)
    mon.check()
    mon.report(0.8, "Writing the corrected result")
    info["output"] = write_product(product, output, [mask])
    info["table"] = _write_table(table, ("component", "stage", "median", "nmad", "rmse", "count"),
                                 stats_rows({"before": info["before"], "after": info["after"]}))
    info["units"] = product.units
    info.pop("stable", None)
    mon.report(1.0, "Done")
    return info


def velocity_file(input: str, output: str, reference_date: str = "", target_date: str = "",
                  unit: str = "m/year", monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Add VX, VY, VELOCITY (and SIGMA_VX, SIGMA_VY, VELOCITY_ERROR) bands from the acquisition dates."""
    mon = ensure_monitor(monitor)
    mon.report(0.05, "Reading the displacement result")
    product = read_product(input)
    d0, d1, origin = resolve_dates(product.metadata, reference_date, target_date)
    days = interval_days(d0, d1)
    mon.log(f"{days:.3f} days between {d0:%Y-%m-%d %H:%M:%S} and {d1:%Y-%m-%d %H:%M:%S} ({origin})")
    bands = velocity_bands(product.bands, days, unit)
    product.bands.update(bands)
    distance = product.units
    vunit = unit if distance == "m" else f"{distance}/{unit.split('/')[1]}"
    product.metadata.update({"SENSETRACK_REFERENCE_DATE": d0.isoformat(), "SENSETRACK_TARGET_DATE": d1.isoformat(),
                             "SENSETRACK_VELOCITY_UNITS": vunit})
    product.add_history("velocity", parameters={"reference_date": d0.isoformat(), "target_date": d1.isoformat(),
                                                "unit": unit}, days=days, dates_from=origin)
    mon.report(0.7, "Writing the velocity result")
    out = write_product(product, output)
    finite = np.isfinite(bands["VELOCITY"])
    med = float(np.median(bands["VELOCITY"][finite])) if finite.any() else float("nan")
    mon.report(1.0, "Done")
    return {"output": out, "days": days, "units": vunit, "median_velocity": med, "dates_from": origin}


def _peak_band(product):
    """PEAK of a windowed result, else MATCH of a dense one (both a normalised correlation of matched pixels)."""
    peak = product.bands.get("PEAK")
    return peak if peak is not None else product.bands.get("MATCH")
