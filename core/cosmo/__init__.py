"""COSMO-SkyMed (CSK, CSG) products read with GDAL: names, metadata, footprints, amplitude and quicklook."""
from .export import amplitude, quicklook
from .naming import parse_cosmo_name
from .product import CosmoProduct, open_cosmo

__all__ = ["CosmoProduct", "amplitude", "open_cosmo", "parse_cosmo_name", "quicklook"]
