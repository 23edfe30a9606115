"""PRISMA HE5 products (L1, L1G/L1G2, L2B, L2C, L2D): level, wavelength tables, cube and geolocation paths, scaling.

Paths and attributes follow the PRISMA Products Specification Document (ASI,
PRS-SY-PSD): root attributes ``Processing_Level``, ``Product_ID``,
``Epsg_Code``, ``List_Cw_Vnir`` / ``List_Fwhm_Vnir`` / ``List_Cw_Swir`` /
``List_Fwhm_Swir`` (nm; a centre wavelength of 0 flags a band that is not
delivered), L1 radiance scaling ``ScaleFactor_<Cube>`` / ``Offset_<Cube>``
(radiance = DN / ScaleFactor - Offset) and L2 scaling
``L2Scale<Cube>Min`` / ``L2Scale<Cube>Max`` (value = Min + DN (Max - Min) /
65535); swaths ``HDFEOS/SWATHS/PRS_<level>_HCO`` (hyperspectral cubes
``VNIR_Cube``, ``SWIR_Cube``, stored band-interleaved-by-line: rows, bands,
columns) and ``PRS_<level>_PCO`` (panchromatic ``Cube``), with
``Geolocation Fields/Latitude`` and ``Longitude`` (L1: ``Latitude_VNIR``,
``Latitude_SWIR``...) for the levels that are not map-projected. These
paths are the specification's as we read it; no real product could be
checked here (they are not redistributable), but they agree with the public
readers that were tested on real files (EnMAP-Box's PRISMA importers, the
prismaread R package, acolite's PRISMA reader).

L1G/L1G2 products (``PRS_L1G_STD_OFFL_...``, ``PRS_L1G2_...``) keep the L1
swath ``PRS_L1_HCO`` but their geolocation is ``Geolocation Fields/Latitude``
and ``Longitude`` without the ``_VNIR``/``_SWIR`` suffix, with 65535 as fill
value (acolite's PRISMA reader); their level is recognised from a
``Processing_Level`` of ``1G``/``1G2`` or, when it says ``1``, from the
``PRS_L1G`` prefix of the file name or ``Product_ID``.

L2D geometry: the ``Product_<UL|UR|LL|LR>corner_<easting|northing>``
attributes are pixel *centres* (in real files the corners span 1212 x 1197
intervals of 30 m over a 1213 x 1198 cube), so the grid origin is the
upper-left centre minus half the nominal pixel (30 m; 5 m for PAN, where the
same rule is assumed: that case is unconfirmed upstream).

Fixes over the original: every level is read (not only L2D), PAN works,
values are scaled to physical units, flagged bands are dropped and the
bands are ordered by wavelength.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from ..errors import InputError
from ..hdf5 import H5

LEVELS = ("1", "1G", "2B", "2C", "2D")
CUBES = ("vnir", "swir", "pan")
UNITS = {"1": "W m-2 sr-1 um-1 (radiance)", "1G": "W m-2 sr-1 um-1 (radiance)",
         "2B": "W m-2 sr-1 um-1 (at-surface radiance)", "2C": "reflectance (0-1)", "2D": "reflectance (0-1)"}
NOMINAL_PIXEL = {"vnir": 30.0, "swir": 30.0, "pan": 5.0}  # metres, L2D grids
GEOLOCATION_FILL = 65535.0  # fill value of L1G latitude/longitude arrays


def normalise_level(text: str, name: str = "") -> str:
    """The level this reader uses for a ``Processing_Level`` string (and the file name / Product_ID).

    ``L1``/``1`` -> ``1``; ``1G``, ``1G2``, ``L1G``... -> ``1G`` (also ``1`` with a
    ``PRS_L1G`` file name); ``2B``/``2C``/``2D`` with or without ``L``. Anything
    else is returned as given, upper case, so the caller can name it.
    """
    level = str(text).strip().upper()
    level = level[1:] if level.startswith("L") else level
    if level.startswith("1G"):
        return "1G"
    if level == "1" and "PRS_L1G" in name.upper():
        return "1G"
    return level


@dataclass(frozen=True)
class Band:
    """One spectral band: 0-based index in the stored cube, centre wavelength and FWHM in nm."""

    cube: str
    index: int
    wavelength: float
    fwhm: float

    @property
    def name(self) -> str:
        return f"{self.cube.upper()}_{self.wavelength:06.1f}nm"


class PrismaProduct:
    """An open PRISMA product."""

    def __init__(self, path: str):
        self.path = path
        self.h5 = H5(path, "PRISMA product")
        self.root = self.h5.attrs()
        raw = str(self.root.get("Processing_Level", "")).strip()
        if not raw or "List_Cw_Vnir" not in self.root:
            raise InputError(f"'{os.path.basename(path)}' is not a PRISMA product (no PRISMA Processing_Level "
                             "and wavelength attributes).")
        level = normalise_level(raw, f"{os.path.basename(path)} {self.root.get('Product_ID', '')}")
        if level not in LEVELS:
            raise InputError(f"'{os.path.basename(path)}' has Processing_Level '{raw}', which SenseTrack does not "
                             f"read (it reads L1, L1G/L1G2, L2B, L2C and L2D).")
        self.level = level
        self.swath = "L1" if level in ("1", "1G") else f"L{level}"

    # ---- structure -----------------------------------------------------------------------------------
    def cube_path(self, cube: str) -> str:
        if cube not in CUBES:
            raise InputError(f"Unknown cube '{cube}'; choose vnir, swir or pan.")
        if cube == "pan":
            return f"/HDFEOS/SWATHS/PRS_{self.swath}_PCO/Data Fields/Cube"
        return f"/HDFEOS/SWATHS/PRS_{self.swath}_HCO/Data Fields/{cube.upper()}_Cube"

    def geolocation_paths(self, cube: str) -> Tuple[str, str]:
        """(latitude, longitude) dataset paths for a cube of a level that is not map-projected.

        L1 has one pair per cube (``Latitude_VNIR``...); L1G/L1G2, L2B and
        L2C one pair without suffix. An L1 file without the suffixed pair
        falls back to the plain one (and the reverse), so a level string
        that does not say L1G does not lose the geolocation.
        """
        if cube == "pan":
            base = f"/HDFEOS/SWATHS/PRS_{self.swath}_PCO/Geolocation Fields"
            return f"{base}/Latitude", f"{base}/Longitude"
        base = f"/HDFEOS/SWATHS/PRS_{self.swath}_HCO/Geolocation Fields"
        suffixed = (f"{base}/Latitude_{cube.upper()}", f"{base}/Longitude_{cube.upper()}")
        plain = (f"{base}/Latitude", f"{base}/Longitude")
        first, second = (suffixed, plain) if self.level == "1" else (plain, suffixed)
        return first if self.h5.has(first[0]) or not self.h5.has(second[0]) else second

    def geolocation(self, cube: str) -> Tuple[np.ndarray, np.ndarray]:
        """(latitude, longitude) arrays in degrees with fill values (>= 65535, L1G) as NaN.

        Raises
        ------
        InputError
            The arrays are missing, or hold no valid coordinate.
        """
        out = []
        for dpath in self.geolocation_paths(cube):
            if not self.h5.has(dpath):
                raise InputError(f"'{os.path.basename(self.path)}' (level {self.level}) has no geolocation array "
                                 f"{dpath}; it cannot be geo-referenced.")
            arr = np.asarray(self.h5.read(dpath), dtype=np.float64)
            arr[~np.isfinite(arr) | (np.abs(arr) >= GEOLOCATION_FILL)] = np.nan
            out.append(arr)
        lat, lon = out
        if not np.isfinite(lat).any() or not np.isfinite(lon).any():
            raise InputError(f"The geolocation arrays of '{os.path.basename(self.path)}' hold only fill values; "
                             "it cannot be geo-referenced.")
        return lat, lon

    def l2d_geotransform(self, cube: str) -> Tuple[float, float, float, float, float, float]:
        """GDAL geotransform of an L2D cube: corner attributes as pixel centres, nominal pixel size.

        origin = upper-left centre - half a pixel (x) / + half a pixel (y);
        pixel = 30 m (VNIR, SWIR) or 5 m (PAN; the centre rule is assumed for
        PAN too, unconfirmed upstream). North-up, no rotation.
        """
        x, y = self.upper_left_centre()
        px = NOMINAL_PIXEL[cube]
        return (x - px / 2.0, px, 0.0, y + px / 2.0, 0.0, -px)

    def upper_left_centre(self) -> Tuple[float, float]:
        """(easting, northing) of the centre of the upper-left pixel of an L2D product."""
        if "Product_ULcorner_easting" not in self.root or "Product_ULcorner_northing" not in self.root:
            raise InputError(f"'{os.path.basename(self.path)}' (L2D) lacks the Product_ULcorner_easting/northing "
                             "attributes.")
        return self.number("Product_ULcorner_easting"), self.number("Product_ULcorner_northing")

    def bands(self, cube: str) -> List[Band]:
        """Delivered bands of a cube, ordered by wavelength (PAN: one band, wavelength 0)."""
        if cube == "pan":
            return [Band("pan", 0, 0.0, 0.0)]
        key = "Vnir" if cube == "vnir" else "Swir"
        cw = self._numbers(f"List_Cw_{key}", [])
        fw = self._numbers(f"List_Fwhm_{key}", np.zeros_like(cw))
        path = self.cube_path(cube)
        if self.h5.has(path):
            stored = int(self.h5.shape(path)[1]) if len(self.h5.shape(path)) == 3 else None
            if stored is not None and stored != cw.size:
                # bands would be silently dropped (short list) or read past the cube (long list)
                raise InputError(f"'{os.path.basename(self.path)}' lists {cw.size} {cube.upper()} wavelengths "
                                 f"(List_Cw_{key}) but its {cube.upper()} cube holds {stored} bands: the file is "
                                 "inconsistent or damaged. Download the product again.")
        out = [Band(cube, i, float(c), float(fw[i]) if i < fw.size else 0.0) for i, c in enumerate(cw) if c > 0]
        return sorted(out, key=lambda b: b.wavelength)

    def _numbers(self, key: str, default: Any) -> np.ndarray:
        """A numeric attribute as a 1-D float array; InputError naming it when it is not numeric."""
        try:
            return np.atleast_1d(np.asarray(self.root.get(key, default), dtype=float))
        except (TypeError, ValueError):
            raise InputError(f"The attribute {key} of '{os.path.basename(self.path)}' is not numeric "
                             f"({_quote(self.root.get(key))}): the file is damaged or not a PRISMA product.") \
                from None

    def number(self, key: str, default: Any = None) -> float:
        """One finite numeric attribute (``default`` when absent); InputError naming it otherwise."""
        if key not in self.root and default is not None:
            return float(default)
        if key not in self.root:
            raise InputError(f"'{os.path.basename(self.path)}' has no {key} attribute, which this step needs. "
                             "The product is incomplete: download it again.")
        values = self._numbers(key, default)
        if values.size != 1 or not np.isfinite(values[0]):
            raise InputError(f"The attribute {key} of '{os.path.basename(self.path)}' is "
                             f"{_quote(self.root.get(key))}, not a finite number: the file is damaged.")
        return float(values[0])

    def scale(self, cube: str) -> Tuple[float, float]:
        """(gain, offset) so that value = gain * DN + offset, in the level's physical unit."""
        key = {"vnir": "Vnir", "swir": "Swir", "pan": "Pan"}[cube]
        if self.level in ("1", "1G"):
            factor = self.number(f"ScaleFactor_{key}", 1.0) or 1.0
            return 1.0 / factor, -self.number(f"Offset_{key}", 0.0)
        for bound in ("Min", "Max"):
            if f"L2Scale{key}{bound}" not in self.root:
                raise InputError(f"'{os.path.basename(self.path)}' has no L2Scale{key}Min/Max attributes to scale "
                                 "the data to physical units.")
        lo, hi = self.number(f"L2Scale{key}Min"), self.number(f"L2Scale{key}Max")
        return (hi - lo) / 65535.0, lo

    def bounds(self) -> Tuple[float, float, float, float]:
        """(west, south, east, north) of an L2D product in its EPSG CRS, from the corner attributes."""
        keys = ("Product_LLcorner_easting", "Product_LRcorner_northing", "Product_URcorner_easting",
                "Product_ULcorner_northing")
        if any(k not in self.root for k in keys):
            raise InputError(f"'{os.path.basename(self.path)}' (L2D) lacks the Product_*corner_* attributes.")
        west, south, east, north = (self.number(k) for k in keys)
        if not (east > west and north > south):
            raise InputError(f"The corner coordinates of '{os.path.basename(self.path)}' do not make a grid "
                             f"(west {west:g}, east {east:g}, south {south:g}, north {north:g}): the file is "
                             "damaged.")
        return west, south, east, north

    def crs_wkt(self) -> str:
        """WKT of the L2D product's CRS from ``Epsg_Code``; InputError when it is missing or unknown."""
        from osgeo import gdal, osr

        if "Epsg_Code" not in self.root:
            raise InputError(f"'{os.path.basename(self.path)}' (L2D) has no Epsg_Code attribute, so its map "
                             "projection is unknown. Download the product again.")
        code = self.number("Epsg_Code")
        srs = osr.SpatialReference()
        gdal.PushErrorHandler("CPLQuietErrorHandler")  # the message below says it better than PROJ's
        try:
            known = code == int(code) and srs.ImportFromEPSG(int(code)) == 0
        except RuntimeError:
            known = False
        finally:
            gdal.PopErrorHandler()
        if not known:
            raise InputError(f"The Epsg_Code of '{os.path.basename(self.path)}' is {_quote(self.root['Epsg_Code'])}, "
                             "which is not a known EPSG coordinate system: the file is damaged.")
        return srs.ExportToWkt()

    def info(self) -> Dict[str, Any]:
        keys = ("Product_ID", "Processing_Level", "Product_StartTime", "Product_StopTime", "Epsg_Code",
                "Cloudy_pixels_percentage", "Sun_zenith_angle", "Sun_azimuth_angle")
        out = {k: _plain(self.root[k]) for k in keys if k in self.root}
        out["level"] = self.level
        out["unit"] = UNITS[self.level]
        for cube in CUBES:
            path = self.cube_path(cube)
            if self.h5.has(path):
                out[f"{cube}_shape"] = list(self.h5.shape(path))
                out[f"{cube}_bands"] = len(self.bands(cube))
        return out

    def wavelength_table(self) -> List[Dict[str, Any]]:
        return [{"cube": b.cube, "band": b.index + 1, "wavelength_nm": b.wavelength, "fwhm_nm": b.fwhm}
                for cube in ("vnir", "swir") for b in self.bands(cube)]


def _quote(v: Any) -> str:
    text = repr(_plain(v))
    return text if len(text) <= 40 else text[:40] + "..."


def _plain(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    return v


def open_prisma(path: str, expected_level: Optional[str] = None) -> PrismaProduct:
    """Open a PRISMA HE5; with ``expected_level`` (1, 2B, 2C, 2D) refuse another level."""
    product = PrismaProduct(path)
    if expected_level and normalise_level(expected_level) != product.level:
        raise InputError(f"'{os.path.basename(path)}' is a level {product.level} product, not {expected_level}. "
                         "Choose the right file or change the expected level.")
    return product
