"""A stack of pair displacement products on one grid: dates, checks and block reading.

Any two-band (or more) raster with bands named ``DX`` and ``DY`` can be a
pair product; SenseTrack products also carry ``SIGMA_DX``/``SIGMA_DY`` and
their dates. A pair's dates come, in this order, from its metadata
(``SENSETRACK_REFERENCE_DATE``/``SENSETRACK_TARGET_DATE``), from the dates
of the tracked images it names (``SENSETRACK_REFERENCE``/``SENSETRACK_TARGET``,
see :mod:`.dates`), from two dates in the file name
(``20230105_20230306.tif``) or from the date table (the product's row gives
``reference_date/target_date``, or the rows of its two images).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal

from ..errors import GridMismatchError, InputError
from ..gdal_utils import gdal_errors, open_input_raster, same_crs
from ..postprocess.velocity import parse_date
from ..raster import IDENTITY_GT
from .dates import _table_lookup, image_date
from .solver import DAYS_PER_YEAR, Design

_TWO_DATES = re.compile(r"(?<!\d)((?:19|20)\d{6})(?:T\d{6})?[_-]+((?:19|20)\d{6})(?!\d)")


@dataclass
class PairProduct:
    path: str
    reference_date: dt.datetime
    target_date: dt.datetime
    bands: Dict[str, int]
    nodata: Dict[str, Optional[float]]
    origin: str = ""

    @property
    def name(self) -> str:
        return f"{self.reference_date:%Y%m%d}_{self.target_date:%Y%m%d}"


@dataclass
class Stack:
    """Pair products (sorted by dates) sharing one grid."""

    products: List[PairProduct]
    dates: List[dt.datetime]
    width: int
    height: int
    geotransform: Tuple[float, ...]
    crs_wkt: str
    georeferenced: bool
    units: str
    has_sigma: bool
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @property
    def design(self) -> Design:
        index = {d: i for i, d in enumerate(self.dates)}
        t = np.array([(d - self.dates[0]).total_seconds() / 86400.0 / DAYS_PER_YEAR for d in self.dates])
        return Design(np.array([index[p.reference_date] for p in self.products]),
                      np.array([index[p.target_date] for p in self.products]), t)

    def read_rows(self, row0: int, nrows: int) -> Dict[str, np.ndarray]:
        """DX, DY (and SIGMA_DX, SIGMA_DY) of every pair for rows row0..row0+nrows: (P, nrows * width) float32."""
        return self.read_window(row0, 0, nrows, self.width)

    def read_window(self, row0: int, col0: int, nrows: int, ncols: int) -> Dict[str, np.ndarray]:
        """The same for a window of ``nrows`` x ``ncols`` pixels: (P, nrows * ncols) float32, NaN = nodata."""
        datasets = getattr(self._local, "datasets", None)
        if datasets is None:  # GDAL datasets must not be shared between threads: one set per reading thread
            with gdal_errors():
                datasets = self._local.datasets = [gdal.Open(p.path) for p in self.products]
        names = ("DX", "DY", "SIGMA_DX", "SIGMA_DY") if self.has_sigma else ("DX", "DY")
        out = {n: np.empty((len(self.products), nrows * ncols), np.float32) for n in names}
        with gdal_errors():
            for k, (p, ds) in enumerate(zip(self.products, datasets)):
                for n in names:
                    try:
                        a = ds.GetRasterBand(p.bands[n]).ReadAsArray(col0, row0, ncols, nrows).astype(np.float32)
                    except RuntimeError as exc:  # a damaged file: bad input, not a crash worth retrying
                        raise InputError(f"Cannot read band {n} of the pair product '{os.path.basename(p.path)}' "
                                         f"at rows {row0}..{row0 + nrows - 1}, columns {col0}..{col0 + ncols - 1}: "
                                         f"{exc}. The file is damaged: make the pair product again.") from None
                    nd = p.nodata[n]
                    if nd is not None and np.isfinite(nd):
                        a[a == nd] = np.nan
                    out[n][k] = a.ravel()
        return out

    def close(self) -> None:
        self._local = threading.local()


def _pair_dates(path: str, md: Mapping[str, str], table: Optional[Mapping[str, str]]) \
        -> Tuple[Optional[dt.datetime], Optional[dt.datetime], str]:
    d0 = parse_date(md.get("SENSETRACK_REFERENCE_DATE", ""))
    d1 = parse_date(md.get("SENSETRACK_TARGET_DATE", ""))
    if d0 and d1:
        return d0, d1, "metadata"
    refs = [md.get("SENSETRACK_REFERENCE", ""), md.get("SENSETRACK_TARGET", "")]
    if all(refs):
        try:
            return image_date(refs[0], table), image_date(refs[1], table), "tracked images"
        except InputError:
            pass
    m = _TWO_DATES.search(os.path.basename(path))
    if m:
        a, b = parse_date(m.group(1)), parse_date(m.group(2))
        if a and b:
            return a, b, "file name"
    if table:
        text = _table_lookup(path, table)
        if text:
            found = re.findall(r"\d{4}-?\d{2}-?\d{2}(?:[T ]\d{2}:?\d{2}:?\d{2})?", text)
            if len(found) == 2:
                return parse_date(found[0]), parse_date(found[1]), "date table"
    return None, None, ""


def open_stack(products: Sequence[str], dates_table: Optional[Mapping[str, str]] = None) -> Stack:
    """Open and check pair products for an inversion; clear errors for anything unusable."""
    paths = [str(p) for p in products if str(p)]
    if len(paths) < 1:
        raise InputError("No pair product was given. Give the products of sensetrack:trackpairs (or any DX/DY "
                         "rasters) as layers or a folder.")
    found: List[PairProduct] = []
    first = None
    for path in paths:
        ds = open_input_raster(path, "pair product")
        names = {ds.GetRasterBand(i).GetDescription(): i for i in range(ds.RasterCount, 0, -1)}
        if "DX" not in names or "DY" not in names:
            raise InputError(f"'{os.path.basename(path)}' is not a displacement product: it has no bands named DX "
                             f"and DY (found: {', '.join(n for n in names if n) or 'unnamed bands'}).")
        md = dict(ds.GetMetadata() or {})
        d0, d1, origin = _pair_dates(path, md, dates_table)
        if d0 is None:
            raise InputError(
                f"The pair product '{os.path.basename(path)}' has no dates: not in its metadata "
                "(SENSETRACK_REFERENCE_DATE/TARGET_DATE), nor from its tracked images, nor as two dates in its name "
                "(e.g. 20230105_20230306.tif)" + (", nor in the date table" if dates_table else "") +
                ". Rename it or give a date table (CSV: path, reference_date/target_date).")
        if d1 <= d0:
            raise InputError(f"In '{os.path.basename(path)}' the target date {d1:%Y-%m-%d} is not after the "
                             f"reference date {d0:%Y-%m-%d}.")
        gt = ds.GetGeoTransform(can_return_null=True)
        grid = (ds.RasterXSize, ds.RasterYSize, tuple(gt) if gt else IDENTITY_GT, ds.GetProjection() or "")
        if first is None:
            first = (path, grid, md.get("SENSETRACK_UNITS", ""))
        else:
            (w0, h0, g0, c0), (w1, h1, g1, c1) = first[1], grid
            px = max(abs(g0[1]), abs(g0[5]), 1e-12)
            if (w0, h0) != (w1, h1) or np.max(np.abs(np.subtract(g0, g1))) > 1e-3 * px or \
                    (c0 and c1 and not same_crs(c0, c1)) or bool(c0) != bool(c1):
                raise GridMismatchError(
                    f"'{os.path.basename(path)}' ({w1}x{h1} px) is not on the grid of "
                    f"'{os.path.basename(first[0])}' ({w0}x{h0} px): all pair products must share one grid (same "
                    "CRS, extent and pixel size). Track every pair on the same reference grid, or resample them.")
        bands = {n: names[n] for n in ("DX", "DY", "SIGMA_DX", "SIGMA_DY") if n in names}
        nodata = {n: ds.GetRasterBand(i).GetNoDataValue() for n, i in bands.items()}
        found.append(PairProduct(os.path.abspath(path), d0, d1, bands, nodata, origin))
        ds = None
    found.sort(key=lambda p: (p.reference_date, p.target_date))
    seen: Dict[Tuple, str] = {}
    for p in found:
        key = (p.reference_date.date(), p.target_date.date())
        if key in seen:
            raise InputError(f"'{os.path.basename(p.path)}' and '{os.path.basename(seen[key])}' are the same pair "
                             f"({p.name}). Keep one product per pair.")
        seen[key] = p.path
    dates = sorted({p.reference_date for p in found} | {p.target_date for p in found})
    for a, b in zip(dates, dates[1:]):
        if a.date() == b.date():
            raise InputError(f"Two different times on the same day ({a:%Y-%m-%d %H:%M} and {b:%H:%M}) among the "
                             "pair dates: the products disagree about an image's date. Correct the dates.")
    w, h, gt, crs = first[1]
    return Stack(found, dates, w, h, gt, crs, gt != IDENTITY_GT, first[2] or ("m" if crs else "pixel"),
                 all("SIGMA_DX" in p.bands and "SIGMA_DY" in p.bands for p in found))
