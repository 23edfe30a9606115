"""COSMO-SkyMed radiometric calibration: sigma0 (linear or dB) of SCS and DGM products.

Formula (ASI, COSMO-SkyMed SAR Products Handbook, radiometric calibration of
level-1 products; the same steps in SNAP's ``CosmoSkymedCalibrator``, sarpy's
CSK reader ``update_radiometric`` and the public e-geos-based readers)::

    beta0  = P * R_ref^(2 * n) / (F^2 * K)
    sigma0 = beta0 * sin(theta)

* ``P``: pixel power, ``I^2 + Q^2`` for SCS, ``DN^2`` for a detected DGM
  amplitude;
* ``F``: ``Rescaling Factor`` (root for CSK; the image dataset for CSG);
* ``R_ref``, ``n``: ``Reference Slant Range`` (m) and ``Reference Slant
  Range Exponent``; the factor is 1 when ``Range Spreading Loss
  Compensation Geometry`` is ``NONE`` (the processor did not compensate it);
* ``K``: ``Calibration Constant`` (``/S01`` group); 1 when ``Calibration
  Constant Compensation Flag`` is 1 (already applied);
* ``theta``: when ``Incidence Angle Compensation Geometry`` is not ``NONE``,
  the ``Reference Incidence Angle`` the processor normalised to (the
  handbook's ``sin(alpha_ref)``); otherwise the ellipsoid incidence angle of
  the pixel, interpolated linearly across the columns from ``Near
  Incidence Angle`` (first column) to ``Far Incidence Angle`` (last column).

What could not be verified here (no real product, no reference
calibration): the second case. SNAP and the e-geos formula as published
apply ``sin(alpha_ref)`` only when the compensation flag is set and
otherwise return ``P R^2n / (F^2 K)`` unchanged, which is beta0 (sarpy
calls it so and converts it to sigma0 with the grazing angle, as done here).
Near range is assumed to be the first column (zero-Doppler range time
increasing with the column), and the linear interpolation of the incidence
angle is a flat-swath approximation (below 0.05 deg on a 40 km stripmap
swath). Where the attributes sit in second-generation (CSG) files is taken
from SNAP's CSG reader (``Rescaling Factor`` on the image, ``Polarization``
on the root); ``Calibration Constant`` and the reference slant range are
looked up on the image, the ``/S01`` group and the root, in that order.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Dict, Optional

import numpy as np

from ..errors import InputError

MODES = ("none", "sigma0", "sigma0_db")
CALIBRATED_TYPES = ("SCS", "DGM")


@dataclass(frozen=True)
class Radiometry:
    """The calibration constants of one product (None: the factor does not apply)."""

    rescaling_factor: float
    calibration_constant: Optional[float]
    reference_slant_range: Optional[float]
    reference_slant_range_exponent: float
    reference_incidence_angle: Optional[float]  # degrees, used when the product is incidence-compensated
    near_incidence_angle: Optional[float]  # degrees
    far_incidence_angle: Optional[float]
    polarisation: str

    @property
    def beta0_factor(self) -> float:
        """``R_ref^(2 n) / (F^2 K)``: beta0 = factor * power."""
        f = 1.0 / self.rescaling_factor ** 2
        if self.reference_slant_range is not None:
            f *= self.reference_slant_range ** (2.0 * self.reference_slant_range_exponent)
        if self.calibration_constant is not None:
            f /= self.calibration_constant
        return f

    def sin_incidence(self, cols: int, col0: int = 0, width: Optional[int] = None) -> np.ndarray:
        """``sin(theta)`` for columns ``col0 .. col0 + width`` of an image ``cols`` wide (1-D)."""
        width = cols - col0 if width is None else width
        if self.reference_incidence_angle is not None:
            return np.full(width, math.sin(math.radians(self.reference_incidence_angle)))
        c = np.arange(col0, col0 + width, dtype=np.float64) + 0.5
        theta = self.near_incidence_angle + (self.far_incidence_angle - self.near_incidence_angle) * c / cols
        return np.sin(np.radians(theta))

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def _lookup(sources, key: str) -> Any:
    for attrs in sources:
        if key in attrs and attrs[key] is not None:
            return attrs[key]
    return None


def _float(v: Any) -> Optional[float]:
    if v is None:
        return None
    try:
        return float(np.atleast_1d(np.asarray(v, dtype=float)).ravel()[0])
    except (TypeError, ValueError, IndexError):
        return None


def read_radiometry(image_attrs: Dict[str, Any], group_attrs: Dict[str, Any], root: Dict[str, Any],
                    product_type: str, name: str = "the product") -> Radiometry:
    """Calibration constants of an SCS or DGM product (first or second generation).

    Raises
    ------
    InputError
        A GEC/GTC (or other) product type, or a missing/zero attribute, named.
    """
    ptype = product_type.upper()[:3]
    if ptype not in CALIBRATED_TYPES:
        raise InputError(f"Calibration to sigma0 is offered for SCS and DGM products; {name} is {product_type}. "
                         "Export it with calibration 'none'.")
    sources = (image_attrs, group_attrs, root)

    def flag(key: str) -> str:
        return str(_lookup(sources, key) or "").strip().upper()

    missing = []
    f = _float(_lookup(sources, "Rescaling Factor"))
    if not f:
        missing.append("Rescaling Factor")
    k = None
    if _float(_lookup(sources, "Calibration Constant Compensation Flag")) != 1:
        k = _float(_lookup(sources, "Calibration Constant"))
        if not k:
            missing.append("Calibration Constant")
    r_ref, exponent = None, 0.0
    if flag("Range Spreading Loss Compensation Geometry") != "NONE":
        r_ref = _float(_lookup(sources, "Reference Slant Range"))
        exponent = _float(_lookup(sources, "Reference Slant Range Exponent"))
        if not r_ref:
            missing.append("Reference Slant Range")
        if exponent is None:
            missing.append("Reference Slant Range Exponent")
    alpha_ref, near, far = None, None, None
    if flag("Incidence Angle Compensation Geometry") not in ("NONE", ""):
        alpha_ref = _float(_lookup(sources, "Reference Incidence Angle"))
        if not alpha_ref:
            missing.append("Reference Incidence Angle")
    else:
        near = _float(_lookup(sources, "Near Incidence Angle"))
        far = _float(_lookup(sources, "Far Incidence Angle"))
        if not near or not far:
            missing.append("Near/Far Incidence Angle")
    if missing:
        raise InputError(f"{name} lacks {', '.join(missing)}: it cannot be calibrated to sigma0. Export it "
                         "with calibration 'none'.")
    pol = str(_lookup(sources, "Polarisation") or _lookup(sources, "Polarization") or "").strip().upper()
    return Radiometry(f, k, r_ref, exponent or 0.0, alpha_ref, near, far, pol)


def sigma0(power: np.ndarray, radiometry: Radiometry, cols: int, col0: int = 0, db: bool = False) -> np.ndarray:
    """Calibrated sigma0 of a block of pixel power (rows, width) starting at column ``col0`` of ``cols``.

    Linear sigma0 is >= 0 (0 where the power is 0). In dB, ``10 log10(sigma0)``;
    a zero power has no dB value and becomes NaN (nodata).
    """
    s = power.astype(np.float64) * radiometry.beta0_factor * radiometry.sin_incidence(cols, col0,
                                                                                     power.shape[-1])[None, :]
    if not db:
        return s.astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(s > 0, 10.0 * np.log10(s), np.nan).astype(np.float32)
