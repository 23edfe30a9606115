"""Checks that a freshly written output file is complete before it gets its final name.

A full disk does not always make a writer fail loudly: GDAL reports errors
met while closing a dataset through its error handler only (``ds = None``
cannot raise in GDAL 3.6), and a GeoTIFF whose tile data never reached the
disk can still open, all nodata. So :func:`close_dataset` turns GDAL's
close errors into exceptions and :func:`verify_file` re-opens the temporary
file and checks its structure (every TIFF block inside the file, a
GeoPackage that passes SQLite's quick check, JSON that parses, no empty
file) before :func:`~.output.atomic_path` renames it.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from typing import Iterator, List, Optional

from osgeo import gdal, ogr

from .errors import OutputError, quote
from .gdal_utils import gdal_errors

_TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_JSON_MAX_CHECK = 64 << 20  # larger JSON files are only checked for size

# sys.unraisablehook is one per process, but outputs are closed on several threads at once (the job
# runner's tasks, the dense tracker's helper): a hook swapped in and out by each closing thread could
# hand one thread's close error to another, and the file that failed would be renamed as complete.
# One dispatching hook, installed once, gives each thread the errors raised on that thread (a
# dataset's last reference is dropped, and its close error raised, on the closing thread).
_collector = threading.local()
_hook_lock = threading.Lock()
_previous_hook = {"hook": None}


def _dispatch_unraisable(info) -> None:
    lost = getattr(_collector, "lost", None)
    if lost is not None:
        lost.append(info.exc_value)
    else:
        (_previous_hook["hook"] or sys.__unraisablehook__)(info)


@contextlib.contextmanager
def collect_unraisable() -> Iterator[List[BaseException]]:
    """Within the block, exceptions Python cannot raise (e.g. in a ``__del__``) on *this* thread are
    appended to the yielded list instead of being printed; other threads' go where they went before."""
    with _hook_lock:
        if sys.unraisablehook is not _dispatch_unraisable:
            _previous_hook["hook"] = sys.unraisablehook
            sys.unraisablehook = _dispatch_unraisable
    outer = getattr(_collector, "lost", None)
    _collector.lost = []
    try:
        yield _collector.lost
    finally:
        _collector.lost = outer


def close_dataset(holder: List[Optional[gdal.Dataset]], what: str) -> None:
    """Flush and close the GDAL dataset in ``holder[0]``; raise OutputError on any GDAL error.

    The dataset is passed in a one-element list so that this function holds
    the last reference and really closes it (GDAL 3.6 has no
    ``Dataset.Close()``). Closing cannot raise in GDAL 3.6: with exceptions
    on, the error becomes an "Exception ignored" report (caught here through
    ``sys.unraisablehook``); with exceptions off it is only the last error.
    """
    ds = holder[0]
    holder[0] = None
    if ds is None:
        return
    message = ""
    with collect_unraisable() as lost:
        gdal.ErrorReset()
        try:
            ds.FlushCache()
        except RuntimeError as exc:
            message = str(exc)
        if not message and gdal.GetLastErrorType() >= gdal.CE_Failure:
            message = gdal.GetLastErrorMsg()
        gdal.ErrorReset()
        del ds  # the last reference: GDAL writes the TIFF directory / commits the GeoPackage now
        if not message and lost:
            message = str(lost[0])
        if not message and gdal.GetLastErrorType() >= gdal.CE_Failure:
            message = gdal.GetLastErrorMsg()
        gdal.ErrorReset()
    if message:
        raise write_failure(what, message)


_IO_WORDS = ("disk", "space", "full", "write", "i/o", "io error", "read-only", "readonly", "flush")


def write_failure(what: str, detail: str) -> OutputError:
    """The OutputError for a failed write of ``what``, saying when its disk is (nearly) full."""
    import shutil

    folder = os.path.dirname(os.path.abspath(what)) or "."
    try:
        full = shutil.disk_usage(folder).free < (1 << 20)
    except OSError:
        full = False
    if full:
        cause = ": the disk is full. Free some space or choose another folder"
    elif any(w in detail.lower() for w in _IO_WORDS):
        cause = ": the disk may be full, read-only or failing. Check it or choose another folder"
    else:
        cause = ""
    return OutputError(f"Writing {quote(what, 200)} failed ({quote(detail, 300)}){cause}; nothing was written "
                       "under that name and any earlier file of that name was kept.")


def verify_file(path: str, what: str, shape: Optional[tuple] = None) -> None:
    """Raise OutputError unless ``path`` is a complete file (checked by content type).

    GeoTIFF: opens, and every block of every band and overview has its data
    inside the file, and (``shape``) the expected (width, height, bands).
    GeoPackage: opens with OGR and passes ``PRAGMA quick_check``. JSON: parses. Anything else: exists and is not empty.
    """
    if not os.path.isfile(path):
        raise OutputError(f"No output was produced for {quote(what, 200)}.")
    size = os.path.getsize(path)
    if size == 0:
        raise OutputError(f"The output {quote(what, 200)} came out empty (0 bytes): the disk may be full.")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head[:4] in _TIFF_MAGIC:
        _verify_tiff(path, size, what, shape)
    elif head == _SQLITE_MAGIC:
        _verify_gpkg(path, what)
    elif path.lower().endswith(".json") and size <= _JSON_MAX_CHECK:
        try:
            with open(path, "r", encoding="utf-8") as fh:
                json.load(fh)
        except (ValueError, UnicodeDecodeError) as exc:
            raise OutputError(f"The output {quote(what, 200)} is incomplete ({quote(str(exc))}).") from None


def fsync_file(path: str) -> None:
    """Push ``path``'s data to the disk, so a crash right after the rename cannot leave it empty."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _incomplete(what: str, detail: str) -> OutputError:
    return OutputError(f"The output {quote(what, 200)} is incomplete ({detail}): the disk is probably full. "
                       "Free some space or choose another folder; any earlier file of that name was kept.")


def _verify_tiff(path: str, size: int, what: str, shape: Optional[tuple] = None) -> None:
    try:
        with gdal_errors():
            ds = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY, allowed_drivers=["GTiff"])
            found = (ds.RasterXSize, ds.RasterYSize, ds.RasterCount)
            if shape is not None and found != tuple(shape):
                raise _incomplete(what, f"{found[0]}x{found[1]} pixels, {found[2]} bands instead of "
                                        f"{shape[0]}x{shape[1]}, {shape[2]}")
            for i in range(1, ds.RasterCount + 1):
                band = ds.GetRasterBand(i)
                for b in [band] + [band.GetOverview(k) for k in range(band.GetOverviewCount())]:
                    _check_blocks(b, size, what)
            # the last block of the last band, decoded: catches a cut or corrupt compressed stream
            band = ds.GetRasterBand(ds.RasterCount) if ds.RasterCount else None
            if band is not None:
                bw, bh = band.GetBlockSize()
                x0 = (band.XSize - 1) // bw * bw
                y0 = (band.YSize - 1) // bh * bh
                band.ReadRaster(x0, y0, band.XSize - x0, band.YSize - y0)
            ds = None
    except RuntimeError as exc:
        raise _incomplete(what, quote(str(exc), 200)) from None


def _check_blocks(band: gdal.Band, size: int, what: str) -> None:
    # SenseTrack never writes sparse files (SPARSE_OK): a block without data was lost
    bw, bh = band.GetBlockSize()
    nx = (band.XSize + bw - 1) // bw
    ny = (band.YSize + bh - 1) // bh
    for y in range(ny):
        for x in range(nx):
            offset = band.GetMetadataItem(f"BLOCK_OFFSET_{x}_{y}", "TIFF")
            count = band.GetMetadataItem(f"BLOCK_SIZE_{x}_{y}", "TIFF")
            if offset is None or count is None or int(offset) == 0:
                raise _incomplete(what, f"block {x},{y} of band {band.GetDescription() or '?'} was never written")
            if int(offset) + int(count) > size:
                raise _incomplete(what, f"block {x},{y} ends past the end of the file")


def _verify_gpkg(path: str, what: str) -> None:
    try:
        with gdal_errors():
            ds = ogr.Open(path)
            if ds is None or ds.GetLayerCount() == 0:
                raise _incomplete(what, "no layer")
            res = ds.ExecuteSQL("PRAGMA quick_check")
            verdict = res.GetNextFeature().GetField(0) if res is not None else "ok"
            ds.ReleaseResultSet(res)
            ds = None
    except RuntimeError as exc:
        raise _incomplete(what, quote(str(exc), 200)) from None
    if str(verdict).lower() != "ok":
        raise _incomplete(what, quote(str(verdict), 200))
