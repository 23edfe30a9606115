"""Displacement to velocity from the two acquisition dates.

Dates come, in this order, from the parameters, from the product's
``SENSETRACK_REFERENCE_DATE`` / ``SENSETRACK_TARGET_DATE`` metadata, from the
acquisition metadata of the tracked files (``ACQUISITION_START_TIME``,
``ACQUISITION_DATE``, ``DATE_ACQUIRED``…; not ``TIFFTAG_DATETIME``, which
is usually the processing time) or from the file names
(``YYYYMMDD`` or ``YYYY-MM-DD``, e.g. Sentinel-1 ``…_20230105T170000_…``).
The reference date must be earlier than the target date.

Velocity bands: ``VX`` (east), ``VY`` (north), ``VELOCITY`` (>= 0),
``DIRECTION`` (carried over, degrees clockwise from north) and, when the
displacement has them, ``SIGMA_VX``, ``SIGMA_VY``, ``VELOCITY_ERROR``, all in
metres (map units) per day or per year (365.25 days).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Dict, Optional, Tuple

import numpy as np

from ..errors import ParameterError
from ..gdal_utils import gdal_errors

UNITS = {"m/day": 1.0, "m/year": 365.25}
_DATE_KEYS = ("SENSETRACK_ACQUISITION_DATE", "ACQUISITION_START_TIME", "ACQUISITION_DATE", "first_line_time",
              "DATE_ACQUIRED", "ACQUISITION_TIME", "SENSING_TIME")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?:[T_]?(\d{2})(\d{2})(\d{2}))?")


def parse_date(text: str) -> Optional[dt.datetime]:
    """A datetime from ISO text, ``YYYYMMDD[THHMMSS]`` or ``YYYY:MM:DD HH:MM:SS`` (TIFF); None if none."""
    if not text:
        return None
    s = str(text).strip()
    for fmt in ("%Y:%m:%d %H:%M:%S",):
        try:
            return dt.datetime.strptime(s, fmt)
        except ValueError:
            pass
    try:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        return d.replace(tzinfo=None) if d.tzinfo is None else d.astimezone(dt.timezone.utc).replace(tzinfo=None)
    except ValueError:
        pass
    m = _NAME_DATE.search(s)
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        return dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def _file_date(path: str) -> Tuple[Optional[dt.datetime], str]:
    if not path:
        return None, ""
    if os.path.exists(path):
        try:
            from osgeo import gdal

            with gdal_errors():
                ds = gdal.Open(path)
                md = dict(ds.GetMetadata() or {})
            for key in _DATE_KEYS:
                if key in md:
                    d = parse_date(md[key])
                    if d:
                        return d, f"metadata {key} of {os.path.basename(path)}"
        except RuntimeError:
            pass
    d = parse_date(os.path.basename(path))
    return (d, f"file name {os.path.basename(path)}") if d else (None, "")


def resolve_dates(metadata: Dict[str, str], reference_date: str = "", target_date: str = "") \
        -> Tuple[dt.datetime, dt.datetime, str]:
    """(reference date, target date, where they came from); raises if unknown or in the wrong order."""
    found = []
    for given, key, src in ((reference_date, "SENSETRACK_REFERENCE_DATE", "SENSETRACK_REFERENCE"),
                            (target_date, "SENSETRACK_TARGET_DATE", "SENSETRACK_TARGET")):
        if given:
            d = parse_date(given)
            if d is None:
                raise ParameterError(f"Cannot read the date '{given}'; use YYYY-MM-DD (or YYYY-MM-DDTHH:MM:SS).")
            found.append((d, "parameter"))
            continue
        d = parse_date(metadata.get(key, ""))
        if d:
            found.append((d, f"metadata {key}"))
            continue
        d, origin = _file_date(metadata.get(src, ""))
        if d is None:
            which = "reference" if key.startswith("SENSETRACK_REF") else "target"
            raise ParameterError(
                f"The {which} acquisition date is unknown (not in the parameters, the result's metadata or the "
                f"{which} file name). Give it as a parameter (YYYY-MM-DD)."
            )
        found.append((d, origin))
    (d0, o0), (d1, o1) = found
    if d1 <= d0:
        raise ParameterError(
            f"The dates are in the wrong order: reference {d0:%Y-%m-%d %H:%M} is not earlier than target "
            f"{d1:%Y-%m-%d %H:%M}. The reference must be the earlier acquisition (swap them)."
        )
    return d0, d1, f"reference date from {o0}; target date from {o1}"


def interval_days(d0: dt.datetime, d1: dt.datetime) -> float:
    return (d1 - d0).total_seconds() / 86400.0


def velocity_bands(bands: Dict[str, np.ndarray], days: float, unit: str = "m/year") -> Dict[str, np.ndarray]:
    """Velocity bands from displacement bands (DX, DY[, SIGMA_DX, SIGMA_DY, ERROR]) over ``days``."""
    if unit not in UNITS:
        raise ParameterError(f"Unknown velocity unit '{unit}'; choose one of {', '.join(UNITS)}.")
    if not days > 0:
        raise ParameterError("The time between the acquisitions must be positive.")
    f = UNITS[unit] / days
    vx, vy = bands["DX"] * f, bands["DY"] * f
    out = {"VX": vx, "VY": vy, "VELOCITY": np.hypot(vx, vy), "DIRECTION": bands["DIRECTION"]}
    for src, dst in (("SIGMA_DX", "SIGMA_VX"), ("SIGMA_DY", "SIGMA_VY"), ("ERROR", "VELOCITY_ERROR")):
        if src in bands:
            out[dst] = bands[src] * f
    return out
