"""Parse a Sentinel-1 product annotation XML (``annotation/s1?-*.xml``) with lxml.

Reads the image information (size, pixel spacing, mid-swath incidence angle),
the geolocation grid (tie points line/pixel -> lat/lon/height/incidence) and
the header. Line and pixel are 0-based indices of the measurement raster
(pixel = column, line = row), as in the ESA product specification.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..deps import require
from ..errors import InputError


def parse_xml(data: bytes, what: str):
    """Parse XML bytes; a clear :class:`InputError` on a malformed file."""
    etree = require("lxml.etree", purpose="Reading Sentinel-1 metadata")  # at use: the plugin loads without it
    try:
        # huge_tree: annotation files hold single lines of several MB.
        return etree.fromstring(data, parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{what} is not valid XML ({exc}). The product may be corrupt: download it again.") from None


def _text(root, path: str, default=None):
    el = root.find(path)
    return el.text.strip() if el is not None and el.text is not None else default


def _float(root, path: str):
    t = _text(root, path)
    if t in (None, ""):
        return None
    try:
        return float(t)
    except ValueError:
        raise InputError(f"<{path.rsplit('/', 1)[-1]}> is {t[:40]!r}, not a number. The product annotation is "
                         "damaged: download the product again.") from None


@dataclass
class GeolocationGrid:
    """Tie points of the geolocation grid (1-D arrays, one value per point)."""

    line: np.ndarray
    pixel: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    height: np.ndarray
    incidence_angle: np.ndarray

    def gcps(self, dx: float = 0.0, dy: float = 0.0):
        """GDAL GCPs (x=lon, y=lat, z=height; pixel/line at pixel centres, +0.5), shifted by (dx, dy) pixels."""
        from osgeo import gdal
        # ESA line/pixel index a sample; GDAL GCP pixel/line are continuous
        # image coordinates whose pixel centres sit at +0.5.
        return [gdal.GCP(float(lo), float(la), float(h), float(p) + 0.5 + dx, float(ln) + 0.5 + dy)
                for ln, p, la, lo, h in zip(self.line, self.pixel, self.latitude, self.longitude, self.height)]


@dataclass
class Annotation:
    """The parts of a product annotation SenseTrack uses."""

    mission: str
    product_type: str
    polarisation: str
    mode: str
    swath: str
    start: str
    stop: str
    pass_direction: str
    number_of_samples: int
    number_of_lines: int
    range_pixel_spacing: float
    azimuth_pixel_spacing: float
    incidence_angle_mid_swath: float | None
    projection: str
    grid: GeolocationGrid

    @property
    def incidence_angles(self) -> dict:
        """Near / far / mid / mean incidence angle (degrees) from the grid."""
        inc = self.grid.incidence_angle
        near = float(inc[self.grid.pixel == self.grid.pixel.min()].mean())
        far = float(inc[self.grid.pixel == self.grid.pixel.max()].mean())
        mid = self.incidence_angle_mid_swath
        return {"near": near, "far": far, "mid": float(mid) if mid is not None else (near + far) / 2.0,
                "mean": float(inc.mean())}

    def to_dict(self) -> dict:
        return {
            "mission": self.mission, "product_type": self.product_type, "polarisation": self.polarisation,
            "mode": self.mode, "swath": self.swath, "start": self.start, "stop": self.stop,
            "pass": self.pass_direction, "samples": self.number_of_samples, "lines": self.number_of_lines,
            "range_pixel_spacing_m": self.range_pixel_spacing,
            "azimuth_pixel_spacing_m": self.azimuth_pixel_spacing, "projection": self.projection,
            "incidence_angles_deg": self.incidence_angles, "geolocation_points": int(self.grid.line.size),
        }


def parse_annotation(data: bytes, what: str = "annotation") -> Annotation:
    """Parse annotation XML bytes.

    Raises
    ------
    InputError
        If the XML is malformed or lacks the image information or the
        geolocation grid.
    """
    root = parse_xml(data, what)
    if root.tag != "product" or root.find("imageAnnotation/imageInformation") is None:
        raise InputError(f"{what} is not a Sentinel-1 product annotation (no imageAnnotation/imageInformation).")
    info = "imageAnnotation/imageInformation/"
    points = root.findall("geolocationGrid/geolocationGridPointList/geolocationGridPoint")
    if not points:
        raise InputError(f"{what} has no geolocation grid points; the product cannot be geocoded.")

    def col(tag, dtype=float):
        try:
            values = np.array([dtype(p.findtext(tag)) for p in points])
        except (TypeError, ValueError):
            raise InputError(f"{what}: a geolocation grid point has a missing or non-numeric <{tag}>. The product "
                             "is damaged: download it again.") from None
        if dtype is float and not np.isfinite(values).all():
            raise InputError(f"{what}: a geolocation grid point has a non-finite <{tag}>. The product is damaged: "
                             "download it again.")
        return values

    def whole(tag):
        text = _text(root, info + tag, "0")
        try:
            return int(text)
        except ValueError:
            raise InputError(f"{what}: <{tag}> is {text[:40]!r}, not a whole number. The product is damaged: "
                             "download it again.") from None

    grid = GeolocationGrid(line=col("line"), pixel=col("pixel"), latitude=col("latitude"),
                           longitude=col("longitude"), height=col("height"), incidence_angle=col("incidenceAngle"))
    return Annotation(
        mission=_text(root, "adsHeader/missionId", ""), product_type=_text(root, "adsHeader/productType", ""),
        polarisation=_text(root, "adsHeader/polarisation", ""), mode=_text(root, "adsHeader/mode", ""),
        swath=_text(root, "adsHeader/swath", ""), start=_text(root, "adsHeader/startTime", ""),
        stop=_text(root, "adsHeader/stopTime", ""),
        pass_direction=_text(root, "generalAnnotation/productInformation/pass", "").upper(),
        number_of_samples=whole("numberOfSamples"),
        number_of_lines=whole("numberOfLines"),
        range_pixel_spacing=_float(root, info + "rangePixelSpacing"),
        azimuth_pixel_spacing=_float(root, info + "azimuthPixelSpacing"),
        incidence_angle_mid_swath=_float(root, info + "incidenceAngleMidSwath"),
        projection=_text(root, "generalAnnotation/productInformation/projection", ""),
        grid=grid,
    )

