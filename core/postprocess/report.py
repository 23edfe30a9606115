"""Self-contained HTML report of a displacement result (figures embedded as base64 PNG).

Sections: provenance (method, inputs, version, dates), processing history
(parameters and results of every step recorded in ``SENSETRACK_HISTORY``),
a map of the magnitude (or velocity) with arrows, histograms of DX/DY on
stable ground (or on all vectors when no stable ground is known),
stable-ground statistics and a summary of the uncertainty.
"""
from __future__ import annotations

import base64
import html
import io
import json
import os
from typing import Dict, Optional

import numpy as np

from ..errors import MissingDependencyError
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from .product import Product, read_product
from .stable import component_stats, stable_mask, stats_rows

PROVENANCE_KEYS = ("SENSETRACK_VERSION", "SENSETRACK_METHOD", "SENSETRACK_REFERENCE", "SENSETRACK_TARGET",
                   "SENSETRACK_UNITS", "SENSETRACK_REFERENCE_DATE", "SENSETRACK_TARGET_DATE",
                   "SENSETRACK_VELOCITY_UNITS", "SENSETRACK_CONVENTION")


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is an apt dependency
        raise MissingDependencyError("The report needs matplotlib (apt install python3-matplotlib).") from exc
    return plt


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _extent(p: Product):
    gt = p.geotransform
    h, w = p.shape
    return (gt[0], gt[0] + w * gt[1], gt[3] + h * gt[5], gt[3]) if p.georeferenced else (0, w, h, 0)


def map_figure(p: Product, max_arrows: int = 35) -> str:
    plt = _pyplot()
    name = "VELOCITY" if "VELOCITY" in p.bands else "MAGNITUDE"
    mag = p.bands[name]
    finite = mag[np.isfinite(mag)]
    vmax = float(np.percentile(finite, 98)) if finite.size else 1.0
    fig, ax = plt.subplots(figsize=(7, 6))
    im = ax.imshow(mag, extent=_extent(p), cmap="viridis", vmin=0, vmax=vmax or 1.0, interpolation="nearest")
    unit = p.metadata.get("SENSETRACK_VELOCITY_UNITS", p.units) if name == "VELOCITY" else p.units
    fig.colorbar(im, ax=ax, label=f"{name} ({unit})")
    h, w = p.shape
    s = max(1, int(np.ceil(max(h, w) / max_arrows)))
    xs, ys = p.cell_centres()
    sl = (slice(s // 2, None, s), slice(s // 2, None, s))
    # DX east / DY north are already map-aligned: quiver's default 'uv' angles draw them as such
    m = p.bands["MAGNITUDE"][np.isfinite(p.bands["MAGNITUDE"])]
    ref = float(np.percentile(m, 98)) if m.size else 1.0
    spacing = s * (abs(p.geotransform[1]) if p.georeferenced else 1.0)
    # the 98th-percentile vector is drawn one arrow spacing long
    ax.quiver(xs[sl], ys[sl], p.bands["DX"][sl], p.bands["DY"][sl], color="white", edgecolor="black",
              linewidth=0.3, angles="xy", scale_units="xy", scale=(ref / spacing) if ref > 0 else 1.0, width=0.004)
    ax.ticklabel_format(useOffset=False, style="plain")
    ax.set_title(f"{name} with displacement arrows")
    ax.set_xlabel("x (map units)")
    ax.set_ylabel("y (map units)")
    out = _png(fig)
    plt.close(fig)
    return out


def histogram_figure(p: Product, where: np.ndarray, label: str) -> str:
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
    for ax, comp in zip(axes, ("DX", "DY")):
        v = p.bands[comp][where & np.isfinite(p.bands[comp])]
        if v.size:
            lo, hi = np.percentile(v, [0.5, 99.5])
            ax.hist(v, bins=60, range=(lo, hi if hi > lo else lo + 1), color="#3a6ea5")
            ax.axvline(0, color="k", lw=0.8)
            ax.axvline(float(np.median(v)), color="r", lw=1, label=f"median {np.median(v):+.3g}")
            ax.legend(fontsize=8)
        ax.set_title(f"{comp} on {label} ({p.units})")
    out = _png(fig)
    plt.close(fig)
    return out


def _table(rows, header=None) -> str:
    out = ["<table>"]
    if header:
        out.append("<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape(_fmt(c))}</td>" for c in r) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (dict, list)):
        return json.dumps(v, default=str)
    return str(v)


CSS = ("body{font-family:sans-serif;max-width:1000px;margin:auto}table{border-collapse:collapse;margin:8px 0}"
       "td,th{border:1px solid #bbb;padding:3px 8px;font-size:13px;text-align:left}img{max-width:100%}")


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
    mon.report(0.1, "Drawing the map")
    valid = p.valid
    if mask:
        where = stable_mask(p, mask, invert) & valid
        label = "stable ground"
        current = {"now": component_stats(p.bands["DX"], p.bands["DY"], where)}
    else:
        where, label, current = valid, "all vectors", {}
    name = os.path.basename(input)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>SenseTrack report: {html.escape(name)}"
             f"</title><style>{CSS}</style></head><body>",
             f"<h1>SenseTrack displacement report</h1><p>{html.escape(os.path.abspath(input))}</p>",
             "<h2>Provenance</h2>",
             _table([(k, p.metadata[k]) for k in PROVENANCE_KEYS if k in p.metadata]
                    + [("Format", f"{p.kind}, grid {p.shape[1]} x {p.shape[0]}"),
                       ("Vectors with a value", int(valid.sum()))], ("Item", "Value")),
             "<h2>Parameters</h2>", _table(sorted(p.parameters().items()), ("Parameter", "Value"))]
    history = p.history()
    if history:
        parts.append("<h2>Processing history</h2>")
        parts.append(_table([(h.get("step"), {k: v for k, v in h.items() if k != "step"}) for h in history],
                            ("Step", "Parameters and results")))
    mon.report(0.3, "Drawing the map")
    parts.append(f"<h2>Map</h2><img alt='map' src='data:image/png;base64,{map_figure(p)}'>")
    mon.report(0.6, "Drawing the histograms")
    parts.append(f"<h2>Histograms of DX and DY on {label}</h2>"
                 f"<img alt='histograms' src='data:image/png;base64,{histogram_figure(p, where, label)}'>")
    stats = {}
    try:
        stats.update(json.loads(p.metadata.get("SENSETRACK_STABLE_STATS", "{}")))
    except ValueError:
        pass
    stats.update(current)
    if stats:
        parts.append(f"<h2>Stable-ground statistics ({html.escape(p.units)})</h2>")
        parts.append(_table(stats_rows(stats), ("Component", "Stage", "Median", "NMAD", "RMSE", "Count")))
    if "ERROR" in p.bands:
        e = p.bands["ERROR"][valid]
        e = e[np.isfinite(e)]
        if e.size:
            parts.append("<h2>Uncertainty</h2>")
            parts.append(_table([("Median ERROR", float(np.median(e))), ("95th percentile ERROR",
                                                                         float(np.percentile(e, 95)))],
                                ("Item", f"Value ({p.units})")))
    from ..terrain.report import terrain_section  # the terrain package builds on this one: import late

    parts.extend(terrain_section(p, _table))
    parts.append("<p>Conventions: displacement = target minus reference; DX east, DY north; DIRECTION azimuth "
                 "clockwise from north. NMAD = 1.4826 x median absolute deviation.</p></body></html>")
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(parts))
    mon.report(1.0, "Done")
    return {"output": out, "stats": stats, "vectors": int(valid.sum())}
