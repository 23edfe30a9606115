"""Decode Sentinel-1 product names (ESA "Sentinel-1 Product Specification", §3.1).

``MMM_BB_TTTR_LFPP_YYYYMMDDTHHMMSS_YYYYMMDDTHHMMSS_OOOOOO_DDDDDD_CCCC``

Products converted to cloud-optimised GeoTIFF by the Copernicus Data Space
Ecosystem carry ``_COG`` after the product id (``..._554A_COG.SAFE`` or
``.SAFE.zip``; the measurement, annotation, calibration and noise files then
end in ``-cog``, see eu-cdse/utilities GRD2COG.sh): they are accepted and
flagged with :attr:`S1ProductName.cog`. The four-character id of such a
product is the checksum CDSE gives the converted product, not ESA's.

The original library accepted only S1A/S1B and needed a character after the
product id (``.SAFE.zip`` worked, ``.zip`` did not); both are fixed here.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, asdict
from datetime import datetime

from ..errors import InputError

_PATTERN = re.compile(
    r"^(?P<platform>S1[ABCD])_"
    r"(?P<mode>IW|EW|WV|S[1-6]|EN|N[1-6]|Z[1-6I]|RF)_"
    r"(?P<product_type>SLC|GRD|OCN|RAW|ETA)"
    r"(?P<resolution>[FHM_])_"
    r"(?P<level>[0-2])(?P<product_class>[SAN])(?P<polarisation>SH|SV|DH|DV|HH|HV|VV|VH)_"
    r"(?P<start>\d{8}T\d{6})_(?P<stop>\d{8}T\d{6})_"
    r"(?P<absolute_orbit>\d{6})_(?P<datatake_id>[0-9A-F]{6})_(?P<product_id>[0-9A-F]{4})(?P<cog>_COG)?$",
    re.IGNORECASE,
)

MODES = {"IW": "Interferometric Wide swath", "EW": "Extra Wide swath", "WV": "Wave",
         "S1": "Stripmap 1", "S2": "Stripmap 2", "S3": "Stripmap 3", "S4": "Stripmap 4",
         "S5": "Stripmap 5", "S6": "Stripmap 6", "EN": "Elevation notch", "RF": "RF characterisation"}
PRODUCT_TYPES = {"SLC": "Single Look Complex", "GRD": "Ground Range Detected", "OCN": "Ocean",
                 "RAW": "Raw", "ETA": "Extended timing annotation"}
RESOLUTIONS = {"F": "Full", "H": "High", "M": "Medium", "_": "Not applicable"}
CLASSES = {"S": "Standard", "A": "Annotation", "N": "Notice"}
POLARISATIONS = {"SH": ["HH"], "SV": ["VV"], "DH": ["HH", "HV"], "DV": ["VV", "VH"],
                 "HH": ["HH"], "HV": ["HV"], "VV": ["VV"], "VH": ["VH"]}

# Absolute orbit of each platform's first pass over relative orbit 1 (175-orbit
# repeat cycle): relative = (absolute - offset) mod 175 + 1. S1A/S1B from ESA;
# S1C from the ESA S1C orbit files. S1D: read the manifest instead.
_ORBIT_OFFSETS = {"S1A": 73, "S1B": 27, "S1C": 172}


@dataclass(frozen=True)
class S1ProductName:
    """The fields of a Sentinel-1 product name (times are UTC, naive)."""

    name: str
    platform: str
    mode: str
    product_type: str
    resolution: str
    level: int
    product_class: str
    polarisation: str
    start: datetime
    stop: datetime
    absolute_orbit: int
    datatake_id: str
    product_id: str
    cog: bool = False  # distributed as cloud-optimised GeoTIFF (``..._COG.SAFE``)

    @property
    def polarisations(self) -> list[str]:
        """Polarisations in the product, e.g. ``["VV", "VH"]`` for ``DV``."""
        return list(POLARISATIONS.get(self.polarisation, []))

    @property
    def relative_orbit(self) -> int | None:
        try:
            return relative_orbit(self.platform, self.absolute_orbit)
        except InputError:
            return None

    def describe(self) -> dict:
        """All fields plus their decoded meaning (JSON-ready)."""
        out = asdict(self)
        out["start"] = self.start.isoformat()
        out["stop"] = self.stop.isoformat()
        out.update({
            "mission": "Sentinel-1", "unit": self.platform[-1],
            "mode_description": MODES.get(self.mode, self.mode),
            "product_type_description": PRODUCT_TYPES.get(self.product_type, self.product_type),
            "resolution_description": RESOLUTIONS.get(self.resolution, self.resolution),
            "product_class_description": CLASSES.get(self.product_class, self.product_class),
            "polarisations": self.polarisations,
            "relative_orbit": self.relative_orbit,
        })
        return out


def _stem(name: str) -> str:
    base = os.path.basename(os.path.normpath(str(name)))
    if base.lower() == "manifest.safe":
        base = os.path.basename(os.path.dirname(os.path.normpath(str(name))))
    for suffix in (".zip", ".safe"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    return base


def parse_product_name(name: str) -> S1ProductName:
    """Parse a Sentinel-1 product name.

    Parameters
    ----------
    name : str
        A bare product name, or a path to a ``.SAFE`` folder, its
        ``manifest.safe``, a ``.SAFE.zip`` or a ``.zip``; the COG variant
        (``..._COG.SAFE``, ``..._COG.SAFE.zip``, ``..._COG.zip``) too.

    Raises
    ------
    InputError
        If the name is not a Sentinel-1 product name.
    """
    stem = _stem(name)
    m = _PATTERN.match(stem)
    if not m:
        raise InputError(
            f"'{os.path.basename(str(name))}' is not a Sentinel-1 product name "
            "(expected e.g. S1A_IW_GRDH_1SDV_20210401T052623_20210401T052648_026269_032297_ECC8.SAFE "
            "or .zip, or the cloud-optimised ..._ECC8_COG.SAFE). Give the product as downloaded, without "
            "renaming it.")
    g = {k: (v or "").upper() for k, v in m.groupdict().items()}
    return S1ProductName(
        name=stem, platform=g["platform"], mode=g["mode"], product_type=g["product_type"],
        resolution=g["resolution"], level=int(g["level"]), product_class=g["product_class"],
        polarisation=g["polarisation"],
        start=datetime.strptime(g["start"], "%Y%m%dT%H%M%S"),
        stop=datetime.strptime(g["stop"], "%Y%m%dT%H%M%S"),
        absolute_orbit=int(g["absolute_orbit"]), datatake_id=g["datatake_id"],
        product_id=g["product_id"], cog=bool(g["cog"]))


def relative_orbit(platform: str, absolute_orbit: int) -> int:
    """Relative orbit (track, 1..175) from the platform and the absolute orbit.

    Raises
    ------
    InputError
        For a platform whose orbit phasing is not known here (S1D): read the
        relative orbit from the product manifest instead.
    """
    key = str(platform).upper()
    if key not in _ORBIT_OFFSETS:
        raise InputError(f"The relative orbit of {platform} cannot be derived from the absolute "
                         "orbit; read it from the product manifest (open_product(...).manifest).")
    return (int(absolute_orbit) - _ORBIT_OFFSETS[key]) % 175 + 1
