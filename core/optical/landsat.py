"""Landsat 8 and 9 Collection 2 Level-1 and Level-2 products: MTL metadata, bands, radiometry, QA mask.

Input: the ``.tar`` as downloaded, its folder, or its ``*_MTL.txt`` /
``*_MTL.xml``. The MTL gives the band files, the projection and corner
coordinates (pixel centres), the acquisition date and scene-centre time,
the sun elevation and the rescaling factors.

Radiometry
----------
Level-1 (L1TP, L1GT, L1GS), top-of-atmosphere reflectance with the
sun-elevation correction::

    rho = (REFLECTANCE_MULT_BAND_n * DN + REFLECTANCE_ADD_BAND_n) / sin(SUN_ELEVATION)

Level-2 (L2SP, L2SR), surface reflectance::

    rho = REFLECTANCE_MULT_BAND_n * DN + REFLECTANCE_ADD_BAND_n   (2.75e-05 and -0.2 in Collection 2)

DN 0 is fill (NaN); pixels QA_RADSAT flags as saturated in a band read, or
terrain-occluded, are NaN too. Level-1 offers the reflective bands 1-9 (band 8,
panchromatic, 15 m; the others 30 m); Level-2 the surface-reflectance
bands 1-7 (30 m). Thermal bands are not reflectance and are refused.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from typing import Dict, Optional, Tuple

from ..archive import Folder, open_archive
from ..errors import InputError
from .common import BandFile, ExpectedGrid, Radiometry, Scene, iso_utc
from .masks import RasterMask

_MTL = re.compile(r"_MTL\.(txt|xml)$", re.IGNORECASE)
PLATFORMS = {"LANDSAT_8": "Landsat 8", "LANDSAT_9": "Landsat 9"}
L1_BANDS = tuple(range(1, 10))
L2_BANDS = tuple(range(1, 8))
PAN_BAND = 8


def parse_mtl(data: bytes, rel: str) -> Dict[str, Dict[str, str]]:
    """An MTL (ODL text or XML) as {group: {key: value}} (second-level groups; quotes removed)."""
    text = data.decode("utf-8", errors="replace")
    groups: Dict[str, Dict[str, str]] = {}
    if text.lstrip().startswith("<"):
        from lxml import etree

        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{rel} is not valid XML ({exc}): download the product again.") from None
        for group in root:
            if isinstance(group.tag, str):
                groups[group.tag] = {k.tag: (k.text or "").strip() for k in group if isinstance(k.tag, str)}
    else:
        stack = []
        for line in text.splitlines():
            if "=" not in line:
                continue
            key, value = (s.strip() for s in line.split("=", 1))
            if key == "GROUP":
                stack.append(value)
                groups.setdefault(value, {})
            elif key == "END_GROUP":
                if stack:
                    stack.pop()
            elif stack:
                groups[stack[-1]][key] = value.strip('"')
    if "PRODUCT_CONTENTS" not in groups:
        raise InputError(f"{rel} is not a Landsat Collection 2 MTL (no PRODUCT_CONTENTS group).")
    return groups


def _source(path: str):
    p = os.path.normpath(str(path))
    if not os.path.exists(p):
        raise InputError(f"'{path}' does not exist. Give a Landsat .tar, its folder or its *_MTL.txt/_MTL.xml.")
    if os.path.isfile(p) and _MTL.search(os.path.basename(p)):
        return Folder(os.path.dirname(p)), os.path.basename(p)
    if os.path.isdir(p):
        mtls = sorted(f for f in os.listdir(p) if _MTL.search(f))
        if not mtls:
            raise _not_landsat(path, "no *_MTL.txt or *_MTL.xml in it")
        txt = [f for f in mtls if f.lower().endswith(".txt")]
        return Folder(p), (txt or mtls)[0]
    archive = open_archive(p, lambda n: bool(_MTL.search(n)), "*_MTL.txt or *_MTL.xml (not a Landsat "
                           "Collection 2 product)")
    if archive is not None:
        return archive, archive.anchor
    hint = "a Sentinel-2 metadata file" if os.path.basename(p).upper().startswith("MTD_MSI") else "an unknown file"
    raise _not_landsat(path, hint)


def _not_landsat(path: str, found: str) -> InputError:
    return InputError(f"'{os.path.basename(os.path.normpath(path))}' is not a Landsat 8/9 Collection 2 product "
                      f"({found}). Give the .tar as downloaded, its folder or its *_MTL.txt; Sentinel-2 "
                      "products: use sensetrack:s2read.")


def normalise_band(name) -> int:
    """'8', 'B8', 'b08' -> 8."""
    s = str(name).strip().upper()
    s = s[1:] if s.startswith("B") else s
    if not s.isdigit():
        raise InputError(f"'{name}' is not a Landsat band number (1-9).")
    return int(s)


class LandsatProduct:
    """A Landsat 8/9 Collection 2 product (see :func:`open_landsat`)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(str(path))
        self.source, self.mtl_rel = _source(path)
        try:
            self.mtl = parse_mtl(self.source.read(self.mtl_rel), self.mtl_rel)
            self._identify()
        except BaseException:
            self.source.close()
            raise

    def _get(self, group: str, key: str, default: Optional[str] = None) -> Optional[str]:
        return self.mtl.get(group, {}).get(key, default)

    def _number(self, group: str, key: str) -> float:
        v = self._get(group, key)
        try:
            return float(v)
        except (TypeError, ValueError):
            raise InputError(f"{self.mtl_rel} has no valid {key} in {group}: the MTL is incomplete.") from None

    def _identify(self) -> None:
        pc = self.mtl["PRODUCT_CONTENTS"]
        self.product_id = pc.get("LANDSAT_PRODUCT_ID", "")
        self.level = pc.get("PROCESSING_LEVEL", "")
        spacecraft = self._get("IMAGE_ATTRIBUTES", "SPACECRAFT_ID", "")
        if spacecraft not in PLATFORMS:
            raise InputError(f"{self.product_id or self.mtl_rel} is from {spacecraft or 'an unknown satellite'}: "
                             "landsatread reads Landsat 8 and 9 (OLI) Collection 2 products only.")
        if pc.get("COLLECTION_NUMBER", "").lstrip("0") != "2":
            raise InputError(f"{self.product_id} is Collection {pc.get('COLLECTION_NUMBER')}: only Collection 2 "
                             "products are read (Collection 1 was retired in 2022).")
        if not self.level.startswith(("L1", "L2")):
            raise InputError(f"{self.product_id} has processing level {self.level}: landsatread reads Level-1 "
                             "and Level-2 products only.")
        self.platform = PLATFORMS[spacecraft]
        date = self._get("IMAGE_ATTRIBUTES", "DATE_ACQUIRED", "")
        clock = (self._get("IMAGE_ATTRIBUTES", "SCENE_CENTER_TIME", "00:00:00") or "").strip('"').rstrip("Z")
        try:
            day = dt.datetime.strptime(date, "%Y-%m-%d")
            hh, mm, ss = clock.split(":")
            self.acquired = day + dt.timedelta(hours=int(hh), minutes=int(mm),
                                               microseconds=round(float(ss) * 1e6))
        except ValueError:
            raise InputError(f"{self.mtl_rel}: cannot read DATE_ACQUIRED '{date}' / SCENE_CENTER_TIME '{clock}'.") \
                from None

    @property
    def is_level2(self) -> bool:
        return self.level.startswith("L2")

    def _grid(self, band: int) -> ExpectedGrid:
        proj = self.mtl.get("PROJECTION_ATTRIBUTES", {})
        l1proj = self.mtl.get("LEVEL1_PROJECTION_PARAMETERS", {})
        if band == PAN_BAND:
            res = float(proj.get("GRID_CELL_SIZE_PANCHROMATIC") or l1proj.get("GRID_CELL_SIZE_PANCHROMATIC") or 15)
        else:
            res = float(proj.get("GRID_CELL_SIZE_REFLECTIVE") or 30)
        epsg = None
        if proj.get("MAP_PROJECTION") == "UTM":
            # Collection 2 keeps the northern UTM zone (negative northings) south of the equator
            epsg = 32600 + int(proj["UTM_ZONE"])
        ulx = self._number("PROJECTION_ATTRIBUTES", "CORNER_UL_PROJECTION_X_PRODUCT")
        uly = self._number("PROJECTION_ATTRIBUTES", "CORNER_UL_PROJECTION_Y_PRODUCT")
        lrx = self._number("PROJECTION_ATTRIBUTES", "CORNER_LR_PROJECTION_X_PRODUCT")
        lry = self._number("PROJECTION_ATTRIBUTES", "CORNER_LR_PROJECTION_Y_PRODUCT")
        # the corners are pixel centres: the grid's pixel corners sit half a pixel off
        h = res / 2.0
        return ExpectedGrid(epsg, res, (ulx - h, uly + h), (ulx - h, lry - h, lrx + h, uly + h))

    def radiometry(self, band: int) -> Radiometry:
        if self.is_level2:
            group = "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS"
            return Radiometry(self._number(group, f"REFLECTANCE_MULT_BAND_{band}"),
                              self._number(group, f"REFLECTANCE_ADD_BAND_{band}"), 1.0, (0,))
        group = "LEVEL1_RADIOMETRIC_RESCALING"
        elevation = self._number("IMAGE_ATTRIBUTES", "SUN_ELEVATION")
        if elevation <= 0:
            raise InputError(f"{self.product_id}: the sun is below the horizon (SUN_ELEVATION {elevation}); "
                             "reflectance is undefined.")
        return Radiometry(self._number(group, f"REFLECTANCE_MULT_BAND_{band}"),
                          self._number(group, f"REFLECTANCE_ADD_BAND_{band}"),
                          math.sin(math.radians(elevation)), (0,))

    def _file(self, key: str, what: str) -> Tuple[str, str]:
        name = self._get("PRODUCT_CONTENTS", key)
        if not name:
            raise InputError(f"{self.mtl_rel} names no {what} file ({key}).")
        folder = self.mtl_rel.rsplit("/", 1)[0] + "/" if "/" in self.mtl_rel else ""
        rel = folder + name
        if rel not in set(self.source.files):
            raise InputError(f"{os.path.basename(self.path)} lacks {name} ({what}, named in its MTL): the download "
                             "is incomplete, or the MTL belongs to another product.")
        return self.source.gdal_path(rel), rel

    def band_file(self, band) -> BandFile:
        n = normalise_band(band)
        offered = L2_BANDS if self.is_level2 else L1_BANDS
        if n not in offered:
            extra = " (Level-2 products have no panchromatic band 8: choose 4, red, or another of 1-7)" \
                if self.is_level2 and n == PAN_BAND else ""
            raise InputError(f"{self.product_id} ({self.level}) has no reflective band {n}{extra}; bands: "
                             f"{', '.join(map(str, offered))}.")
        path, rel = self._file(f"FILE_NAME_BAND_{n}", f"band {n}")
        grid = self._grid(n)
        return BandFile(f"B{n}", path, rel, grid.res, self.radiometry(n), grid)

    def scene(self, bands) -> Scene:
        files = {}
        for b in bands:
            f = self.band_file(b)
            files[f.name] = f
        qa, qa_rel = self._file("FILE_NAME_QUALITY_L1_PIXEL", "QA_PIXEL")
        masks, warnings = [RasterMask("qa_pixel", qa, qa_rel)], []
        try:
            rs, rs_rel = self._file("FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION", "QA_RADSAT")
            masks.append(RasterMask("qa_radsat", rs, rs_rel, tuple(int(f.name[1:]) for f in files.values())))
        except InputError as exc:
            warnings.append(f"{exc} Saturated pixels are NOT masked.")
        attrs = self.mtl.get("IMAGE_ATTRIBUTES", {})
        path, row = attrs.get("WRS_PATH", ""), attrs.get("WRS_ROW", "")
        pc = self.mtl["PRODUCT_CONTENTS"]
        software = (self._get("LEVEL2_PROCESSING_RECORD" if self.is_level2 else "LEVEL1_PROCESSING_RECORD",
                              "PROCESSING_SOFTWARE_VERSION", "") or "")
        meta = {
            "PLATFORM": self.platform, "MISSION": "Landsat", "SENSOR": attrs.get("SENSOR_ID", ""),
            "PROCESSING_LEVEL": self.level, "TILE": f"{int(path):03d}{int(row):03d}" if path and row else "",
            "WRS_PATH": path, "WRS_ROW": row, "RELATIVE_ORBIT": path,
            "PROCESSING_BASELINE": f"C{pc.get('COLLECTION_NUMBER', '')} {pc.get('COLLECTION_CATEGORY', '')} "
                                   f"{software}".strip(),
            "CLOUD_COVER": attrs.get("CLOUD_COVER", ""), "SUN_ELEVATION": attrs.get("SUN_ELEVATION", ""),
            "SUN_AZIMUTH": attrs.get("SUN_AZIMUTH", ""), "DATE_ACQUIRED": attrs.get("DATE_ACQUIRED", ""),
            "SCENE_CENTER_TIME": iso_utc(self.acquired),
        }
        return Scene(self.product_id, self.path, "Landsat", self.level, self.acquired, files, masks, meta, warnings)

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> "LandsatProduct":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_landsat(path: str) -> LandsatProduct:
    """Open a Landsat 8/9 Collection 2 Level-1 or Level-2 product (.tar, folder or *_MTL.txt / *_MTL.xml).

    Raises
    ------
    InputError
        Missing path, corrupt tar, another mission/collection/level, incomplete MTL.
    """
    return LandsatProduct(path)
