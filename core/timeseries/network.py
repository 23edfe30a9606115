"""Network of image pairs for a displacement time series.

A pair (reference = earlier image, target = later image) measures the
displacement accumulated between its two dates. :func:`build_network`
chooses the pairs from rules on the temporal baseline; :func:`connected_groups`
tells whether the pairs link every date to every other (one group) or split
the dates into independent groups, between which the network alone says
nothing (the inversion then bridges them only through its regularisation).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import InputError, ParameterError
from ..output import atomic_path
from ..postprocess.velocity import parse_date


@dataclass(frozen=True)
class Pair:
    """One pair of the network: ``reference`` (earlier) and ``target`` (later) image paths and dates."""

    reference: str
    target: str
    reference_date: dt.datetime
    target_date: dt.datetime

    @property
    def baseline_days(self) -> float:
        """Temporal baseline (target date minus reference date), days."""
        return (self.target_date - self.reference_date).total_seconds() / 86400.0

    @property
    def name(self) -> str:
        """``YYYYMMDD_YYYYMMDD`` (reference_target): the stem of the pair's product file."""
        return f"{self.reference_date:%Y%m%d}_{self.target_date:%Y%m%d}"


def sort_images(images: Sequence[Tuple[str, dt.datetime]]) -> List[Tuple[str, dt.datetime]]:
    """Images sorted by date; refuses fewer than two images and two images of the same day."""
    ordered = sorted(((str(p), d) for p, d in images), key=lambda x: x[1])
    if len(ordered) < 2:
        raise InputError(f"A time series needs at least two dated images; got {len(ordered)}.")
    for (p0, d0), (p1, d1) in zip(ordered, ordered[1:]):
        if d0.date() == d1.date():
            raise InputError(
                f"'{os.path.basename(p0)}' and '{os.path.basename(p1)}' have the same date ({d0:%Y-%m-%d}). "
                "Keep one image per date (pairs are named by their dates), or correct the date table.")
    return ordered


def _season_gap(d0: dt.datetime, d1: dt.datetime) -> float:
    """Distance between the days of the year of two dates, days (0..183, across the new year)."""
    a = d0.timetuple().tm_yday
    b = d1.timetuple().tm_yday
    g = abs(a - b) % 365.25
    return min(g, 365.25 - g)


def build_network(images: Sequence[Tuple[str, dt.datetime]], min_baseline: float = 0,
                  max_baseline: Optional[float] = None, max_per_image: Optional[int] = None,
                  consecutive: bool = True, season_window: Optional[float] = None) -> List[Pair]:
    """Pairs of a set of dated images.

    Parameters
    ----------
    images : sequence of (path, datetime)
    min_baseline, max_baseline : float
        Temporal baseline limits, days (``max_baseline`` None = no limit).
    max_per_image : int, optional
        At most this many pairs per image; the shortest baselines are kept
        first (consecutive pairs always count and are always kept).
    consecutive : bool
        Always pair each image with the next one, whatever the other rules,
        so that every date is linked.
    season_window : float, optional
        Keep only pairs whose days of the year are within this many days
        (same season; avoids illumination differences on slopes).

    Returns
    -------
    list of Pair, sorted by reference then target date.
    """
    ordered = sort_images(images)
    if max_baseline is not None and max_baseline <= 0:
        raise ParameterError("The maximum baseline must be positive (days), or empty for no limit.")
    if max_baseline is not None and max_baseline < min_baseline:
        raise ParameterError(f"The maximum baseline ({max_baseline} days) is below the minimum ({min_baseline}).")
    if max_per_image is not None and max_per_image < 1:
        raise ParameterError("The number of pairs per image must be at least 1 (or empty for no limit).")
    n = len(ordered)
    chosen: Dict[Tuple[int, int], None] = {}
    count = [0] * n
    if consecutive:
        for i in range(n - 1):
            chosen[(i, i + 1)] = None
            count[i] += 1
            count[i + 1] += 1
    candidates = []
    for i in range(n):
        for j in range(i + 1, n):
            days = (ordered[j][1] - ordered[i][1]).total_seconds() / 86400.0
            if days < min_baseline or (max_baseline is not None and days > max_baseline):
                continue
            if season_window is not None and _season_gap(ordered[i][1], ordered[j][1]) > season_window:
                continue
            candidates.append((days, i, j))
    for _, i, j in sorted(candidates):
        if (i, j) in chosen:
            continue
        if max_per_image is not None and (count[i] >= max_per_image or count[j] >= max_per_image):
            continue
        chosen[(i, j)] = None
        count[i] += 1
        count[j] += 1
    pairs = [Pair(ordered[i][0], ordered[j][0], ordered[i][1], ordered[j][1]) for i, j in sorted(chosen)]
    if not pairs:
        raise InputError("No pair satisfies the rules (baselines, season window). Relax them or keep the "
                         "consecutive pairs.")
    return pairs


def connected_groups(pairs: Iterable[Pair], dates: Optional[Iterable[dt.datetime]] = None) \
        -> List[List[dt.datetime]]:
    """Dates linked by the pairs, as groups (each sorted; groups ordered by their first date).

    ``dates`` adds dates that no pair touches (each is then a group of its own).
    """
    parent: Dict[dt.datetime, dt.datetime] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in dates or ():
        parent.setdefault(d, d)
    for p in pairs:
        parent.setdefault(p.reference_date, p.reference_date)
        parent.setdefault(p.target_date, p.target_date)
        a, b = find(p.reference_date), find(p.target_date)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: Dict[dt.datetime, List[dt.datetime]] = {}
    for d in parent:
        groups.setdefault(find(d), []).append(d)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def describe_groups(groups: Sequence[Sequence[dt.datetime]]) -> str:
    """'2023-01-05..2023-03-06 (3 dates); 2023-06-01..2023-09-01 (2 dates)'."""
    return "; ".join(f"{g[0]:%Y-%m-%d}..{g[-1]:%Y-%m-%d} ({len(g)} date{'s' if len(g) > 1 else ''})"
                     for g in groups)


PAIR_TABLE_FIELDS = ("name", "reference", "target", "reference_date", "target_date", "baseline_days")


def pair_rows(pairs: Sequence[Pair]) -> List[dict]:
    return [{"name": p.name, "reference": p.reference, "target": p.target,
             "reference_date": p.reference_date.isoformat(), "target_date": p.target_date.isoformat(),
             "baseline_days": round(p.baseline_days, 6)} for p in pairs]


def write_pair_table(pairs: Sequence[Pair], path: str) -> str:
    """Write the pair table (CSV, columns :data:`PAIR_TABLE_FIELDS`) atomically."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, PAIR_TABLE_FIELDS)
            w.writeheader()
            w.writerows(pair_rows(pairs))
    return os.path.abspath(path)


def read_pair_table(path: str) -> List[Pair]:
    """Pairs from a table written by :func:`write_pair_table` (or any CSV with reference, target and dates)."""
    if not os.path.isfile(path):
        raise InputError(f"The pair table '{path}' does not exist.")
    base = os.path.dirname(os.path.abspath(path))
    pairs = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        need = {"reference", "target", "reference_date", "target_date"}
        if not need <= set(reader.fieldnames or ()):
            raise InputError(f"The pair table '{os.path.basename(path)}' needs the columns "
                             f"{', '.join(sorted(need))}; it has {', '.join(reader.fieldnames or ())}.")
        for n, row in enumerate(reader, start=2):
            d0, d1 = parse_date(row["reference_date"]), parse_date(row["target_date"])
            if d0 is None or d1 is None or d1 <= d0:
                raise InputError(f"Line {n} of '{os.path.basename(path)}': the dates must be YYYY-MM-DD with the "
                                 "reference before the target.")
            ref, tar = (r if os.path.isabs(r) else os.path.join(base, r) for r in (row["reference"], row["target"]))
            pairs.append(Pair(ref, tar, d0, d1))
    if not pairs:
        raise InputError(f"The pair table '{os.path.basename(path)}' has no pair.")
    return pairs
