#!/usr/bin/env python3
"""Benchmark of the slope-parallel projection (``make bench``): DEM resampling accuracy and throughput.

Prints one table with PASS/FAIL, measured in this run:
* slope error on an inclined plane (DEM in UTM 33N, product in UTM 32N) of the method used
  (mean of bilinear samples per cell) against ``gdal.Warp(resampleAlg="average")``;
* CPU time (and wall time) and peak memory of ``slope_projection_file`` on a 1000 x 1000 product
  (20 m cells, 20 km) with a 30 m DEM and with a 5 m DEM (4400 x 4400 pixels, 4 x 4 samples per cell),
  both in another CRS. The targets are on CPU time (single-threaded), which a loaded machine inflates
  less than wall time.

The machine is shared: timings are noisy; run it more than once before concluding.
"""
from __future__ import annotations

import os
import resource
import sys
import tempfile
import time

import numpy as np
from osgeo import gdal, osr

from sensetrack_path import ensure_importable

ensure_importable()
from sensetrack.core.output import write_raster  # noqa: E402
from sensetrack.core.terrain import apply, dem  # noqa: E402

X0, Y0 = 700000.0, 5000000.0


def _srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def _dem(path, res, size_m, gx, gy, exact=True):
    """A plane DEM in EPSG:32633 around the product area; exact heights (transformed) or approximate (fast)."""
    ct = osr.CoordinateTransformation(_srs(32632), _srs(32633))
    cx, cy, _ = ct.TransformPoint(X0 + size_m / 2 - 1000, Y0 - size_m / 2 + 1000)
    n = int(size_m / res)
    gt = (cx - n * res / 2, res, 0.0, cy + n * res / 2, 0.0, -res)
    ds = gdal.GetDriverByName("GTiff").Create(path, n, n, 1, gdal.GDT_Float64 if exact else gdal.GDT_Float32,
                                              ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform(gt)
    ds.SetProjection(_srs(32633).ExportToWkt())
    back = osr.CoordinateTransformation(_srs(32633), _srs(32632))
    for r0 in range(0, n, 256):  # by blocks of rows: the generator must not dominate the peak memory
        r, c = np.mgrid[r0:min(n, r0 + 256), 0:n] + 0.5
        xs, ys = gt[0] + c * res, gt[3] - r * res
        if exact:
            pts = np.array(back.TransformPoints(np.c_[xs.ravel(), ys.ravel()]))
            z = (1000 + gx * (pts[:, 0] - X0) + gy * (pts[:, 1] - Y0)).reshape(xs.shape)
        else:  # the same plane in the DEM's own coordinates (timing only)
            z = (1000 + gx * (xs - gt[0]) + gy * (ys - gt[3])).astype(np.float32)
        ds.GetRasterBand(1).WriteArray(z, 0, r0)
    ds = None
    return path


def accuracy(tmp):
    gx, gy = 0.3, -0.25
    gt, shape = (X0, 20.0, 0.0, Y0, 0.0, -20.0), (60, 60)
    rows = []
    for res in (7.0, 33.0):
        path = _dem(os.path.join(tmp, f"plane{res}.tif"), res, 2400, gx, gy)
        z = dem.dem_on_grid(path, gt, shape, _srs(32632).ExportToWkt())
        ours = np.nanmax(np.abs(np.stack(dem.gradient(z, gt)) - np.array([gx, gy])[:, None, None]))
        avg = gdal.Warp("", path, format="MEM", outputBounds=(X0, Y0 - 1200, X0 + 1200, Y0), width=60, height=60,
                        dstSRS=_srs(32632).ExportToWkt(), resampleAlg="average", outputType=gdal.GDT_Float64)
        g = np.stack(dem.gradient(avg.GetRasterBand(1).ReadAsArray(), gt))[:, 1:-1, 1:-1]
        theirs = np.nanmax(np.abs(g - np.array([gx, gy])[:, None, None]))
        rows.append((f"plane gradient error, DEM {res:g} m -> 20 m cells", f"{ours:.1e} (GDAL average {theirs:.1e})",
                     "<= 1e-6", ours <= 1e-6))
    return rows


def throughput(tmp):
    rows = []
    shape = (1000, 1000)
    gt = (X0, 20.0, 0.0, Y0, 0.0, -20.0)
    rng = np.random.default_rng(0)
    dx, dy = rng.normal(1, 0.3, shape), rng.normal(-1, 0.3, shape)
    prod = write_raster(os.path.join(tmp, "p.tif"), {"DX": dx, "DY": dy, "MAGNITUDE": np.hypot(dx, dy),
                                                      "DIRECTION": np.zeros(shape), "SIGMA_DX": np.full(shape, 0.1),
                                                      "SIGMA_DY": np.full(shape, 0.1)},
                        gt, _srs(32632).ExportToWkt(), metadata={"SENSETRACK_UNITS": "m"})
    for res, target in ((30.0, 10.0), (5.0, 30.0)):
        path = _dem(os.path.join(tmp, f"dem{res}.tif"), res, 22000, 0.2, 0.1, exact=False)
        t0, c0 = time.perf_counter(), time.process_time()
        apply.slope_projection_file(prod, os.path.join(tmp, f"o{res}.tif"), path, smoothing=320, slope_error=1)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        rows.append((f"1000x1000 product, {res:g} m DEM ({gdal.Open(path).RasterXSize}^2 px, other CRS), CPU",
                     f"{cpu:.1f} s (wall {wall:.1f} s)", f"< {target:g} s", cpu < target))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    rows.append(("peak memory of the runs above (RSS)", f"{peak:.0f} MB", "< 1000 MB", peak < 1000))
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = accuracy(tmp) + throughput(tmp)
    width = max(len(r[0]) for r in rows)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'measure':<{width}}  {'result':<34}  {'target':<10}  status")
    for name, result, target, ok in rows:
        print(f"{name:<{width}}  {result:<34}  {target:<10}  {'PASS' if ok else 'FAIL'}")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
