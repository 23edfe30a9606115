"""Time-series inversion of a stack of pair products, file to file, block by block.

:func:`invert_products` opens the pair products (:mod:`.stack`), chooses the
regularisation weight (given, or by generalised cross-validation on a sample
of pixels), then reads, solves (:func:`.solver.solve_block`) and writes the
scene one output tile (:func:`tile_windows`) at a time, solved
``BLOCK_PIXELS`` pixels at a time, so memory does not grow with the scene.
The steps are separate functions (:func:`open_inversion`,
:func:`choose_weight`, :func:`solved_windows`, :func:`write_series`) so that
``core.jobs.inversionwork`` can run them as scale-out tasks (weight, blocks
of windows, assembly) with results identical to :func:`invert_products`.

Outputs (``<prefix>_<kind>.tif``, float32, NaN nodata, map units; one band
per date or interval, the band description being the ISO date or
``start/end``):

- ``dx``, ``dy``: cumulative displacement at every date (0 at the first),
  metadata ``SENSETRACK_KIND=timeseries``, ``SENSETRACK_COMPONENT=DX|DY``,
  band metadata ``DATE``;
- ``sigma_dx``, ``sigma_dy``: 1-sigma of those (``SENSETRACK_KIND=timeseries_sigma``);
- ``vx``, ``vy``: velocity per interval, map units per year
  (``SENSETRACK_KIND=timeseries_velocity``);
- ``summary``: ``MEAN_VX``, ``MEAN_VY``, ``MEAN_VELOCITY`` (map units per year,
  first to last date), ``RESIDUAL_RMS`` (map units), ``PAIRS_USED``,
  ``GROUPS`` (disconnected groups of dates in that pixel's valid pairs);
- ``pairs`` (CSV): per pair, pixels with a value, pixels rejected by the
  robust weighting, residual RMS.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .. import __version__
from ..blas_threads import single_threaded_blas
from ..errors import ParameterError
from ..output import RasterWriter, atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from .solver import regularisation_scale, regulariser, solve_block
from .stack import Stack, open_stack

BLOCK_PIXELS = 8192
TILE = 256  # the outputs' GeoTIFF tile size (core.output.GTIFF_OPTIONS)
WORKERS = 2  # blocks solved at once (numpy releases the GIL in the heavy steps); reading/writing overlap them
GCV_WEIGHTS = tuple(10.0 ** np.arange(-4.0, 1.01, 0.5))
GCV_SAMPLE = 1200
SUMMARY_BANDS = ("MEAN_VX", "MEAN_VY", "MEAN_VELOCITY", "RESIDUAL_RMS", "PAIRS_USED", "GROUPS")
KINDS = ("dx", "dy", "sigma_dx", "sigma_dy", "vx", "vy", "summary")


def lam2_for(stack: Stack, order: int, weight: float) -> float:
    """The solver's regularisation factor for the user's (dimensionless) weight."""
    g = regulariser(stack.design.t, order)
    return weight * regularisation_scale(stack.design, g.T @ g)


def invert_block(stack: Stack, row0: int, nrows: int, order: int = 1, weight: float = 0.0,
                 robust: bool = True) -> Dict[str, np.ndarray]:
    """Solve rows ``row0 .. row0 + nrows`` (full width) of the stack; arrays shaped (bands, nrows, width).

    ``weight`` = 0 means no regularisation: dates not linked to the first one
    by a pixel's valid pairs are NaN there. Reads, then :func:`solve_window`.
    """
    return solve_window(stack, stack.read_rows(row0, nrows), (nrows, stack.width), order, weight, robust)


def solve_window(stack: Stack, data: Mapping[str, np.ndarray], shape: tuple, order: int = 1, weight: float = 0.0,
                 robust: bool = True, chunk: int = BLOCK_PIXELS) -> Dict[str, np.ndarray]:
    """The solution for a window already read (:meth:`Stack.read_window`), ``chunk`` pixels at a time.

    Pure numpy, so safe on a worker thread. Arrays are shaped (bands, rows, cols); ``pair_stats`` (4, P).
    """
    n = int(shape[0] * shape[1])
    parts = [_solve_pixels({k: v[:, i:i + chunk] for k, v in data.items()}, stack, order, weight, robust)
             for i in range(0, n, chunk)]
    out = {k: np.concatenate([p[k] for p in parts], axis=1).reshape((-1,) + tuple(shape))
           for k in parts[0] if k != "pair_stats"}
    out["pair_stats"] = sum(p["pair_stats"] for p in parts)
    return out


def _solve_pixels(data: Mapping[str, np.ndarray], stack: Stack, order: int, weight: float,
                  robust: bool) -> Dict[str, np.ndarray]:
    with single_threaded_blas():  # many tiny LAPACK calls: a spinning BLAS thread pool only costs time
        res = solve_block(stack.design, data["DX"], data["DY"], data.get("SIGMA_DX"), data.get("SIGMA_DY"),
                          order, lam2_for(stack, order, weight) if weight > 0 else 0.0, robust,
                          bridge=weight > 0)
    c, s, v = res["c"], res["sigma"], res["velocity"]
    t = stack.design.t
    mean = c[-1] / (t[-1] - t[0])
    out = {
        "dx": c[:, 0], "dy": c[:, 1], "sigma_dx": s[:, 0], "sigma_dy": s[:, 1], "vx": v[:, 0], "vy": v[:, 1],
        "summary": np.stack([mean[0], mean[1], np.hypot(mean[0], mean[1]), res["rms"],
                             np.where(res["used"] > 0, res["used"], np.nan).astype(float),
                             np.where(res["groups"] > 0, res["groups"], np.nan).astype(float)]),
    }
    out = {k: a.astype(np.float32) for k, a in out.items()}
    resid, rho = res["residual"], res["rho"]
    valid = np.isfinite(rho)
    e2 = np.where(valid, resid[:, 0] ** 2 + resid[:, 1] ** 2, 0.0)
    out["pair_stats"] = np.stack([valid.sum(axis=1), (valid & (rho == 0)).sum(axis=1),
                                  np.where(valid & (rho > 0), e2, 0.0).sum(axis=1),
                                  (valid & (rho > 0)).sum(axis=1)]).astype(np.float64)
    return out


def choose_weight(stack: Stack, order: int = 1, robust: bool = True, sample: int = GCV_SAMPLE,
                  monitor: Optional[Monitor] = None) -> float:
    """Regularisation weight by generalised cross-validation on a sample of pixels.

    Half of the sample is drawn at random among pixels with data, half among
    those moving most (mean |pair displacement| per day), so that the choice
    is not made by stable ground alone (which would favour over-smoothing).
    The weight minimising the mean over the sample of
    ``log(RSS / (n - trace(H))^2)`` (per-pixel GCV score, log so that every
    pixel counts the same) is returned.
    """
    mon = ensure_monitor(monitor)
    rows = max(1, min(stack.height, 4096 // max(stack.width, 1) + 1))
    starts = np.unique(np.linspace(0, stack.height - rows, min(6, stack.height)).astype(int))
    parts = [stack.read_rows(int(r), rows) for r in starts]
    data = {k: np.concatenate([p[k] for p in parts], axis=1) for k in parts[0]}
    valid = np.isfinite(data["DX"]) & np.isfinite(data["DY"])
    cand = np.flatnonzero(valid.sum(axis=0) > stack.design.unknowns + 1)
    if cand.size == 0:
        return 1e-2
    days = np.array([(p.target_date - p.reference_date).days or 1 for p in stack.products], float)[:, None]
    speed = np.nanmean(np.hypot(data["DX"], data["DY"])[:, cand] / days, axis=0)
    rng = np.random.default_rng(0)
    half = sample // 2
    pick = np.unique(np.r_[cand[np.argsort(speed)[::-1][:half]],
                           rng.choice(cand, min(half, cand.size), replace=False)])
    sub = {k: v[:, pick] for k, v in data.items()}
    best, best_score = GCV_WEIGHTS[0], np.inf
    for i, w in enumerate(GCV_WEIGHTS):
        mon.report(i / len(GCV_WEIGHTS), f"Choosing the regularisation weight (GCV): trying {w:.3g}")
        with single_threaded_blas():
            r = solve_block(stack.design, sub["DX"], sub["DY"], sub.get("SIGMA_DX"), sub.get("SIGMA_DY"), order,
                            lam2_for(stack, order, w), robust)
        rss = r["s0sq"] * r["dof"]
        n = r["used"].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.log(rss.sum(axis=0) * n / np.maximum(r["dof"].mean(axis=0), 1e-9) ** 2)
        score = score[np.isfinite(score)]
        if score.size and score.mean() < best_score:
            best, best_score = w, float(score.mean())
    return float(best)


class TimeSeriesWriter:
    """Opens every output raster of an inversion; ``write(block, row0)``; files appear on a clean exit."""

    def __init__(self, stack: Stack, output_prefix: str, extra_metadata: Optional[Mapping[str, str]] = None):
        self.stack = stack
        self.paths = {k: os.path.abspath(f"{output_prefix}_{k}.tif") for k in KINDS}
        self.paths["pairs"] = os.path.abspath(f"{output_prefix}_pairs.csv")
        inputs = [p.path for p in stack.products]
        for path in self.paths.values():
            check_output_path(path, inputs)
        self.extra = dict(extra_metadata or {})
        self._stack = contextlib.ExitStack()
        self.writers: Dict[str, RasterWriter] = {}
        self.pair_stats = np.zeros((4, len(stack.products)))

    def _spec(self, kind: str):
        s = self.stack
        iso = [d.strftime("%Y-%m-%d") for d in s.dates]
        u = s.units
        if kind in ("dx", "dy", "sigma_dx", "sigma_dy"):
            comp = kind[-2:].upper()
            names = iso
            band_md = [{"DATE": d} for d in iso]
            md = {"SENSETRACK_KIND": "timeseries" if kind in ("dx", "dy") else "timeseries_sigma",
                  "SENSETRACK_COMPONENT": comp}
            units = [u] * len(names)
        elif kind in ("vx", "vy"):
            names = [f"{a}/{b}" for a, b in zip(iso, iso[1:])]
            band_md = [{"START": a, "END": b} for a, b in zip(iso, iso[1:])]
            md = {"SENSETRACK_KIND": "timeseries_velocity", "SENSETRACK_COMPONENT": "V" + kind[-1].upper()}
            units = [f"{u}/year"] * len(names)
        else:
            names = list(SUMMARY_BANDS)
            band_md = [{} for _ in names]
            md = {"SENSETRACK_KIND": "timeseries_summary"}
            units = [f"{u}/year"] * 3 + [u, "", ""]
        md.update({"SENSETRACK_VERSION": __version__, "SENSETRACK_UNITS": u,
                   "SENSETRACK_DATES": json.dumps(iso),
                   "SENSETRACK_PAIRS": json.dumps([os.path.basename(p.path) for p in s.products]),
                   "SENSETRACK_CONVENTION": "cumulative displacement since the first date, target minus "
                                            "reference; DX east, DY north"})
        md.update(self.extra)
        return names, units, md, band_md

    def __enter__(self) -> "TimeSeriesWriter":
        s = self.stack
        for kind in KINDS:
            names, units, md, band_md = self._spec(kind)
            w = RasterWriter(self.paths[kind], s.width, s.height, names, s.geotransform, s.crs_wkt, units=units,
                             metadata=md, georeferenced=s.georeferenced, band_metadata=band_md)
            self.writers[kind] = self._stack.enter_context(w)
        return self

    def write(self, block: Mapping[str, np.ndarray], row0: int, col0: int = 0) -> None:
        for kind, w in self.writers.items():
            for b in range(block[kind].shape[0]):
                w.write(b + 1, block[kind][b], col0, row0)
        self.pair_stats += block["pair_stats"]

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            with atomic_path(self.paths["pairs"]) as tmp:
                self._write_pairs(tmp)
        try:
            return self._stack.__exit__(exc_type, exc, tb)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(self.paths["pairs"])
            raise

    def _write_pairs(self, path: str) -> None:
        valid, rejected, e2, used = self.pair_stats
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(("name", "product", "reference_date", "target_date", "baseline_days", "pixels",
                        "rejected_pixels", "rejected_fraction", "residual_rms"))
            for k, p in enumerate(self.stack.products):
                rms = float(np.sqrt(e2[k] / used[k])) if used[k] else float("nan")
                w.writerow((p.name, p.path, p.reference_date.date().isoformat(), p.target_date.date().isoformat(),
                            round((p.target_date - p.reference_date).total_seconds() / 86400.0, 4), int(valid[k]),
                            int(rejected[k]), round(rejected[k] / valid[k], 5) if valid[k] else "",
                            round(rms, 6) if np.isfinite(rms) else ""))


def row_blocks(stack: Stack, block_pixels: int = BLOCK_PIXELS) -> List[tuple]:
    """(row0, nrows) blocks covering the stack with about ``block_pixels`` pixels each."""
    rows = max(1, block_pixels // max(stack.width, 1))
    return [(r, min(rows, stack.height - r)) for r in range(0, stack.height, rows)]


def tile_windows(stack: Stack, tile: int = TILE) -> List[tuple]:
    """(row0, col0, nrows, ncols) windows on the outputs' GeoTIFF tiles, row by row.

    Each output tile is then written exactly once: writing a compressed tile in
    pieces makes GDAL compress it again for every piece and, once its block
    cache is full, read back tiles it has already compressed.
    """
    return [(r, c, min(tile, stack.height - r), min(tile, stack.width - c))
            for r in range(0, stack.height, tile) for c in range(0, stack.width, tile)]


def check_settings(order: int, weight: Optional[float]) -> None:
    """Refuse a regularisation order or weight the inversion cannot use (before anything is read or run)."""
    if order not in (1, 2):
        raise ParameterError("The regularisation order must be 1 (smooth velocity) or 2 (smooth acceleration).")
    if weight is not None and weight < 0:
        raise ParameterError("The regularisation weight must be >= 0 (0 = none), or empty for automatic.")


def open_inversion(products: Sequence[str], dates_table: Optional[Mapping[str, str]] = None, order: int = 1,
                   weight: Optional[float] = None, monitor: Optional[Monitor] = None) -> Tuple[Stack, int]:
    """Check the settings, open the products as a :class:`~.stack.Stack` and settle the order.

    Order 2 needs at least four dates; with fewer the order used is 1 (and
    ``monitor`` is told). Every task of a scaled-out inversion calls this, so
    all of them solve with the same stack and order.
    """
    mon = ensure_monitor(monitor)
    check_settings(order, weight)
    stack = open_stack(products, dates_table)
    mon.log(f"{len(stack.products)} pairs, {len(stack.dates)} dates "
            f"({stack.dates[0]:%Y-%m-%d} .. {stack.dates[-1]:%Y-%m-%d}), {stack.width}x{stack.height} px; "
            f"weights {'from SIGMA_DX/SIGMA_DY' if stack.has_sigma else 'uniform (no SIGMA bands in every product)'}")
    if order == 2 and stack.design.unknowns < 3:
        order = 1
        mon.log("Fewer than four dates: regularising velocity changes (order 1) instead of acceleration changes.")
    return stack, order


def settings_metadata(stack: Stack, order: int, weight: float, robust: bool) -> Dict[str, str]:
    """The ``SENSETRACK_TIMESERIES`` metadata item of every output raster."""
    return {"SENSETRACK_TIMESERIES": json.dumps({"order": order, "weight": weight, "robust": robust,
                                                 "weighted_by_sigma": stack.has_sigma})}


def solved_windows(stack: Stack, windows: Sequence[tuple], order: int, weight: float, robust: bool,
                   chunk: int = BLOCK_PIXELS, workers: Optional[int] = None) -> Iterator[Tuple[tuple, dict]]:
    """``((row0, col0), solution)`` for each window ``(row0, col0, nrows, ncols)``, in the given order.

    GDAL stays on the calling thread (reading); :func:`solve_window` runs on
    ``workers`` threads (default :data:`WORKERS`, read at call time), at most
    ``workers + 1`` windows in flight, so memory stays bounded. A window's
    result does not depend on which thread or process solves it.
    """
    workers = max(1, WORKERS if workers is None else workers)
    pending: deque = deque()
    with ThreadPoolExecutor(workers) as pool:
        try:
            for r0, c0, nr, nc in windows:
                data = stack.read_window(r0, c0, nr, nc)
                pending.append(((r0, c0), pool.submit(solve_window, stack, data, (nr, nc), order, weight, robust,
                                                      chunk)))
                if len(pending) > workers:
                    key, future = pending.popleft()
                    yield key, future.result()
            while pending:
                key, future = pending.popleft()
                yield key, future.result()
        finally:  # an error, or the consumer stopped: solve nothing more
            for _, future in pending:
                future.cancel()


def write_series(stack: Stack, output_prefix: str, extra: Mapping[str, str],
                 solutions: Iterable[Tuple[tuple, dict]], total: int,
                 monitor: Optional[Monitor] = None) -> Tuple[Dict[str, str], int]:
    """Write solved windows (:func:`solved_windows`, or read back from block files) into the outputs.

    Returns ({kind: path}, number of pixels whose pairs form several groups of
    dates). The files appear only when every window was written.
    """
    mon = ensure_monitor(monitor)
    multi = 0
    try:
        with TimeSeriesWriter(stack, output_prefix, extra) as writer:
            for done, ((r0, c0), block) in enumerate(solutions, start=1):
                writer.write(block, r0, c0)
                multi += int(np.nansum(block["summary"][5] > 1))
                mon.report(done / max(total, 1), f"Inverted tile {done}/{total}")
            mon.check()
    finally:
        close = getattr(solutions, "close", None)
        if close is not None:  # a generator: stop its solving threads now, not when it is collected
            close()
    return dict(writer.paths), multi


def log_groups(monitor: Monitor, multi: int, weight: float) -> None:
    if multi:
        monitor.log(f"{multi} pixels have pairs forming more than one disconnected group of dates (band GROUPS > 1): "
                    + ("their groups are bridged by the regularisation only." if weight > 0 else
                       "dates outside the first date's group are NaN there (no regularisation)."))


def invert_products(products: Sequence[str], output_prefix: str, *, dates_table: Optional[Mapping[str, str]] = None,
                    order: int = 1, weight: Optional[float] = None, robust: bool = True,
                    monitor: Optional[Monitor] = None, block_pixels: int = BLOCK_PIXELS) -> Dict[str, str]:
    """Invert pair products into a displacement time series; returns {kind: path} (see the module doc).

    In this process; ``core.jobs.inversionwork`` runs the same steps as
    separate tasks (weight, blocks of windows, assembly) with identical results.

    Parameters
    ----------
    products : sequence of str
        Pair displacement rasters (bands DX, DY[, SIGMA_DX, SIGMA_DY]) on one grid.
    output_prefix : str
        Outputs are ``<prefix>_dx.tif`` etc.
    dates_table : mapping, optional
        {path or name: date} for products (or their images) without dates.
    order : {1, 2}
        Regularise changes of velocity (1) or of acceleration (2).
    weight : float or None
        Regularisation weight (dimensionless: 1 = as strong as the data); None
        = chosen by generalised cross-validation; 0 = none.
    robust : bool
        Tukey-biweight iterative re-weighting against bad pairs.
    """
    mon = ensure_monitor(monitor)
    stack, order = open_inversion(products, dates_table, order, weight, mon)
    if weight is None:
        weight = choose_weight(stack, order, robust, monitor=mon.sub(0.0, 0.1))
        mon.log(f"Regularisation weight chosen by generalised cross-validation: {weight:.3g}")
    windows = tile_windows(stack)
    paths, multi = write_series(stack, output_prefix, settings_metadata(stack, order, weight, robust),
                                solved_windows(stack, windows, order, weight, robust, block_pixels), len(windows),
                                mon.sub(0.1, 1.0))
    stack.close()
    log_groups(mon, multi, weight)
    mon.report(1.0, "Done")
    return paths
