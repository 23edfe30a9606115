"""Acquisition date of an image, for building a time series.

Sources, in this order (the first that gives a date wins):

1. SenseTrack metadata written by our readers and products
   (``SENSETRACK_ACQUISITION_DATE``, ``ACQUISITION_START_TIME``,
   ``ACQUISITION_DATE``, ``DATE_ACQUIRED``…; see
   :mod:`core.postprocess.velocity`; never ``TIFFTAG_DATETIME``, which is
   usually the processing time).
2. A sensor file-name convention: Sentinel-1, Sentinel-2 (product and tile
   file names), Landsat collection names, COSMO-SkyMed (CSK and CSG),
   PRISMA and PlanetScope.
3. A ``YYYYMMDD`` (optionally ``THHMMSS``) or ``YYYY-MM-DD`` anywhere in
   the file name.
4. The optional date table (CSV with columns ``path, date``), matched by
   full path, file name or file stem.

Dates are naive ``datetime`` objects in UTC.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
from typing import Dict, Mapping, Optional, Tuple

from ..errors import InputError
from ..postprocess.velocity import _DATE_KEYS, parse_date

_S1 = re.compile(r"^S1[A-D]_[A-Z0-9]{2}_[A-Z0-9_]{4}_[0-9A-Z]{4}_(\d{8}T\d{6})_")
_S2 = re.compile(r"^S2[A-D]_MSI[A-Z0-9]{3}_(\d{8}T\d{6})_")
_S2_TILE = re.compile(r"^T\d{2}[A-Z]{3}_(\d{8}T\d{6})_")
_LANDSAT = re.compile(r"^L[CEOTM]0\d_[A-Z0-9]{4}_\d{6}_(\d{8})_\d{8}_\d{2}_[A-Z0-9]{2}")
_PRISMA = re.compile(r"^PRS_L[0-9][A-Z]?_[A-Z]{3}[A-Z0-9_]*?_(\d{14})_\d{14}_")
_PLANET = re.compile(r"^(\d{8})_(\d{6})_(?:\d{2}_)?[0-9a-f]{4}(?:_|$)")


def _stamp(text: str) -> dt.datetime:
    text = text.replace("T", "")
    return dt.datetime.strptime(text, "%Y%m%d%H%M%S" if len(text) == 14 else "%Y%m%d")


def _from_metadata(path: str) -> Tuple[Optional[dt.datetime], str]:
    if not os.path.exists(path):
        return None, ""
    try:
        from osgeo import gdal

        from ..gdal_utils import gdal_errors

        with gdal_errors():
            ds = gdal.Open(path)
            md = dict(ds.GetMetadata() or {})
    except RuntimeError:
        return None, ""
    for key in _DATE_KEYS:
        d = parse_date(md.get(key, ""))
        if d:
            return d, f"metadata {key}"
    return None, ""


def convention_date(name: str) -> Tuple[Optional[dt.datetime], str]:
    """(date, convention) from a sensor file-name convention, or (None, "")."""
    base = os.path.basename(name)
    for regex, label in ((_S1, "Sentinel-1"), (_S2, "Sentinel-2"), (_S2_TILE, "Sentinel-2 tile"),
                         (_LANDSAT, "Landsat"), (_PRISMA, "PRISMA")):
        m = regex.match(base)
        if m:
            try:
                return _stamp(m.group(1)), f"{label} file name"
            except ValueError:
                pass
    if base.startswith(("CSKS", "CSG_")):
        from ..cosmo.naming import parse_cosmo_name

        try:
            return dt.datetime.fromisoformat(parse_cosmo_name(os.path.splitext(base)[0])["start"]), \
                "COSMO-SkyMed file name"
        except (InputError, ValueError, KeyError):
            pass
    m = _PLANET.match(base)
    if m:
        try:
            return _stamp(m.group(1) + m.group(2)), "PlanetScope file name"
        except ValueError:
            pass
    return None, ""


def _table_lookup(path: str, table: Mapping[str, str]) -> Optional[str]:
    base = os.path.basename(path)
    keys = (path, os.path.abspath(path), base, os.path.splitext(base)[0])
    for key in keys:
        if key in table:
            return table[key]
    by_name = {os.path.basename(str(k)): v for k, v in table.items()}
    return by_name.get(base)


def image_date_with_source(path: str, table: Optional[Mapping[str, str]] = None) -> Tuple[dt.datetime, str]:
    """(date, where it came from) for ``path``; see the module doc for the order of the sources."""
    d, origin = _from_metadata(path)
    if d is None:
        d, origin = convention_date(path)
    if d is None:
        d = parse_date(os.path.basename(path))
        origin = "date in the file name" if d else ""
    if d is None and table:
        text = _table_lookup(path, table)
        if text is not None:
            d = parse_date(text)
            if d is None:
                raise InputError(f"The date table gives '{text}' for '{os.path.basename(path)}', which is not a "
                                 "date; write it as YYYY-MM-DD.")
            origin = "date table"
    if d is None:
        raise InputError(
            f"No acquisition date for '{os.path.basename(path)}': it is not in the file's metadata nor in its "
            "name (YYYYMMDD or YYYY-MM-DD, or a Sentinel-1/2, Landsat, COSMO-SkyMed, PRISMA or PlanetScope "
            "name)" + (" nor in the date table" if table else "") + ". Add it to a date table (CSV: path, date).")
    return d, origin


def image_date(path: str, table: Optional[Mapping[str, str]] = None) -> dt.datetime:
    """Acquisition date of the image at ``path`` (naive UTC datetime).

    Raises
    ------
    InputError
        No source gives a date; the message names the file.
    """
    return image_date_with_source(path, table)[0]


def read_date_table(path: str) -> Dict[str, str]:
    """A date table (CSV: ``path, date``; a header row is optional) as {path or name: date text}."""
    if not path:
        return {}
    if not os.path.isfile(path):
        raise InputError(f"The date table '{path}' does not exist.")
    out: Dict[str, str] = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        sample = f.read(4096)
        f.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        for n, row in enumerate(csv.reader(f, dialect), start=1):
            row = [c.strip() for c in row]
            if not row or not row[0] or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise InputError(f"Line {n} of the date table '{os.path.basename(path)}' needs two columns: "
                                 "path, date.")
            if parse_date(row[1]) is None:
                if n == 1:  # header
                    continue
                raise InputError(f"Line {n} of the date table '{os.path.basename(path)}': '{row[1]}' is not a "
                                 "date; write it as YYYY-MM-DD.")
            out[row[0]] = row[1]
    if not out:
        raise InputError(f"The date table '{os.path.basename(path)}' has no row 'path, date'.")
    return out
