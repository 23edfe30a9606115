"""Synthetic DEMs (inclined plane, cone) in any CRS and products/time series on a UTM 32N grid, with exact truth."""
from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
from osgeo import gdal, osr

X0, Y0 = 700000.0, 5000000.0
GT = (X0, 20.0, 0.0, Y0, 0.0, -20.0)  # product grid: 20 m cells on EPSG:32632
SHAPE = (30, 40)


def srs(epsg: int) -> osr.SpatialReference:
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def wkt(epsg: int = 32632) -> str:
    return srs(epsg).ExportToWkt()


def plane_gradient(slope_deg: float, aspect_deg: float):
    """(gx, gy) of a plane whose downslope direction has azimuth ``aspect_deg``."""
    t = np.tan(np.radians(slope_deg))
    a = np.radians(aspect_deg)
    return -t * np.sin(a), -t * np.cos(a)


def write_dem(path, height, epsg: int = 32633, res: float = 7.0, size_m: float = 1600.0, centre=None,
              nodata=None, with_crs: bool = True, geotransform=None, shape=None) -> str:
    """DEM in ``epsg`` at ``res`` around the product area; ``height(x, y)`` takes EPSG:32632 coordinates."""
    src = srs(epsg)
    cx, cy = centre or (X0 + SHAPE[1] * GT[1] / 2, Y0 + SHAPE[0] * GT[5] / 2)
    if geotransform is None:
        cx, cy, _ = osr.CoordinateTransformation(srs(32632), src).TransformPoint(cx, cy)
        n = int(round(size_m / res)) if not src.IsGeographic() else int(round(size_m / 111000.0 / res))
        geotransform = (cx - n * res / 2, res, 0.0, cy + n * res / 2, 0.0, -res)
        shape = (n, n)
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]] + 0.5
    xs = geotransform[0] + cols * geotransform[1]
    ys = geotransform[3] + rows * geotransform[5]
    back = osr.CoordinateTransformation(src, srs(32632))
    pts = np.array(back.TransformPoints(np.c_[xs.ravel(), ys.ravel()]))
    z = np.asarray(height(pts[:, 0], pts[:, 1]), dtype=np.float64).reshape(shape)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), shape[1], shape[0], 1, gdal.GDT_Float64)
    ds.SetGeoTransform(geotransform)
    if with_crs:
        ds.SetProjection(src.ExportToWkt())
    b = ds.GetRasterBand(1)
    if nodata is not None:
        b.SetNoDataValue(nodata)
    b.WriteArray(z)
    ds = None
    return str(path)


def plane(gx: float, gy: float, z0: float = 1500.0):
    return lambda x, y: z0 + gx * (x - X0) + gy * (y - Y0)


def cone(cx: float, cy: float, k: float = 0.5, z0: float = 2000.0):
    return lambda x, y: z0 - k * np.hypot(x - cx, y - cy)


def cell_centres():
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]] + 0.5
    return GT[0] + cols * GT[1], GT[3] + rows * GT[5]


def product_bands(dx, dy, sigma=None, velocity_days=None):
    from sensetrack.core.displacement import direction

    dx, dy = np.asarray(dx, np.float64), np.asarray(dy, np.float64)
    bands = {"DX": dx, "DY": dy, "MAGNITUDE": np.hypot(dx, dy), "DIRECTION": direction(dx, dy)}
    if sigma is not None:
        bands["SIGMA_DX"] = np.full(dx.shape, sigma[0])
        bands["SIGMA_DY"] = np.full(dx.shape, sigma[1])
    if velocity_days:
        f = 365.25 / velocity_days
        bands.update({"VX": dx * f, "VY": dy * f, "VELOCITY": np.hypot(dx, dy) * f})
        if sigma is not None:
            bands.update({"SIGMA_VX": bands["SIGMA_DX"] * f, "SIGMA_VY": bands["SIGMA_DY"] * f})
    return bands


def write_product(path, bands, metadata=None) -> str:
    from sensetrack.core.output import write_raster

    return write_raster(str(path), bands, GT, wkt(), metadata={"SENSETRACK_UNITS": "m", **(metadata or {})})


def write_series(folder, dx_stack, dy_stack, dates, prefix="ts"):
    """Contract time-series files ``<prefix>_DX.tif`` / ``<prefix>_DY.tif`` (one band per date)."""
    from sensetrack.core.output import RasterWriter

    out = []
    for comp, stack in (("DX", dx_stack), ("DY", dy_stack)):
        path = str(folder / f"{prefix}_{comp}.tif")
        with RasterWriter(path, SHAPE[1], SHAPE[0], list(dates), GT, wkt(), units=["m"] * len(dates),
                          metadata={"SENSETRACK_KIND": "timeseries", "SENSETRACK_COMPONENT": comp},
                          band_metadata=[{"DATE": d} for d in dates]) as w:
            for i, a in enumerate(stack, start=1):
                w.write(i, a)
        out.append(path)
    return out


def digest(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


# ---- inverse velocity: a Fukuzono series with a known failure time ------------------------------------------
T0 = dt.datetime(2023, 1, 1)
ONSET, FAILURE, END, B = 120.0, 215.0, 200.0, 0.5  # days after T0; 1/v = B (tf - t) (day/m)


def fukuzono(seed=0, noise=0.05, step=6.0):
    """Cumulative displacement (m) every ``step`` days: steady creep, then 1/v linear to FAILURE; Gaussian noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(0, END + 1e-9, step)
    v0 = 1 / (B * (FAILURE - ONSET))
    d = np.where(t < ONSET, v0 * t, v0 * ONSET + np.log((FAILURE - ONSET) / (FAILURE - t)) / B)
    return t, d + rng.normal(0, noise, t.size)


def days_to_dates(days):
    return [T0 + dt.timedelta(days=float(d)) for d in days]


def write_fukuzono_series(folder):
    """DX/DY time-series files of the seed-1 Fukuzono history moving towards azimuth 200, small per-cell noise."""
    t, d = fukuzono(seed=1)
    dates = [x.strftime("%Y-%m-%d") for x in days_to_dates(t)]
    az = np.radians(200.0)
    ones = np.ones(SHAPE)
    noise = np.random.default_rng(9).normal(0, 0.02, (t.size,) + SHAPE)
    dx = [ones * di * np.sin(az) + n for di, n in zip(d, noise)]
    dy = [ones * di * np.cos(az) + n for di, n in zip(d, noise[::-1])]
    dx[0][:] = 0
    dy[0][:] = 0
    return write_series(folder, dx, dy, dates), dates
