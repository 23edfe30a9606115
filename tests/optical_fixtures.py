"""Sentinel-2 and Landsat test products: the REAL metadata of ../shared/data with small stand-in images.

The metadata files (MTD_MSIL*.xml, MTD_TL.xml, manifest.safe; Landsat MTL.txt/.xml) are copied unchanged
into a temporary product tree (the shared data is never touched). The image files are not in the shared
data: each builder writes small stand-in rasters where the real product has them (path and format from the
metadata: JPEG 2000 through GDAL's JP2OpenJPEG driver, lossless, or GeoTIFF for the products delivered so),
on the grid the metadata gives (tile/scene CRS, pixel size, origin on the product grid), as a window of
``rows x cols`` pixels starting ``offset`` pixels into the tile or scene, with the digital numbers, SCL
classes, QA_PIXEL bits and cloud polygons the test chooses, so the answers are exact.

Landsat: the shared data holds Level-2 MTLs only. :func:`level1_mtl` derives the MTL of the matching
Level-1 product from one: every value comes from the Level-2 MTL's own LEVEL1_* groups (product id, file
names, rescaling factors, projection), laid out as a Collection 2 Level-1 MTL (PRODUCT_CONTENTS with the
Level-1 files, PANCHROMATIC grid size and lines/samples = 2 x reflective - 1).
"""
from __future__ import annotations

import os
import re
import shutil
import tarfile
import zipfile
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal, osr

from helpers import SHARED_DATA

S2_DATA = os.path.join(SHARED_DATA, "sentinel2")
LANDSAT_DATA = os.path.join(SHARED_DATA, "landsat")
L1C_N0301 = "S2A_MSIL1C_20210908T042701_N0301_R133_T46RER_20210908T070248"
L2A_N0212 = "S2A_MSIL2A_20190212T192651_N0212_R013_T07HFE_20201007T160857"
L2A_N0400 = "S2B_MSIL2A_20220413T150759_N0400_R025_T33XWJ_20220414T082126"
L2A_N0509 = "S2A_MSIL2A_20230821T221941_N0509_R029_T01KAB_20230822T021825"
L9_L2SP = "LC09_L2SP_010065_20220129_20220131_02_T1"
L8_L2SP = "LC08_L2SP_047027_20201204_20210313_02_T1"
L8_L2SR = "LC08_L2SR_084024_20160111_20201016_02_T1"


class Log:
    """A core monitor that keeps the log messages."""

    cancelled = False

    def __init__(self):
        self.messages = []

    def report(self, *args):
        pass

    def log(self, message):
        self.messages.append(message)

    def check(self):
        pass


# ---- reading the real metadata independently of the code under test --------------------------------------

def _tag(text: str, tag: str) -> str:
    m = re.search(rf"<{tag}[^>]*>([^<]*)</{tag}>", text)
    assert m, tag
    return m.group(1).strip()


def s2_mtd(product: str) -> str:
    folder = os.path.join(S2_DATA, product + ".SAFE")
    return open(os.path.join(folder, next(f for f in os.listdir(folder) if f.startswith("MTD_MSIL"))),
                encoding="utf-8").read()


def s2_tile_mtd(product: str) -> str:
    granule = os.path.join(S2_DATA, product + ".SAFE", "GRANULE")
    return open(os.path.join(granule, os.listdir(granule)[0], "MTD_TL.xml"), encoding="utf-8").read()


def s2_tile_grid(product: str) -> Tuple[int, float, float]:
    """(EPSG, ULX, ULY) of the tile, from its MTD_TL.xml."""
    tl = s2_tile_mtd(product)
    return int(_tag(tl, "HORIZONTAL_CS_CODE").split(":")[1]), float(_tag(tl, "ULX")), float(_tag(tl, "ULY"))


def s2_image_stem(product: str, band: str) -> str:
    """The IMAGE_FILE entry (no extension) of a band ('B08', 'B8A', 'SCL') at its native resolution."""
    native = {"B08": 10, "B04": 10, "B02": 10, "B03": 10, "B8A": 20, "B11": 20, "B12": 20, "SCL": 20, "B01": 60}
    stems = re.findall(r"<IMAGE_FILE>([^<]+)</IMAGE_FILE>", s2_mtd(product))
    for s in stems:
        if s.endswith(f"_{band}") or s.endswith(f"_{band}_{native[band]}m"):
            return s
    raise AssertionError(f"{band} not listed in {product}")


def s2_image_ext(product: str) -> str:
    return ".jp2" if 'imageFormat="JPEG2000"' in s2_mtd(product) else ".tif"


def mtl_value(text: str, key: str) -> str:
    m = re.search(rf"^\s*{key} = \"?([^\"\n]*)\"?\s*$", text, re.MULTILINE)
    assert m, key
    return m.group(1)


# ---- writing ---------------------------------------------------------------------------------------------

def _copy_tree(src: str, dst: str) -> None:
    """Copy files (not permissions: the shared data is read-only) into a writable tree."""
    for base, _, names in os.walk(src):
        out = os.path.join(dst, os.path.relpath(base, src))
        os.makedirs(out, exist_ok=True)
        for n in names:
            shutil.copyfile(os.path.join(base, n), os.path.join(out, n))


def write_raster(path: str, arrays, gt, epsg: int, dtype=gdal.GDT_UInt16) -> str:
    """Write bands as GeoTIFF or (``.jp2``) lossless JPEG 2000 with GDAL's JP2OpenJPEG driver."""
    arrays = [arrays] if np.ndim(arrays) == 2 else list(arrays)
    h, w = np.shape(arrays[0])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    mem = gdal.GetDriverByName("MEM").Create("", w, h, len(arrays), dtype)
    mem.SetGeoTransform(tuple(gt))
    mem.SetProjection(srs.ExportToWkt())
    for i, a in enumerate(arrays, start=1):
        mem.GetRasterBand(i).WriteArray(np.asarray(a))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if path.endswith(".jp2"):
        gdal.GetDriverByName("JP2OpenJPEG").CreateCopy(path, mem, options=["REVERSIBLE=YES", "QUALITY=100"])
    else:
        gdal.GetDriverByName("GTiff").CreateCopy(path, mem)
    return path


def texture(rows: int, cols: int, seed: int = 1, lo: int = 1200, hi: int = 4000, shift: Tuple[float, float] = (0, 0)):
    """A smooth random uint16 texture (DN), optionally moved by ``shift`` = (rows, cols) pixels (later image)."""
    from scipy import ndimage

    rng = np.random.default_rng(seed)
    pad = 16
    noise = ndimage.gaussian_filter(rng.standard_normal((rows + 2 * pad, cols + 2 * pad)), 2.0)
    noise = ndimage.shift(noise, shift, order=3, mode="nearest")[pad:pad + rows, pad:pad + cols]
    noise = (noise - noise.min()) / (noise.max() - noise.min())
    return (lo + noise * (hi - lo)).round().astype(np.uint16)


def make_s2(dest: str, product: str, bands: Optional[Dict[str, np.ndarray]] = None,
            scl: Optional[np.ndarray] = None, offset: Tuple[int, int] = (60, 120),
            clouds: Sequence[str] = (), classi: Optional[np.ndarray] = None, as_zip: bool = False,
            skip: Sequence[str] = ()) -> str:
    """A Sentinel-2 product tree in ``dest`` with stand-in images; returns the .SAFE folder (or the .zip).

    bands: band -> DN array at the band's native resolution (default B08 texture 60 x 60).
    scl: SCL classes (20 m) for L2A (default all 4, vegetation). offset: (row, col) of the stand-in window
    in 10 m tile pixels (multiples of 6 keep 20 m and 60 m files aligned). clouds: WKT polygons in the tile
    CRS for the pre-04.00 MSK_CLOUDS_B00.gml of L1C products. classi: (3, rows, cols) MSK_CLASSI at 60 m.
    skip: image files not to write (e.g. "B08" for an incomplete download).
    """
    os.makedirs(dest, exist_ok=True)
    safe = os.path.join(dest, product + ".SAFE")
    _copy_tree(os.path.join(S2_DATA, product + ".SAFE"), safe)
    bands = {"B08": texture(60, 60)} if bands is None else bands
    epsg, ulx, uly = s2_tile_grid(product)
    ext = s2_image_ext(product)
    native = {"B08": 10, "B04": 10, "B02": 10, "B03": 10, "B8A": 20, "B11": 20, "B12": 20, "B01": 60}
    for band, dn in bands.items():
        if band in skip:
            continue
        res = native[band]
        gt = (ulx + offset[1] * 10, res, 0, uly - offset[0] * 10, 0, -res)
        write_raster(os.path.join(safe, s2_image_stem(product, band) + ext), dn, gt, epsg)
    if "_MSIL2A_" in product and "SCL" not in skip:
        first = next(iter(bands.values()))
        b0 = next(iter(bands))
        size = (first.shape[0] * native[b0] // 20, first.shape[1] * native[b0] // 20)
        scl = np.full(size, 4, np.uint8) if scl is None else scl
        gt = (ulx + offset[1] * 10, 20, 0, uly - offset[0] * 10, 0, -20)
        write_raster(os.path.join(safe, s2_image_stem(product, "SCL") + ext), scl, gt, epsg, gdal.GDT_Byte)
    granule = os.path.join(safe, "GRANULE", os.listdir(os.path.join(safe, "GRANULE"))[0])
    if "_MSIL1C_" in product and "MSK_CLOUDS" not in skip:
        write_cloud_gml(os.path.join(granule, "QI_DATA", "MSK_CLOUDS_B00.gml"), clouds, epsg)
    if classi is not None:
        gt = (ulx + offset[1] * 10, 60, 0, uly - offset[0] * 10, 0, -60)
        write_raster(os.path.join(granule, "QI_DATA", "MSK_CLASSI_B00" + ext), list(classi), gt, epsg,
                     gdal.GDT_Byte)
    if not as_zip:
        return safe
    path = os.path.join(dest, product + ".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for base, _, names in os.walk(safe):
            for n in names:
                full = os.path.join(base, n)
                zf.write(full, os.path.relpath(full, dest))
    shutil.rmtree(safe)
    return path


def write_cloud_gml(path: str, polygons: Sequence[str], epsg: int) -> str:
    """A pre-04.00 MSK_CLOUDS_B00.gml (eop:Mask of OPAQUE MaskFeatures) with the given WKT polygons."""
    from osgeo import ogr

    members = []
    for i, wkt in enumerate(polygons):
        geom = ogr.CreateGeometryFromWkt(wkt)
        rings = []
        for k in range(geom.GetGeometryCount()):
            ring = geom.GetGeometryRef(k)
            pos = " ".join(f"{ring.GetX(j):.1f} {ring.GetY(j):.1f}" for j in range(ring.GetPointCount()))
            tag = "exterior" if k == 0 else "interior"
            rings.append(f"<gml:{tag}><gml:LinearRing><gml:posList srsDimension=\"2\">{pos}</gml:posList>"
                         f"</gml:LinearRing></gml:{tag}>")
        members.append(
            f'<eop:MaskFeature gml:id="OPAQUE.{i}"><eop:maskType codeSpace="urn:gs2:S2PDGS:maskType">OPAQUE'
            f'</eop:maskType><eop:extentOf><gml:Polygon gml:id="OPAQUE.{i}.Polygon" '
            f'srsName="urn:ogc:def:crs:EPSG::{epsg}">{"".join(rings)}</gml:Polygon></eop:extentOf>'
            '</eop:MaskFeature>')
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<eop:Mask xmlns:eop="http://www.opengis.net/eop/2.0" '
            'xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="MaskFeature_CLOUDS_B00"><eop:maskMembers>'
            + "".join(members) + "</eop:maskMembers></eop:Mask>\n")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


# ---- Landsat ---------------------------------------------------------------------------------------------

def _blocks(text: str) -> Dict[str, str]:
    """Top-level groups of an MTL (name -> the text from its GROUP line to its END_GROUP line)."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^  GROUP = (\w+)\n.*?^  END_GROUP = \1\n", text,
                                                        re.MULTILINE | re.DOTALL)}


def level1_mtl(l2_text: str) -> Tuple[str, str]:
    """(Level-1 product id, Level-1 MTL text) derived from a real Level-2 MTL (see the module docstring)."""
    blocks = _blocks(l2_text)
    rec = blocks["LEVEL1_PROCESSING_RECORD"]
    pid = mtl_value(rec, "LANDSAT_PRODUCT_ID")
    keep = [ln for ln in rec.splitlines()[1:-1]
            if re.match(r"\s*(ORIGIN|DIGITAL_OBJECT_IDENTIFIER|LANDSAT_PRODUCT_ID|PROCESSING_LEVEL|FILE_NAME_)", ln)]
    head = [ln for ln in keep if "FILE_NAME_" not in ln]
    files = [ln for ln in keep if "FILE_NAME_" in ln]
    pc = blocks["PRODUCT_CONTENTS"]
    extra = [ln for ln in pc.splitlines() if re.match(r"\s*(COLLECTION_NUMBER|COLLECTION_CATEGORY|OUTPUT_FORMAT)", ln)]
    contents = "  GROUP = PRODUCT_CONTENTS\n" + "\n".join(head + extra + files) + "\n  END_GROUP = PRODUCT_CONTENTS\n"
    proj = blocks["PROJECTION_ATTRIBUTES"]
    lines, samples = int(mtl_value(proj, "REFLECTIVE_LINES")), int(mtl_value(proj, "REFLECTIVE_SAMPLES"))
    pan = (f"    GRID_CELL_SIZE_PANCHROMATIC = 15.00\n    PANCHROMATIC_LINES = {2 * lines - 1}\n"
           f"    PANCHROMATIC_SAMPLES = {2 * samples - 1}\n")
    proj = proj.replace("    GRID_CELL_SIZE_REFLECTIVE", pan + "    GRID_CELL_SIZE_REFLECTIVE", 1)
    body = contents + blocks["IMAGE_ATTRIBUTES"] + proj + "".join(
        v for k, v in blocks.items() if k.startswith("LEVEL1_"))
    return pid, "GROUP = LANDSAT_METADATA_FILE\n" + body + "END_GROUP = LANDSAT_METADATA_FILE\nEND\n"


def landsat_mtl(product: str, ext: str = "txt") -> str:
    return open(os.path.join(LANDSAT_DATA, f"{product}_MTL.{ext}"), encoding="utf-8").read()


def make_landsat(dest: str, product: str, level: int = 2, bands: Optional[Dict[int, np.ndarray]] = None,
                 qa: Optional[np.ndarray] = None, radsat: Optional[np.ndarray] = None,
                 offset: Tuple[int, int] = (40, 80), xml: bool = False,
                 as_tar: bool = False, mtl_edit=None, skip: Sequence[str] = ()) -> str:
    """A Landsat product folder in ``dest`` with stand-in GeoTIFFs; returns the folder (or the .tar).

    level 2: the real Level-2 MTL (txt, or the real XML with ``xml=True``); level 1: :func:`level1_mtl`.
    bands: band number -> DN array (band 8 at 15 m: twice the rows/cols of the 30 m ones). qa: QA_PIXEL
    (30 m, default 21824 = clear, low confidences). radsat: QA_RADSAT (30 m, default 0). offset: (row, col)
    of the window in 30 m scene pixels. skip: files not to write ("B8", "QA", "RADSAT").
    mtl_edit: optional function applied to the MTL text written (bad-input tests); the images keep the
    names and grid of the unedited one.
    """
    text = landsat_mtl(product, "xml" if xml else "txt")
    pid = product
    if level == 1:
        pid, text = level1_mtl(landsat_mtl(product, "txt"))
    names = text  # the stand-ins are written under the names of the unedited MTL
    if mtl_edit is not None:
        text = mtl_edit(text)
    folder = os.path.join(dest, pid)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{pid}_MTL.{'xml' if xml else 'txt'}"), "w", encoding="utf-8") as fh:
        fh.write(text)
    ref = landsat_mtl(product, "txt")
    zone = int(mtl_value(ref, "UTM_ZONE"))
    ulx = float(mtl_value(ref, "CORNER_UL_PROJECTION_X_PRODUCT"))
    uly = float(mtl_value(ref, "CORNER_UL_PROJECTION_Y_PRODUCT"))
    bands = ({8: texture(40, 40)} if level == 1 else {4: texture(20, 20)}) if bands is None else bands
    size30 = None
    for n, dn in bands.items():
        res = 15.0 if n == 8 else 30.0
        size30 = (dn.shape[0] * int(res) // 30, dn.shape[1] * int(res) // 30)
        gt = (ulx - res / 2 + offset[1] * 30, res, 0, uly + res / 2 - offset[0] * 30, 0, -res)
        name = _mtl_file(names, f"FILE_NAME_BAND_{n}")
        if f"B{n}" not in skip:
            write_raster(os.path.join(folder, name), dn, gt, 32600 + zone)
    qa = np.full(size30, 21824, np.uint16) if qa is None else qa
    gt = (ulx - 15 + offset[1] * 30, 30, 0, uly + 15 - offset[0] * 30, 0, -30)
    if "QA" not in skip:
        write_raster(os.path.join(folder, _mtl_file(names, "FILE_NAME_QUALITY_L1_PIXEL")), qa, gt, 32600 + zone)
    if "RADSAT" not in skip:
        radsat = np.zeros(size30, np.uint16) if radsat is None else radsat
        write_raster(os.path.join(folder, _mtl_file(names, "FILE_NAME_QUALITY_L1_RADIOMETRIC_SATURATION")), radsat,
                     gt, 32600 + zone)
    if not as_tar:
        return folder
    path = os.path.join(dest, pid + ".tar")
    with tarfile.open(path, "w") as tf:
        for n in sorted(os.listdir(folder)):
            tf.add(os.path.join(folder, n), arcname=n)  # USGS tars are flat
    shutil.rmtree(folder)
    return path


def _mtl_file(text: str, key: str) -> str:
    m = re.search(rf"{key}\W+([A-Za-z0-9_]+\.TIF)", text)
    assert m, key
    return m.group(1)
