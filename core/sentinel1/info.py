"""``s1info`` core: product metadata to JSON and the footprint to a polygon GeoPackage."""
from __future__ import annotations

import json
import os
from typing import Optional

from osgeo import ogr, osr

from ..errors import ParameterError
from ..gdal_utils import gdal_errors
from ..output import atomic_path, check_output_path
from .product import open_product

FOOTPRINT_FIELDS = ("name", "platform", "mode", "product_type", "pass", "rel_orbit", "abs_orbit", "start", "stop",
                    "pols", "swaths", "inc_mid")


def write_footprint(path: str, info: dict) -> str:
    """Write the product footprint (EPSG:4326 polygon) to a GeoPackage layer ``footprint``, atomically."""
    if not path.lower().endswith(".gpkg"):
        raise ParameterError(f"The footprint output must be a GeoPackage file (.gpkg), not '{path}'.")
    values = {"name": info["name"]["name"], "platform": info["platform"], "mode": info["name"]["mode"],
              "product_type": info["name"]["product_type"], "pass": info["pass"],
              "rel_orbit": info["relative_orbit"], "abs_orbit": info["absolute_orbit"],
              "start": info["manifest"]["start"], "stop": info["manifest"]["stop"],
              "pols": ",".join(info["polarisations"]), "swaths": ",".join(info["swaths"]),
              "inc_mid": info["mean_incidence_angle_deg"]}
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    with atomic_path(path) as tmp, gdal_errors():
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        layer = ds.CreateLayer("footprint", srs, ogr.wkbPolygon)
        for key in FOOTPRINT_FIELDS:
            kind = ogr.OFTInteger if key.endswith("orbit") else ogr.OFTReal if key == "inc_mid" else ogr.OFTString
            layer.CreateField(ogr.FieldDefn(key, kind))
        feat = ogr.Feature(layer.GetLayerDefn())
        for key, val in values.items():
            if val is not None:
                feat.SetField(key, val)
        if info["footprint_wkt"]:
            feat.SetGeometry(ogr.CreateGeometryFromWkt(info["footprint_wkt"]))
        layer.CreateFeature(feat)
        feat = None
        ds = None
    return os.path.abspath(path)


def product_info(input: str, json_path: Optional[str] = None, footprint_path: Optional[str] = None) -> dict:
    """Read a product's metadata; optionally write it as JSON and the footprint as GeoPackage.

    Everything is read (and any error raised) before anything is written.
    """
    with open_product(input) as product:
        info = product.to_dict()
    if json_path:
        check_output_path(json_path, [input])
        with atomic_path(json_path) as tmp:
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(info, fh, indent=2)
    if footprint_path:
        check_output_path(footprint_path, [input])
        write_footprint(footprint_path, info)
    return info
