#!/usr/bin/env python3
"""Make the bundled sample pair in ``sample_data/`` (re-run to regenerate it exactly).

A 400 x 400 pair at 10 m on EPSG:32632 (UTM 32N, northern Apennines) made
from a natural-looking band-limited texture. A landslide-like lobe moves by
up to 2 px east and 3 px south (DX = +20 m, DY = -30 m at its centre); the
ground around it is exactly stable. The target has a nodata corner (value 0,
declared), like the edge of a satellite scene.

Files
-----
reference.tif, target.tif : UInt16, nodata 0, "reflectance x 10000"
truth.tif : Float32, bands DX, DY (metres, east/north positive) and
    COL_SHIFT, ROW_SHIFT (pixels), the exact motion of each reference pixel.
landslide.gpkg : layer "landslide", one polygon around the moving lobe
    (15 % larger than its outline): outside it the ground is stable, as the
    stable-ground correction and the example model expect.
"""
from __future__ import annotations

import os
import sys

import numpy as np
from osgeo import gdal, ogr

from sample_common import HERE, PIXEL, Texture, landslide_field, warp_exact, write_tiff, write_vector, xy

SHAPE = (400, 400)
CENTRE = (200.0, 180.0)
RADIUS = (110.0, 80.0)
PEAK = (3.0, 2.0)  # (drow, dcol) pixels: 3 px south, 2 px east


def main(outdir: str) -> None:
    os.makedirs(outdir, exist_ok=True)
    tex = Texture.natural(seed=42)
    field = landslide_field(SHAPE, CENTRE, RADIUS, PEAK)
    ref, tar, drow, dcol = warp_exact(tex, SHAPE, field)
    rng = np.random.default_rng(7)
    scale = 900.0 / ref.std()

    def to_dn(img):
        noisy = 2000.0 + scale * img + rng.normal(0.0, 15.0, img.shape)
        return np.clip(np.round(noisy), 1, 65535).astype(np.uint16)

    ref_dn, tar_dn = to_dn(ref), to_dn(tar)
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]]
    tar_dn[(rows + cols) < 60] = 0  # nodata corner (top-left) in the target
    write_tiff(os.path.join(outdir, "reference.tif"), [ref_dn], gdal.GDT_UInt16, nodata=0)
    write_tiff(os.path.join(outdir, "target.tif"), [tar_dn], gdal.GDT_UInt16, nodata=0)
    truth = [dcol * PIXEL, -drow * PIXEL, dcol, drow]
    write_tiff(os.path.join(outdir, "truth.tif"), [a.astype(np.float32) for a in truth], gdal.GDT_Float32,
               names=["DX", "DY", "COL_SHIFT", "ROW_SHIFT"], units=["m", "m", "pixel", "pixel"])
    write_landslide_polygon(os.path.join(outdir, "landslide.gpkg"))


def write_landslide_polygon(path: str, margin: float = 1.15, vertices: int = 72) -> None:
    """The lobe outline (an ellipse in pixel space) enlarged by ``margin``, as a GeoPackage polygon."""
    t = np.linspace(0.0, 2.0 * np.pi, vertices, endpoint=False)
    rows = CENTRE[0] + margin * RADIUS[0] * np.sin(t)
    cols = CENTRE[1] + margin * RADIUS[1] * np.cos(t)
    xs, ys = xy(rows, cols)
    ring = ", ".join(f"{x:.2f} {y:.2f}" for x, y in zip(list(xs) + [xs[0]], list(ys) + [ys[0]]))
    write_vector(path, "landslide", ogr.wkbPolygon, [f"POLYGON(({ring}))"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "sample_data"))
