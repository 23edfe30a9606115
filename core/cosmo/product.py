"""COSMO-SkyMed HDF5 products (CSK and CSG): metadata, footprint, image and quicklook datasets.

Dataset and attribute paths (COSMO-SkyMed SAR Products Handbook; CSG
Products Specification; seed inventory section 11):

* CSK: image ``/S01/SBI`` (SCS complex as a last dimension of 2: I, Q; DGM,
  GEC and GTC detected: real files keep those in ``/S01/SBI`` too, as GDAL's
  autotest files ``CSK_DGM.h5``/``CSK_GEC.h5`` do) or ``/S01/MBI``
  (detected, optional); quicklook ``/S01/QLK``; corners ``Top Left Geodetic
  Coordinates``... (lat, lon, height) on the image dataset, else ``Estimated
  Top Left Geodetic Coordinates``... on the root; ``Near/Far Incidence
  Angle`` on the image dataset (or the root); ``Polarisation`` and
  ``Calibration Constant`` on the ``/S01`` group.
* CSG: image ``/S01/IMG`` (complex I/Q or detected); corners on it;
  incidence angles and ``Polarization`` on the root (SNAP's CSG reader).

Geo-referencing (:mod:`.geocoding`): GEC/GTC products by their exact map
grid and projection; the others by their four geodetic corners as GCPs at
the image's outer pixel corners (0 and the image size).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from ..errors import InputError
from ..hdf5 import H5
from .geocoding import MAP_PRODUCT_TYPES, corner_gcps, map_crs, map_geotransform, name_epsg
from .naming import parse_cosmo_name

CORNERS = ("Top Left", "Top Right", "Bottom Right", "Bottom Left")
IMAGE_DATASETS = {"CSK": ("/S01/SBI", "/S01/MBI"), "CSG": ("/S01/IMG",)}
QUICKLOOK = "/S01/QLK"


@dataclass
class CosmoProduct:
    """What SenseTrack knows of one COSMO-SkyMed file."""

    path: str
    mission: str
    name: Dict[str, Any]
    image: str
    shape: Tuple[int, ...]
    complex: bool
    corners: Dict[str, Tuple[float, float, float]] = field(default_factory=dict)  # (lat, lon, height)
    incidence: Tuple[Optional[float], Optional[float]] = (None, None)
    attributes: Dict[str, Any] = field(default_factory=dict)
    h5: Optional[H5] = field(default=None, repr=False)  # the open file, for reading the image
    image_attributes: Dict[str, Any] = field(default_factory=dict)
    group_attributes: Dict[str, Any] = field(default_factory=dict)  # the /S01 swath group

    @property
    def product_type(self) -> str:
        """``SCS_B``, ``DGM_B``, ``GEC_B``... from the name or the root ``Product Type`` attribute."""
        return str(self.name.get("product_type") or self.attributes.get("Product Type", "")).strip().upper()

    @property
    def is_map_product(self) -> bool:
        """GEC or GTC: map-projected on an exact grid."""
        return self.product_type[:3] in MAP_PRODUCT_TYPES

    @property
    def polarisation(self) -> str:
        """First generation ``Polarisation`` (/S01), second ``Polarization`` (root), else the file name's."""
        for attrs, key in ((self.group_attributes, "Polarisation"), (self.attributes, "Polarization"),
                           (self.group_attributes, "Polarization"), (self.attributes, "Polarisation")):
            if attrs.get(key):
                return str(attrs[key]).strip().upper()
        return str(self.name.get("polarisation_code", ""))

    def map_grid(self):
        """(geotransform, osr.SpatialReference) of a GEC/GTC product, or None for the others.

        Raises
        ------
        InputError
            A GEC/GTC whose projection cannot be mapped (see :func:`.geocoding.map_crs`).
        """
        if not self.is_map_product:
            return None
        gt = map_geotransform(self.image_attributes)
        if gt is None:
            raise InputError(f"'{os.path.basename(self.path)}' is a {self.product_type} product but its image has "
                             "no 'Top Left East-North', 'Column Spacing' and 'Line Spacing' attributes.")
        hint = name_epsg(self.name) if self.mission == "CSG" else None
        return gt, map_crs(self.attributes, f"'{os.path.basename(self.path)}'", hint)

    @property
    def rows(self) -> int:
        return int(self.shape[0])

    @property
    def cols(self) -> int:
        return int(self.shape[1])

    @property
    def mean_incidence_angle(self) -> Optional[float]:
        near, far = self.incidence
        return None if near is None or far is None else 0.5 * (near + far)

    def footprint_wkt(self) -> str:
        """Polygon (lon lat, EPSG:4326) through the four corners, TL-TR-BR-BL."""
        if len(self.corners) < 4:
            return ""
        pts = [self.corners[c] for c in CORNERS] + [self.corners[CORNERS[0]]]
        return "POLYGON((" + ", ".join(f"{lon:.8f} {lat:.8f}" for lat, lon, _ in pts) + "))"

    def gcps(self, rows: Optional[int] = None, cols: Optional[int] = None) -> List[Tuple[float, float, float, float]]:
        """(pixel, line, lon, lat) of the four corners for an image of ``rows`` x ``cols`` (default: the product)."""
        return corner_gcps(self.corners, rows or self.rows, cols or self.cols)

    def to_dict(self) -> Dict[str, Any]:
        near, far = self.incidence
        return {
            "file": os.path.basename(self.path), "product_type": self.product_type, "polarisation": self.polarisation,
            **{k: v for k, v in self.name.items() if k != "stem"},
            "image_dataset": self.image, "rows": self.rows, "cols": self.cols,
            "data": "complex (I/Q)" if self.complex else "detected",
            "near_incidence_deg": near, "far_incidence_deg": far, "mean_incidence_deg": self.mean_incidence_angle,
            "footprint_wkt": self.footprint_wkt(),
        }


def _corners(attrs: Dict[str, Any], prefix: str = "") -> Dict[str, Tuple[float, float, float]]:
    out = {}
    for c in CORNERS:
        v = attrs.get(f"{prefix}{c} Geodetic Coordinates")
        if v is not None and np.size(v) >= 2:
            arr = np.asarray(v, dtype=float).ravel()
            out[c] = (float(arr[0]), float(arr[1]), float(arr[2]) if arr.size > 2 else 0.0)
    return out


def _number(v: Any) -> Optional[float]:
    try:
        f = float(np.asarray(v).ravel()[0])
    except (TypeError, ValueError, IndexError):
        return None
    return f if f else None


def _check_image_shape(path: str, image: str, shape: Tuple[int, ...]) -> None:
    """An image dataset is (rows, cols) detected or (rows, cols, 2) I/Q, with at least one pixel."""
    name = os.path.basename(path)
    if len(shape) not in (2, 3) or (len(shape) == 3 and shape[2] not in (1, 2)):
        raise InputError(f"The image dataset {image} of '{name}' has shape {shape}; a COSMO-SkyMed image is "
                         "(rows, columns) or (rows, columns, 2) for I/Q. The file is damaged or not a "
                         "COSMO-SkyMed product.")
    if shape[0] == 0 or shape[1] == 0:
        raise InputError(f"The image dataset {image} of '{name}' is empty ({shape[0]} x {shape[1]} pixels). "
                         "The product is incomplete: download it again.")


def open_cosmo(path: str) -> CosmoProduct:
    """Read the metadata of a COSMO-SkyMed ``.h5`` file (first or second generation).

    Raises
    ------
    InputError
        Missing/unreadable file, or an HDF5 file that is not a COSMO-SkyMed product.
    """
    h5 = H5(path, "COSMO-SkyMed product")
    root = h5.attrs()
    mission_attr = str(root.get("Mission ID", "")).strip().upper()
    try:
        name = parse_cosmo_name(str(root.get("Product Filename") or path))
    except InputError:
        try:
            name = parse_cosmo_name(path)
        except InputError:
            if mission_attr not in ("CSK", "CSG"):
                raise InputError(f"'{os.path.basename(path)}' is not a COSMO-SkyMed product: its name follows "
                                 "neither CSK nor CSG naming and it has no 'Mission ID' CSK/CSG.") from None
            name = {"mission": mission_attr, "product_type": str(root.get("Product Type", "")), "stem": ""}
    mission = name["mission"]
    image = next((d for d in IMAGE_DATASETS[mission] if h5.has(d)), None)
    if image is None:
        raise InputError(f"'{os.path.basename(path)}' has none of the image datasets "
                         f"{', '.join(IMAGE_DATASETS[mission])} of a {mission} product.")
    shape = tuple(h5.shape(image))
    _check_image_shape(path, image, shape)
    img_attrs = h5.attrs(image)
    corners = _corners(img_attrs) or _corners(root, "Estimated ")
    near = _number(img_attrs.get("Near Incidence Angle", root.get("Near Incidence Angle")))
    far = _number(img_attrs.get("Far Incidence Angle", root.get("Far Incidence Angle")))
    return CosmoProduct(path=path, mission=mission, name=name, image=image, shape=shape,
                        complex=len(shape) == 3 and shape[2] == 2, corners=corners, incidence=(near, far),
                        attributes=root, h5=h5, image_attributes=img_attrs,
                        group_attributes=h5.attrs(image.rsplit("/", 1)[0]))
