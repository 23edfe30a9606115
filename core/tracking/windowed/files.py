"""File-to-file windowed tracking by tiles, with bounded memory.

The window grid (see :mod:`.engine`) is cut into tiles of
``TILE`` x ``TILE`` windows. For each tile only the reference pixels under
its windows and the target pixels under them plus a margin (NCC search
range + the largest coarse-to-fine prior in the tile) are read, the tile is
tracked with :func:`.engine.track_block` (the same call as the in-memory
engine, so tiled and untiled results agree to float rounding) and its block of the
output grid is written at once. Memory is therefore set by the tile size,
not the scene size; progress and Cancel work tile by tile (and batch by
batch inside a tile).
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterator, List, Optional, Tuple

import numpy as np

from ... import __version__
from ...displacement import DISPLACEMENT_BANDS, PIXEL_BANDS, band_units, displacement_bands
from ...errors import InputError
from ...grid import check_pair
from ...output import RasterWriter, check_output_path, write_points
from ...progress import Monitor, ensure_monitor
from ...provenance import origin_of
from ...raster import Raster, pixel_centres
from ..dense import _units
from .engine import (LABELS, WindowResult, check_values, coarse_parameters, grid_shape, margin, prior_from_coarse,
                     usable_levels,
                     track_block)
from .engine import track_windows as _track_in_memory

TILE = 48  # windows per tile side: 48x48 windows of 64 px at step 16 read ~0.8 Mpx per image
QUALITY_BANDS = {"phase": ("PEAK", "SNR", "NRMS"), "ncc": ("PEAK", "SNR")}


def _read(r: Raster, band: int, r0: int, c0: int, h: int, w: int, pad: int):
    """Read rows r0-pad..r0+h+pad, cols c0-pad..c0+w+pad: (data, valid).

    Beyond the raster the data are mirrored (as the in-memory engine does) and invalid.
    """
    y0, x0 = r0 - pad, c0 - pad
    y1, x1 = r0 + h + pad, c0 + w + pad
    ya, xa = max(y0, 0), max(x0, 0)
    yb, xb = min(y1, r.height), min(x1, r.width)
    d, v = r.read(band, (xa, ya, xb - xa, yb - ya))
    data = np.where(v, d, 0).astype(np.float32)
    widths = ((ya - y0, y1 - yb), (xa - x0, x1 - xb))
    if any(n for pair in widths for n in pair):
        data = np.pad(data, widths, mode="symmetric")
        v = np.pad(v, widths)
    return data, v


def _coarse(r: Raster, band: int, f: int, block: int = 1024):
    """The raster reduced f times (block means; a block is valid when all its pixels are), read block-wise."""
    h, w = r.height // f, r.width // f
    out = np.zeros((h, w), np.float32)
    ok = np.zeros((h, w), bool)
    step = (block // f) * f
    for y in range(0, h * f, step):
        for x in range(0, w * f, step):
            ys, xs = min(step, h * f - y), min(step, w * f - x)
            d, v = r.read(band, (x, y, xs, ys))
            d = np.where(v, d, 0).astype(np.float64).reshape(ys // f, f, xs // f, f).mean(axis=(1, 3))
            out[y // f:(y + ys) // f, x // f:(x + xs) // f] = d
            ok[y // f:(y + ys) // f, x // f:(x + xs) // f] = v.reshape(ys // f, f, xs // f, f).all(axis=(1, 3))
    return out, ok


def band_names(method: str) -> List[str]:
    """Bands of a windowed product: displacement, pixel offsets, then the method's quality bands."""
    return list(DISPLACEMENT_BANDS) + list(PIXEL_BANDS) + list(QUALITY_BANDS[method])


def output_geotransform(gt, window: int, step: int) -> tuple:
    """Geotransform of the step grid: one output pixel of ``step`` input pixels per window, centred on it."""
    o = window / 2.0 - step / 2.0  # continuous pixel coordinate of the output origin
    return (gt[0] + o * gt[1] + o * gt[2], gt[1] * step, gt[2] * step,
            gt[3] + o * gt[4] + o * gt[5], gt[4] * step, gt[5] * step)


def product_metadata(reference: str, target: str, method: str, values: Dict[str, Any], window: int, step: int,
                     units: str) -> Dict[str, str]:
    """Dataset metadata of a windowed product (method, parameters, inputs, conventions, grid)."""
    record = dict(values, window=int(window), step=int(step))
    return {
        "SENSETRACK_VERSION": __version__,
        "SENSETRACK_METHOD": "phasecorrelation" if method == "phase" else "ncc",
        "SENSETRACK_PARAMETERS": json.dumps(record),
        "SENSETRACK_REFERENCE": origin_of(reference),  # the user's files, not a model's temporary ones
        "SENSETRACK_TARGET": origin_of(target),
        "SENSETRACK_UNITS": units,
        "SENSETRACK_CONVENTION": "target minus reference; DX east, DY north; DIRECTION azimuth clockwise from north",
        "SENSETRACK_GRID": f"window {window} px, step {step} px; output pixel (i, j) = window centred on input "
                           f"pixel ({(window - 1) / 2} + {step} i, {(window - 1) / 2} + {step} j)",
    }


def tracked_tiles(ref: Raster, tar: Raster, reference_band: int, target_band: int, method: str, window: int,
                  step: int, values: Dict[str, Any], prior, grid_rows: Tuple[int, int], grid_cols: Tuple[int, int],
                  monitor: Optional[Monitor] = None, tile: int = TILE) -> Iterator[tuple]:
    """Track the windows of grid rows ``grid_rows`` x columns ``grid_cols`` (half-open), tile by tile.

    Yields ``(i0, j0, bands, rows, cols, any_data)`` per tile of at most
    ``tile`` x ``tile`` windows: its first grid row and column, the product
    bands (2-D, :func:`band_names`), the window centres (array-index pixel
    coordinates of the input) and whether its reference pixels held data.
    Tiles start at ``grid_rows[0] + k*tile``, so a block whose origin is a
    multiple of ``tile`` is tracked exactly as in a whole-scene run.
    """
    mon = ensure_monitor(monitor)
    m = margin(method, values)
    gt = ref.geotransform
    qnames = QUALITY_BANDS[method]
    tiles = [(i0, j0) for i0 in range(grid_rows[0], grid_rows[1], tile)
             for j0 in range(grid_cols[0], grid_cols[1], tile)]
    for k, (i0, j0) in enumerate(tiles):
        ti, tj = min(tile, grid_rows[1] - i0), min(tile, grid_cols[1] - j0)
        r0, c0 = i0 * step, j0 * step
        h, w = (ti - 1) * step + window, (tj - 1) * step + window
        gi, gj = np.mgrid[0:ti, 0:tj]
        top_r, top_c = (gi * step).ravel(), (gj * step).ravel()
        rows = top_r + r0 + (window - 1) / 2.0
        cols = top_c + c0 + (window - 1) / 2.0
        if prior is not None:
            pr, pc = prior(rows, cols)
        else:
            pr = np.zeros(rows.size, int)
            pc = np.zeros(rows.size, int)
        pad = m + int(max(np.abs(pr).max(initial=0), np.abs(pc).max(initial=0)))
        a, av = _read(ref, reference_band, r0, c0, h, w, 0)
        b, bv = _read(tar, target_band, r0, c0, h, w, pad)
        any_data = bool(av.any())
        sub = mon.sub(k / len(tiles), (k + 1) / len(tiles))
        res = track_block(method, a, av, b, bv, top_r, top_c, pr, pc, window, values, pad, sub)
        del a, av, b, bv
        bands = displacement_bands(res["dcol"].reshape(ti, tj), res["drow"].reshape(ti, tj), gt,
                                   ref.is_georeferenced, None, pixel_offsets=True)
        for q in qnames:
            bands[q] = res[q.lower()].reshape(ti, tj).astype(np.float32)
        mon.report((k + 1) / len(tiles), f"Tile {k + 1}/{len(tiles)}")
        yield i0, j0, bands, rows, cols, any_data


def coarse_prior(ref: Raster, tar: Raster, reference_band: int, target_band: int, window: int, step: int,
                 values: Dict[str, Any], monitor: Optional[Monitor] = None):
    """The coarse-to-fine prior of a pair (None without pyramid levels or when the reduced images are too small)."""
    levels = usable_levels(ref.shape, window, int(values["pyramid_levels"]), ensure_monitor(monitor).log)
    if levels <= 0:
        return None
    f = 2 ** levels
    ensure_monitor(monitor).report(0.0, "Coarse pass (reduced images)")
    ca, cav = _coarse(ref, reference_band, f)
    cb, cbv = _coarse(tar, target_band, f)
    if min(ca.shape) < window:
        return None
    coarse = _track_in_memory(ca, cb, "phase", window, step, cav, cbv, monitor, **coarse_parameters(values))
    return prior_from_coarse(coarse, f)


def track_windows_file(
    reference: str,
    target: str,
    output: str,
    output_vectors: Optional[str] = None,
    method: str = "phase",
    window: int = 64,
    step: int = 16,
    reference_band: int = 1,
    target_band: int = 1,
    reference_nodata: Optional[float] = None,
    target_nodata: Optional[float] = None,
    monitor: Optional[Monitor] = None,
    tile: int = TILE,
    **params,
) -> Dict[str, Any]:
    """Track a raster pair with windowed phase correlation or NCC, file to file.

    Writes ``output``: float32 GeoTIFF on the step grid (one pixel per
    window, centred on the window centre; NaN nodata) with bands ``DX``,
    ``DY`` (map units, east / north positive), ``MAGNITUDE``, ``DIRECTION``
    (degrees clockwise from north), ``COL_SHIFT``, ``ROW_SHIFT`` (pixels,
    right / down), ``PEAK``, ``SNR`` and, for phase correlation, ``NRMS``;
    and optionally ``output_vectors``: GeoPackage points (layer
    ``displacements``) at the window centres with the same values.

    Returns a dict: ``OUTPUT``, ``OUTPUT_VECTORS`` (or None), ``UNITS``,
    ``VALID_FRACTION``, ``WINDOWS``, ``GRID`` (ny, nx).
    """
    values = check_values(method, window, step, params)
    mon = ensure_monitor(monitor)
    out_path = check_output_path(output, [reference, target])
    vec_path = check_output_path(output_vectors, [reference, target]) if output_vectors else None
    ref = Raster(reference, nodata=reference_nodata)
    tar = Raster(target, nodata=target_nodata)
    ref.band(reference_band)
    tar.band(target_band)
    check_pair(ref, tar)
    ny, nx = grid_shape(ref.shape, window, step)
    levels = usable_levels(ref.shape, window, int(values["pyramid_levels"]), mon.log)
    values["pyramid_levels"] = levels  # the metadata records what was done
    prior = coarse_prior(ref, tar, reference_band, target_band, window, step, values, mon.sub(0.0, 0.1))
    work = mon.sub(0.1 if levels > 0 else 0.0, 0.97)
    units = _units(ref)
    names = band_names(method)
    gt = ref.geotransform
    meta = product_metadata(reference, target, method, values, window, step, units)
    keep = {k: [] for k in ("x", "y") + tuple(names)} if vec_path else None
    n_valid = 0
    any_data = False
    with RasterWriter(out_path, nx, ny, names, output_geotransform(gt, window, step), ref.crs_wkt,
                      units=band_units(names, units), metadata=meta, georeferenced=ref.is_georeferenced) as writer:
        for i0, j0, bands, rows, cols, data in tracked_tiles(ref, tar, reference_band, target_band, method, window,
                                                             step, values, prior, (0, ny), (0, nx), work, tile):
            any_data |= data
            n_valid += int(np.isfinite(bands["DX"]).sum())
            for n in names:
                writer.write_named(n, bands[n], j0, i0)
            if keep is not None:
                x, y = pixel_centres(gt, rows, cols) if ref.is_georeferenced else (cols, -rows)
                keep["x"].append(x)
                keep["y"].append(y)
                for n in names:
                    keep[n].append(bands[n].ravel())
        if not any_data:
            raise InputError(f"The reference '{os.path.basename(reference)}' has no valid pixel under any window "
                             "(all nodata). Check the band and its nodata value.")
    vectors = None
    if keep is not None:
        mon.report(0.97, "Writing the points")
        fields = {n: np.concatenate(keep[n]) for n in names}
        vectors = write_points(vec_path, np.concatenate(keep["x"]), np.concatenate(keep["y"]), fields,
                               ref.crs_wkt, metadata=meta)
    mon.report(1.0, "Done")
    total = ny * nx
    mon.log(f"{LABELS[method]}: {ny}x{nx} windows, {n_valid} with a result ({n_valid / max(total, 1):.1%}).")
    return {"OUTPUT": out_path, "OUTPUT_VECTORS": vectors, "UNITS": units,
            "VALID_FRACTION": n_valid / max(total, 1), "WINDOWS": total, "GRID": (ny, nx)}


__all__ = ["track_windows_file", "WindowResult"]
