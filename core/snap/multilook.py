"""Multilook factors for square ground pixels (the original library's rule), from the mean incidence angle.

For n = 1 .. 5 * n_az - 1 range looks, the ground-range resolution is
``RRES * n / sin(theta)`` and the azimuth resolution ``ARES * n_az``; the
n giving the most nearly square pixel wins. Nominal resolutions (m):
Sentinel-1 IW SLC 2.30 x 14.10 (n_az = 1), COSMO-SkyMed Himage SLC 3.0 x 3.0
and CSG Himage 2.649 x 2.649 (n_az = 2).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, Tuple

from ..errors import InputError

RESOLUTIONS: Dict[str, Tuple[float, float, int]] = {  # range res, azimuth res (m), azimuth looks
    "S1_IW_SLC": (2.30, 14.10, 1),
    "CSK_HIMAGE_SLC": (3.0, 3.0, 2),
    "CSG_HIMAGE_SLC": (2.6488857702529085, 2.6488857702529085, 2),
}


@dataclass(frozen=True)
class Looks:
    range_looks: int
    azimuth_looks: int
    ground_range_resolution: float  # m
    azimuth_resolution: float  # m


def estimate_looks(incidence_deg: float, sensor: str = "S1_IW_SLC") -> Looks:
    """Range/azimuth looks for square ground pixels at mean incidence ``incidence_deg`` (degrees)."""
    if sensor not in RESOLUTIONS:
        raise InputError(f"No nominal resolution for '{sensor}'; choose one of {', '.join(RESOLUTIONS)}.")
    if not incidence_deg or not 5.0 < float(incidence_deg) < 85.0:
        raise InputError(f"Incidence angle {incidence_deg} deg is not plausible; give the looks by hand.")
    rres, ares, n_az = RESOLUTIONS[sensor]
    sin_t = math.sin(math.radians(float(incidence_deg)))
    best = min(range(1, 5 * n_az), key=lambda n: abs(rres * n / sin_t - ares * n_az))
    return Looks(best, n_az, rres * best / sin_t, ares * n_az)


def s1_looks(product_path: str) -> Looks:
    """Looks for a Sentinel-1 product from the mean incidence angle of its annotations."""
    from ..sentinel1.product import open_product

    with open_product(product_path) as product:
        theta = product.mean_incidence_angle
    if theta is None:
        raise InputError(f"No incidence angle in the annotations of '{product_path}'; give the looks by hand.")
    return estimate_looks(theta, "S1_IW_SLC")


def cosmo_looks(product_path: str) -> Looks:
    """Looks for a COSMO-SkyMed product from its near/far incidence angles."""
    from ..cosmo.product import open_cosmo

    p = open_cosmo(product_path)
    if p.mean_incidence_angle is None:
        raise InputError(f"No incidence angles in '{product_path}'; give the looks by hand.")
    return estimate_looks(p.mean_incidence_angle, "CSG_HIMAGE_SLC" if p.mission == "CSG" else "CSK_HIMAGE_SLC")
