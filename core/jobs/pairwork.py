"""Top-level (picklable) task functions that make pair products: whole pairs, tiles of a pair, merge, finish.

Every function writes its outputs atomically (temporary name, then rename)
and returns the path(s) it wrote, never arrays: a Dask client only ever
receives file names. A windowed pair larger than the job's tile budget is
tracked as blocks of its window grid (:func:`track_tile`, one task each,
the target read with the search margin around each block), assembled by
:func:`merge_tiles`; blocks start on multiples of the engine's tile, so the
merged product equals a whole-scene :func:`core.tracking.windowed.files.track_windows_file`
run with the same tile size.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal

from ..displacement import band_units
from ..errors import InputError
from ..gdal_utils import gdal_errors
from ..grid import check_pair
from ..output import RasterWriter, check_output_path, discard
from ..progress import Monitor, ensure_monitor
from ..raster import Raster
from ..tracking.dense import _units, track_dense
from ..tracking.windowed.engine import check_values, grid_shape
from ..tracking.windowed.files import (band_names, coarse_prior, output_geotransform, product_metadata,
                                       tracked_tiles, track_windows_file)
from .jobfile import WINDOWED

ANY_DATA_KEY = "SENSETRACK_TILE_ANY_DATA"


def _windowed_args(parameters: Mapping[str, Any]) -> Tuple[int, int, Dict[str, Any]]:
    p = dict(parameters or {})
    return int(p.pop("window", 64)), int(p.pop("step", 16)), p


def track_raw(reference: str, target: str, output: str, method: str, parameters: Optional[Mapping[str, Any]] = None,
              reference_band: int = 1, target_band: int = 1, monitor: Optional[Monitor] = None) -> str:
    """Track one pair with the existing trackers (job method names) into ``output``; return its path."""
    if method in WINDOWED:
        window, step, rest = _windowed_args(parameters)
        track_windows_file(reference, target, output, method=WINDOWED[method], window=window, step=step,
                           reference_band=reference_band, target_band=target_band, monitor=monitor, **rest)
    else:
        track_dense(reference, target, output, method=method, parameters=parameters, reference_band=reference_band,
                    target_band=target_band, monitor=monitor)
    return os.path.abspath(output)


def finish_product(raw: str, output: str, filter_parameters: Optional[Mapping[str, Any]] = None,
                   stable_mask: Optional[str] = None, stable_invert: bool = False,
                   reference_date: Optional[str] = None, target_date: Optional[str] = None) -> str:
    """Filter outliers, remove the stable-ground bias and record the dates of a raw pair product; write ``output``."""
    from ..postprocess.product import read_product, write_product
    from ..postprocess.steps import correct_product, filter_product

    product = read_product(raw)
    if filter_parameters:
        filter_product(product, **dict(filter_parameters))
    if stable_mask:
        correct_product(product, stable_mask, invert=stable_invert)
    for key, value in (("SENSETRACK_REFERENCE_DATE", reference_date), ("SENSETRACK_TARGET_DATE", target_date)):
        if value:
            product.metadata[key] = value
    return write_product(product, output, [stable_mask] if stable_mask else [])


def _needs_finish(filter_parameters, stable_mask, reference_date, target_date) -> bool:
    return bool(filter_parameters or stable_mask or reference_date or target_date)


def run_pair(reference: str, target: str, output: str, method: str, parameters: Optional[dict] = None,
             filter_parameters: Optional[dict] = None, stable_mask: Optional[str] = None,
             reference_date: Optional[str] = None, target_date: Optional[str] = None,
             monitor: Optional[Monitor] = None, stable_invert: bool = False, reference_band: int = 1,
             target_band: int = 1) -> str:
    """One complete pair product with the existing trackers (same call as ``core.timeseries.batch.track_pair``).

    Tracks, then (when asked) filters, corrects on stable ground and records
    the dates; the intermediate raw product is a hidden file removed at the
    end, and ``output`` appears only when everything succeeded.
    """
    out = check_output_path(output, [reference, target])
    if not _needs_finish(filter_parameters, stable_mask, reference_date, target_date):
        return track_raw(reference, target, out, method, parameters, reference_band, target_band, monitor)
    folder, name = os.path.split(out)
    raw = os.path.join(folder, f".{os.path.splitext(name)[0]}.raw-{uuid.uuid4().hex[:8]}.tif")
    try:
        track_raw(reference, target, raw, method, parameters, reference_band, target_band,
                  ensure_monitor(monitor).sub(0.0, 0.9))
        return finish_product(raw, out, filter_parameters, stable_mask, stable_invert, reference_date, target_date)
    finally:
        with contextlib.suppress(OSError):
            os.remove(raw)


def tile_blocks(shape: Tuple[int, int], window: int, step: int, budget: int, tile: int) -> list:
    """Blocks of the window grid ``[(rows, cols), ...]`` (half-open ranges) of at most ``budget`` input pixels each.

    A block side is a multiple of the engine tile (``tile`` windows) so that
    blocks are tracked exactly as in a whole-scene run.
    """
    ny, nx = grid_shape(shape, window, step)
    side_px = int(np.sqrt(budget))
    per = max(1, (side_px - window) // step + 1)
    per = max(tile, (per // tile) * tile)
    return [((i0, min(i0 + per, ny)), (j0, min(j0 + per, nx)))
            for i0 in range(0, ny, per) for j0 in range(0, nx, per)]


def _open_pair(reference: str, target: str, reference_band: int, target_band: int) -> Tuple[Raster, Raster]:
    ref, tar = Raster(reference), Raster(target)
    ref.band(reference_band)
    tar.band(target_band)
    check_pair(ref, tar)
    return ref, tar


def track_tile(reference: str, target: str, output: str, method: str, parameters: Mapping[str, Any],
               grid_rows: Sequence[int], grid_cols: Sequence[int], reference_band: int = 1, target_band: int = 1,
               tile: int = 48) -> str:
    """Track the windows ``grid_rows`` x ``grid_cols`` (half-open) of a windowed pair into the block file ``output``."""
    window, step, rest = _windowed_args(parameters)
    m = WINDOWED[method]
    values = check_values(m, window, step, rest)
    ref, tar = _open_pair(reference, target, reference_band, target_band)
    prior = coarse_prior(ref, tar, reference_band, target_band, window, step, values)
    (i0, i1), (j0, j1) = grid_rows, grid_cols
    names = band_names(m)
    gt = output_geotransform(ref.geotransform, window, step)
    block_gt = (gt[0] + j0 * gt[1] + i0 * gt[2], gt[1], gt[2], gt[3] + j0 * gt[4] + i0 * gt[5], gt[4], gt[5])
    any_data = False
    output = check_output_path(output, [reference, target])
    writer = RasterWriter(output, j1 - j0, i1 - i0, names, block_gt, ref.crs_wkt,
                          georeferenced=ref.is_georeferenced)
    with writer:
        for ti, tj, bands, _, _, data in tracked_tiles(ref, tar, reference_band, target_band, m, window, step,
                                                       values, prior, (i0, i1), (j0, j1), None, tile):
            any_data |= data
            for n in names:
                writer.write_named(n, bands[n], tj - j0, ti - i0)
        # known only after tracking; RasterWriter takes metadata at creation, so set it on its open dataset
        writer._ds.SetMetadataItem(ANY_DATA_KEY, "1" if any_data else "0")
    return os.path.abspath(output)


def merge_tiles(tiles: Sequence[Tuple[str, int, int]], output: str, reference: str, target: str, method: str,
                parameters: Mapping[str, Any], reference_band: int = 1, target_band: int = 1,
                filter_parameters: Optional[dict] = None, stable_mask: Optional[str] = None,
                stable_invert: bool = False, reference_date: Optional[str] = None,
                target_date: Optional[str] = None) -> str:
    """Assemble block files ``(path, first grid row, first grid column)`` into the pair product ``output``.

    Copies one block at a time (memory: one block), then finishes the
    product like :func:`run_pair` (filter, stable ground, dates), and
    removes the block files once ``output`` exists.
    """
    window, step, rest = _windowed_args(parameters)
    m = WINDOWED[method]
    values = check_values(m, window, step, rest)
    ref, _ = _open_pair(reference, target, reference_band, target_band)
    ny, nx = grid_shape(ref.shape, window, step)
    names = band_names(m)
    units = _units(ref)
    out = check_output_path(output, [reference, target])
    finish = _needs_finish(filter_parameters, stable_mask, reference_date, target_date)
    folder, name = os.path.split(out)
    merged = os.path.join(folder, f".{os.path.splitext(name)[0]}.raw-{uuid.uuid4().hex[:8]}.tif") if finish else out
    any_data = False
    try:
        with RasterWriter(merged, nx, ny, names, output_geotransform(ref.geotransform, window, step), ref.crs_wkt,
                          units=band_units(names, units),
                          metadata=product_metadata(reference, target, m, values, window, step, units),
                          georeferenced=ref.is_georeferenced) as writer:
            for path, i0, j0 in tiles:
                with gdal_errors():
                    try:
                        ds = gdal.Open(path)
                    except RuntimeError:  # raised rather than None inside gdal_errors
                        ds = None
                    if ds is None or ds.RasterCount != len(names):
                        raise InputError(f"The tile '{path}' is missing or incomplete; rerun the job.")
                    any_data |= ds.GetMetadataItem(ANY_DATA_KEY) == "1"
                    for k, n in enumerate(names, start=1):
                        writer.write_named(n, ds.GetRasterBand(k).ReadAsArray(), j0, i0)
                    ds = None
            if not any_data:
                raise InputError(f"The reference '{os.path.basename(reference)}' has no valid pixel under any "
                                 "window (all nodata). Check the band and its nodata value.")
        if finish:
            finish_product(merged, out, filter_parameters, stable_mask, stable_invert, reference_date, target_date)
    finally:
        if finish:
            with contextlib.suppress(OSError):
                os.remove(merged)
    first = os.path.dirname(tiles[0][0])
    discard([p for p, _, _ in tiles] + [first, os.path.dirname(first)])
    return out
