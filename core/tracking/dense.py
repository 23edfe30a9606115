"""File-to-file dense tracking: read a pair, track, write the displacement raster."""
from __future__ import annotations

import contextlib
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional

import numpy as np

from .. import __version__
from ..displacement import DISPLACEMENT_BANDS, PIXEL_BANDS, band_units, displacement_bands
from ..errors import InputError
from ..grid import check_pair
from ..output import RasterWriter, check_output_path
from ..params import validate
from ..progress import Monitor, ensure_monitor
from ..provenance import origin_of
from .dense_blocks import (Block, SceneStatistics, block_layout, block_size, bounded_gdal_cache, check_not_empty,
                           raise_no_overlap, scene_limits)
from .flow import METHODS, dense_flow, grid_limits
from .quality import dense_peak, fine_texture
from ..raster import Raster


MATCH_RADIUS = 3  # 7x7 window: small enough to localise a mismatch patch (measured in bench_postprocess)
# MATCH compares the fine texture (images minus a 2-px Gaussian blur): on natural scenes the raw images
# still correlate at ~0.7 after a 3-px error, so smeared optical-flow vectors next to a mismatch kept a
# good MATCH. Measured on four benchmark pairs (bench_postprocess.py): outliers removed 85-100 % -> 88-100 %
HIGHPASS_SIGMA = 2.0
# The library call runs on one core. A second thread prepares MATCH's fine texture while it runs, then
# measures MATCH while this thread converts and writes the displacement bands: on a 2000^2 pair the file to
# file run went from 2.0x to about 1.5x the library call (scripts/bench_dense.py). The job runner turns it off
# on Dask workers, whose parallelism is their threads (one core per task).
BACKGROUND = True


@dataclass
class TrackResult:
    """What a tracking run produced."""

    output: str
    units: str
    valid_fraction: float
    parameters: Dict[str, Any] = field(default_factory=dict)
    statistics: Dict[str, float] = field(default_factory=dict)


def load_pair(
    reference: str,
    target: str,
    reference_band: int = 1,
    target_band: int = 1,
    reference_nodata: Optional[float] = None,
    target_nodata: Optional[float] = None,
):
    """Open and check a reference/target pair; return (ref Raster, tar Raster, ref, tar, ref_ok, tar_ok)."""
    ref = Raster(reference, nodata=reference_nodata)
    tar = Raster(target, nodata=target_nodata)
    ref.band(reference_band)
    tar.band(target_band)
    check_pair(ref, tar)
    a, a_ok = ref.read(reference_band)
    b, b_ok = tar.read(target_band)
    for r, ok, band in ((ref, a_ok, reference_band), (tar, b_ok, target_band)):
        if not ok.any():
            raise InputError(
                f"Band {band} of '{os.path.basename(r.path)}' contains only nodata. Check the band and nodata value."
            )
    if not (a_ok & b_ok).any():
        raise InputError("The reference and target have no valid pixel in common (their data areas do not overlap).")
    return ref, tar, a, b, a_ok, b_ok


def track_dense(
    reference: str,
    target: str,
    output: str,
    method: str = "farneback",
    parameters: Optional[Mapping[str, Any]] = None,
    reference_band: int = 1,
    target_band: int = 1,
    reference_nodata: Optional[float] = None,
    target_nodata: Optional[float] = None,
    pixel_offsets: bool = False,
    cog: Optional[bool] = None,
    monitor: Optional[Monitor] = None,
    match: bool = True,
    block: Optional[int] = None,
) -> TrackResult:
    """Track a pair of co-registered rasters with a dense optical-flow method.

    Writes ``output``: float32 GeoTIFF on the reference grid, bands ``DX``,
    ``DY`` (map units, east/north positive), ``MAGNITUDE`` and ``DIRECTION``
    (degrees clockwise from north), plus ``COL_SHIFT``/``ROW_SHIFT`` in
    pixels when ``pixel_offsets``, and (``match``, the default) ``MATCH``:
    the zero-mean normalised correlation (-1..1) between the reference and
    the motion-compensated target in a 7x7 window, of their fine texture
    (each image minus a 2-px Gaussian blur, or the images themselves when
    both are already SenseTrack high-pass products;
    :func:`core.tracking.quality.dense_peak`); low values flag vectors where the
    images do not actually match. NaN marks nodata, wherever either input is
    nodata, and pixels without texture (flat over the method's window in
    either image, :func:`core.tracking.flow.textureless`). Units are pixels when the
    rasters are not georeferenced.

    Large rasters are processed in overlapping blocks of ``block`` pixels
    (default per method, :data:`core.tracking.dense_blocks.BLOCK`), reading only each
    block and its halo from the files: memory does not grow with the scene,
    and progress and Cancel work block by block (:mod:`core.tracking.dense_blocks`).
    ``cog`` writes a Cloud Optimized GeoTIFF (with overviews); ``None``: as
    :func:`core.raster_profile.cog_outputs` asks.
    """
    mon = ensure_monitor(monitor)
    if method not in METHODS:
        raise InputError(f"Unknown method '{method}'; choose one of {', '.join(METHODS)}.")
    m = METHODS[method]
    values = validate(m.specs, parameters)
    out = check_output_path(output, [reference, target])
    mon.report(0.02, "Reading the reference and target rasters")
    ref = Raster(reference, nodata=reference_nodata)
    tar = Raster(target, nodata=target_nodata)
    ref.band(reference_band)
    tar.band(target_band)
    check_pair(ref, tar)
    blocks = block_layout(ref.height, ref.width, block_size(method, block), m.halo(values))
    first = None
    if len(blocks) == 1:  # one read serves the stretch sample and the tracking
        first = (*ref.read(reference_band), *tar.read(target_band))
        check_not_empty(ref, bool(first[1].any()), reference_band)
        check_not_empty(tar, bool(first[3].any()), target_band)
        if not (first[1] & first[3]).any():
            raise_no_overlap()
        limits = grid_limits(*first[0::2], *first[1::2])
    else:
        limits = scene_limits(ref, tar, reference_band, target_band)
    sigma = 0.0 if _highpassed(ref) and _highpassed(tar) else HIGHPASS_SIGMA
    units = _units(ref)
    names = list(DISPLACEMENT_BANDS) + (list(PIXEL_BANDS) if pixel_offsets else []) + (["MATCH"] if match else [])
    meta = {
        "SENSETRACK_VERSION": __version__,
        "SENSETRACK_METHOD": method,
        "SENSETRACK_PARAMETERS": json.dumps(values),
        "SENSETRACK_REFERENCE": origin_of(reference),  # the user's files, not a model's temporary ones
        "SENSETRACK_TARGET": origin_of(target),
        "SENSETRACK_UNITS": units,
        "SENSETRACK_CONVENTION": "target minus reference; DX east, DY north; DIRECTION azimuth clockwise from north",
    }
    stats = SceneStatistics(ref.shape)
    work = mon.sub(0.05, 0.97)
    cache = bounded_gdal_cache() if len(blocks) > 1 else contextlib.nullcontext()
    with cache, RasterWriter(out, ref.width, ref.height, names, ref.geotransform, ref.crs_wkt,
                             units=band_units(names, units), metadata=meta, cog=cog,
                             georeferenced=ref.is_georeferenced) as writer:
        for i, blk in enumerate(blocks):
            step = work.sub(i / len(blocks), (i + 1) / len(blocks))
            where = f" (block {i + 1} of {len(blocks)})" if len(blocks) > 1 else ""
            step.report(0.0, f"Running {m.label} on {blk.cols}x{blk.rows} pixels{where}")
            if first is not None:
                a, a_ok, b, b_ok = first
                first = None
            else:
                a, a_ok = ref.read(reference_band, blk.window)
                b, b_ok = tar.read(target_band, blk.window)
            with _helper() as pool:
                bands, quality = _track_block(method, values, a, b, a_ok, b_ok, limits, blk, ref, pixel_offsets,
                                              match, sigma, step, pool)
                del a, b, a_ok, b_ok
                step.report(0.9, f"Writing the displacement raster{where}")
                for name in names:
                    if name != "MATCH":
                        writer.write_named(name, bands[name], blk.col, blk.row)
                stats.add(blk, bands["DX"], bands["DY"], bands["MAGNITUDE"])
                if quality is not None:
                    writer.write_named("MATCH", quality.result(), blk.col, blk.row)
        mon.report(0.97, "Writing the displacement raster")
    mon.report(1.0, "Done")
    return TrackResult(out, units, stats.valid_fraction, values, stats.summary())


def _track_block(method, values, a, b, a_ok, b_ok, limits, blk: Block, ref: Raster, pixel_offsets: bool,
                 match: bool, sigma: float, mon: Monitor, pool: "_Inline | ThreadPoolExecutor"):
    """Output bands of one block's centre (float32, NaN where no result), and MATCH's (a future, or None).

    MATCH is left to ``pool`` so that the caller writes the other bands while it is measured.
    """
    valid = a_ok & b_ok
    inner = blk.centre
    if not valid[inner].any():  # nothing to track here: skip the library call
        nan = np.full((blk.rows, blk.cols), np.nan, np.float32)
        bands = displacement_bands(nan, nan, ref.geotransform, ref.is_georeferenced, None, pixel_offsets)
        return bands, (_Inline().submit(lambda: nan) if match else None)
    fine = pool.submit(fine_texture, a, b, a_ok, b_ok, sigma) if match else None
    dcol, drow = dense_flow(method, a, b, a_ok, b_ok, limits=limits, **values)
    quality = None
    if match:
        mon.report(0.8, "Measuring the matching quality (MATCH band)")
        quality = pool.submit(_match_band, fine, dcol, drow, valid, inner)
    bands = displacement_bands(dcol[inner], drow[inner], ref.geotransform, ref.is_georeferenced, valid[inner],
                               pixel_offsets)
    return bands, quality


def _match_band(fine: Future, dcol, drow, valid, inner) -> np.ndarray:
    a, b, a_ok, b_ok = fine.result()
    peak = dense_peak(a, b, dcol, drow, a_ok, b_ok, MATCH_RADIUS, 0.0)[inner]
    return np.where(valid[inner], peak, np.float32(np.nan))


class _Inline:
    """The executor interface, running each call at once (no background thread)."""

    def submit(self, fn, *args) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # raised again by .result(), where a thread pool would raise it
            fut.set_exception(exc)
        return fut


@contextlib.contextmanager
def _helper():
    """One background thread for MATCH (:data:`BACKGROUND`), else inline calls."""
    if not BACKGROUND:
        yield _Inline()
        return
    with ThreadPoolExecutor(1, thread_name_prefix="sensetrack-match") as pool:
        yield pool


def _highpassed(r: Raster) -> bool:
    """True for a SenseTrack high-pass product: its fine texture needs no second high-pass for MATCH."""
    return r.metadata().get("SENSETRACK_PREPROCESSING") == "highpass"


def _units(r: Raster) -> str:
    if not r.is_georeferenced:
        return "pixel"
    from ..gdal_utils import srs_from_wkt

    srs = srs_from_wkt(r.crs_wkt)
    if srs is None:
        return "map unit"
    if srs.IsGeographic():
        return "degree"
    name = (srs.GetLinearUnitsName() or "metre").lower()
    return "m" if name in ("metre", "meter", "m") else name
