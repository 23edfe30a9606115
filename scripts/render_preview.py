#!/usr/bin/env python3
"""Render a PNG preview of displacement rasters: magnitude with arrows, error vs truth.

Usage: render_preview.py OUTPUT.png TRUTH.tif RESULT.tif [RESULT.tif ...]
"""
from __future__ import annotations

import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from osgeo import gdal  # noqa: E402


def _bands(path):
    ds = gdal.Open(path)
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    return {n: ds.GetRasterBand(i + 1).ReadAsArray().astype(float) for i, n in enumerate(names)}, ds.GetGeoTransform()


def main(png: str, truth: str, results: list) -> None:
    t, gt = _bands(truth)
    panels = [("Truth", t)] + [(os.path.splitext(os.path.basename(p))[0], _bands(p)[0]) for p in results]
    vmax = np.nanmax(np.hypot(t["DX"], t["DY"]))
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4.6), constrained_layout=True)
    h, w = t["DX"].shape
    extent = (gt[0], gt[0] + w * gt[1], gt[3] + h * gt[5], gt[3])
    step = max(h, w) // 16
    rows, cols = np.mgrid[step // 2:h:step, step // 2:w:step]
    xs, ys = gt[0] + (cols + 0.5) * gt[1], gt[3] + (rows + 0.5) * gt[5]
    for ax, (title, b) in zip(axes, panels):
        mag = np.hypot(b["DX"], b["DY"])
        im = ax.imshow(mag, extent=extent, cmap="viridis", vmin=0, vmax=vmax)
        dx, dy = b["DX"][rows, cols], b["DY"][rows, cols]
        ax.quiver(xs, ys, dx, dy, color="white", angles="xy", scale_units="xy", scale=0.08, width=0.004)
        if title != "Truth":
            ok = np.isfinite(b["DX"])
            rmse = np.sqrt(np.mean((b["DX"] - t["DX"])[ok] ** 2 + (b["DY"] - t["DY"])[ok] ** 2))
            title = f"{title}: RMSE {rmse:.2f} m"
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axes, shrink=0.8, label="displacement magnitude (m); arrows x12.5")
    fig.savefig(png, dpi=80)
    print(f"Preview written to {png}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
