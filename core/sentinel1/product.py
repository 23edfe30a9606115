"""Open a Sentinel-1 SAFE product: a ``.SAFE`` folder, its ``manifest.safe``, or a zip.

The manifest (XFDU XML) gives platform, pass, orbits, ascending-node time,
polarisations and the footprint; the annotation files give swaths, image
size, pixel spacing, incidence angles and the geolocation grid. Members of a
zip are read with :mod:`zipfile`; rasters are opened by GDAL via ``/vsizip/``.
"""
from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, List, Optional

from ..errors import InputError
from .annotation import Annotation, parse_annotation, parse_xml
from .naming import S1ProductName, parse_product_name

NS = {"safe": "http://www.esa.int/safe/sentinel-1.0",
      "s1": "http://www.esa.int/safe/sentinel-1.0/sentinel-1",
      "s1sarl1": "http://www.esa.int/safe/sentinel-1.0/sentinel-1/sar/level-1",
      "gml": "http://www.opengis.net/gml"}

# s1b-iw1-slc-vv-<start>-<stop>-<orbit>-<datatake>-004.xml
# The largest real member read here (an IW SLC annotation or noise file) is ~10 MB; a crafted zip
# member can expand to gigabytes, so reading stops at this many bytes.
MEMBER_MAX_BYTES = 64 << 20

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


class _Folder:
    def __init__(self, root: str):
        self.root = root
        self.files = sorted(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")
                            for d, _, fs in os.walk(root) for f in fs)

    def read(self, rel: str) -> bytes:
        try:
            with open(os.path.join(self.root, rel), "rb") as fh:
                data = fh.read(MEMBER_MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"Cannot read '{rel}' of '{os.path.basename(self.root)}' ({exc.strerror}).") from None
        return _bounded(data, rel, os.path.basename(self.root))

    def gdal_path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def close(self) -> None:
        pass


class _Zip:
    def __init__(self, path: str):
        self.path = path
        try:
            self.zf = zipfile.ZipFile(path)
            names = self.zf.namelist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(f"'{os.path.basename(path)}' is not a readable zip ({exc}). The download is probably "
                             "truncated or corrupt: download the product again.") from None
        manifests = [n for n in names if n.lower().endswith("manifest.safe")]
        if not manifests:
            self.zf.close()
            raise InputError(f"'{os.path.basename(path)}' holds no manifest.safe: it is not a zipped SAFE product.")
        self.prefix = manifests[0][: -len("manifest.safe")]
        self.files = sorted(n[len(self.prefix):] for n in names if n.startswith(self.prefix) and not n.endswith("/"))

    def read(self, rel: str) -> bytes:
        try:
            info = self.zf.getinfo(self.prefix + rel)
            if info.file_size > MEMBER_MAX_BYTES:  # declared size: refuse before inflating anything
                _bounded(b"", rel, os.path.basename(self.path), info.file_size)
            with self.zf.open(info) as fh:  # the declared size may lie: stop reading at the cap anyway
                data = fh.read(MEMBER_MAX_BYTES + 1)
            return _bounded(data, rel, os.path.basename(self.path))
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"Cannot read '{rel}' from '{os.path.basename(self.path)}' ({exc}). The zip is "
                             "probably truncated or corrupt: download the product again.") from None

    def gdal_path(self, rel: str) -> str:
        return f"/vsizip/{os.path.abspath(self.path)}/{self.prefix}{rel}"

    def close(self) -> None:
        self.zf.close()


def _bounded(data: bytes, rel: str, product: str, size: Optional[int] = None) -> bytes:
    """``data`` unless it (or the declared ``size``) exceeds :data:`MEMBER_MAX_BYTES`; then InputError."""
    size = len(data) if size is None else size
    if size > MEMBER_MAX_BYTES:
        raise InputError(f"'{rel}' in '{product}' is larger than {MEMBER_MAX_BYTES >> 20} MB, far more than any "
                         "Sentinel-1 metadata file: the product is corrupt or crafted. Download it again from "
                         "the official source.")
    return data


def _source(path: str):
    p = os.path.normpath(str(path))
    if not os.path.exists(p):
        raise InputError(f"'{path}' does not exist. Give a Sentinel-1 .SAFE folder, its manifest.safe or a .zip.")
    if os.path.isfile(p) and os.path.basename(p).lower() == "manifest.safe":
        p = os.path.dirname(p)
    if os.path.isdir(p):
        if not os.path.isfile(os.path.join(p, "manifest.safe")):
            raise InputError(f"'{path}' has no manifest.safe: it is not a Sentinel-1 SAFE folder.")
        return _Folder(p)
    if zipfile.is_zipfile(p) or p.lower().endswith(".zip"):
        return _Zip(p)
    raise InputError(f"'{path}' is neither a .SAFE folder, a manifest.safe nor a .zip.")


class S1Product:
    """A Sentinel-1 product (see :func:`open_product`)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(str(path))
        self.source = _source(path)
        self.name: S1ProductName = parse_product_name(
            self.source.root if isinstance(self.source, _Folder) else self.source.prefix.rstrip("/") or path)
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
            return int(t) if t else None

        coords = txt("//safe:frameSet//gml:coordinates")
        footprint = None
        if coords:
            # gml:coordinates is "lat,lon lat,lon ..." (latitude first).
            pts = [tuple(float(v) for v in c.split(",")) for c in coords.split()]
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
            stem = base[:-4]
            cal = f"annotation/calibration/calibration-{stem}.xml"
            noi = f"annotation/calibration/noise-{stem}.xml"
            mea = next((f"measurement/{stem}{e}" for e in (".tiff", ".tif") if f"measurement/{stem}{e}" in files),
                       None)
            out.append(AnnotationFile(swath=m.group("swath").upper(), polarisation=m.group("pol").upper(),
                                      annotation=rel, calibration=cal if cal in files else None,
                                      noise=noi if noi in files else None, measurement=mea))
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
