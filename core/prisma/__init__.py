"""PRISMA hyperspectral products (L1, L2B, L2C, L2D) read with GDAL: metadata, wavelengths, cube export."""
from .extract import extract, select_bands
from .product import CUBES, LEVELS, PrismaProduct, open_prisma

__all__ = ["CUBES", "LEVELS", "PrismaProduct", "extract", "open_prisma", "select_bands"]
