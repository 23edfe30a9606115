"""Time-series product files (the contract format shared with core/timeseries).

Cumulative displacement rasters, one band per date, band description = the
date as ISO ``YYYY-MM-DD`` (band metadata ``DATE`` too), dataset metadata
``SENSETRACK_KIND=timeseries`` and ``SENSETRACK_COMPONENT=DX`` or ``DY``,
float32 with NaN nodata, map units, 0 at the first date. This module finds
and checks the DX/DY pair and reads bands; it writes nothing.
"""
from __future__ import annotations

import os
from typing import Any, List, Optional, Tuple

import numpy as np
from osgeo import gdal

from .errors import InputError
from .gdal_utils import gdal_errors


def _open_series(path: str):
    with gdal_errors():
        try:
            ds = gdal.Open(path)
        except RuntimeError as exc:
            raise InputError(f"Cannot read '{path}': {exc}.") from None
    md = ds.GetMetadata() or {}
    return ds, md


def is_timeseries(path: str) -> bool:
    """True for a time-series product file (``SENSETRACK_KIND=timeseries``)."""
    if not path.lower().endswith((".tif", ".tiff", ".vrt")) or not os.path.exists(path):
        return False
    try:
        ds, md = _open_series(path)
    except InputError:
        return False
    return md.get("SENSETRACK_KIND", "").lower() == "timeseries"


def partner_component(path: str, component: str) -> str:
    """The other component's file of a DX/DY time-series pair (DX<->DY in the file name, checked by metadata)."""
    want = "DY" if component == "DX" else "DX"
    folder, name = os.path.split(path)
    for pattern in (component, component.lower()):
        idx = name.rfind(pattern)
        if idx < 0:
            continue
        repl = want if pattern.isupper() else want.lower()
        cand = os.path.join(folder, name[:idx] + repl + name[idx + len(pattern):])
        if os.path.exists(cand) and is_timeseries(cand):
            if _open_series(cand)[1].get("SENSETRACK_COMPONENT", "").upper() == want:
                return cand
    raise InputError(f"The time-series file '{name}' holds {component}; its {want} file was not found beside it "
                     f"(same name with {component} replaced by {want}). Give the {want} file explicitly.")


def series_dates(ds) -> List[str]:
    return [ds.GetRasterBand(i).GetDescription() or ds.GetRasterBand(i).GetMetadataItem("DATE") or f"band{i}"
            for i in range(1, ds.RasterCount + 1)]


def read_series_pair(path: str, other: Optional[str] = None) -> Tuple[str, str, Any, Any, List[str]]:
    """(dx path, dy path, dx dataset, dy dataset, dates) of a time-series pair; errors name what is wrong."""
    ds, md = _open_series(path)
    comp = md.get("SENSETRACK_COMPONENT", "").upper()
    if comp not in ("DX", "DY"):
        raise InputError(f"'{os.path.basename(path)}' is a time series of {comp or 'an unknown component'}, not of "
                         "DX or DY: the terrain tools need the horizontal displacement (DX and DY files).")
    other = other or partner_component(path, comp)
    ods, omd = _open_series(other)
    if omd.get("SENSETRACK_COMPONENT", "").upper() != ("DY" if comp == "DX" else "DX"):
        raise InputError(f"'{os.path.basename(other)}' is not the {'DY' if comp == 'DX' else 'DX'} time series "
                         f"matching '{os.path.basename(path)}' (SENSETRACK_COMPONENT metadata).")
    dates, odates = series_dates(ds), series_dates(ods)
    if dates != odates or (ds.RasterXSize, ds.RasterYSize) != (ods.RasterXSize, ods.RasterYSize) \
            or tuple(ds.GetGeoTransform()) != tuple(ods.GetGeoTransform()):
        raise InputError(f"'{os.path.basename(path)}' and '{os.path.basename(other)}' do not share their dates and "
                         "grid: use the DX and DY files of the same time series.")
    if comp == "DY":
        path, other, ds, ods = other, path, ods, ds
    return path, other, ds, ods, dates


def read_band(ds, i: int) -> np.ndarray:
    b = ds.GetRasterBand(i)
    a = b.ReadAsArray().astype(np.float64)
    nd = b.GetNoDataValue()
    if nd is not None and np.isfinite(nd):
        a[a == nd] = np.nan
    return a
