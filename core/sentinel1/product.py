"""Open a Sentinel-1 SAFE product: a ``.SAFE`` folder, its ``manifest.safe``, or a zip.

The manifest (XFDU XML) gives platform, pass, orbits, ascending-node time,
polarisations and the footprint; the annotation files give swaths, image
size, pixel spacing, incidence angles and the geolocation grid. Members of a
zip are read with :mod:`zipfile`; rasters are opened by GDAL via ``/vsizip/``
(:mod:`..archive`).
"""
from __future__ import annotations

import math
import os
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, List, Optional

from ..archive import Folder, Zip
from ..errors import InputError
from ..files import check_readable
from .annotation import Annotation, parse_annotation, parse_xml
from .naming import S1ProductName, parse_product_name

NS = {"safe": "http://www.esa.int/safe/sentinel-1.0",
      "s1": "http://www.esa.int/safe/sentinel-1.0/sentinel-1",
      "s1sarl1": "http://www.esa.int/safe/sentinel-1.0/sentinel-1/sar/level-1",
      "gml": "http://www.opengis.net/gml"}

# s1b-iw1-slc-vv-<start>-<stop>-<orbit>-<datatake>-004.xml

_ANN_NAME = re.compile(r"^(s1[a-d])-(?P<swath>[a-z0-9]+)-(?P<type>slc|grd)-(?P<pol>hh|hv|vv|vh)-(?P<rest>.+)\.xml$",
                       re.IGNORECASE)


@dataclass
class AnnotationFile:
    """One swath/polarisation of the product and its companion files (paths relative to the SAFE root)."""

    swath: str
    polarisation: str
    annotation: str
    calibration: Optional[str]
    noise: Optional[str]
    measurement: Optional[str]

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _source(path: str):
    p = os.path.normpath(str(path))
    if not os.path.exists(p):
        raise InputError(f"'{path}' does not exist. Give a Sentinel-1 .SAFE folder, its manifest.safe or a .zip.")
    check_readable(p, "Sentinel-1 product", folder_ok=True)
    if os.path.isfile(p) and os.path.basename(p).lower() == "manifest.safe":
        p = os.path.dirname(p)
    if os.path.isdir(p):
        if not os.path.isfile(os.path.join(p, "manifest.safe")):
            raise InputError(f"'{path}' has no manifest.safe: it is not a Sentinel-1 SAFE folder.")
        return Folder(p)
    if zipfile.is_zipfile(p) or p.lower().endswith(".zip"):
        return Zip(p, lambda name: name.lower() == "manifest.safe", "manifest.safe (not a zipped SAFE product)")
    raise InputError(f"'{path}' is neither a .SAFE folder, a manifest.safe nor a .zip.")


def _stem_variants(stem: str) -> List[str]:
    """The stem as annotated, then with/without the ``-cog`` suffix of cloud-optimised (CDSE COG) products.

    CDSE's conversion renames measurement, annotation, calibration and noise
    files alike (``...-001-cog.tiff``, ``...-001-cog.xml``); both spellings
    are accepted so a product whose companions were renamed unevenly still reads.
    """
    base = stem[:-4] if stem.lower().endswith("-cog") else stem
    return list(dict.fromkeys([stem, base, base + "-cog"]))


def _first(files, candidates) -> Optional[str]:
    return next((c for c in candidates if c in files), None)


def _bad_manifest(path: str, field: str, value: str, expected: str) -> InputError:
    shown = value if len(value) <= 60 else value[:60] + "..."
    return InputError(f"The manifest.safe of '{os.path.basename(path)}' has {field} = {shown!r}, not {expected}. "
                      "The product is damaged or was edited: download it again.")


class S1Product:
    """A Sentinel-1 product (see :func:`open_product`)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(str(path))
        self.source = _source(path)
        self.name: S1ProductName = parse_product_name(
            self.source.root if isinstance(self.source, Folder) else self.source.prefix.rstrip("/") or path)
        self.manifest = self._parse_manifest()
        self.annotations = self._find_annotations()
        self._cache: Dict[str, Annotation] = {}

    # -- manifest -------------------------------------------------------------
    def _parse_manifest(self) -> dict:
        root = parse_xml(self.source.read("manifest.safe"), "manifest.safe")

        def txt(xpath):
            r = root.xpath(xpath, namespaces=NS)
            return r[0].text.strip() if r and r[0].text else None

        def num(xpath):
            t = txt(xpath)
            if not t:
                return None
            try:
                return int(t)
            except ValueError:
                raise _bad_manifest(self.path, xpath.rsplit("/", 1)[-1], t, "a whole number") from None

        coords = txt("//safe:frameSet//gml:coordinates")
        footprint = None
        if coords:
            # gml:coordinates is "lat,lon lat,lon ..." (latitude first).
            try:
                pts = [tuple(float(v) for v in c.split(",")) for c in coords.split()]
            except ValueError:
                raise _bad_manifest(self.path, "gml:coordinates", coords, "latitude,longitude pairs") from None
            if len(pts) < 3 or any(len(p) != 2 or not all(math.isfinite(v) for v in p) for p in pts):
                raise _bad_manifest(self.path, "gml:coordinates", coords, "at least 3 latitude,longitude pairs")
            ring = [(lon, lat) for lat, lon in pts] + [(pts[0][1], pts[0][0])]
            footprint = "POLYGON ((" + ", ".join(f"{x:.6f} {y:.6f}" for x, y in ring) + "))"
        number = txt("//safe:platform/safe:number")
        return {
            "platform": f"S1{number}" if number else self.name.platform,
            "mode": txt("//s1sarl1:instrumentMode/s1sarl1:mode"),
            "product_type": txt("//s1sarl1:productType"),
            "pass": (txt("//s1:pass") or "").upper() or None,
            "absolute_orbit": num("//safe:orbitNumber[@type='start']"),
            "relative_orbit": num("//safe:relativeOrbitNumber[@type='start']"),
            "ascending_node_time": txt("//s1:ascendingNodeTime"),
            "start": txt("//safe:acquisitionPeriod/safe:startTime"),
            "stop": txt("//safe:acquisitionPeriod/safe:stopTime"),
            "polarisations": [e.text.strip() for e in root.xpath("//s1sarl1:transmitterReceiverPolarisation",
                                                                  namespaces=NS)],
            "footprint_wkt": footprint,
        }

    def _find_annotations(self) -> List[AnnotationFile]:
        files = set(self.source.files)
        out = []
        for rel in self.source.files:
            folder, base = rel.rsplit("/", 1) if "/" in rel else ("", rel)
            m = _ANN_NAME.match(base)
            if folder != "annotation" or not m:
                continue
            stems = _stem_variants(base[:-4])
            out.append(AnnotationFile(
                swath=m.group("swath").upper(), polarisation=m.group("pol").upper(), annotation=rel,
                calibration=_first(files, [f"annotation/calibration/calibration-{s}.xml" for s in stems]),
                noise=_first(files, [f"annotation/calibration/noise-{s}.xml" for s in stems]),
                measurement=_first(files, [f"measurement/{s}{e}" for s in stems for e in (".tiff", ".tif")])))
        return out

    # -- properties -----------------------------------------------------------
    @property
    def polarisations(self) -> List[str]:
        return list(self.manifest["polarisations"]) or self.name.polarisations

    @property
    def swaths(self) -> List[str]:
        return sorted({a.swath for a in self.annotations})

    def annotation_file(self, polarisation: Optional[str] = None, swath: Optional[str] = None) -> AnnotationFile:
        """The annotation entry for a polarisation/swath (first match when None)."""
        for a in self.annotations:
            if (polarisation is None or a.polarisation == polarisation.upper()) and \
                    (swath is None or a.swath == swath.upper()):
                return a
        have = ", ".join(f"{a.swath}/{a.polarisation}" for a in self.annotations) or "none"
        raise InputError(f"{self.name.name} has no annotation for polarisation {polarisation or 'any'}"
                         f"{' swath ' + swath if swath else ''} (available: {have}).")

    def annotation(self, polarisation: Optional[str] = None, swath: Optional[str] = None) -> Annotation:
        """The parsed :class:`Annotation` (cached)."""
        entry = self.annotation_file(polarisation, swath)
        if entry.annotation not in self._cache:
            self._cache[entry.annotation] = parse_annotation(self.source.read(entry.annotation), entry.annotation)
        return self._cache[entry.annotation]

    def read(self, rel: str) -> bytes:
        return self.source.read(rel)

    def gdal_path(self, rel: str) -> str:
        return self.source.gdal_path(rel)

    def close(self) -> None:
        """Release the zip file handle (annotations already parsed stay cached)."""
        self.source.close()

    def __enter__(self) -> "S1Product":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @cached_property
    def incidence_angles(self) -> dict:
        """Near/far/mid/mean incidence angle in degrees over all annotated swaths."""
        if not self.annotations:
            return {}
        anns = [self.annotation(a.polarisation, a.swath) for a in self.annotations]
        per = [a.incidence_angles for a in anns]
        return {"near": min(p["near"] for p in per), "far": max(p["far"] for p in per),
                "mid": sum(p["mid"] for p in per) / len(per), "mean": sum(p["mean"] for p in per) / len(per)}

    @property
    def mean_incidence_angle(self) -> Optional[float]:
        """Mean incidence angle (degrees): mid-swath value averaged over the annotations."""
        return self.incidence_angles.get("mid") if self.annotations else None

    @property
    def range_pixel_spacing(self) -> Optional[float]:
        return self.annotation().range_pixel_spacing if self.annotations else None

    @property
    def azimuth_pixel_spacing(self) -> Optional[float]:
        return self.annotation().azimuth_pixel_spacing if self.annotations else None

    def to_dict(self) -> dict:
        """Everything as a JSON-serialisable dict."""
        name = self.name.describe()
        return {
            "path": self.path, "name": name, "manifest": dict(self.manifest),
            "platform": self.manifest["platform"], "pass": self.manifest["pass"],
            "relative_orbit": self.manifest["relative_orbit"] or name["relative_orbit"],
            "absolute_orbit": self.manifest["absolute_orbit"] or name["absolute_orbit"],
            "ascending_node_time": self.manifest["ascending_node_time"],
            "polarisations": self.polarisations, "swaths": self.swaths,
            "footprint_wkt": self.manifest["footprint_wkt"],
            "incidence_angles_deg": self.incidence_angles,
            "mean_incidence_angle_deg": self.mean_incidence_angle,
            "range_pixel_spacing_m": self.range_pixel_spacing,
            "azimuth_pixel_spacing_m": self.azimuth_pixel_spacing,
            "annotations": [dict(a.to_dict(), **self.annotation(a.polarisation, a.swath).to_dict())
                            for a in self.annotations],
        }


def open_product(path: str) -> S1Product:
    """Open a Sentinel-1 product (``.SAFE`` folder, ``manifest.safe`` or ``.zip``; S1A-S1D).

    Raises
    ------
    InputError
        If the path is missing, the zip is truncated/corrupt, or it is not a SAFE product.
    """
    return S1Product(path)
