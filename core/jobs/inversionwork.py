"""The time-series inversion as tasks: regularisation weight, blocks of output tiles, assembly.

:func:`inversion_tasks` plans them for a job (after its pairs) or for the
QGIS ``timeseries`` algorithm (its products):

- ``inversion weight`` (when the weight is automatic): generalised
  cross-validation on a sample (:func:`core.timeseries.inversion.choose_weight`),
  written to a small JSON file;
- ``inversion block k/n``: the output's tile windows
  (:func:`core.timeseries.inversion.tile_windows`) split into ``n`` runs of
  consecutive windows; each task solves its windows and writes them to one
  ``.npz`` file (an uncompressed zip of ``.npy`` arrays, one window at a
  time, so a task holds one window in memory; until the assembly the blocks
  take the outputs' uncompressed size on disk);
- ``inversion assemble``: writes the outputs of
  :func:`core.timeseries.inversion.invert_products` (same files, bands and
  metadata) from the block files, one window at a time, then the marker
  JSON naming them, and removes the block files.

Every window is solved exactly as in ``invert_products`` (same windows, same
chunks, same code), so the outputs are bitwise identical. Every task writes
atomically, so a rerun skips the finished ones. Block files live under
``<folder of the outputs>/blocks/<prefix>-<key>/``; the key hashes the
settings and products, so blocks of another run's settings are never reused.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from ..errors import InputError
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from ..timeseries.inversion import (KINDS, choose_weight, check_settings, log_groups, open_inversion,
                                    settings_metadata, solved_windows, tile_windows, write_series)
from .tasks import Task

from .jobfile import DEFAULT_INVERSION_BLOCK as BLOCK_TASK_PIXELS  # output pixels per block task
_ARRAYS = KINDS + ("pair_stats",)


def block_count(shape: Tuple[int, int], block_pixels: int = BLOCK_TASK_PIXELS, tile: int = 256) -> int:
    """Number of block tasks for outputs of ``shape`` (rows, cols): runs of whole tiles of about ``block_pixels``."""
    windows = -(-shape[0] // tile) * -(-shape[1] // tile)
    per = max(1, int(block_pixels) // (tile * tile))
    return max(1, -(-windows // per))


def window_group(windows: Sequence[tuple], index: int, count: int) -> List[tuple]:
    """Block ``index`` of ``count``: a run of consecutive windows (the runs split ``windows`` evenly)."""
    n = len(windows)
    return list(windows[index * n // count:(index + 1) * n // count])


def _weight(weight: Optional[float], weight_file: Optional[str]) -> float:
    """The given weight as given (an integer weight stays one in the metadata, as in invert_products), or the file's."""
    if weight_file:
        with open(weight_file, encoding="utf-8") as fh:
            return float(json.load(fh)["weight"])
    return weight


def _member(r0: int, c0: int, name: str) -> str:
    return f"r{r0}_c{c0}/{name}.npy"


def choose_weight_file(products: Sequence[str], output: str, dates_table: Optional[Mapping[str, str]] = None,
                       order: int = 1, robust: bool = True) -> str:
    """Choose the regularisation weight (GCV) and write ``{"weight": w, "order": order}`` to ``output`` (JSON)."""
    stack, order = open_inversion(products, dates_table, order, None)
    weight = choose_weight(stack, order, robust)
    stack.close()
    with atomic_path(check_output_path(output, [p.path for p in stack.products])) as tmp, \
            open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"weight": weight, "order": order}, fh)
    return os.path.abspath(output)


def invert_block_file(products: Sequence[str], output: str, index: int, count: int,
                      dates_table: Optional[Mapping[str, str]] = None, order: int = 1,
                      weight: Optional[float] = None, weight_file: Optional[str] = None, robust: bool = True,
                      monitor: Optional[Monitor] = None) -> str:
    """Solve block ``index`` of ``count`` (its tile windows) and write the solutions to ``output`` (.npz).

    The weight is ``weight``, or the one in ``weight_file`` (written by
    :func:`choose_weight_file`). Windows are solved and written one at a
    time (as in ``invert_products``: reading here, solving on
    ``core.timeseries.inversion.WORKERS`` threads).
    """
    mon = ensure_monitor(monitor)
    stack, order = open_inversion(products, dates_table, order, weight)
    w = _weight(weight, weight_file)
    windows = window_group(tile_windows(stack), index, count)
    out = check_output_path(output, [p.path for p in stack.products])
    # stored, not deflated: zlib gains ~20 % on noisy floats at 25 MB/s, which cost more than the solving;
    # the file only lives until the assembly
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        solutions = solved_windows(stack, windows, order, w, robust)
        try:
            for (r0, c0), block in solutions:
                for name in _ARRAYS:
                    with zf.open(_member(r0, c0, name), "w", force_zip64=True) as fh:
                        np.lib.format.write_array(fh, np.ascontiguousarray(block[name]), allow_pickle=False)
                mon.check()
        finally:
            solutions.close()
    stack.close()
    return out


def _read_blocks(blocks: Sequence[str], windows: Sequence[tuple]):
    """Yield ``((row0, col0), solution)`` from the block files, window by window, in window order."""
    for k, path in enumerate(blocks):
        try:
            zf = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise InputError(f"The inversion block '{os.path.basename(path)}' cannot be read ({exc}); delete it "
                             "and rerun to compute it again.") from None
        with zf:
            for r0, c0, _, _ in window_group(windows, k, len(blocks)):
                try:
                    block = {}
                    for name in _ARRAYS:
                        with zf.open(_member(r0, c0, name)) as fh:
                            block[name] = np.lib.format.read_array(fh, allow_pickle=False)
                except (KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
                    raise InputError(f"The inversion block '{os.path.basename(path)}' lacks the tile at row {r0}, "
                                     f"column {c0} ({exc}); delete it and rerun.") from None
                yield (r0, c0), block


def assemble_series(products: Sequence[str], output_prefix: str, marker: str, blocks: Sequence[str],
                    dates_table: Optional[Mapping[str, str]] = None, order: int = 1, weight: Optional[float] = None,
                    weight_file: Optional[str] = None, robust: bool = True,
                    monitor: Optional[Monitor] = None) -> str:
    """Write the time-series outputs from the block files, then ``marker`` (JSON ``{"outputs": {kind: path}}``).

    The block folder is removed once the marker exists.
    """
    mon = ensure_monitor(monitor)
    stack, order = open_inversion(products, dates_table, order, weight, mon)
    w = _weight(weight, weight_file)
    windows = tile_windows(stack)
    reader = _read_blocks(blocks, windows)
    paths, multi = write_series(stack, output_prefix, settings_metadata(stack, order, w, robust), reader,
                                len(windows), mon)
    stack.close()
    log_groups(mon, multi, w)
    with atomic_path(marker) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"outputs": paths, "weight": w, "order": order}, fh, indent=2)
    folder = os.path.dirname(blocks[0]) if blocks else os.path.dirname(weight_file or "")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(folder))  # the shared blocks/ folder, once empty
    return os.path.abspath(marker)


def _key(products: Sequence[str], dates_table, order, weight, robust, count, fingerprint: bool) -> str:
    stamps = [(os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in sorted(products)] if fingerprint else []
    text = json.dumps([sorted(os.path.abspath(p) for p in products), dict(dates_table or {}), order, weight, robust,
                       count, stamps], sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def inversion_tasks(products: Sequence[str], output_prefix: str, marker: str, shape: Tuple[int, int],
                    dates_table: Optional[Mapping[str, str]] = None, order: int = 1, weight: Optional[float] = None,
                    robust: bool = True, block_pixels: int = BLOCK_TASK_PIXELS,
                    deps: Sequence[str] = (), fingerprint: bool = False) -> List[Task]:
    """The tasks that invert ``products`` into ``<output_prefix>_*.tif`` (+ ``marker``), given the outputs' ``shape``.

    ``shape`` (rows, cols) only sets how many block tasks there are (the
    products may not exist yet when a job is planned); the blocks are cut
    from the actual grid when they run. ``deps`` are the tasks making the
    products. ``fingerprint``: the products exist already, and the block
    folder's key also covers their sizes and times, so a product made again
    after an interruption never meets blocks of its former self.
    """
    check_settings(order, weight)
    products = [os.path.abspath(p) for p in products]
    prefix = os.path.abspath(output_prefix)
    count = block_count(shape, block_pixels)
    stem = os.path.basename(prefix)
    folder = os.path.join(os.path.dirname(prefix), "blocks",
                          f"{stem}-{_key(products, dates_table, order, weight, robust, count, fingerprint)}")
    common: Dict = dict(products=products, dates_table=dict(dates_table) if dates_table else None, order=order,
                        robust=robust)
    tasks: List[Task] = []
    solve = dict(common, weight=weight)
    if weight is None:
        wfile = os.path.join(folder, "weight.json")
        tasks.append(Task("inversion weight", choose_weight_file, dict(common, output=wfile), (wfile,), tuple(deps)))
        solve.update(weight_file=wfile)
    first = tuple(t.name for t in tasks) or tuple(deps)
    blocks = []
    for k in range(count):
        path = os.path.join(folder, f"block_{k + 1:05d}.npz")
        blocks.append(path)
        tasks.append(Task(f"inversion block {k + 1}/{count}", invert_block_file,
                          dict(solve, output=path, index=k, count=count), (path,), first))
    tasks.append(Task("inversion assemble", assemble_series,
                      dict(solve, output_prefix=prefix, marker=os.path.abspath(marker), blocks=blocks),
                      (os.path.abspath(marker),), tuple(t.name for t in tasks),
                      scratch=tuple(blocks) + ((wfile,) if weight is None else ()) + (folder, os.path.dirname(folder))))
    return tasks
