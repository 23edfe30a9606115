"""The slope-parallel section of the displacement report (when the product has a DZ band)."""
from __future__ import annotations

import html
from typing import List

import numpy as np

from ..postprocess.product import Product
from .projection import MASK_FLAGS


def dz_figure(p: Product) -> str:
    """Base64 PNG map of DZ (or VZ): diverging ramp centred on 0, blue = down, with the unit."""
    from ..postprocess.report_figures import extent as _extent, png as _png, pyplot as _pyplot

    plt = _pyplot()
    name = "VZ" if "VZ" in p.bands else "DZ"
    a = p.bands[name]
    finite = np.abs(a[np.isfinite(a)])
    m = float(np.percentile(finite, 98)) if finite.size else 1.0
    unit = p.band_units.get(name) or (p.metadata.get("SENSETRACK_VELOCITY_UNITS", "") if name == "VZ" else p.units)
    fig, ax = plt.subplots(figsize=(7, 6))
    im = ax.imshow(a, extent=_extent(p), cmap="RdBu_r", vmin=-(m or 1.0), vmax=m or 1.0, interpolation="nearest")
    fig.colorbar(im, ax=ax, label=f"{name} ({unit}), negative = down")
    ax.ticklabel_format(useOffset=False, style="plain")
    ax.set_title(f"{name}: vertical component, motion parallel to the DEM surface")
    out = _png(fig)
    plt.close(fig)
    return out


def terrain_section(p: Product, table) -> List[str]:
    """HTML parts (heading, map, table) or [] when the product was not slope-projected."""
    if "DZ" not in p.bands:
        return []
    valid = p.valid
    rows = []
    for name in ("DZ", "MAGNITUDE_3D", "ALONG_SLOPE", "SIGMA_DZ", "VZ", "VELOCITY_3D", "SLOPE", "DOWNSLOPE_ANGLE"):
        if name in p.bands:
            v = p.bands[name][valid]
            v = v[np.isfinite(v)]
            if v.size:
                rows.append((name, float(np.median(v)), float(np.percentile(v, 5)), float(np.percentile(v, 95)),
                             p.band_units.get(name, "")))
    mask = np.nan_to_num(p.bands.get("MASK", np.zeros(p.shape)), nan=0).astype(np.int64)
    n = max(int(valid.sum()), 1)
    flags = [(k, int(((mask & bit) > 0)[valid].sum()), int(((mask & bit) > 0)[valid].sum()) / n)
             for k, bit in MASK_FLAGS.items()]
    return ["<h2>Slope-parallel 3-D motion</h2>",
            "<p>" + html.escape("Assumes the ground moves parallel to the DEM surface: DZ = DX dz/dx + DY dz/dy. "
                                "Not valid on flat ground, for rotational slides, flows, subsidence or glaciers.")
            + "</p>",
            f"<img alt='DZ map' src='data:image/png;base64,{dz_figure(p)}'>",
            table(rows, ("Band", "Median", "5th percentile", "95th percentile", "Unit")),
            table(flags, ("Flag (MASK)", "Vectors", "Fraction"))]
