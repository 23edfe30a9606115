#!/usr/bin/env python3
"""Make the bundled time-series stack in ``sample_data/stack/`` (re-run to regenerate it exactly).

Seven 200 x 200 images at 10 m on EPSG:32632 of one natural-looking texture,
a landslide lobe that accelerates (2 px/year, +3 px/year^2, towards the
south-east) on stable ground, 16-bit values with sensor noise. The image of
2023-09-20 has a cloud over part of the lobe: the pairs it belongs to are
wrong there (the deliberately bad data of the demo; the filter and the
robust inversion have to cope). Every date source is exercised:

- ``slope_YYYYMMDD.tif``: the date in the name (5 images);
- ``slope_scene6.tif``: no date in the name, ``SENSETRACK_ACQUISITION_DATE``
  in its metadata (as SenseTrack's readers write it);
- ``slope_last.tif``: its date only in ``dates.csv`` (the date table).

Also ``truth_dx.tif`` / ``truth_dy.tif`` (the exact cumulative displacement per
date, in the time-series format of ``sensetrack:timeseries``), ``landslide.gpkg``
(polygon around the lobe; stable ground outside), ``points.gpkg`` (two points
for the report) and ``filter_dense.json`` (outlier-filter settings for dense
trackers, see the README).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys

import numpy as np
from osgeo import gdal, ogr

from sample_common import HERE, PIXEL, Texture, landslide_field, warp_exact, write_tiff, write_vector, xy

SHAPE = (200, 200)
CENTRE = (100.0, 95.0)
RADIUS = (60.0, 45.0)
DIRECTION = (0.8, 0.6)  # (down, right) share of the motion: towards the south-south-east
VELOCITY, ACCELERATION = 2.0, 3.0  # px/year, px/year^2 at the lobe centre
DATES = [dt.datetime(2023, 3, 1, 10, 5), dt.datetime(2023, 4, 20, 10, 5), dt.datetime(2023, 6, 10, 10, 5),
         dt.datetime(2023, 8, 1, 10, 5), dt.datetime(2023, 9, 20, 10, 5), dt.datetime(2023, 11, 10, 10, 5),
         dt.datetime(2024, 1, 5, 10, 5)]
CLOUDY = 4  # index of the cloudy image
FILTER_DENSE = {"min_peak": 0.25, "median_stride": 10, "median_threshold": 2.0, "median_epsilon": 0.3,
                "min_clump": 20}


def magnitude(d: dt.datetime) -> float:
    """Cumulative motion at the lobe centre since the first date, pixels."""
    t = (d - DATES[0]).total_seconds() / 86400.0 / 365.25
    return VELOCITY * t + 0.5 * ACCELERATION * t * t


def file_name(k: int) -> str:
    if k == len(DATES) - 1:
        return "slope_last.tif"
    if k == len(DATES) - 2:
        return "slope_scene6.tif"
    return f"slope_{DATES[k]:%Y%m%d}.tif"


def main(outdir: str) -> None:
    os.makedirs(outdir, exist_ok=True)
    tex = Texture.natural(seed=11)
    rng = np.random.default_rng(3)
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]].astype(float)
    truth_dx, truth_dy = [], []
    scale = None
    for k, d in enumerate(DATES):
        m = magnitude(d)
        field = landslide_field(SHAPE, CENTRE, RADIUS, (m * DIRECTION[0], m * DIRECTION[1]))
        ref, img, drow, dcol = warp_exact(tex, SHAPE, field)
        if scale is None:
            scale = 900.0 / ref.std()
        dn = 2000.0 + scale * (ref if k == 0 else img) + rng.normal(0.0, 15.0, SHAPE)
        if k == CLOUDY:  # a cloud: bright and textureless over the lower part of the lobe
            r2 = ((rows - 125.0) / 22.0) ** 2 + ((cols - 100.0) / 30.0) ** 2
            cover = np.clip(1.6 - r2, 0.0, 1.0)
            dn = dn * (1 - cover) + 9000.0 * cover
        dn = np.clip(np.round(dn), 1, 65535).astype(np.uint16)
        md = {"SENSETRACK_ACQUISITION_DATE": d.isoformat()} if k == len(DATES) - 2 else None
        write_tiff(os.path.join(outdir, file_name(k)), [dn], gdal.GDT_UInt16, nodata=0, metadata=md)
        truth_dx.append((dcol * PIXEL).astype(np.float32))
        truth_dy.append((-drow * PIXEL).astype(np.float32))
    iso = [d.strftime("%Y-%m-%d") for d in DATES]
    for comp, arrays in (("DX", truth_dx), ("DY", truth_dy)):
        write_tiff(os.path.join(outdir, f"truth_{comp.lower()}.tif"), arrays, gdal.GDT_Float32, names=iso,
                   metadata={"SENSETRACK_KIND": "timeseries", "SENSETRACK_COMPONENT": comp, "SENSETRACK_UNITS": "m",
                             "SENSETRACK_DATES": json.dumps(iso), "SENSETRACK_SOURCE": "exact truth"},
                   band_metadata=[{"DATE": x} for x in iso])
    with open(os.path.join(outdir, "dates.csv"), "w", encoding="utf-8") as f:
        f.write(f"path,date\nslope_last.tif,{DATES[-1]:%Y-%m-%d}\n")
    t = np.linspace(0.0, 2.0 * np.pi, 72, endpoint=False)
    ring = [xy(CENTRE[0] + 1.15 * RADIUS[0] * np.sin(a), CENTRE[1] + 1.15 * RADIUS[1] * np.cos(a)) for a in t]
    ring.append(ring[0])
    write_vector(os.path.join(outdir, "landslide.gpkg"), "landslide", ogr.wkbPolygon,
                 ["POLYGON((" + ", ".join(f"{x:.2f} {y:.2f}" for x, y in ring) + "))"])
    pts = [xy(*CENTRE), xy(CENTRE[0] + 40.0, CENTRE[1] + 25.0)]
    write_vector(os.path.join(outdir, "points.gpkg"), "points", ogr.wkbPoint,
                 [f"POINT({x:.2f} {y:.2f})" for x, y in pts], {"name": ["lobe centre", "lobe toe"]})
    with open(os.path.join(outdir, "filter_dense.json"), "w", encoding="utf-8") as f:
        json.dump(FILTER_DENSE, f, indent=2)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(HERE), "sample_data", "stack"))
