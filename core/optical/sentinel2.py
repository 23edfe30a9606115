"""Sentinel-2 Level-1C and Level-2A products (SAFE): metadata, bands, radiometry, masks.

Input: the ``.zip`` as downloaded, the ``.SAFE`` folder, or its
``MTD_MSIL1C.xml`` / ``MTD_MSIL2A.xml``. The user-product metadata gives the
level, processing baseline, platform, relative orbit, the granule's image
files, the quantification value and (baseline 04.00 on, products after
25 January 2022) the radiometric offsets; the tile metadata
(``GRANULE/*/MTD_TL.xml``) gives the sensing time, the UTM grid of each
resolution, the cloud percentage and the mask files.

Reflectance = (DN + offset) / quantification, with offset the L1C
``RADIO_ADD_OFFSET`` or L2A ``BOA_ADD_OFFSET`` of the band (−1000 from
baseline 04.00; none before) and quantification 10000; DN 0 (no data) and
65535 (saturated) are NaN. Band files are read directly with GDAL (JPEG 2000
through the JP2OpenJPEG driver, or GeoTIFF for products delivered so).
"""
from __future__ import annotations

import os
import re
import zipfile
from typing import Dict, List, Optional, Tuple

from ..archive import Folder, Zip
from ..deps import require_jpeg2000
from ..errors import InputError
from .common import BandFile, ExpectedGrid, Radiometry, Scene, iso_utc, parse_utc
from .masks import GmlCloudMask, RasterMask

#: band -> (band_id in the metadata, native resolution in m)
BANDS: Dict[str, Tuple[int, int]] = {
    "B01": (0, 60), "B02": (1, 10), "B03": (2, 10), "B04": (3, 10), "B05": (4, 20), "B06": (5, 20),
    "B07": (6, 20), "B08": (7, 10), "B8A": (8, 20), "B09": (9, 60), "B10": (10, 60), "B11": (11, 20),
    "B12": (12, 20)}
LEVELS = {"S2MSI1C": "L1C", "S2MSI2A": "L2A", "S2MSI2AP": "L2A"}
_MTD = re.compile(r"^MTD_MSIL\w+\.xml$", re.IGNORECASE)
_FILE_BAND = re.compile(r"_(B\d\dA?|B8A|SCL)(?:_(\d+)m)?$")
_EXT = {"JPEG2000": ".jp2", "GEOTIFF": ".tif"}


def normalise_band(name: str) -> str:
    """'8', 'b8', 'B08' -> 'B08'; '8a', 'B8A' -> 'B8A'. InputError for anything else."""
    s = str(name).strip().upper()
    s = s[1:] if s.startswith("B") else s
    key = "B8A" if s in ("8A", "08A") else (f"B{int(s):02d}" if s.isdigit() else "B" + s)
    if key not in BANDS:
        raise InputError(f"'{name}' is not a Sentinel-2 band; use one of {', '.join(BANDS)}.")
    return key


def _xml(data: bytes, rel: str):
    from lxml import etree

    try:
        return etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{rel} is not valid XML ({exc}): the product is corrupt; download it again.") from None


def _text(root, tag: str) -> Optional[str]:
    found = root.xpath(f"//*[local-name()='{tag}']")
    return found[0].text.strip() if found and found[0].text else None


def _not_s2(path: str, found: str) -> InputError:
    return InputError(f"'{os.path.basename(os.path.normpath(path))}' is not a Sentinel-2 Level-1C/2A product ({found})."
                      " Give the .zip as downloaded, the .SAFE folder or its MTD_MSIL1C.xml/MTD_MSIL2A.xml"
                      "; Landsat products: use sensetrack:landsatread; Sentinel-1: sensetrack:s1grd.")


def _source(path: str):
    p = os.path.normpath(str(path))
    if not os.path.exists(p):
        raise InputError(f"'{path}' does not exist. Give a Sentinel-2 .zip, .SAFE folder or MTD_MSIL*.xml.")
    if os.path.isfile(p) and _MTD.match(os.path.basename(p)):
        return Folder(os.path.dirname(p)), os.path.basename(p)
    if os.path.isdir(p):
        mtds = [f for f in os.listdir(p) if _MTD.match(f)]
        if not mtds:
            kind = "a Sentinel-1 SAFE folder" if os.path.isfile(os.path.join(p, "manifest.safe")) and \
                os.path.basename(p).upper().startswith("S1") else "no MTD_MSIL1C.xml or MTD_MSIL2A.xml in it"
            raise _not_s2(path, kind)
        return Folder(p), mtds[0]
    if zipfile.is_zipfile(p) or p.lower().endswith(".zip"):
        z = Zip(p, lambda n: bool(_MTD.match(n)), "MTD_MSIL1C.xml or MTD_MSIL2A.xml (not a Sentinel-2 L1C/L2A "
                "product; Sentinel-1: use sensetrack:s1grd)")
        return z, z.anchor
    hint = "a Landsat MTL file" if re.search(r"_MTL\.(txt|xml)$", p, re.IGNORECASE) else "an unknown file"
    raise _not_s2(path, hint)


class Sentinel2Product:
    """A Sentinel-2 L1C or L2A product (see :func:`open_sentinel2`)."""

    def __init__(self, path: str):
        self.path = os.path.abspath(str(path))
        self.source, self.mtd_rel = _source(path)
        try:
            self._parse()
        except BaseException:
            self.source.close()
            raise

    # -- metadata -----------------------------------------------------------------------------------------
    def _parse(self) -> None:
        root = _xml(self.source.read(self.mtd_rel), self.mtd_rel)
        self.product_type = (_text(root, "PRODUCT_TYPE") or "").upper()
        self.uri = (_text(root, "PRODUCT_URI") or os.path.basename(self.path)).replace(".SAFE", "")
        if not self.uri.startswith("S2"):
            raise _not_s2(self.path, f"PRODUCT_URI {self.uri}")
        if self.product_type not in LEVELS:
            raise InputError(f"{self.uri} is a {self.product_type or 'unknown'} product "
                             f"({_text(root, 'PROCESSING_LEVEL') or 'unknown level'}): s2read reads Level-1C "
                             "(S2MSI1C) and Level-2A (S2MSI2A) products only.")
        self.level = LEVELS[self.product_type]
        self.baseline = _text(root, "PROCESSING_BASELINE") or "00.00"
        self.spacecraft = _text(root, "SPACECRAFT_NAME") or self.uri[:3]
        self.relative_orbit = _text(root, "SENSING_ORBIT_NUMBER") or ""
        self.orbit_direction = _text(root, "SENSING_ORBIT_DIRECTION") or ""
        self.start_time = _text(root, "PRODUCT_START_TIME") or ""
        self.cloud_cover = _text(root, "Cloud_Coverage_Assessment") or ""
        granule = root.xpath("//*[local-name()='Granule']")
        if not granule:
            raise InputError(f"{self.mtd_rel} lists no granule: the metadata is incomplete; download the product "
                             "again.")
        self.image_format = (granule[0].get("imageFormat") or "JPEG2000").upper()
        self.image_files = [e.text.strip() for e in granule[0].xpath(".//*[local-name()='IMAGE_FILE']") if e.text]
        q_tag = "QUANTIFICATION_VALUE" if self.level == "L1C" else "BOA_QUANTIFICATION_VALUE"
        q = _text(root, q_tag)
        if q is None:
            raise InputError(f"{self.mtd_rel} has no {q_tag}: cannot convert digital numbers to reflectance.")
        self.quantification = float(q)
        off_tag = "RADIO_ADD_OFFSET" if self.level == "L1C" else "BOA_ADD_OFFSET"
        self.offsets = {int(e.get("band_id")): float(e.text) for e in root.xpath(f"//*[local-name()='{off_tag}']")
                        if e.get("band_id") is not None and e.text}
        if self.baseline_number >= 4.0 and not self.offsets:
            raise InputError(f"{self.uri} has processing baseline {self.baseline} but its metadata has no "
                             f"{off_tag} values: from baseline 04.00 the digital numbers carry an offset that "
                             "must be removed. The metadata is incomplete; download the product again.")
        specials = {(e.findtext("SPECIAL_VALUE_TEXT") or "").strip(): e.findtext("SPECIAL_VALUE_INDEX")
                    for e in root.xpath("//*[local-name()='Special_Values']")}
        self.invalid = tuple(sorted({int(v) for v in specials.values() if v and v.strip().isdigit()} | {0}))
        self._parse_tile()

    def _parse_tile(self) -> None:
        tiles = [f for f in self.source.files if re.match(r"^GRANULE/[^/]+/MTD_TL\.xml$", f)]
        if not tiles:
            raise InputError(f"{self.uri} has no GRANULE/*/MTD_TL.xml (tile metadata): the product is incomplete;"
                             " download it again.")
        self.tile_rel = tiles[0]
        root = _xml(self.source.read(self.tile_rel), self.tile_rel)
        self.sensing_time = parse_utc(_text(root, "SENSING_TIME") or self.start_time)
        tile_id = _text(root, "TILE_ID") or ""
        m = re.search(r"_T(\d\d[A-Z]{3})_", tile_id + "_") or re.search(r"_T(\d\d[A-Z]{3})_", self.uri)
        self.tile = m.group(1) if m else ""
        code = _text(root, "HORIZONTAL_CS_CODE") or ""
        if not code.upper().startswith("EPSG:"):
            raise InputError(f"{self.tile_rel} has no HORIZONTAL_CS_CODE: the tile grid is unknown.")
        self.epsg = int(code.split(":")[1])
        self.geoposition = {}
        for g in root.xpath("//*[local-name()='Geoposition']"):
            res = int(g.get("resolution"))
            self.geoposition[res] = (float(g.findtext("ULX")), float(g.findtext("ULY")))
        self.sizes = {int(s.get("resolution")): (int(s.findtext("NROWS")), int(s.findtext("NCOLS")))
                      for s in root.xpath("//*[local-name()='Size']")}
        self.tile_cloud = _text(root, "CLOUDY_PIXEL_PERCENTAGE") or ""
        self.mask_files = {}
        for e in root.xpath("//*[local-name()='MASK_FILENAME']"):
            if e.get("bandId") is None and e.text:  # tile-wide masks: MSK_CLOUDS (GML), MSK_CLASSI, ...
                self.mask_files.setdefault(e.get("type"), e.text.strip())

    @property
    def baseline_number(self) -> float:
        try:
            return float(self.baseline)
        except ValueError:
            return 0.0

    # -- files --------------------------------------------------------------------------------------------
    def _file(self, stem: str) -> Optional[str]:
        files = set(self.source.files)
        exts = [_EXT.get(self.image_format, ".jp2")] + [e for e in _EXT.values() if e != _EXT.get(self.image_format)]
        return next((stem + e for e in exts if stem + e in files), None)

    def _listed(self) -> Dict[Tuple[str, int], str]:
        """(band, resolution) -> IMAGE_FILE stem (no extension)."""
        out = {}
        for stem in self.image_files:
            m = _FILE_BAND.search(stem)
            if not m:
                continue
            name = m.group(1)
            res = int(m.group(2)) if m.group(2) else BANDS.get(name, (0, 60))[1]
            out[(name, res)] = stem
        return out

    def band_file(self, band: str) -> BandFile:
        band = normalise_band(band)
        band_id, native = BANDS[band]
        listed = self._listed()
        stems = sorted(((r, s) for (n, r), s in listed.items() if n == band), key=lambda rs: rs[0])
        if not stems:
            have = sorted({n for n, _ in listed if n in BANDS})
            raise InputError(f"{self.uri} ({self.level}) has no band {band}; it has {', '.join(have)}.")
        res, stem = next(((r, s) for r, s in stems if r == native), stems[0])
        rel = self._file(stem)
        if rel is None:
            raise InputError(f"{os.path.basename(self.path)} lacks the file of band {band} ({stem}.jp2 or .tif, "
                             "listed in the metadata): the download is incomplete; download the product again.")
        if rel.endswith(".jp2"):
            require_jpeg2000("Reading Sentinel-2 JPEG 2000 bands")
        ulx, uly = self.geoposition.get(res) or self.geoposition[min(self.geoposition)]
        rows, cols = self.sizes.get(res, (0, 0))
        extent = (ulx, uly - rows * res, ulx + cols * res, uly) if rows else None
        radiometry = Radiometry(1.0, self.offsets.get(band_id, 0.0), self.quantification, self.invalid)
        return BandFile(band, self.source.gdal_path(rel), rel, float(res), radiometry,
                        ExpectedGrid(self.epsg, float(res), (ulx, uly), extent))

    def masks(self) -> Tuple[List[object], List[str]]:
        """(mask sources, warnings) for this product's level and baseline."""
        if self.level == "L2A":
            scl = self._listed().get(("SCL", 20)) or self._listed().get(("SCL", 60))
            rel = self._file(scl) if scl else None
            if rel is None:
                raise InputError(f"{os.path.basename(self.path)} lacks the scene classification (SCL) file listed "
                                 "in its metadata: the download is incomplete; download the product again.")
            if rel.endswith(".jp2"):
                require_jpeg2000("Reading the Sentinel-2 SCL mask")
            return [RasterMask("scl", self.source.gdal_path(rel), rel)], []
        files = set(self.source.files)
        classi = self.mask_files.get("MSK_CLASSI")
        if classi:
            if classi in files:
                if classi.endswith(".jp2"):
                    require_jpeg2000("Reading the Sentinel-2 MSK_CLASSI mask")
                return [RasterMask("classi", self.source.gdal_path(classi), classi)], []
            return [], [f"the cloud mask {classi} listed in the metadata is not in the product: clouds are NOT "
                        "masked"]
        gml = self.mask_files.get("MSK_CLOUDS")
        if gml:
            if gml in files:
                return [GmlCloudMask(self.source.read(gml), gml, self.epsg)], []
            return [], [f"the cloud mask {gml} listed in the metadata is not in the product: clouds are NOT masked"]
        return [], ["the product lists no cloud mask: clouds are NOT masked"]

    def scene(self, bands) -> Scene:
        files = {b: self.band_file(b) for b in (normalise_band(x) for x in bands)}
        masks, warnings = self.masks()
        meta = {
            "PLATFORM": self.spacecraft, "MISSION": "Sentinel-2", "PRODUCT_TYPE": self.product_type,
            "PROCESSING_LEVEL": self.level, "PROCESSING_BASELINE": self.baseline, "TILE": self.tile,
            "RELATIVE_ORBIT": self.relative_orbit, "ORBIT_DIRECTION": self.orbit_direction,
            "CLOUD_COVER": self.tile_cloud or self.cloud_cover, "PRODUCT_START_TIME": self.start_time,
            "SENSING_TIME": iso_utc(self.sensing_time), "QUANTIFICATION_VALUE": f"{self.quantification:g}",
        }
        return Scene(self.uri, self.path, "Sentinel-2", self.level, self.sensing_time, files, masks, meta, warnings)

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> "Sentinel2Product":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_sentinel2(path: str) -> Sentinel2Product:
    """Open a Sentinel-2 L1C/L2A product (.zip, .SAFE folder or MTD_MSIL1C.xml / MTD_MSIL2A.xml).

    Raises
    ------
    InputError
        Missing path, corrupt zip, another mission or level, incomplete metadata.
    """
    return Sentinel2Product(path)
