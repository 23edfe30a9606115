#!/usr/bin/env python3
"""Print the RMSE of a time series (``<prefix>_dx.tif``/``_dy.tif``) against the exact truth, per date.

Usage: ts_accuracy.py <series prefix> <truth prefix>   (e.g. demo-output/timeseries/slope sample_data/stack/truth)
"""
import sys

import numpy as np
from osgeo import gdal


def main(series: str, truth: str) -> None:
    ds = gdal.Open(series + "_dx.tif")
    dates = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    ds = None
    err = {}
    for comp in ("dx", "dy"):
        est = gdal.Open(f"{series}_{comp}.tif").ReadAsArray().astype(float)
        true = gdal.Open(f"{truth}_{comp}.tif").ReadAsArray().astype(float)
        err[comp] = est - true
        moving = np.abs(true[-1]) > 1.0
    print("date        RMSE DX / DY (m), all pixels   RMSE DX / DY (m), moving lobe")
    for k, d in enumerate(dates):
        r = [np.sqrt(np.nanmean(err[c][k] ** 2)) for c in ("dx", "dy")]
        m = [np.sqrt(np.nanmean(err[c][k][moving] ** 2)) for c in ("dx", "dy")]
        print(f"{d}  {r[0]:6.2f} / {r[1]:5.2f}                  {m[0]:6.2f} / {m[1]:5.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
