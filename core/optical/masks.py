"""Cloud, shadow and no-data masks of Sentinel-2 and Landsat products, on the output grid.

Every mask source gives two boolean layers on the (padded) output grid:

* ``hard``: pixels without usable data (no data, fill, saturated or
  defective); never dilated.
* ``cloud``: clouds and what they spoil (cloud shadow, cirrus, the
  product's own dilated-cloud flag, and snow when asked); dilated by the
  user's number of pixels afterwards.

Sources
-------
Sentinel-2 Level-2A
    Scene classification ``SCL`` (20 m): 0 no data and 1 saturated or
    defective are *hard*; 3 cloud shadow, 8 cloud medium probability,
    9 cloud high probability, 10 thin cirrus are *cloud*; 11 snow is
    *cloud* only with ``snow=True``. Classes 2 (dark area / topographic
    shadow), 4 vegetation, 5 not vegetated, 6 water and 7 unclassified
    are kept.
Sentinel-2 Level-1C, processing baseline >= 04.00
    ``MSK_CLASSI_B00`` raster (60 m, three 0/1 bands): 1 opaque clouds and
    2 cirrus are *cloud*; 3 snow and ice is *cloud* with ``snow=True``.
Sentinel-2 Level-1C, older baselines
    ``MSK_CLOUDS_B00.gml`` polygons (types OPAQUE and CIRRUS) are *cloud*,
    rasterised on the output grid (a pixel is inside when its centre is).
Landsat 8/9 Collection 2 ``QA_PIXEL`` (30 m, bit flags)
    bit 0 fill is *hard*; bit 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud
    shadow are *cloud*; bit 5 snow is *cloud* with ``snow=True``.
Landsat 8/9 Collection 2 ``QA_RADSAT`` (30 m, bit flags)
    bit n-1 (band n saturated) for the bands read, and bit 11 (terrain
    occlusion), are *hard*.

Raster masks reach a finer output grid by "any overlap": an output pixel is
flagged when any mask pixel it overlaps is (15 m panchromatic pixels that
straddle two 30 m QA pixels take both).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import numpy as np
from osgeo import gdal, ogr, osr

from ..errors import InputError
from ..gdal_utils import gdal_errors, srs_from_wkt
from .grid import Grid, native_window, warp_flags, window_grid

SCL_HARD = (0, 1)
SCL_CLOUD = (3, 8, 9, 10)
SCL_SNOW = 11
SCL_NAMES = {0: "no data", 1: "saturated or defective", 2: "dark area / topographic shadow", 3: "cloud shadow",
             4: "vegetation", 5: "not vegetated", 6: "water", 7: "unclassified", 8: "cloud medium probability",
             9: "cloud high probability", 10: "thin cirrus", 11: "snow or ice"}
QA_FILL = 0
QA_CLOUD_BITS = (1, 2, 3, 4)  # dilated cloud, cirrus, cloud, cloud shadow
QA_SNOW = 5
RADSAT_OCCLUSION = 11  # QA_RADSAT bit: terrain occlusion (Landsat 8/9); bits 0-10: band 1-11 saturated
CLASSI_CLOUD_BANDS = (1, 2)  # opaque clouds, cirrus
CLASSI_SNOW_BAND = 3
GML_TYPES = ("OPAQUE", "CIRRUS")


def open_raster(path: str, rel: str) -> gdal.Dataset:
    """Open a product raster, or InputError saying the file is missing or corrupt."""
    with gdal_errors():
        try:
            return gdal.Open(path)
        except RuntimeError as exc:
            raise InputError(f"Cannot open {rel} ({exc}). The file is corrupt or truncated: download the product "
                             "again.") from None


def read_array(ds: gdal.Dataset, window: Tuple[int, int, int, int], rel: str, band: int = 1) -> np.ndarray:
    """Read a window, or InputError naming the file (a corrupt JPEG 2000 fails here, not at open)."""
    with gdal_errors():
        try:
            arr = ds.GetRasterBand(band).ReadAsArray(*window)
        except RuntimeError as exc:
            arr, msg = None, str(exc)
        else:
            msg = gdal.GetLastErrorMsg()
    if arr is None:
        raise InputError(f"Cannot read {rel} ({msg or 'no data returned'}). The file is corrupt or truncated: "
                         "download the product again.")
    return arr


@dataclass
class RasterMask:
    """A mask raster of the product: SCL classes, QA_PIXEL bits or MSK_CLASSI bands."""

    kind: str  # "scl" | "qa_pixel" | "qa_radsat" | "classi"
    path: str  # GDAL path
    rel: str   # path inside the product, for messages
    bands: Tuple[int, ...] = ()  # qa_radsat: the Landsat bands read (their saturation bits count)
    _ds: Optional[gdal.Dataset] = field(default=None, repr=False, compare=False)  # opened once, read per block

    @property
    def description(self) -> str:
        return {"scl": "SCL scene classification", "qa_pixel": "QA_PIXEL bits", "qa_radsat": "QA_RADSAT bits",
                "classi": "MSK_CLASSI cloud mask"}[self.kind] + f" ({self.rel.rsplit('/', 1)[-1]})"

    def flags(self, grid: Grid, snow: bool) -> Tuple[np.ndarray, np.ndarray]:
        """(hard, cloud) boolean layers on ``grid``."""
        if self._ds is None:
            self._ds = open_raster(self.path, self.rel)
        ds = self._ds
        window = native_window(ds, grid)
        if window is None:
            return np.zeros((grid.height, grid.width), bool), np.zeros((grid.height, grid.width), bool)
        src = window_grid(ds, window)
        if self.kind == "classi":
            if ds.RasterCount < 3:
                raise InputError(f"{self.rel} has {ds.RasterCount} band(s); a MSK_CLASSI mask has three (opaque "
                                 "clouds, cirrus, snow). The file is not a valid mask: download the product again.")
            bands = CLASSI_CLOUD_BANDS + ((CLASSI_SNOW_BAND,) if snow else ())
            cloud = np.zeros((window[3], window[2]), bool)
            for b in bands:
                cloud |= read_array(ds, window, self.rel, b) != 0
            hard = np.zeros_like(cloud)
        else:
            values = read_array(ds, window, self.rel).astype(np.int64)
            if self.kind == "scl":
                hard, cloud = scl_flags(values, snow)
            elif self.kind == "qa_radsat":
                hard, cloud = qa_radsat_flags(values, self.bands), np.zeros(values.shape, bool)
            else:
                hard, cloud = qa_pixel_flags(values, snow)
        return warp_flags(hard, src, grid), warp_flags(cloud, src, grid)


def scl_flags(scl: np.ndarray, snow: bool = False) -> Tuple[np.ndarray, np.ndarray]:
    """(hard, cloud) from Sentinel-2 SCL class values."""
    cloud = np.isin(scl, SCL_CLOUD + ((SCL_SNOW,) if snow else ()))
    return np.isin(scl, SCL_HARD), cloud


def qa_pixel_flags(qa: np.ndarray, snow: bool = False) -> Tuple[np.ndarray, np.ndarray]:
    """(hard, cloud) from Landsat Collection 2 QA_PIXEL bit flags."""
    qa = np.asarray(qa).astype(np.int64)
    cloud_bits = sum(1 << b for b in QA_CLOUD_BITS + ((QA_SNOW,) if snow else ()))
    return (qa >> QA_FILL) & 1 == 1, (qa & cloud_bits) != 0


def qa_radsat_flags(radsat: np.ndarray, bands: Tuple[int, ...]) -> np.ndarray:
    """Landsat 8/9 QA_RADSAT: saturated in any of ``bands`` (bit n-1 for band n) or terrain occlusion (bit 11)."""
    bits = sum(1 << (b - 1) for b in bands) | (1 << RADSAT_OCCLUSION)
    return (np.asarray(radsat).astype(np.int64) & bits) != 0


@dataclass
class GmlCloudMask:
    """A pre-04.00 Sentinel-2 ``MSK_CLOUDS_B00.gml`` (polygons in the tile CRS)."""

    data: bytes
    rel: str
    epsg: int
    _polygons: Optional[List[ogr.Geometry]] = field(default=None, repr=False, compare=False)

    @property
    def description(self) -> str:
        return f"MSK_CLOUDS polygons ({self.rel.rsplit('/', 1)[-1]})"

    def polygons(self) -> List[ogr.Geometry]:
        if self._polygons is None:  # parsed once, rasterised per block
            self._polygons = parse_cloud_gml(self.data, self.rel)
        return self._polygons

    def flags(self, grid: Grid, snow: bool) -> Tuple[np.ndarray, np.ndarray]:  # noqa: ARG002 - no snow class
        cloud = np.zeros((grid.height, grid.width), bool)
        polys = self.polygons()
        if polys:
            src = osr.SpatialReference()
            src.ImportFromEPSG(int(self.epsg))
            src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            dst = srs_from_wkt(grid.crs_wkt)
            with gdal_errors():
                mem = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Byte)
                mem.SetGeoTransform(grid.gt)
                mem.SetProjection(grid.crs_wkt)
                vds = ogr.GetDriverByName("Memory").CreateDataSource("")
                layer = vds.CreateLayer("clouds", dst, ogr.wkbPolygon)
                transform = None if src.IsSame(dst) else osr.CoordinateTransformation(src, dst)
                for geom in polys:
                    g = geom.Clone()
                    if transform is not None:
                        g.Transform(transform)
                    feat = ogr.Feature(layer.GetLayerDefn())
                    feat.SetGeometry(g)
                    layer.CreateFeature(feat)
                gdal.RasterizeLayer(mem, [1], layer, burn_values=[1])
                cloud = mem.GetRasterBand(1).ReadAsArray().astype(bool)
        return np.zeros_like(cloud), cloud


def _ring(pos_list: str, rel: str, dim: int = 2) -> ogr.Geometry:
    try:
        values = [float(v) for v in pos_list.split()]
    except ValueError:
        raise InputError(f"{rel}: a gml:posList holds something other than numbers.") from None
    if dim not in (2, 3) or len(values) < 4 * dim or len(values) % dim:
        raise InputError(f"{rel}: a polygon ring has {len(values)} coordinates; expected at least 4 points of "
                         f"{dim} coordinates.")
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in zip(values[0::dim], values[1::dim]):  # a third coordinate (height) is dropped
        ring.AddPoint_2D(x, y)
    ring.CloseRings()
    return ring


def parse_cloud_gml(data: bytes, rel: str) -> List[ogr.Geometry]:
    """The OPAQUE and CIRRUS polygons (exterior and interior rings) of a ``MSK_CLOUDS_B00.gml``."""
    from lxml import etree

    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{rel} is not valid XML ({exc}): download the product again.") from None
    out = []
    for feat in root.iter("{*}MaskFeature"):
        mtype = feat.find("{*}maskType")
        if mtype is None or (mtype.text or "").strip().upper() not in GML_TYPES:
            continue
        for poly in feat.iter("{*}Polygon"):
            geom = ogr.Geometry(ogr.wkbPolygon)
            for part in ("exterior", "interior"):
                for ring in poly.findall(f"{{*}}{part}"):
                    pos = ring.find(".//{*}posList")
                    if pos is not None and (pos.text or "").strip():
                        dim = pos.get("srsDimension") or poly.get("srsDimension") or "2"
                        geom.AddGeometry(_ring(pos.text, rel, int(dim) if dim.isdigit() else 2))
            if geom.GetGeometryCount():
                out.append(geom)
    return out


def dilate(mask: np.ndarray, pixels: int) -> np.ndarray:
    """Grow a boolean mask by ``pixels``: every pixel within that Euclidean distance of a True pixel."""
    if pixels <= 0 or not mask.any():
        return mask
    from scipy import ndimage

    r = int(pixels)
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    return ndimage.binary_dilation(mask, structure=(xx * xx + yy * yy) <= r * r)

