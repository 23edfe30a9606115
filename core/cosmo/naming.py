"""Decode COSMO-SkyMed file names, first (CSK) and second (CSG) generation.

CSK (COSMO-SkyMed SAR Products Handbook, §2.2 file naming)::

    CSKS<n>_<product type>_<mode>_<swath>_<pol>_<look side><orbit>_<delivery><sel. availability>_<start>_<stop>

CSG (COSMO-SkyMed Second Generation Products Specification, file naming
convention)::

    CSG_<SSARn>_<type>_<RRAA looks>_<mode>_<swath>_<pol>_<look side><orbit>_<orbit quality>_<start>_<stop>_
    <seq>_<coverage>_<lat><hemisphere>_Z<east location>_<squint><angle>

Fixes over the original: the squint angle keeps both digits (F12 is
12 degrees, not 1), an unknown east location is a clear error instead of a
crash, names are accepted with or without ``.h5`` and from a full path, and
parsing returns data instead of printing.
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from typing import Any, Dict

from ..errors import InputError

LOOK_SIDES = {"L": "Left", "R": "Right"}
ORBITS = {"A": "Ascending", "D": "Descending"}
CSK_MODES = {"HI": "Himage", "PP": "PingPong", "WR": "WideRegion", "HR": "HugeRegion", "S2": "Spotlight 2"}
CSK_POLARISATIONS = {"HH": "HH", "VV": "VV", "HV": "HV", "VH": "VH", "CO": "Co-polar (HH+VV)",
                     "CH": "Cross H (HH+HV)", "CV": "Cross V (VV+VH)"}
CSK_DELIVERY = {"F": "Fast", "S": "Standard"}
CSK_SELECTIVE_AVAILABILITY = {"N": "ON", "F": "OFF"}
CSG_MODES = {"S2A": "Spotlight 2A", "S2B": "Spotlight 2B", "S2C": "Spotlight 2C", "D2R": "Spotlight 2 Dual Rx",
             "D2S": "Spotlight 2 Dual Single", "D2J": "Spotlight 2 Dual Joint", "OQR": "Quad-pol Rx",
             "OQS": "Quad-pol Single", "STR": "Stripmap", "SC1": "ScanSAR 1", "SC2": "ScanSAR 2",
             "PPS": "PingPong", "QPS": "Quad-pol"}
CSG_POLARISATIONS = {"HH": "HH", "VV": "VV", "HV": "HV", "VH": "VH"}
CSG_ORBIT_QUALITY = {"D": "Downlinked", "P": "Predicted", "F": "Filtered", "R": "Restituted"}
CSG_COVERAGE = {"F": "Full", "C": "Cropped"}
CSG_SQUINT = {"N": "Not squinted", "F": "Forward squint", "B": "Backward squint"}

_CSK = re.compile(
    r"^CSK(?P<satellite>S[1-4])_(?P<product_type>[A-Z0-9]{3}_[A-Z0-9])_(?P<mode>HI|PP|WR|HR|S2)_"
    r"(?P<swath>[A-Z0-9]{2})_(?P<polarisation>HH|VV|HV|VH|CO|CH|CV)_(?P<look_side>[LR])(?P<orbit>[AD])_"
    r"(?P<delivery>[FS])(?P<selective_availability>[NF])_(?P<start>\d{14})_(?P<stop>\d{14})$")
_CSG = re.compile(
    r"^CSG_(?P<satellite>SSAR[1-4])_(?P<product_type>[A-Z0-9]{3}_[A-Z0-9])_(?P<range_looks>\d{2})"
    r"(?P<azimuth_looks>\d{2})_(?P<mode>[A-Z0-9]{3})_(?P<swath>[A-Z0-9]{3})_(?P<polarisation>HH|VV|HV|VH)_"
    r"(?P<look_side>[LR])(?P<orbit>[AD])_(?P<orbit_quality>[DPFR])_(?P<start>\d{14})_(?P<stop>\d{14})_"
    r"(?P<sequence>[0-9A-Z])_(?P<coverage>[FC])_(?P<latitude>\d{2})(?P<hemisphere>[NS])_Z(?P<east>\d{2})_"
    r"(?P<squint>[NFB])(?P<squint_angle>\d{2})$")


def _stem(name: str) -> str:
    base = os.path.basename(name)
    for ext in (".h5", ".H5", ".hdf5"):
        if base.endswith(ext):
            return base[: -len(ext)]
    return base


def _time(text: str) -> str:
    return datetime.strptime(text, "%Y%m%d%H%M%S").isoformat()


def _decode(table: Dict[str, str], code: str) -> str:
    return table.get(code, code)


def parse_cosmo_name(name: str) -> Dict[str, Any]:
    """Decode a CSK or CSG file name (path, stem or ``.h5`` name) into a dict of readable fields.

    Raises
    ------
    InputError
        The name follows neither generation's convention.
    """
    stem = _stem(name)
    m = _CSK.match(stem)
    if m:
        g = m.groupdict()
        return {
            "mission": "CSK", "generation": 1, "satellite": g["satellite"], "product_type": g["product_type"],
            "mode": _decode(CSK_MODES, g["mode"]), "mode_code": g["mode"], "swath": g["swath"],
            "polarisation": _decode(CSK_POLARISATIONS, g["polarisation"]), "polarisation_code": g["polarisation"],
            "look_side": LOOK_SIDES[g["look_side"]], "orbit_direction": ORBITS[g["orbit"]],
            "delivery_mode": CSK_DELIVERY[g["delivery"]],
            "selective_availability": CSK_SELECTIVE_AVAILABILITY[g["selective_availability"]],
            "start": _time(g["start"]), "stop": _time(g["stop"]), "stem": stem,
        }
    m = _CSG.match(stem)
    if m:
        g = m.groupdict()
        east = int(g["east"])
        if east == 0:
            location = "South pole"
        elif east == 61:
            location = "North pole"
        elif 1 <= east <= 60:
            location = f"UTM zone {east}"
        else:
            raise InputError(f"'{stem}': east location Z{g['east']} is not a UTM zone (Z00-Z61).")
        angle = int(g["squint_angle"])
        squint = CSG_SQUINT[g["squint"]] + ("" if g["squint"] == "N" else f" ({angle} deg)")
        return {
            "mission": "CSG", "generation": 2, "satellite": g["satellite"], "product_type": g["product_type"],
            "range_looks": int(g["range_looks"]), "azimuth_looks": int(g["azimuth_looks"]),
            "mode": _decode(CSG_MODES, g["mode"]), "mode_code": g["mode"], "swath": g["swath"],
            "polarisation": g["polarisation"], "polarisation_code": g["polarisation"],
            "look_side": LOOK_SIDES[g["look_side"]], "orbit_direction": ORBITS[g["orbit"]],
            "orbit_quality": CSG_ORBIT_QUALITY[g["orbit_quality"]], "start": _time(g["start"]),
            "stop": _time(g["stop"]), "sequence": g["sequence"], "coverage": CSG_COVERAGE[g["coverage"]],
            "scene_centre_latitude": int(g["latitude"]) * (1 if g["hemisphere"] == "N" else -1),
            "east_location": location, "squint": squint, "squint_angle": angle, "stem": stem,
        }
    raise InputError(f"'{stem}' is not a COSMO-SkyMed file name (CSKS<n>_... or CSG_SSAR<n>_...).")
