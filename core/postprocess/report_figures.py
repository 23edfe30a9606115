"""Figures of the displacement report: the map a reader can use, and the stable-ground histograms.

The map shares its rounded classes and colours with the QGIS style (``core.display``), draws the
area of interest's outline, a north arrow, an arrow-length key (``→ = 10 m``) and axis units read
from the CRS. Figures are returned as base64 PNG strings for a self-contained HTML page.
"""
from __future__ import annotations

import base64
import io
from typing import List, Optional, Sequence, Tuple

import numpy as np
from osgeo import ogr, osr

from ..display import magnitude_classes, nice_length, num, units_label
from ..errors import MissingDependencyError
from ..gdal_utils import layer_transform, srs_from_wkt
from .product import Product

Ring = np.ndarray  # (n, 2) x, y in the product CRS


def pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is an apt dependency
        raise MissingDependencyError("The report needs matplotlib (apt install python3-matplotlib).") from exc
    return plt


def png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    pyplot().close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def extent(p: Product):
    gt = p.geotransform
    h, w = p.shape
    return (gt[0], gt[0] + w * gt[1], gt[3] + h * gt[5], gt[3]) if p.georeferenced else (0, w, h, 0)


def axis_labels(p: Product) -> Tuple[str, str]:
    """("Easting (m)", "Northing (m)") from the CRS; longitude/latitude for geographic CRS; pixels otherwise."""
    if not p.georeferenced or not p.crs_wkt:
        return "column (pixel)", "row (pixel)"
    srs = osr.SpatialReference()
    if srs.ImportFromWkt(p.crs_wkt) != 0:
        return "x", "y"
    if srs.IsGeographic():
        return "longitude (°)", "latitude (°)"
    unit = units_label((srs.GetLinearUnitsName() or "").lower())
    suffix = f" ({unit})" if unit else ""
    return f"easting{suffix}", f"northing{suffix}"


def outline_rings(path: str, crs_wkt: str) -> List[Ring]:
    """Exterior rings of the polygons in ``path`` (first layer) in the product CRS; [] if not polygons."""
    if not path:
        return []
    ds = ogr.Open(path)  # a file path (the algorithm decodes layer sources)
    if ds is None or ds.GetLayerCount() == 0:
        return []
    layer = ds.GetLayer(0)
    transform = layer_transform(layer, srs_from_wkt(crs_wkt))
    rings: List[Ring] = []
    for feature in layer:
        geom = feature.GetGeometryRef()
        if geom is None:
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        polys = [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())] \
            if geom.GetGeometryType() in (ogr.wkbMultiPolygon, ogr.wkbMultiPolygon25D) else [geom]
        for poly in polys:
            if poly is not None and poly.GetGeometryCount():
                ring = poly.GetGeometryRef(0)
                rings.append(np.array(ring.GetPoints())[:, :2])
    return rings


def map_figure(p: Product, rings: Sequence[Ring] = (), max_arrows: int = 35) -> str:
    """Magnitude (or velocity) in the classes of the QGIS style, arrows with a length key, outline, north."""
    plt = pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap

    name = "VELOCITY" if "VELOCITY" in p.bands else "MAGNITUDE"
    unit = units_label(p.metadata.get("SENSETRACK_VELOCITY_UNITS", p.units) if name == "VELOCITY" else p.units)
    values = p.bands[name]
    classes = magnitude_classes(values, unit)
    edges = list(classes.edges)
    cmap = plt.get_cmap("viridis")
    top = edges[-2] if classes.clipped else edges[-1]
    colours = [cmap(min(0.5 * (a + b), top) / top if top > 0 else 0.0) for a, b in zip(edges[:-1], edges[1:])]
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    im = ax.imshow(values, extent=extent(p), cmap=ListedColormap(colours),
                   norm=BoundaryNorm(edges, len(colours)), interpolation="nearest")
    bar = fig.colorbar(im, ax=ax, ticks=edges[:-1] if classes.clipped else edges)
    bar.set_label(f"{name.lower()} ({unit})" if unit else name.lower())
    h, w = p.shape
    s = max(1, int(np.ceil(max(h, w) / max_arrows)))
    xs, ys = p.cell_centres()
    sl = (slice(s // 2, None, s), slice(s // 2, None, s))
    mag = p.bands["MAGNITUDE"][np.isfinite(p.bands["MAGNITUDE"])]
    ref = float(np.percentile(mag, 98)) if mag.size else 1.0
    spacing = s * (abs(p.geotransform[1]) if p.georeferenced else 1.0)
    scale = (ref / spacing) if ref > 0 else 1.0
    # DX east / DY north are map-aligned: 'xy' angles draw them as such; the 98th percentile spans one spacing
    q = ax.quiver(xs[sl], ys[sl], p.bands["DX"][sl], p.bands["DY"][sl], color="white", edgecolor="black",
                  linewidth=0.5, angles="xy", scale_units="xy", scale=scale, width=0.006)
    key = nice_length(ref)
    disp_unit = units_label(p.units)
    ax.quiverkey(q, 0.80, -0.10, key, f"= {key:g} {disp_unit}".strip(), labelpos="E", coordinates="axes")
    for ring in rings:
        ax.plot(ring[:, 0], ring[:, 1], color="#d62728", lw=1.6)
    x0, x1, y0, y1 = extent(p)
    ax.set_xlim(min(x0, x1), max(x0, x1))
    ax.set_ylim(min(y0, y1), max(y0, y1))
    if p.georeferenced:
        ax.annotate("N", xy=(0.95, 0.96), xytext=(0.95, 0.84), xycoords="axes fraction", ha="center",
                    va="center", fontsize=12, fontweight="bold",
                    arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.5},
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.ticklabel_format(useOffset=False, style="plain")
    xl, yl = axis_labels(p)
    ax.set_xlabel(xl)
    ax.set_ylabel(yl)
    title = "Velocity" if name == "VELOCITY" else "Displacement"
    ax.set_title(f"{title}: colour = {name.lower()}, arrows = direction" + (", red = area of interest"
                                                                           if rings else ""))
    return png(fig)


def kde_peak(values: np.ndarray, sample: int = 5000) -> float:
    """Location of the peak of the Gaussian kernel density of ``values`` (NaN if fewer than 5)."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size < 5 or np.ptp(v) == 0:
        return float(v[0]) if v.size else float("nan")
    if v.size > sample:
        v = np.random.default_rng(0).choice(v, sample, replace=False)
    from scipy.stats import gaussian_kde

    lo, hi = np.percentile(v, [0.5, 99.5])
    grid = np.linspace(lo, hi, 512)
    return float(grid[np.argmax(gaussian_kde(v)(grid))])


def histogram_figure(p: Product, where: np.ndarray, label: str) -> str:
    plt = pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2))
    unit = units_label(p.units)
    for ax, comp in zip(axes, ("DX", "DY")):
        v = p.bands[comp][where & np.isfinite(p.bands[comp])]
        if v.size:
            lo, hi = np.percentile(v, [0.5, 99.5])
            ax.hist(v, bins=60, range=(lo, hi if hi > lo else lo + 1), color="#3a6ea5")
            ax.axvline(0, color="k", lw=0.8)
            med = float(np.median(v))
            nmad = 1.4826 * float(np.median(np.abs(v - med)))
            ax.axvline(med, color="r", lw=1, label=f"median {num(med, nmad)} {unit}")
            ax.legend(fontsize=8)
        ax.set_title(f"{comp} on {label}")
        ax.set_xlabel(f"{comp} ({unit})")
    return png(fig)


def mask_outline(path: Optional[str], p: Product) -> List[Ring]:
    """Outline rings of a polygon mask, or [] for a raster mask or none."""
    try:
        return outline_rings(path or "", p.crs_wkt)
    except (RuntimeError, ValueError, IndexError):
        return []
