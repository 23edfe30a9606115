"""Tasks of a job: what to compute, in which order, and which files say it is done.

A :class:`Task` is a top-level function, its keyword arguments (plain
values: paths, numbers, dicts) and the files it writes; ``deps`` names the
tasks whose outputs it reads. :func:`plan` turns a :class:`~.jobfile.Job`
into tasks: one per pair, or, for windowed pairs larger than the tile
budget, one per block of the pair plus a merge; then the inversion's tasks
(regularisation weight, blocks of output tiles, assembly: :mod:`.inversionwork`).

The time-series package (``core.timeseries``, contract in the project notes)
is used when present: :func:`pair_call` is the single place that chooses
``core.timeseries.batch.track_pair`` or the built-in :func:`.pairwork.run_pair`.
"""
from __future__ import annotations

import datetime as dt
import glob
import importlib
import json
import os
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Sequence, Tuple

from osgeo import gdal

from ..errors import ParameterError
from ..output import discard
from ..raster import Raster
from ..tracking.windowed.engine import grid_shape
from .jobfile import Job, PairSpec
from .pairwork import merge_tiles, run_pair, tile_blocks, track_tile

_PACKAGE = __name__.rsplit(".", 2)[0]  # "sensetrack.core" (or whatever the core is imported as)


@dataclass(frozen=True)
class Task:
    """One unit of work: ``func(**kwargs)`` writes ``outputs`` (atomically); ``deps`` are task names it needs.

    ``scratch``: intermediate files the task consumes and deletes once its
    outputs exist (a merge's block files), then their folders if left empty.
    A run killed between the two steps leaves them behind; the next run
    finds the outputs complete and removes them (:func:`clean_scratch`).
    """

    name: str
    func: Callable[..., Any]
    kwargs: Dict[str, Any]
    outputs: Tuple[str, ...]
    deps: Tuple[str, ...] = ()
    scratch: Tuple[str, ...] = ()


def timeseries(module: str):
    """``core.timeseries.<module>``, looked up when called (tests put contract stand-ins in its place)."""
    return importlib.import_module(f"{_PACKAGE}.timeseries.{module}")


def pair_call(pair: PairSpec, job: Job, output: str) -> Tuple[Callable[..., Any], Dict[str, Any]]:
    """The function and arguments that make one complete pair product (the one place to switch trackers)."""
    kwargs = dict(reference=pair.reference, target=pair.target, output=output, method=job.method,
                  parameters=dict(job.parameters), filter_parameters=job.filtering, stable_mask=job.stable_mask,
                  reference_date=pair.reference_date, target_date=pair.target_date)
    if not (pair.reference_date and pair.target_date):
        # explicit pairs of undated images (a one-off comparison, not a time series): the plain tracker
        return run_pair, dict(kwargs, stable_invert=job.stable_invert, reference_band=job.reference_band,
                              target_band=job.target_band)
    unsupported = [k for k, v in (("stable_mask.invert", job.stable_invert), ("tracker.reference_band",
                                  job.reference_band != 1), ("tracker.target_band", job.target_band != 1)) if v]
    if unsupported:
        raise ParameterError(f"'{unsupported[0]}' is not supported by the time-series pair tracker; prepare the "
                             "inputs instead (a stable-ground mask of the stable area, single-band images).")
    return timeseries("batch").track_pair, kwargs


def job_pairs(job: Job) -> List[PairSpec]:
    """The job's pairs: explicit, or the network built from the images' dates (``core.timeseries``)."""
    if job.pairs:
        return list(job.pairs)
    network, dates = timeseries("network"), timeseries("dates")
    table = _dates_table(job)
    images = [(path, dt.datetime.fromisoformat(date) if date else dates.image_date(path, table))
              for path, date in job.images]
    pairs = network.build_network(images, **job.network)
    if not pairs:
        raise ParameterError("The 'network' rules leave no pair of images; relax min/max_baseline or max_per_image.")
    return [PairSpec(p.reference, p.target, p.name, p.reference_date.date().isoformat(),
                     p.target_date.date().isoformat()) for p in pairs]


def _dates_table(job: Job) -> Dict[str, str]:
    """The job's dates keyed by absolute path and by file name (either may be what the table lookup uses)."""
    table = dict(job.dates)
    table.update({os.path.basename(k): v for k, v in job.dates.items()})
    table.update({path: date for path, date in job.images if date})
    return table


def product_path(job: Job, name: str) -> str:
    return os.path.join(job.output, "pairs", f"{name}.tif")


def pair_tasks(pair: PairSpec, job: Job) -> List[Task]:
    """One task for a pair, or block tasks and their merge for a windowed pair above the tile budget."""
    out = product_path(job, pair.name)
    ref = Raster(pair.reference)
    if not job.windowed or ref.width * ref.height <= job.tile_budget:
        func, kwargs = pair_call(pair, job, out)
        return [Task(f"pair {pair.name}", func, kwargs, (out,))]
    window, step = job.parameters["window"], job.parameters["step"]
    folder = os.path.join(job.output, "tiles", pair.name)
    common = dict(reference=pair.reference, target=pair.target, method=job.method, parameters=dict(job.parameters),
                  reference_band=job.reference_band, target_band=job.target_band)
    tasks, tiles = [], []
    for rows, cols in tile_blocks(ref.shape, window, step, job.tile_budget, job.tile_windows):
        path = os.path.join(folder, f"r{rows[0]:05d}_c{cols[0]:05d}.tif")
        tiles.append((path, rows[0], cols[0]))
        tasks.append(Task(f"tile {pair.name} r{rows[0]} c{cols[0]}", track_tile,
                          dict(common, output=path, grid_rows=rows, grid_cols=cols, tile=job.tile_windows), (path,)))
    merge = dict(common, tiles=tiles, output=out, filter_parameters=job.filtering, stable_mask=job.stable_mask,
                 stable_invert=job.stable_invert, reference_date=pair.reference_date, target_date=pair.target_date)
    tasks.append(Task(f"merge {pair.name}", merge_tiles, merge, (out,), tuple(t.name for t in tasks),
                      scratch=tuple(p for p, _, _ in tiles) + (folder, os.path.dirname(folder))))
    return tasks


def product_shape(job: Job, pair: PairSpec) -> Tuple[int, int]:
    """(rows, cols) of a pair's product: the window grid of a windowed tracker, else the reference's grid."""
    ref = Raster(pair.reference)
    if job.windowed:
        return grid_shape(ref.shape, job.parameters["window"], job.parameters["step"])
    return ref.shape


def plan(job: Job) -> List[Task]:
    """Every task of ``job`` in dependency order (pairs and their blocks, then the inversion's tasks)."""
    from .inversionwork import inversion_tasks

    tasks: List[Task] = []
    products = []
    pairs = job_pairs(job)
    for pair in pairs:
        sub = pair_tasks(pair, job)
        tasks.extend(sub)
        products.append((sub[-1].name, sub[-1].outputs[0]))
    if job.inversion is not None:
        opts = dict(job.inversion)
        prefix = os.path.join(job.output, "timeseries", opts.pop("prefix", "timeseries"))
        tasks.extend(inversion_tasks([p for _, p in products], prefix, prefix + ".done.json",
                                     product_shape(job, pairs[0]), dates_table=_dates_table(job) or None,
                                     block_pixels=job.inversion_block_pixels, deps=[n for n, _ in products], **opts))
    return tasks


def is_complete(path: str) -> bool:
    """Whether an output is finished: a GeoTIFF that opens with its bands, a marker whose files all exist, or
    any other existing file.

    Outputs are written atomically, so an existing file is a finished one;
    opening it also rejects a file damaged after the run.
    """
    if not os.path.isfile(path):
        return False
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as fh:
                outputs = json.load(fh).get("outputs", {})
        except (OSError, ValueError, AttributeError):
            return False
        return all(os.path.exists(p) for p in outputs.values())
    if not path.lower().endswith((".tif", ".tiff")):
        return True
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.Open(path)
    except RuntimeError:
        ds = None
    finally:
        gdal.PopErrorHandler()
    return ds is not None and ds.RasterCount > 0


def clean_scratch(tasks: Sequence[Task], complete: Callable[[str], bool] = is_complete) -> List[str]:
    """Remove the ``scratch`` files of tasks whose outputs are complete (left by a run killed in between).

    Returns the files removed. Scratch of tasks still to run is kept: it
    is their input.
    """
    gone: List[str] = []
    for t in tasks:
        if t.scratch and t.outputs and all(complete(p) for p in t.outputs):
            gone.extend(discard(t.scratch))
    return gone


def clean_partials(folder: str) -> List[str]:
    """Remove temporary files a killed run left in a job's output folder (hidden ``.*.part-*`` / ``.*.raw-*``).

    Only one run may write an output folder at a time.
    """
    gone = []
    for sub in ("", "pairs", "timeseries", os.path.join("tiles", "*"), os.path.join("timeseries", "blocks", "*")):
        for pattern in (".*.part-*", ".*.raw-*"):
            for path in glob.glob(os.path.join(folder, sub, pattern)):
                try:
                    os.remove(path)
                    gone.append(path)
                except OSError:
                    pass
    return gone
