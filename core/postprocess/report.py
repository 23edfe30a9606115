"""Self-contained HTML report of a displacement result (figures embedded as base64 PNG).

What the reader came for comes first: a summary of the motion inside the area of interest
(median, 95th percentile, direction, against the stable-ground noise), the dates, then the map.
Then the quality figures that the glacier community compares tools by (GLAFT, Zheng et al. 2023:
stable-ground NMAD and kernel-density peak of DX and DY, share of vectors rejected), the
histograms, the statistics before and after correction, the uncertainty, and last the provenance
and processing history as tables with sensible rounding.

The area of interest is where the motion is: the complement of the stable ground when a mask is
given (inside the polygon with "stable ground is outside the mask"), every vector otherwise.
"""
from __future__ import annotations

import html
import json
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..display import num, units_label
from ..errors import InputError
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from .product import Product, read_product
from .report_figures import histogram_figure, kde_peak, map_figure, mask_outline
from .stable import component_stats, stable_mask, stats_rows
from .velocity import interval_days, resolve_dates

COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
PROVENANCE = (("SENSETRACK_REFERENCE", "Reference image"), ("SENSETRACK_TARGET", "Target image"),
              ("SENSETRACK_METHOD", "Tracker"), ("SENSETRACK_VERSION", "SenseTrack version"),
              ("SENSETRACK_UNITS", "Displacement units"), ("SENSETRACK_VELOCITY_UNITS", "Velocity units"),
              ("SENSETRACK_CONVENTION", "Convention"))


def _cell(v: Any) -> str:
    if isinstance(v, dict):
        return _table(_flatten(v))
    if isinstance(v, (list, tuple)):
        return html.escape(_short(v))
    return html.escape(num(v) if isinstance(v, (int, float, np.number)) else str(v))


def _short(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_short(x) for x in v) + "]"
    return num(v) if isinstance(v, (int, float, np.number)) else str(v)


def _flatten(d: Dict[str, Any], prefix: str = "") -> List[Tuple[str, Any]]:
    rows: List[Tuple[str, Any]] = []
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and v and all(not isinstance(x, dict) for x in v.values()) and len(v) <= 6:
            rows.append((key, ", ".join(f"{a}: {_short(b)}" for a, b in v.items())))
        elif isinstance(v, dict):
            rows.extend(_flatten(v, key + "."))
        else:
            rows.append((key, v))
    return rows


def _table(rows: Sequence[Sequence[Any]], header: Optional[Sequence[str]] = None, cls: str = "") -> str:
    out = [f"<table class='{cls}'>" if cls else "<table>"]
    if header:
        out.append("<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in r) + "</tr>")
    out.append("</table>")
    return "".join(out)


def azimuth(dx: float, dy: float) -> float:
    """Degrees clockwise from north of the vector (dx east, dy north)."""
    return float(np.degrees(np.arctan2(dx, dy)) % 360.0)


def compass(angle: float) -> str:
    return COMPASS[int(((angle + 22.5) % 360) // 45)]


def _dates(p: Product) -> Optional[Tuple[str, str, float]]:
    try:
        d0, d1, _ = resolve_dates(p.metadata)
    except (InputError, ValueError, TypeError, OSError):
        return None
    return d0.date().isoformat(), d1.date().isoformat(), interval_days(d0, d1)


def _rejected(p: Product) -> Optional[Tuple[int, int]]:
    """(vectors removed by the filters, vectors that went into the first filter), if the product was filtered."""
    runs = [h for h in p.history() if h.get("step") == "filteroffsets"]
    if not runs:
        return None
    removed = sum(int(v) for h in runs for k, v in (h.get("counts") or {}).items() if k != "interpolated")
    return removed, int(runs[0].get("input_vectors") or 0)


def summarise(p: Product, stable: Optional[np.ndarray], stats: Dict[str, Dict]) -> Dict[str, Any]:
    """The headline figures: motion in the area of interest against the stable-ground noise."""
    valid = p.valid
    area = valid & ~stable if stable is not None else valid
    if not area.any():
        area = valid
    name = "VELOCITY" if "VELOCITY" in p.bands else "MAGNITUDE"
    unit = units_label(p.metadata.get("SENSETRACK_VELOCITY_UNITS", "") if name == "VELOCITY" else p.units)
    values = p.bands[name][area]
    values = values[np.isfinite(values)]
    noise_dx = stats.get("DX", {}).get("nmad")
    noise_dy = stats.get("DY", {}).get("nmad")
    noise = float(np.nanmean([noise_dx, noise_dy])) if noise_dx is not None and noise_dy is not None else None
    ratio = 1.0
    if name == "VELOCITY":
        mag = p.bands["MAGNITUDE"][area]
        ok = np.isfinite(mag) & (mag > 0) & np.isfinite(p.bands[name][area])
        ratio = float(np.median(p.bands[name][area][ok] / mag[ok])) if ok.any() else 1.0
    med_dx = float(np.nanmedian(p.bands["DX"][area])) if area.any() else float("nan")
    med_dy = float(np.nanmedian(p.bands["DY"][area])) if area.any() else float("nan")
    return {"quantity": name.lower(), "unit": unit, "area_vectors": int(area.sum()),
            "median": float(np.median(values)) if values.size else float("nan"),
            "p95": float(np.percentile(values, 95)) if values.size else float("nan"),
            "direction": azimuth(med_dx, med_dy), "noise": noise, "noise_in_quantity": (noise or 0.0) * ratio,
            "valid_share": float(valid.sum()) / max(valid.size, 1), "rejected": _rejected(p), "dates": _dates(p),
            "masked": stable is not None}


def _below(value: float, noise: Optional[float], unit: str) -> str:
    """``value unit``, or ``0 unit (below the noise of n)`` when the noise floor hides it (2.45 sigma)."""
    if noise and np.isfinite(value) and value < 2.45 * noise:
        return f"0 {unit} (below the noise, {num(2.45 * noise)} {unit})"
    return f"{num(value)} {unit}"


def summary_section(s: Dict[str, Any], displacement_unit: str) -> str:
    q, u = s["quantity"], s["unit"]
    where = "in the area of interest" if s["masked"] else "over all vectors"
    noise = s["noise_in_quantity"] if s["noise"] is not None else None
    rows = [(f"Median {q} {where}", _below(s["median"], noise, u)),
            (f"95th percentile of the {q} {where}", _below(s["p95"], noise, u)),
            ("Direction of the median motion", f"{num(round(s['direction']))}° ({compass(s['direction'])}), "
                                               "clockwise from north")]
    if s["noise"] is not None:
        rows.append(("Stable-ground noise (NMAD of DX and DY)", f"{num(s['noise'])} {displacement_unit}"))
    rows.append(("Vectors with a value", f"{100 * s['valid_share']:.1f} %"))
    if s["rejected"]:
        removed, total = s["rejected"]
        rows.append(("Rejected by the outlier filters", f"{100 * removed / max(total, 1):.1f} % ({num(removed)} "
                                                        f"of {num(total)})"))
    if s["dates"]:
        d0, d1, days = s["dates"]
        rows.append(("Dates", f"{d0} → {d1} ({num(round(days, 1))} days, {days / 365.25:.2f} years)"))
    return "<h2>Summary</h2>" + _table(rows, cls="summary")


def quality_section(p: Product, where: np.ndarray, label: str, rejected: Optional[Tuple[int, int]]) -> str:
    """GLAFT-style figures a reader can quote: stable-ground noise and KDE peak, rejected share."""
    unit = units_label(p.units)
    rows = []
    for comp, sym in (("DX", "δx"), ("DY", "δy")):
        v = p.bands[comp][where & np.isfinite(p.bands[comp])]
        nmad = component_stats(v, v, np.ones(v.shape, bool))["DX"]["nmad"] if v.size else float("nan")
        rows.append((f"{sym}: NMAD of {comp} on {label}", f"{num(nmad)} {unit}"))
        rows.append((f"Peak of the kernel density of {comp} on {label}", f"{num(kde_peak(v), nmad)} {unit}"))
    if rejected:
        removed, total = rejected
        rows.append(("Share of vectors rejected by the filters", f"{100 * removed / max(total, 1):.2f} %"))
    return ("<h2>Quality (stable ground)</h2><p>Static-area metrics as in GLAFT (Zheng et al. 2023): on ground "
            "that does not move, every measured displacement is noise, so its spread (NMAD) is the noise of the "
            "result and the peak of its distribution the remaining bias.</p>" + _table(rows, ("Metric", "Value")))


def _stats_rows(stats: Dict[str, Dict[str, Dict]]) -> List[Tuple]:
    rows = []
    for comp, stage, median, nmad, rmse, count in stats_rows(stats):
        rows.append((comp, stage, num(median, nmad), num(nmad), num(rmse), num(int(count))))
    return rows


CSS = ("body{font-family:sans-serif;max-width:1000px;margin:auto;color:#222}table{border-collapse:collapse;"
       "margin:8px 0}td,th{border:1px solid #bbb;padding:3px 8px;font-size:13px;text-align:left;vertical-align:top}"
       "td table{margin:0}table.summary td{font-size:15px;padding:5px 10px}table.summary td:first-child{"
       "font-weight:bold}img{max-width:100%}h1{font-size:22px}.path{color:#666;font-size:12px}")


def build_report(input: str, output: str, mask: str = "", invert: bool = False,
                 monitor: Optional[Monitor] = None) -> Dict[str, object]:
    """Write an HTML report of ``input`` (a SenseTrack displacement result) to ``output``.

    ``mask`` (optional) is a stable-ground polygon layer or raster, as for the
    stable-ground correction; without it the histograms use all vectors and
    the statistics recorded by an earlier correction step are shown.
    """
    mon = ensure_monitor(monitor)
    out = check_output_path(output, [input, mask])
    p = read_product(input)
    valid = p.valid
    stable = stable_mask(p, mask, invert) if mask else None
    where = (stable & valid) if stable is not None else valid
    label = "stable ground" if stable is not None else "all vectors"
    stats: Dict[str, Dict] = {}
    try:
        stats.update(json.loads(p.metadata.get("SENSETRACK_STABLE_STATS", "{}") or "{}"))
    except ValueError:
        pass
    if stable is not None and "after" not in stats:  # measured here only when no correction recorded it
        stats["measured"] = component_stats(p.bands["DX"], p.bands["DY"], where)
    noise_stats = stats.get("after") or stats.get("measured") or {}
    summary = summarise(p, stable, noise_stats)
    name = os.path.basename(input)
    origin = {k: os.path.basename(p.metadata[k]) for k in ("SENSETRACK_REFERENCE", "SENSETRACK_TARGET")
              if p.metadata.get(k)}
    heading = " → ".join(origin.values()) or name
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>SenseTrack report: {html.escape(name)}"
             f"</title><style>{CSS}</style></head><body>",
             f"<h1>SenseTrack displacement report: {html.escape(heading)}</h1>",
             f"<p class='path'>{html.escape(os.path.abspath(input))}</p>",
             summary_section(summary, units_label(p.units))]
    mon.report(0.2, "Drawing the map")
    rings = mask_outline(mask, p) if invert else []  # with INVERT the polygons are the moving area
    parts.append(f"<h2>Map</h2><img alt='map' src='data:image/png;base64,{map_figure(p, rings)}'>")
    mon.report(0.6, "Quality figures and histograms")
    parts.append(quality_section(p, where, label, summary["rejected"]))
    parts.append(f"<h2>Histograms of DX and DY on {label}</h2>"
                 f"<img alt='histograms' src='data:image/png;base64,{histogram_figure(p, where, label)}'>")
    if stats:
        parts.append(f"<h2>Stable-ground statistics ({html.escape(units_label(p.units))})</h2>")
        parts.append(_table(_stats_rows(stats), ("Component", "Stage", "Median", "NMAD", "RMSE", "Count")))
    if "ERROR" in p.bands:
        e = p.bands["ERROR"][valid]
        e = e[np.isfinite(e)]
        if e.size:
            unit = units_label(p.units)
            parts.append("<h2>Uncertainty (1 sigma)</h2>")
            parts.append(_table([("Median ERROR", f"{num(float(np.median(e)))} {unit}"),
                                 ("95th percentile ERROR", f"{num(float(np.percentile(e, 95)))} {unit}")],
                                ("Item", "Value")))
    from ..terrain.report import terrain_section  # the terrain package builds on this one: import late

    parts.extend(terrain_section(p, _table))
    parts.append("<h2>Provenance</h2>")
    parts.append(_table([(label_, p.metadata[k]) for k, label_ in PROVENANCE if k in p.metadata]
                        + [("Format", f"{p.kind}, grid {p.shape[1]} x {p.shape[0]}"),
                           ("Vectors with a value", int(valid.sum()))], ("Item", "Value")))
    if p.parameters():
        parts.append("<h2>Tracking parameters</h2>")
        parts.append(_table(sorted(p.parameters().items()), ("Parameter", "Value")))
    history = p.history()
    if history:
        parts.append("<h2>Processing history</h2>")
        parts.append(_table([(i + 1, h.get("step"), {k: v for k, v in h.items() if k != "step"})
                             for i, h in enumerate(history)], ("#", "Step", "Parameters and results")))
    parts.append("<p>Conventions: displacement = target minus reference; DX east, DY north; direction = azimuth "
                 "clockwise from north. NMAD = 1.4826 x median absolute deviation.</p></body></html>")
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(parts))
    mon.report(1.0, "Done")
    return {"output": out, "stats": stats, "vectors": int(valid.sum()), "summary": summary}
