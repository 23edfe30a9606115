"""``s1info`` core: product metadata to JSON and the footprint to a polygon GeoPackage."""
from __future__ import annotations

import json
import os
from typing import Optional

from osgeo import ogr

from ..errors import ParameterError
from ..gdal_utils import wgs84
from ..output import atomic_path, check_output_path, write_polygons
from .product import open_product

def write_footprint(path: str, info: dict) -> str:
    """Write the product footprint (EPSG:4326 polygon) to a GeoPackage layer ``footprint``, atomically."""
    if not path.lower().endswith(".gpkg"):
        raise ParameterError(f"The footprint output must be a GeoPackage file (.gpkg), not '{path}'.")
    values = {"name": info["name"]["name"], "platform": info["platform"], "mode": info["name"]["mode"],
              "product_type": info["name"]["product_type"], "pass": info["pass"],
              "rel_orbit": info["relative_orbit"], "abs_orbit": info["absolute_orbit"],
              "start": info["manifest"]["start"], "stop": info["manifest"]["stop"],
              "pols": ",".join(info["polarisations"]), "swaths": ",".join(info["swaths"]),
              "inc_mid": info["mean_incidence_angle_deg"], "footprint_wkt": info["footprint_wkt"]}
    types = {key: ogr.OFTInteger if key.endswith("orbit") else ogr.OFTReal if key == "inc_mid" else ogr.OFTString
             for key in values if key != "footprint_wkt"}
    return write_polygons(path, [values], wgs84().ExportToWkt(), layer_name="footprint", field_types=types)


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
