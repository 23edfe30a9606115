"""Self-contained HTML report of a displacement time series (figures embedded as PNG).

For chosen points (and/or the median over a polygon; by default the pixel of
fastest mean motion): the cumulative displacement against time with its
1-sigma band, the velocity per interval, and the inverse velocity
(Fukuzono 1985: before a slope failure 1/v often falls linearly towards zero,
and the line's crossing of zero hints at the time of failure); the pair
network, with pairs the robust weighting rejected drawn dashed; the residual
of every pair; a map of the mean velocity with the points.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
from types import SimpleNamespace
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, ogr

from ..errors import InputError
from ..gdal_utils import gdal_errors, layer_transform, srs_from_wkt
from ..output import atomic_path, check_output_path
from ..postprocess.report import CSS, _table
from ..postprocess.report_figures import png as _png, pyplot as _pyplot
from ..postprocess.stable import stable_mask
from ..postprocess.velocity import parse_date
from ..progress import Monitor, ensure_monitor
from .network import Pair
from .plots import network_figure

SUFFIXES = ("_dx.tif", "_dy.tif", "_sigma_dx.tif", "_sigma_dy.tif", "_vx.tif", "_vy.tif", "_summary.tif", "_pairs.csv")


def series_prefix(path: str) -> str:
    """The output prefix of a time series from any of its files (``.../ts_dx.tif`` -> ``.../ts``)."""
    for s in SUFFIXES:
        if path.endswith(s):
            return path[: -len(s)]
    raise InputError(f"'{os.path.basename(path)}' is not a file of a SenseTrack time series (<prefix>_dx.tif, "
                     "_dy.tif, ...). Give the DX file written by sensetrack:timeseries.")


class Series:
    """Lazy reader of the files of one time series."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        missing = [prefix + s for s in SUFFIXES if not os.path.exists(prefix + s)]
        if missing:
            raise InputError(f"The time series is incomplete: '{os.path.basename(missing[0])}' is missing. Run "
                             "sensetrack:timeseries again.")
        with gdal_errors():
            self.ds = {s[1:-4]: gdal.Open(prefix + s) for s in SUFFIXES if s.endswith(".tif")}
        dx = self.ds["dx"]
        if dx.GetMetadataItem("SENSETRACK_KIND") != "timeseries":
            raise InputError(f"'{os.path.basename(prefix)}_dx.tif' is not a SenseTrack time series.")
        self.dates = [parse_date(dx.GetRasterBand(i).GetDescription()) for i in range(1, dx.RasterCount + 1)]
        self.t = np.array([(d - self.dates[0]).days for d in self.dates], float)
        self.width, self.height = dx.RasterXSize, dx.RasterYSize
        self.gt = dx.GetGeoTransform()
        self.crs = dx.GetProjection() or ""
        self.units = dx.GetMetadataItem("SENSETRACK_UNITS") or "m"
        self.info = json.loads(dx.GetMetadataItem("SENSETRACK_TIMESERIES") or "{}")
        with open(prefix + "_pairs.csv", newline="", encoding="utf-8") as f:
            self.pairs = list(csv.DictReader(f))

    def window(self, kind: str, x0: int, y0: int, w: int, h: int) -> np.ndarray:
        a = self.ds[kind].ReadAsArray(x0, y0, w, h).astype(np.float64)
        return a.reshape((-1, h, w))

    def summary_band(self, name: str) -> np.ndarray:
        ds = self.ds["summary"]
        for i in range(1, ds.RasterCount + 1):
            if ds.GetRasterBand(i).GetDescription() == name:
                return ds.GetRasterBand(i).ReadAsArray().astype(np.float64)
        raise InputError(f"The summary has no band {name}.")

    def at(self, mask_or_pixel) -> Dict[str, np.ndarray]:
        """Time series at a pixel (row, col) or the median over a boolean mask."""
        if isinstance(mask_or_pixel, tuple):
            r, c = mask_or_pixel
            return {k: self.window(k, c, r, 1, 1)[:, 0, 0] for k in ("dx", "dy", "sigma_dx", "sigma_dy", "vx", "vy")}
        rows, cols = np.nonzero(mask_or_pixel)
        r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        m = mask_or_pixel[r0:r1, c0:c1]
        out = {}
        for k in ("dx", "dy", "sigma_dx", "sigma_dy", "vx", "vy"):
            a = self.window(k, int(c0), int(r0), int(c1 - c0), int(r1 - r0))[:, m]
            with np.errstate(all="ignore"):
                out[k] = np.nanmedian(a, axis=1) if np.isfinite(a).any() else np.full(a.shape[0], np.nan)
        # the median's uncertainty: the median pixel sigma (conservative: errors are correlated in space)
        return out


def _points(path: str, series: Series) -> List[Tuple[str, Tuple[int, int]]]:
    with gdal_errors():
        ds = ogr.Open(path)
    if ds is None or ds.GetLayerCount() == 0:
        raise InputError(f"Cannot read the point layer '{os.path.basename(path)}'.")
    lyr = ds.GetLayer(0)
    tr = layer_transform(lyr, srs_from_wkt(series.crs))
    inv = gdal.InvGeoTransform(series.gt)
    out = []
    for k, feat in enumerate(lyr, start=1):
        g = feat.GetGeometryRef()
        if g is None:
            continue
        g = g.Clone()
        if tr is not None:
            g.Transform(tr)
        x, y = g.GetX(), g.GetY()
        col, row = gdal.ApplyGeoTransform(inv, x, y)
        r, c = int(np.floor(row)), int(np.floor(col))
        if 0 <= r < series.height and 0 <= c < series.width:
            label = None
            for name in ("name", "NAME", "label", "id"):
                if feat.GetFieldIndex(name) >= 0 and feat.IsFieldSetAndNotNull(name):
                    label = str(feat.GetField(name))
                    break
            out.append((label or f"point {k}", (r, c)))
    if not out:
        raise InputError(f"No point of '{os.path.basename(path)}' falls on the time series grid.")
    return out


def _magnitude(s: Dict[str, np.ndarray]):
    mag = np.hypot(s["dx"], s["dy"])
    with np.errstate(all="ignore"):
        sig = np.where(mag > 0, np.hypot(s["dx"] * s["sigma_dx"], s["dy"] * s["sigma_dy"]) / mag,
                       np.hypot(s["sigma_dx"], s["sigma_dy"]) / np.sqrt(2))
    return mag, sig


def failure_hint(mids: Sequence[dt.datetime], v: np.ndarray) -> Optional[Tuple[dt.datetime, float]]:
    """(date, 1-sigma days) where the fitted inverse velocity of the accelerating part reaches 0, if it does.

    The fit of :func:`core.forecast.inverse_velocity.inverse_velocity` (onset found objectively, F-test
    against a constant speed, uncertainty from the fit): an indicator, not a prediction to act on alone.
    """
    from ..forecast.inverse_velocity import from_days, inverse_velocity

    ok = np.isfinite(v) & (v > 0)
    if ok.sum() < 3:
        return None
    res = inverse_velocity([m for m, good in zip(mids, ok) if good], v[ok], min_points=min(5, int(ok.sum())))
    if not res.accelerating or not np.isfinite(res.failure_time):
        return None
    return from_days(res.failure_time), float(res.failure_sigma)


def history_figures(series: Series, sites: Sequence[Tuple[str, Dict[str, np.ndarray]]]) -> Tuple[str, str, str, list]:
    plt = _pyplot()
    import matplotlib.dates as mdates

    dates = series.dates
    mids = [dates[i] + (dates[i + 1] - dates[i]) / 2 for i in range(len(dates) - 1)]
    u = series.units
    figs = [plt.subplots(figsize=(9, 3.8)) for _ in range(3)]
    rows = []
    for k, (name, s) in enumerate(sites):
        colour = f"C{k % 10}"
        mag, sig = _magnitude(s)
        ax = figs[0][1]
        ax.fill_between(dates, mag - sig, mag + sig, color=colour, alpha=0.2, lw=0)
        ax.plot(dates, mag, "o-", color=colour, ms=3, label=name)
        v = np.hypot(s["vx"], s["vy"])
        figs[1][1].step(mids, v, where="mid", color=colour, label=name)
        figs[1][1].plot(mids, v, "o", color=colour, ms=3)
        with np.errstate(divide="ignore"):
            figs[2][1].plot(mids, np.where(v > 0, 1.0 / v, np.nan), "o-", color=colour, ms=3, label=name)
        hint = failure_hint(mids, v)
        if hint is not None and hint[0] > mids[-1]:
            figs[2][1].axvline(hint[0], color=colour, ls=":", lw=1)
        rows.append((name, float(mag[-1]), float(sig[-1]), float(v[-1]) if v.size else float("nan"),
                     float(np.nanmean(v)) if np.isfinite(v).any() else float("nan"),
                     f"{hint[0]:%Y-%m-%d} ± {hint[1]:.0f} d" if hint and hint[0] > mids[-1] else "-"))
    titles = (f"Cumulative displacement ({u}) with the 1-sigma band", f"Velocity per interval ({u}/year)",
              f"Inverse velocity (year/{u}); dotted: the fitted line of the accelerating part reaches 0 (Fukuzono)")
    out = []
    for (fig, ax), title in zip(figs, titles):
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
        if sites:
            ax.legend(fontsize=8, loc="best")
        fig.tight_layout()
        out.append(_png(fig))
        plt.close(fig)
    return out[0], out[1], out[2], rows


def residual_figure(series: Series) -> str:
    plt = _pyplot()
    names = [p["name"] for p in series.pairs]
    rms = np.array([float(p["residual_rms"] or "nan") for p in series.pairs])
    rej = np.array([float(p["rejected_fraction"] or "nan") for p in series.pairs])
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(9, 4.6), sharex=True)
    x = np.arange(len(names))
    a1.bar(x, rms, color="#3a6ea5")
    a1.set_ylabel(f"residual RMS ({series.units})")
    a1.set_title("Per pair: residual against the time series, and share of pixels rejected as outliers",
                 fontsize=10)
    a2.bar(x, 100 * rej, color=np.where(rej > 0.5, "#d62728", "#999999"))
    a2.set_ylabel("rejected (%)")
    a2.set_xticks(x)
    a2.set_xticklabels(names, rotation=90, fontsize=6)
    fig.tight_layout()
    out = _png(fig)
    plt.close(fig)
    return out


def map_figure(series: Series, points, polygon_mask) -> str:
    plt = _pyplot()
    v = series.summary_band("MEAN_VELOCITY")
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    fin = v[np.isfinite(v)]
    im = ax.imshow(v, cmap="viridis", vmin=0, vmax=float(np.percentile(fin, 98)) if fin.size else 1,
                   interpolation="nearest")
    fig.colorbar(im, ax=ax, label=f"mean velocity ({series.units}/year)")
    if polygon_mask is not None:
        ax.contour(polygon_mask.astype(float), levels=[0.5], colors="white", linewidths=1.2)
    for k, (name, (r, c)) in enumerate(points):
        ax.plot(c, r, "o", mfc=f"C{k % 10}", mec="white", ms=8)
        ax.annotate(name, (c, r), xytext=(5, 5), textcoords="offset points", color="white", fontsize=8)
    ax.set_title("Mean velocity, first to last date (pixels)")
    out = _png(fig)
    plt.close(fig)
    return out


def build_timeseries_report(input: str, output: str, points: str = "", polygon: str = "",
                            monitor: Optional[Monitor] = None) -> Dict[str, object]:
    """Write the HTML report of the time series that ``input`` (e.g. ``ts_dx.tif``) belongs to."""
    mon = ensure_monitor(monitor)
    series = Series(series_prefix(os.path.abspath(input)))
    out = check_output_path(output, [series.prefix + s for s in SUFFIXES] + [points, polygon])
    mon.report(0.05, "Reading the time series")
    pts = _points(points, series) if points else []
    poly = None
    sites = [(name, series.at(rc)) for name, rc in pts]
    if polygon:
        grid = SimpleNamespace(shape=(series.height, series.width), geotransform=series.gt, crs_wkt=series.crs)
        poly = stable_mask(grid, polygon)
        sites.append(("polygon median", series.at(poly)))
    if not sites:
        v = series.summary_band("MEAN_VELOCITY")
        if not np.isfinite(v).any():
            raise InputError("The time series has no valid pixel.")
        r, c = np.unravel_index(int(np.nanargmax(v)), v.shape)
        pts = [("fastest pixel", (int(r), int(c)))]
        sites = [(pts[0][0], series.at((int(r), int(c))))]
    mon.report(0.2, "Drawing the histories")
    cum, vel, inv, rows = history_figures(series, sites)
    mon.report(0.6, "Drawing the network and the residuals")
    rejected = [p["name"] for p in series.pairs if p["rejected_fraction"] and float(p["rejected_fraction"]) > 0.5]
    pairs = [Pair("", "", parse_date(p["reference_date"]), parse_date(p["target_date"])) for p in series.pairs]
    plt = _pyplot()
    fig = network_figure(pairs, highlight=rejected)
    net = _png(fig)
    plt.close(fig)
    res = residual_figure(series)
    mapf = map_figure(series, pts, poly)
    u = series.units
    img = lambda alt, b64: f"<img alt='{alt}' src='data:image/png;base64,{b64}'>"  # noqa: E731
    info = series.info
    reg = ("none" if not info.get("weight") else
           f"{'velocity' if info.get('order') == 1 else 'acceleration'} changes, weight {info.get('weight'):.3g}")
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>SenseTrack time series</title>"
        f"<style>{CSS}</style></head><body>",
        "<h1>SenseTrack displacement time series</h1>",
        f"<p>{len(series.dates)} dates from {series.dates[0]:%Y-%m-%d} to {series.dates[-1]:%Y-%m-%d}, "
        f"{len(series.pairs)} pairs; regularisation: {html.escape(reg)}; robust weighting: "
        f"{'yes' if info.get('robust') else 'no'}; weights: "
        f"{'SIGMA_DX/SIGMA_DY' if info.get('weighted_by_sigma') else 'uniform'}.</p>",
        _table(rows, ("Site", f"Total displacement ({u})", f"1-sigma ({u})", f"Last velocity ({u}/year)",
                      f"Mean velocity ({u}/year)", "1/v trend reaches 0")),
        img("cumulative displacement", cum), img("velocity", vel), img("inverse velocity", inv),
        "<p>The inverse-velocity line is only a hint: it assumes an accelerating slope heading for failure and "
        "is meaningless for steady or slowing motion.</p>",
        "<h2>Map</h2>", img("map", mapf),
        "<h2>Pair network</h2>", img("network", net),
        f"<p>Dashed black: pairs rejected as outliers at more than half of their pixels "
        f"({', '.join(map(html.escape, rejected)) or 'none'}).</p>",
        "<h2>Residuals per pair</h2>", img("residuals", res),
        _table([(p["name"], p["baseline_days"], p["pixels"], p["rejected_fraction"], p["residual_rms"])
                for p in series.pairs], ("Pair", "Baseline (days)", "Pixels", "Rejected fraction",
                                         f"Residual RMS ({u})")),
        f"<p>Files: {html.escape(series.prefix)}_*.tif. Conventions: displacement since the first date, DX east, "
        "DY north; magnitude shown.</p></body></html>",
    ]
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(parts))
    mon.report(1.0, "Done")
    return {"output": out, "sites": len(sites), "rejected_pairs": rejected}
