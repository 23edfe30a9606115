"""Windowed trackers (phase correlation, NCC) on numpy arrays (file to file: :mod:`.files`).

Grid (exact definition, shared by every output)
------------------------------------------------
Windows are ``window x window`` pixels with top-left corners at
``(i*step, j*step)``, ``i = 0 .. (H - window)//step``, so every window lies
inside the image. The window centre, in array-index coordinates (pixel
``k`` has its centre at ``k``), is ``i*step + (window - 1)/2``: these are
:attr:`WindowResult.rows` / ``cols``. In GDAL's continuous pixel
coordinates (corner of pixel ``k`` at ``k``) the centre is
``i*step + window/2``; the output raster has pixels of ``step`` input
pixels whose centres are the window centres, i.e. its origin is at
continuous coordinate ``window/2 - step/2`` of the input grid.

Offsets are *target minus reference* in pixels (``dcol`` right, ``drow``
down), as for the dense trackers; :mod:`.displacement` turns them into
``DX`` east / ``DY`` north. A window touching nodata in the reference, or
whose target window (phase correlation) or search area (NCC: the target
window plus the search range) touches nodata or runs off the image, gives
NaN (never 0).

Processing is batched (``BATCH`` windows per call, vectorised over the
stack) and spread over two threads: the heavy calls (``scipy.fft``, numpy
ufuncs and ``matmul``) release the GIL. Phase correlation batches whole
grid columns (they share row FFTs); NCC batches consecutive windows in
row order, so that a batch's search areas cover a compact band of the
target, whose box sums :func:`.ncc.match_windows` computes once.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

import numpy as np

from ...blas_threads import single_threaded_blas
from ...errors import InputError, ParameterError
from ...params import ParamSpec, validate
from ...progress import Monitor, ensure_monitor
from .ncc import match_windows
from .phase import APODISATIONS, NORMALISATIONS, correlate_windows
from .spectra import Workspace, row_spectra

BATCH = 512  # windows per vectorised call (~40 MB of work arrays for 64-px windows; 2026-11-30: 512 beat 256
# by 5-15 % for phase (with CHUNK 128) and NCC, 1024 did not)
THREADS = 2

COMMON_SPECS = (
    ParamSpec("upsampling", "int", 10, "Sub-pixel upsampling factor",
              "Sub-pixel precision is 1/UPSAMPLING px: the correlation is evaluated by matrix DFT on a grid of "
              "that spacing around the peak, then a local quadratic fit removes the quantisation. 1 = quadratic "
              "fit on the integer correlation only (biased towards whole pixels).", 1, 100),
    ParamSpec("max_displacement", "float", 0.0, "Maximum expected displacement (pixels)",
              "Offsets larger than this (in either direction, pixels, after any coarse-to-fine prior) are "
              "rejected (NaN). 0 = no limit beyond what the window/search range can measure.", 0.0, 100000.0),
    ParamSpec("pyramid_levels", "int", 0, "Coarse-to-fine levels",
              "0 = off. N > 0: first track images reduced 2^N times with the same window (so it covers 2^N "
              "times more ground; phase correlation for both methods), then shift each full-resolution target "
              "window by the interpolated coarse offset. Use it when the motion is larger than about a quarter "
              "of the window (phase) or than the search range (NCC).", 0, 4),
)

PHASE_SPECS = COMMON_SPECS + (
    ParamSpec("normalisation", "enum", "partial", "Spectral normalisation",
              "phase = pure phase correlation (cross-power divided by its magnitude); partial = divided by the "
              "square root of the magnitude (default: as sharp, far less sensitive to noise); none = plain "
              "cross-correlation.", choices=tuple(NORMALISATIONS)),
    ParamSpec("apodisation", "enum", "hann", "Apodisation window",
              "Taper applied to each window before the FFT, against edge effects: hann (default), tukey "
              "(flat top) or none.", choices=APODISATIONS),
)

NCC_SPECS = COMMON_SPECS + (
    ParamSpec("search_range", "int", 8, "Search range (pixels)",
              "The target is searched this many pixels around the reference chip in every direction; make it "
              "a few pixels larger than the expected motion (or use coarse-to-fine).", 2, 512, advanced=False),
)

SPECS = {"phase": PHASE_SPECS, "ncc": NCC_SPECS}
LABELS = {"phase": "windowed phase correlation", "ncc": "normalised cross-correlation"}


@dataclass
class WindowResult:
    """Offsets and quality on the window grid (2-D arrays, ``ny x nx``).

    ``rows``/``cols``: window centres (array-index pixel coordinates, float);
    ``dcol``/``drow``: target minus reference (pixels, right / down);
    ``peak``: normalised correlation at the peak (-1..1; 0 for textureless
    windows); ``snr``: phase = peak-to-second-peak ratio of the phase
    correlation surface, NCC = peak over mean |NCC|; ``nrms``: phase
    correlation's normalised RMS error sqrt(1 - peak^2) (NaN for NCC).
    NaN everywhere for windows touching nodata.
    """

    rows: np.ndarray
    cols: np.ndarray
    dcol: np.ndarray
    drow: np.ndarray
    peak: np.ndarray
    snr: np.ndarray
    nrms: np.ndarray


def grid_shape(shape: Tuple[int, int], window: int, step: int) -> Tuple[int, int]:
    """Number of window rows and columns that fit in ``shape``."""
    if step < 1:
        raise ParameterError(f"The step must be at least 1 pixel (got {step}).")
    if window < 8:
        raise ParameterError(f"The window must be at least 8 pixels (got {window}).")
    if window > shape[0] or window > shape[1]:
        raise InputError(
            f"The window ({window} px) is larger than the image ({shape[1]}x{shape[0]} px). "
            "Choose a smaller window or a larger image."
        )
    return (shape[0] - window) // step + 1, (shape[1] - window) // step + 1


def margin(method: str, values: Dict[str, Any]) -> int:
    """Extra target pixels needed around a reference window (search range)."""
    return int(values["search_range"]) if method == "ncc" else 0


def _invalid_integral(valid: np.ndarray) -> Optional[np.ndarray]:
    """Integral image of the invalid pixels (``None`` when every pixel is valid)."""
    if valid.all():
        return None
    ii = np.zeros((valid.shape[0] + 1, valid.shape[1] + 1), dtype=np.int64)
    np.cumsum(np.cumsum((~valid).astype(np.int32), axis=0), axis=1, out=ii[1:, 1:])
    return ii


def _any_invalid(ii: Optional[np.ndarray], w: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Whether the w x w boxes with top-left corners (rows, cols) hold an invalid pixel."""
    if ii is None:
        return np.zeros(np.shape(rows), dtype=bool)
    return (ii[rows + w, cols + w] - ii[rows, cols + w] - ii[rows + w, cols] + ii[rows, cols]) > 0


def batch_limit(count: int, batch: int, parts: int = 2) -> int:
    """Windows per batch: at most ``batch``, with the batches in a multiple of ``parts`` of equal size.

    A file tile of 48 x 48 windows in batches of 512 made 4 full batches and
    a half one: one thread did 3 while the other did 2 (qgis_process on a
    10980^2 pair took 35 s instead of 27 s). ``parts`` is a constant, not
    the run's thread count: the batches' shapes choose the FFT plans, whose
    rounding differs, so a run on one thread (a Dask worker) must cut the
    same batches as a run on two to give bit-identical results.
    """
    if count <= 0:
        return max(1, batch)
    n = -(-count // batch)
    n = -(-n // max(1, parts)) * max(1, parts)
    return max(1, -(-count // n))


def column_batches(index: np.ndarray, column: np.ndarray, limit: int) -> list:
    """Split ``index`` into batches of at most ``limit`` windows made of whole columns of the grid.

    Windows are taken column by column (stable in their row order); a batch
    takes whole columns while they fit, and a column longer than ``limit``
    is cut into pieces of ``limit``.
    """
    if index.size == 0:
        return []
    order = np.argsort(column, kind="stable")
    index, column = index[order], column[order]
    cuts = np.flatnonzero(np.diff(column)) + 1
    batches, current = [], []
    for col in np.split(index, cuts):
        while col.size > limit:
            batches.append(col[:limit])
            col = col[limit:]
        if current and sum(c.size for c in current) + col.size > limit:
            batches.append(np.concatenate(current))
            current = []
        current.append(col)
    if current:
        batches.append(np.concatenate(current))
    return batches


def track_block(
    method: str,
    ref: np.ndarray,
    ref_valid: np.ndarray,
    tar: np.ndarray,
    tar_valid: np.ndarray,
    top_r: np.ndarray,
    top_c: np.ndarray,
    prior_r: np.ndarray,
    prior_c: np.ndarray,
    window: int,
    values: Dict[str, Any],
    tar_offset: int,
    monitor: Optional[Monitor] = None,
    threads: Optional[int] = None,
) -> Dict[str, np.ndarray]:
    """Track the windows with top-left corners (top_r, top_c) of ``ref``.

    ``tar`` is the target on the same pixels as ``ref`` padded by
    ``tar_offset`` pixels on every side (padding invalid in ``tar_valid``);
    ``prior_r/c`` are integer offsets of each target window. A window whose
    target window (phase) or search area (NCC) holds any invalid pixel is
    NaN. Returns flat
    (B,) arrays ``dcol``, ``drow`` (including the prior), ``peak``, ``snr``,
    ``nrms``. This is the unit both the in-memory and the tiled file engine
    call, so their results agree (to float rounding: BLAS may sum a small
    matrix product in an order that depends on the batch, which can move a
    sub-pixel fit by up to about 1e-4 px).
    """
    w = window
    m = margin(method, values)
    nwin = top_r.size
    out = {k: np.full(nwin, np.nan) for k in ("dcol", "drow", "peak", "snr", "nrms")}
    if nwin == 0:
        return out
    ref_bad = _any_invalid(_invalid_integral(ref_valid), w, top_r, top_c)
    tr = top_r + prior_r + tar_offset - m
    tc = top_c + prior_c + tar_offset - m
    size = w + 2 * m
    inside = (tr >= 0) & (tc >= 0) & (tr + size <= tar.shape[0]) & (tc + size <= tar.shape[1])
    todo = np.nonzero(~ref_bad & inside)[0]
    # the target window at the reference position (+ prior) must be fully valid for both methods: a
    # window touching nodata is NaN, never matched elsewhere in the search area
    tar_ii = _invalid_integral(tar_valid)
    tar_bad = _any_invalid(tar_ii, w, tr[todo] + m, tc[todo] + m)
    if method == "ncc":
        # NCC also needs the whole search area: nodata or the image edge inside it would bias the
        # sub-pixel interpolation of the correlation (measured up to 0.07 px), so such windows are NaN
        tar_bad |= _any_invalid(tar_ii, size, tr[todo], tc[todo])
    todo = todo[~tar_bad]
    threads = THREADS if threads is None else threads

    local = threading.local()  # one set of work arrays per thread, reused batch after batch

    def run(idx: np.ndarray) -> Dict[str, np.ndarray]:
        if method == "phase":
            apod = values["apodisation"]
            ws = local.__dict__.setdefault("workspace", Workspace())
            rr = row_spectra(ref, top_r[idx], top_c[idx], w, apod, ws, "ref", conjugate=True)
            rt = row_spectra(tar, tr[idx], tc[idx], w, apod, ws, "tar")
            return correlate_windows(rr, rt, upsampling=values["upsampling"],
                                     normalisation=values["normalisation"], workspace=ws)
        return match_windows(ref, tar, top_r[idx], top_c[idx], tr[idx], tc[idx], w, m, values["upsampling"])

    # phase correlation shares FFT work between the windows of one column band: batch by columns
    limit = batch_limit(todo.size, BATCH)
    batches = column_batches(todo, top_c[todo], limit) if method == "phase" else \
        [todo[i:i + limit] for i in range(0, todo.size, limit)]
    mon = ensure_monitor(monitor)

    def store(idx, res):
        for k in out:
            out[k][idx] = res[k]

    # our threads share the cores: OpenBLAS's own pool would only compete with them (see blas_threads)
    with single_threaded_blas():
        if threads > 1 and len(batches) > 1:
            with ThreadPoolExecutor(threads) as pool:
                futures = [(idx, pool.submit(run, idx)) for idx in batches]
                try:
                    for n, (idx, fut) in enumerate(futures, start=1):
                        store(idx, fut.result())
                        mon.report(n / len(batches), "Correlating windows")
                except BaseException:
                    for _, fut in futures:
                        fut.cancel()
                    raise
        else:
            for n, idx in enumerate(batches, start=1):
                store(idx, run(idx))
                mon.report(n / len(batches), "Correlating windows")
    out["dcol"] += prior_c
    out["drow"] += prior_r
    maxd = float(values.get("max_displacement") or 0.0)
    if maxd > 0:
        far = (np.abs(out["dcol"]) > maxd) | (np.abs(out["drow"]) > maxd)
        out["dcol"][far] = np.nan
        out["drow"][far] = np.nan
    return out


def _block_reduce(img: np.ndarray, valid: np.ndarray, f: int) -> Tuple[np.ndarray, np.ndarray]:
    """Mean of f x f blocks; a block is valid only when all its pixels are."""
    h, w = (img.shape[0] // f) * f, (img.shape[1] // f) * f
    a = np.where(valid[:h, :w], img[:h, :w], 0).astype(np.float64).reshape(h // f, f, w // f, f).mean(axis=(1, 3))
    v = valid[:h, :w].reshape(h // f, f, w // f, f).all(axis=(1, 3))
    return a.astype(np.float32), v


def prior_from_coarse(coarse: WindowResult,
                      factor: int) -> Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]]:
    """Integer full-resolution priors (rows, cols) interpolated from a coarse result.

    NaN coarse vectors are filled from their nearest valid neighbour, the
    field is median-filtered (3x3) against isolated mismatches, scaled by
    ``factor`` and interpolated bilinearly at the full-resolution centres.
    """
    from scipy import ndimage

    dc, dr = coarse.dcol.copy(), coarse.drow.copy()
    ok = np.isfinite(dc) & np.isfinite(dr)
    if not ok.any():
        return lambda r, c: (np.zeros(np.shape(r), int), np.zeros(np.shape(c), int))
    if not ok.all():
        _, (ir, ic) = ndimage.distance_transform_edt(~ok, return_indices=True)
        dc, dr = dc[ir, ic], dr[ir, ic]
    dc = ndimage.median_filter(dc, size=3, mode="nearest") * factor
    dr = ndimage.median_filter(dr, size=3, mode="nearest") * factor
    r0, c0 = coarse.rows[0, 0], coarse.cols[0, 0]
    sr = coarse.rows[1, 0] - r0 if coarse.rows.shape[0] > 1 else 1.0
    sc = coarse.cols[0, 1] - c0 if coarse.cols.shape[1] > 1 else 1.0

    def prior(rows: np.ndarray, cols: np.ndarray):
        gy = (((rows + 0.5) / factor - 0.5) - r0) / sr
        gx = (((cols + 0.5) / factor - 0.5) - c0) / sc
        pr = ndimage.map_coordinates(dr, [gy, gx], order=1, mode="nearest")
        pc = ndimage.map_coordinates(dc, [gy, gx], order=1, mode="nearest")
        return np.rint(pr).astype(int), np.rint(pc).astype(int)

    return prior


def coarse_parameters(values: Dict[str, Any]) -> Dict[str, Any]:
    """Parameters of the coarse pass: always phase correlation (it needs no search area, so it sees
    motions up to a quarter of the window at the coarse scale, also near the image edges), whole pixels."""
    return {"upsampling": 4, "normalisation": values.get("normalisation", "partial"),
            "apodisation": values.get("apodisation", "hann")}


def usable_levels(shape: Tuple[int, int], window: int, levels: int, log=None) -> int:
    """The coarse-to-fine levels that fit: the image reduced 2^N times must still hold one window.

    A request that does not fit is reduced to the deepest level that does (0 = no coarse pass) and
    the log says so, rather than silently tracking without the prior the user asked for.
    """
    fit = int(levels)
    while fit > 0 and min(shape) // 2 ** fit < window:
        fit -= 1
    if fit != levels and log is not None:
        size = f"{shape[1] // 2 ** levels}x{shape[0] // 2 ** levels}"
        log(f"PYRAMID_LEVELS={levels} does not fit: the images reduced {2 ** levels} times ({size} px) are "
            f"smaller than the {window}-px window; using {fit} level(s)"
            + (" (no coarse pass: motions beyond a quarter of the window may be missed)." if fit == 0 else "."))
    return fit


def check_values(method: str, window: int, step: int, params: Dict[str, Any]) -> Dict[str, Any]:
    if method not in SPECS:
        raise ParameterError(f"Unknown windowed method '{method}'; choose phase or ncc.")
    if int(step) != step or step < 1:
        raise ParameterError(f"The step must be a whole number of pixels >= 1 (got {step}).")
    if int(window) != window or window < 8:
        raise ParameterError(f"The window must be a whole number of pixels >= 8 (got {window}).")
    return validate(SPECS[method], params)


def track_windows(
    reference: np.ndarray,
    target: np.ndarray,
    method: str = "phase",
    window: int = 64,
    step: int = 16,
    ref_valid: Optional[np.ndarray] = None,
    tar_valid: Optional[np.ndarray] = None,
    monitor: Optional[Monitor] = None,
    **params,
) -> WindowResult:
    """Windowed phase correlation or NCC of two co-registered 2-D arrays.

    Parameters
    ----------
    reference, target : 2-D arrays of the same shape.
    method : ``"phase"`` or ``"ncc"``.
    window : window (chip) size in pixels.
    step : grid spacing in pixels (see the module doc for the exact grid).
    ref_valid, tar_valid : boolean masks (True = data), optional; non-finite
        values are invalid anyway.
    **params : ``upsampling``, ``max_displacement``, ``pyramid_levels`` and,
        for phase, ``normalisation``/``apodisation``, for NCC
        ``search_range`` (see :data:`SPECS`).

    Returns
    -------
    WindowResult (2-D arrays on the step grid).
    """
    values = check_values(method, window, step, params)
    reference = np.asarray(reference)
    target = np.asarray(target)
    if reference.shape != target.shape or reference.ndim != 2:
        raise InputError(f"Reference {reference.shape} and target {target.shape} must be 2-D with the same shape.")
    ny, nx = grid_shape(reference.shape, window, step)
    rv = np.isfinite(reference) if ref_valid is None else (ref_valid & np.isfinite(reference))
    tv = np.isfinite(target) if tar_valid is None else (tar_valid & np.isfinite(target))
    mon = ensure_monitor(monitor)
    ti, tj = np.mgrid[0:ny, 0:nx]
    top_r, top_c = (ti * step).ravel(), (tj * step).ravel()
    rows = top_r + (window - 1) / 2.0
    cols = top_c + (window - 1) / 2.0
    prior_r = np.zeros(top_r.size, int)
    prior_c = np.zeros(top_c.size, int)
    fine = mon
    levels = usable_levels(reference.shape, window, int(values["pyramid_levels"]), mon.log)
    if levels > 0:
        f = 2 ** levels
        ca, cav = _block_reduce(reference, rv, f)
        cb, cbv = _block_reduce(target, tv, f)
        coarse = track_windows(ca, cb, "phase", window, step, cav, cbv, mon.sub(0.0, 0.2),
                               **coarse_parameters(values))
        prior_r, prior_c = prior_from_coarse(coarse, f)(rows, cols)
        fine = mon.sub(0.2, 1.0)
    pad = margin(method, values) + int(max(np.abs(prior_r).max(initial=0), np.abs(prior_c).max(initial=0)))
    # mirror the data beyond the image edges (still invalid): a smooth continuation keeps the
    # trigonometric interpolation of the NCC numerator free of edge ringing near the border
    tar_p = np.pad(target.astype(np.float32) if tv.all() else np.where(tv, target, 0).astype(np.float32), pad,
                   mode="symmetric")
    tv_p = np.pad(tv, pad)
    ref_f = reference.astype(np.float32, copy=False) if rv.all() else np.where(rv, reference, 0).astype(np.float32)
    out = track_block(method, ref_f, rv, tar_p, tv_p, top_r, top_c, prior_r, prior_c, window, values, pad, fine)
    shape = (ny, nx)
    return WindowResult(rows.reshape(shape), cols.reshape(shape), out["dcol"].reshape(shape),
                        out["drow"].reshape(shape), out["peak"].reshape(shape), out["snr"].reshape(shape),
                        out["nrms"].reshape(shape))
