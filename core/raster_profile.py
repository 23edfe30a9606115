"""The one GeoTIFF creation profile of every raster SenseTrack writes.

Chosen once here and measured by ``scripts/bench_dense.py`` (write speed and
size of a displacement product): on float32 displacement rasters the old
profile (DEFLATE level 6, one thread) wrote at ~8 Mpx/s and cost more than
Farnebäck itself; ZSTD at level 1 on all cores writes several times faster
for a file a few percent larger. Predictors: floating-point (3) for float
data, horizontal differencing (2) for integers; none for complex data.

* :func:`gtiff_options` — tiled 256x256 GeoTIFF, ZSTD level 1,
  ``NUM_THREADS=ALL_CPUS``, predictor, ``BIGTIFF=IF_SAFER``.
* :func:`cog_options` — the same for GDAL's COG driver, with overviews
  (Cloud Optimized GeoTIFF, for object storage and web maps).

Both take GDAL or numpy type names (``float32``, ``Float32``, ``uint8``...).

:func:`cog_outputs` asks every :class:`core.output.RasterWriter` opened in
its ``with`` block (in this thread or task) without an explicit ``cog=`` to
write a COG: the Processing algorithms' COG option sets it once per run.
"""
from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator, List, Optional

COMPRESS = "ZSTD"  # GDAL 3.6 on Debian 12 is built with libzstd; DEFLATE is the fallback for older builds
LEVEL = 1  # fastest level: the write must not cost more than the tracking
TILE = 256
THREADS = "ALL_CPUS"  # compression threads; the job runner sets "1" on Dask workers (one core per task)
COG_TILE = 256  # same tiles as the GeoTIFF profile; AUTO overviews down to one tile
COG_RESAMPLING = "NEAREST"  # overview pixels stay measured values (DIRECTION cannot be averaged)

_FLOAT = {"float16", "float32", "float64"}
_COMPLEX = {"cint16", "cint32", "cfloat32", "cfloat64", "complex64", "complex128"}


def _kind(data_type) -> str:
    name = str(getattr(data_type, "name", data_type)).lower()
    if name in _COMPLEX:
        return "complex"
    if name in _FLOAT:
        return "float"
    return "integer"


def _compress_available(method: str) -> bool:
    from osgeo import gdal

    drv = gdal.GetDriverByName("GTiff")
    return drv is not None and method in (drv.GetMetadataItem("DMD_CREATIONOPTIONLIST") or "")


def _compression(compress: str, level: int) -> List[str]:
    method = compress.upper()
    if method == "ZSTD" and not _compress_available("ZSTD"):
        method = "DEFLATE"
    if method == "NONE":
        return []
    opts = [f"COMPRESS={method}"]
    if method == "ZSTD":
        opts.append(f"ZSTD_LEVEL={int(level)}")
    elif method == "DEFLATE":
        opts.append(f"ZLEVEL={int(level)}")
    return opts


def predictor(data_type) -> str:
    """GeoTIFF PREDICTOR value for a data type: "3" float, "2" integer, "1" (none) complex."""
    return {"float": "3", "integer": "2", "complex": "1"}[_kind(data_type)]


def gtiff_options(data_type="float32", *, compress: str = COMPRESS, level: int = LEVEL, tile: int = TILE,
                  threads: Optional[str] = None) -> List[str]:
    """GeoTIFF (GTiff driver) creation options of SenseTrack outputs for ``data_type``.

    ``compress="NONE"`` gives an uncompressed tiled file (scratch files read once).
    """
    opts = ["TILED=YES", f"BLOCKXSIZE={int(tile)}", f"BLOCKYSIZE={int(tile)}", "BIGTIFF=IF_SAFER"]
    comp = _compression(compress, level)
    if comp:
        opts += comp + [f"NUM_THREADS={threads or THREADS}"]
        pred = predictor(data_type)
        if pred != "1":
            opts.append(f"PREDICTOR={pred}")
    return opts


def cog_options(data_type="float32", *, compress: str = COMPRESS, level: int = LEVEL, tile: int = COG_TILE,
                resampling: str = COG_RESAMPLING, threads: Optional[str] = None) -> List[str]:
    """Creation options for GDAL's COG driver (overviews built automatically) for ``data_type``."""
    method = compress.upper()
    if method == "ZSTD" and not _compress_available("ZSTD"):
        method = "DEFLATE"
    opts = [f"COMPRESS={method}", f"BLOCKSIZE={int(tile)}", "BIGTIFF=IF_SAFER", "OVERVIEWS=AUTO",
            f"RESAMPLING={resampling}", f"NUM_THREADS={threads or THREADS}"]
    if method in ("ZSTD", "DEFLATE"):
        opts.append(f"LEVEL={int(level)}")
    if method != "NONE" and _kind(data_type) != "complex":
        opts.append("PREDICTOR=YES")  # the COG driver picks 3 for float and 2 for integer data
    return opts


_COG = contextvars.ContextVar("sensetrack_cog_outputs", default=False)


@contextlib.contextmanager
def cog_outputs(enabled: bool = True) -> Iterator[None]:
    """Within the block, rasters written without an explicit ``cog=`` are Cloud Optimized GeoTIFFs."""
    token = _COG.set(bool(enabled))
    try:
        yield
    finally:
        _COG.reset(token)


def cog_requested() -> bool:
    """True inside :func:`cog_outputs` (the default of ``RasterWriter(cog=None)``)."""
    return _COG.get()
