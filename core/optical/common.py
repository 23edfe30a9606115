"""What the Sentinel-2 and Landsat readers hand to the common pipeline (:mod:`.reader`).

A reader turns a product into a :class:`Scene`: one :class:`BandFile` per
band it offers (file, resolution, radiometric formula, grid the metadata
promises), the mask sources, and the metadata that goes into the output.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np


@dataclass(frozen=True)
class Radiometry:
    """Digital number to reflectance: ``(DN * mult + add) / div`` (unitless, 1 = 100 %).

    Sentinel-2: mult 1, add = RADIO_ADD_OFFSET (L1C) or BOA_ADD_OFFSET (L2A),
    div = the quantification value. Landsat Level-1: mult/add = the MTL's
    REFLECTANCE_MULT/ADD_BAND_n, div = sin(sun elevation). Landsat Level-2:
    the MTL's surface-reflectance MULT/ADD, div 1.
    """

    mult: float
    add: float
    div: float
    invalid: Tuple[int, ...] = (0,)  # DN values that are not measurements (no data, fill, saturated)

    def apply(self, dn: np.ndarray) -> np.ndarray:
        """Float32 reflectance, NaN where the DN is one of :attr:`invalid`."""
        dn = np.asarray(dn)
        out = ((dn.astype(np.float64) * self.mult + self.add) / self.div).astype(np.float32)
        if self.invalid:
            out[np.isin(dn, self.invalid)] = np.nan
        return out

    def formula(self) -> str:
        mult = "" if self.mult == 1 else f" * {self.mult:g}"
        div = "" if self.div == 1 else f" / {self.div:.10g}"
        return f"(DN{mult} + {self.add:g}){div}" if div else f"DN{mult} + {self.add:g}"


@dataclass(frozen=True)
class ExpectedGrid:
    """The grid the metadata promises for a band file (checked before reading it)."""

    epsg: Optional[int]  # None: not checked (e.g. Landsat polar stereographic)
    res: float
    origin: Tuple[float, float]  # a pixel corner of the grid
    extent: Optional[Tuple[float, float, float, float]]  # the file must lie inside (xmin, ymin, xmax, ymax)


@dataclass
class BandFile:
    """One band of the product."""

    name: str  # "B08", "B8A" (Sentinel-2); "B8" (Landsat)
    path: str  # GDAL path (/vsizip/..., /vsitar/... or a file)
    rel: str  # path inside the product, for messages
    res: float  # metres
    radiometry: Radiometry
    grid: ExpectedGrid


@dataclass
class Scene:
    """A product ready to read: bands, masks, metadata."""

    name: str
    path: str  # the input as given
    mission: str  # "Sentinel-2" | "Landsat"
    level: str  # "L1C", "L2A", "L1TP", "L2SP"...
    acquired: dt.datetime  # UTC
    bands: Dict[str, BandFile]
    masks: List[object] = field(default_factory=list)  # masks.RasterMask | masks.GmlCloudMask
    metadata: Dict[str, str] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)

    def band(self, name: str) -> BandFile:
        from ..errors import InputError

        if name not in self.bands:
            raise InputError(f"{self.name} has no band {name}; its bands are {', '.join(sorted(self.bands))}.")
        return self.bands[name]


def iso_utc(t: dt.datetime) -> str:
    """ISO 8601 UTC with microseconds, e.g. 2022-04-13T15:08:07.846358Z."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> dt.datetime:
    """A naive UTC datetime from ISO text with any number of fraction digits and an optional Z."""
    s = text.strip().rstrip("Z")
    frac = ""
    if "." in s:
        s, frac = s.split(".", 1)
    t = dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S")
    if frac:
        micro = round(float("0." + frac) * 1e6)
        t += dt.timedelta(microseconds=micro)
    return t
