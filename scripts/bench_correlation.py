#!/usr/bin/env python3
"""Benchmark of the windowed correlation engine (phase correlation, NCC).

All figures are measured in one run and printed as a table with PASS/FAIL
(every time is the best of several runs, engines and references timed
alternately so that load from other processes hits both alike):

1. Phase correlation throughput at window 64, step 16, 0.1 px (upsampling
   10), on a natural-texture pair: the engine (``core.tracking.windowed.engine.track_windows``,
   window extraction included) on 2 threads with each FFT backend
   (``core.tracking.windowed.fft_backend``: scipy.fft; pyFFTW when installed; targets >= 25,000
   and >= 30,000 windows/s, and equal shifts within 1e-4 px) against (a) the
   original library's per-window
   ``skimage.registration.phase_cross_correlation(upsample_factor=10)``
   loop on the same windows (target >= 15x) and (b) the floor: the bare
   batched FFTs of the same windows -- ``scipy.fft.rfft2`` of both float32
   stacks plus one ``irfft2`` of the cross-power, in the engine's batches on
   the engine's two threads (and, for reference, the whole stacks with
   ``workers=2``; the faster of the two is the floor) (target <= 1.5x).
   The floor is the per-window FFTs, as the target defines it; the engine
   itself shares the row FFTs of overlapping windows (core/tracking/windowed/spectra.py)
   and so does less FFT work than its floor.
2. NCC throughput at chip 32, step 16, 0.1 px, search range 8 and 25 (the
   latter with phase correlation at window 32 are the autoRIFT-like
   settings): the engine (``windowed.ncc.match_windows``: box sums once per
   target region, batched FFT numerator) against the per-window batched FFT
   reference (``windowed.ncc.match_stack_fft`` in the same engine; also its
   integer peaks, target: the same on >= 99 % of the windows), a bare
   ``cv2.matchTemplate`` (TM_CCOEFF_NORMED) + ``minMaxLoc`` loop on 2
   threads (integer peaks only) and, with ``--previous=FILE``, another
   version of ncc.py. Targets >= 20,000 (range 8) and >= 8,000 windows/s
   (range 25).
3. Accuracy: exact sub-pixel shifts (core.synthetic natural texture, moved
   by changing the plane waves' phases, no interpolation) swept over
   fractional shifts 0.0 ... 0.9 px in x and in y (10 x 10 combinations),
   with Gaussian noise 2 % of the texture's std on both images; 64-px
   windows (NCC: search range 8). RMSE per component (target <= 0.05 px) and
   peak-locking: the mean error as a function of the fractional shift, max
   |mean| over the fractions and both axes (target <= 0.02 px), for phase
   correlation, NCC and the scikit-image loop side by side; and the engine's
   NCC against the per-window reference on the same windows (target: >= 99.9 %
   of the shifts within 1e-4 px, all within 2e-3 px: they differ by rounding,
   and a tie between two points of the 1/upsampling grid moves the fit to the
   neighbouring stencil).
4. End to end: a 10980 x 10980 pair (one Sentinel-2 10 m tile; ``--quick``:
   2048 x 2048) written block by block as tiled UInt16 GeoTIFFs in a
   temporary folder, then ``qgis_process run sensetrack:phasecorrelation``
   (window 64, step 16) and ``sensetrack:ncc`` (chip 32, step 16, range 25)
   through ``scripts/qgis_process.sh``: wall time (QGIS start-up included)
   and the peak resident memory of the qgis_process child (its
   ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by a small wrapper process;
   target < 2 GB), and the median offset against the truth.

Host speed: issue 20 set its targets from reference figures measured on this kind of machine (the
bare FFTs of the phase windows in batches of 32; the bare matchTemplate loop). This host's speed changes
from day to day by up to 2x, so the bench times the same references in the same run and prints, under
each absolute target row, the same target scaled by the measured speed ratio ("at this host's speed").
Both are reported; the absolute rows are the issue's.

Usage: ``python scripts/bench_correlation.py [--quick] [--only=throughput|ncc|accuracy|scale] [--previous=FILE]``
(``--previous``: another version of ``core/tracking/windowed/ncc.py`` timed in the same NCC rows)
(or ``SENSETRACK_BENCH_QUICK=1``).
The machine may be shared: absolute rates are noisy, ratios within one run are what count.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from sensetrack_path import ensure_importable  # noqa: E402

PLUGINS = ensure_importable()

import scipy.fft as sfft  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402
from osgeo import gdal, osr  # noqa: E402

import cv2  # noqa: E402

from sensetrack.core.tracking.windowed import engine as windowed_engine, fft_backend, ncc as windowed_ncc  # noqa: E402
from sensetrack.core.synthetic import Texture  # noqa: E402



def load_previous():
    """``--previous=FILE``: another version of windowed/ncc.py (e.g. ``git show <commit>:core/tracking/
    windowed/ncc.py > /tmp/ncc_old.py``), loaded inside the package, to time it in the same run."""
    import importlib.util

    path = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--previous=")]
    if not path:
        return None
    spec = importlib.util.spec_from_file_location("sensetrack.core.tracking.windowed._ncc_previous", path[0])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PREVIOUS = load_previous()
QUICK = "--quick" in sys.argv or os.environ.get("SENSETRACK_BENCH_QUICK") == "1"
WINDOW, STEP, UPS = 64, 16, 10
NOISE = 0.02
ROWS = []
REPEAT = 5  # best of this many alternated runs
# targets of issue 20 (windows/s on 2 threads)
PHASE_TARGET = {"scipy": 25000, "pyfftw": 30000}
NCC_TARGET = {8: 20000, 25: 8000}
# The reference figures issue 20 measured when it set those targets, on this kind of machine (2 threads):
# the bare FFTs of the phase windows in batches of 32 (scipy.fft about 29,000 windows/s, pyFFTW about
# 38,000) and the bare cv2.matchTemplate loop at chip 32 (24,000 at range 8, 8,900 at range 25). The same
# host runs up to 2x slower or faster from day to day (seen: the same bare FFTs at 17,600 and 35,400
# windows/s), so the bench times the same references in the same run and also states each target
# scaled to this run's speed ("at this host's speed"); the absolute rows stay as the issue wrote them.
ISSUE_REFERENCE = {"scipy": 29000, "pyfftw": 38000, 8: 24000, 25: 8900}
REFERENCE_BATCH = 32
CHIP = 32
AUTORIFT = "4,800-7,400 points/s (chip 32, +-25 px, 16-px grid; measured once on this kind of machine, not here)"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def row(what, value, target, ok):
    ROWS.append((what, value, target, "PASS" if ok else "FAIL"))


def shifted_texture(tex: Texture, drow: float, dcol: float) -> Texture:
    """The texture moved by (drow, dcol): f'(r, c) = f(r - drow, c - dcol), exactly."""
    return Texture(tex.krow, tex.kcol, tex.phase - tex.krow * drow - tex.kcol * dcol, tex.amp)


def pair(shape, drow, dcol, seed=0, noise=NOISE, tex=None):
    tex = tex or Texture.natural(seed)
    ref = tex.grid(shape)
    tar = shifted_texture(tex, drow, dcol).grid(shape)
    if noise:
        rng = np.random.default_rng(seed + 1)
        s = ref.std()
        ref = ref + rng.normal(0, noise * s, shape)
        tar = tar + rng.normal(0, noise * s, shape)
    return ref.astype(np.float32), tar.astype(np.float32)


def stacks(ref, tar, step):
    a = sliding_window_view(ref, (WINDOW, WINDOW))[::step, ::step].reshape(-1, WINDOW, WINDOW)
    b = sliding_window_view(tar, (WINDOW, WINDOW))[::step, ::step].reshape(-1, WINDOW, WINDOW)
    return a, b


def best(f, n=3):
    t = []
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        t.append(time.perf_counter() - t0)
    return min(t)


def skimage_loop(a, b):
    from skimage.registration import phase_cross_correlation

    out = np.empty((len(a), 2))
    for i in range(len(a)):
        shift = phase_cross_correlation(a[i], b[i], upsample_factor=UPS)[0]
        out[i] = -shift  # scikit-image returns the shift that registers the target: the negative of ours
    return out


def fft_floor(a, b, batch=None):
    """Bare FFTs of the windows: rfft2 of both stacks + irfft2 of their product, as the engine batches them
    (or in batches of ``batch``) on its threads; and the whole stacks with ``workers=2``."""
    batch = batch or windowed_engine.BATCH
    a = np.ascontiguousarray(a, np.float32)
    b = np.ascontiguousarray(b, np.float32)

    def one(sl):
        fa = sfft.rfft2(a[sl], workers=1)
        fb = sfft.rfft2(b[sl], workers=1)
        fa *= fb
        sfft.irfft2(fa, s=(WINDOW, WINDOW), workers=1)

    def threaded():
        with ThreadPoolExecutor(windowed_engine.THREADS) as pool:
            list(pool.map(one, [slice(i, i + batch) for i in range(0, len(a), batch)]))

    def whole():
        fa = sfft.rfft2(a, workers=2)
        fb = sfft.rfft2(b, workers=2)
        fa *= fb
        sfft.irfft2(fa, s=(WINDOW, WINDOW), workers=2)

    return best(threaded, 1), best(whole, 1)


def timed(funcs, repeat=REPEAT):
    """Best time of each function, the functions run alternately ``repeat`` times."""
    best_t = {k: float("inf") for k in funcs}
    for _ in range(repeat):
        for k, f in funcs.items():
            t0 = time.perf_counter()
            f()
            best_t[k] = min(best_t[k], time.perf_counter() - t0)
    return best_t


def fft_floor_backend(a, b, batch=None):
    """The bare FFTs of :func:`fft_floor` (engine batches, or ``batch``, and threads) through ``windowed.fft_backend``."""
    batch = batch or windowed_engine.BATCH
    a = np.ascontiguousarray(a, np.float32)
    b = np.ascontiguousarray(b, np.float32)

    def one(sl):
        fa = fft_backend.rfft2(a[sl])
        fa *= fft_backend.rfft2(b[sl])
        fft_backend.irfft2(fa, (WINDOW, WINDOW))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(windowed_engine.THREADS) as pool:
        list(pool.map(one, [slice(i, i + batch) for i in range(0, len(a), batch)]))
    return time.perf_counter() - t0


def throughput():
    shape = (1024, 1024) if QUICK else (1536, 1536)
    ref, tar = pair(shape, 1.37, -2.61, seed=11)
    a, b = stacks(ref, tar, STEP)
    n = len(a)
    backends = fft_backend.available()
    results = {}

    def engine(backend, **kw):
        def run():
            fft_backend.select(backend)
            results[(backend, tuple(kw.items()))] = windowed_engine.track_windows(ref, tar, "phase", WINDOW, STEP,
                                                                            upsampling=UPS, **kw)
        return run

    funcs = {f"phase {b}": engine(b) for b in backends}
    funcs["phase scipy, pure phase"] = engine("scipy", normalisation="phase")
    floor = {}

    def fft_floor_run():
        t_thr, t_whole = fft_floor(a, b)
        floor["thr"], floor["whole"] = min(floor.get("thr", 1e9), t_thr), min(floor.get("whole", 1e9), t_whole)

    funcs["floor"] = fft_floor_run
    if "pyfftw" in backends:
        def pyfftw_floor():
            fft_backend.select("pyfftw")
            floor["pyfftw"] = min(floor.get("pyfftw", 1e9), fft_floor_backend(a, b))

        funcs["floor pyfftw"] = pyfftw_floor
    reference = {}

    def reference_floors():  # the issue's reference conditions: batches of 32
        reference["scipy"] = min(reference.get("scipy", 1e9), fft_floor(a, b, REFERENCE_BATCH)[0])
        if "pyfftw" in backends:
            fft_backend.select("pyfftw")
            reference["pyfftw"] = min(reference.get("pyfftw", 1e9), fft_floor_backend(a, b, REFERENCE_BATCH))

    funcs["floor reference"] = reference_floors
    for f in funcs.values():  # warm-up (caches, plans, threads)
        f()
    t = timed(funcs, 2 * REPEAT)  # short runs on a host whose speed wanders: best of more alternations
    fft_backend.select("auto")
    t_thr, t_whole = floor["thr"], floor["whole"]
    t_floor = min(t_thr, t_whole)
    t_eng = t["phase scipy"]
    k = min(n, 400 if QUICK else 800)
    t0 = time.perf_counter()
    skimage_loop(a[:k], b[:k])
    t_sk = (time.perf_counter() - t0) / k * n
    print(f"   {n} windows of {WINDOW} px (step {STEP}) from a {shape[1]}x{shape[0]} pair; "
          f"FFT backends: {', '.join(backends)}")
    if "pyfftw" in floor:
        print(f"   bare pyFFTW FFTs, engine batches on {windowed_engine.THREADS} threads: {floor['pyfftw']:.3f} s = "
              f"{n / floor['pyfftw']:,.0f} windows/s")
    for name in funcs:
        if not name.startswith("floor"):
            print(f"   engine {name:28s} {t[name]:.3f} s = {n / t[name]:,.0f} windows/s")
    print(f"   FFT floor: engine batches on {windowed_engine.THREADS} threads {t_thr:.3f} s, whole stacks workers=2 "
          f"{t_whole:.3f} s -> floor {t_floor:.3f} s = {n / t_floor:,.0f} windows/s")
    print(f"   scikit-image loop ({k} windows timed): {n / t_sk:,.0f} windows/s")
    row("speed-up over the scikit-image loop (phase)", f"{t_sk / t_eng:.1f}x", ">= 15x", t_sk / t_eng >= 15)
    # issue 20 also put its targets as ">= 30x the original library's 962 windows/s" (that library's loop
    # is this one plus disambiguation): the same ratio measured in this run, for information only
    for name in backends:
        row(f"  same, FFT backend {name} (issue 20: 30x the original's loop)",
            f"{t_sk / t[f'phase {name}']:.1f}x", "(info)", True)
    row("engine time / FFT floor (phase, scipy)", f"{t_eng / t_floor:.2f}x", "<= 1.5x", t_eng / t_floor <= 1.5)
    row("  same, pure phase normalisation", f"{t['phase scipy, pure phase'] / t_floor:.2f}x", "(info)", True)
    for name in backends:
        rate = n / t[f"phase {name}"]
        row(f"phase window 64, 2 threads, FFT backend {name}", f"{rate:,.0f} windows/s",
            f">= {PHASE_TARGET[name]:,}", rate >= PHASE_TARGET[name])
    if "pyfftw" in backends:
        row("  pyfftw / scipy speed", f"{t['phase scipy'] / t['phase pyfftw']:.2f}x", "(info)", True)
        row("  engine time / bare pyFFTW FFTs (phase, pyfftw)", f"{t['phase pyfftw'] / floor['pyfftw']:.2f}x",
            "(info)", True)
        r0, r1 = results[("scipy", ())], results[("pyfftw", ())]
        same_nan = np.array_equal(np.isnan(r0.dcol), np.isnan(r1.dcol))
        diff = max(np.nanmax(np.abs(r0.dcol - r1.dcol)), np.nanmax(np.abs(r0.drow - r1.drow)))
        row("  pyfftw vs scipy: max shift difference", f"{diff:.1e} px", "<= 1e-4 px", same_nan and diff <= 1e-4)
    else:
        row("phase, FFT backend pyfftw", "not installed", ">= 30,000", False)
    for name in backends:
        speed = n / reference[name] / ISSUE_REFERENCE[name]
        print(f"   bare {name} FFTs in batches of {REFERENCE_BATCH} on {windowed_engine.THREADS} threads: "
              f"{n / reference[name]:,.0f} windows/s against {ISSUE_REFERENCE[name]:,} when issue 20 set the targets "
              f"-> this host runs at {speed:.2f}x that speed")
        rate, goal = n / t[f"phase {name}"], PHASE_TARGET[name] * speed
        row(f"  at this host's speed ({speed:.2f}x): phase, {name}", f"{rate:,.0f} windows/s", f">= {goal:,.0f}",
            rate >= goal)


def matchtemplate_loop(ref, tar, tops, r):
    """Integer NCC peaks only: one cv2.matchTemplate + minMaxLoc per window on the engine's threads."""
    s = CHIP + 2 * r
    t0 = tar - tar.mean()
    r0 = ref - ref.mean()

    def part(idx):
        for y, x in tops[idx]:
            cv2.minMaxLoc(cv2.matchTemplate(t0[y - r:y + s - r, x - r:x + s - r], r0[y:y + CHIP, x:x + CHIP],
                                            cv2.TM_CCOEFF_NORMED))

    chunks = [slice(i, i + windowed_engine.BATCH) for i in range(0, len(tops), windowed_engine.BATCH)]
    with ThreadPoolExecutor(windowed_engine.THREADS) as pool:
        list(pool.map(part, chunks))


def on_stacks(stack_matcher):
    """An engine NCC matcher (``windowed.ncc.match_windows``'s signature) running a stack matcher such as
    ``match_stack_fft`` on the chips and search areas cut from the images."""
    def match(ref, tar, ref_rows, ref_cols, tar_rows, tar_cols, w, r, upsampling):
        s = w + 2 * r
        return stack_matcher(sliding_window_view(ref, (w, w))[ref_rows, ref_cols],
                             sliding_window_view(tar, (s, s))[tar_rows, tar_cols], upsampling)
    return match


def with_matcher(matcher, fn, *args, **kw):
    """``fn(*args, **kw)`` with the engine's NCC matcher replaced by ``matcher``."""
    windowed_engine.match_windows = matcher
    try:
        return fn(*args, **kw)
    finally:
        windowed_engine.match_windows = windowed_ncc.match_windows


def ncc_throughput():
    shape = (1024, 1024) if QUICK else (1536, 1536)
    ref, tar = pair(shape, 3.37, -5.61, seed=12)
    print(f"   chip {CHIP} px, step {STEP}, upsampling {UPS}, {shape[1]}x{shape[0]} pair, "
          f"{windowed_engine.THREADS} threads")
    matchers = {"new": windowed_ncc.match_windows, "reference": on_stacks(windowed_ncc.match_stack_fft)}
    if PREVIOUS is not None:  # --previous=FILE: an older ncc.py in the same run
        matchers["previous"] = getattr(PREVIOUS, "match_windows", None) or on_stacks(PREVIOUS.match_stack)
    for r in (8, 25):
        grid = np.arange(0, shape[0] - CHIP + 1, STEP)
        inner = grid[(grid - r >= 0) & (grid + CHIP + r <= shape[0])]
        tops = np.array([(y, x) for y in inner for x in inner])
        n = len(tops)  # windows with a whole search area (the others are NaN without work)
        out = {}

        def engine(key):
            def run():
                out[key] = with_matcher(matchers[key], windowed_engine.track_windows, ref, tar, "ncc", CHIP, STEP,
                                        upsampling=UPS, search_range=r)
            return run

        funcs = {k: engine(k) for k in matchers}
        funcs["matchTemplate"] = lambda: matchtemplate_loop(ref, tar, tops, r)
        for f in funcs.values():
            f()
        t = timed(funcs, REPEAT if r == 8 or not QUICK else 3)
        rate = n / t["new"]
        nw, od = out["new"], out["reference"]
        ok = np.isfinite(nw.dcol) | np.isfinite(od.dcol)  # windows either version measured
        same = (np.abs(nw.dcol - od.dcol) < 0.5) & (np.abs(nw.drow - od.drow) < 0.5)  # NaN vs number: differ
        agree = same[ok].mean() if ok.any() else 0.0
        err = np.sqrt(np.nanmean((out["new"].dcol + 5.61) ** 2 + (out["new"].drow - 3.37) ** 2))
        prev = f"previous {n / t['previous']:,.0f}, " if "previous" in t else ""
        print(f"   range {r:2d}: {n} windows; new {n / t['new']:,.0f}, {prev}"
              f"reference batched FFT {n / t['reference']:,.0f}, bare matchTemplate loop "
              f"{n / t['matchTemplate']:,.0f} windows/s; rms error {err:.3f} px")
        label = "autoRIFT-like: " if r == 25 else ""
        row(f"{label}NCC chip {CHIP}, range {r}, 2 threads", f"{rate:,.0f} windows/s", f">= {NCC_TARGET[r]:,}",
            rate >= NCC_TARGET[r])
        if "previous" in t:
            row(f"  range {r}: speed-up over the previous engine NCC", f"{t['previous'] / t['new']:.2f}x", "(info)",
                True)
        row(f"  range {r}: speed-up over the reference batched FFT NCC", f"{t['reference'] / t['new']:.2f}x", "(info)",
            True)
        row(f"  range {r}: time / bare matchTemplate loop", f"{t['new'] / t['matchTemplate']:.2f}x", "(info)", True)
        speed = n / t["matchTemplate"] / ISSUE_REFERENCE[r]
        goal = NCC_TARGET[r] * speed
        row(f"  at this host's speed ({speed:.2f}x of the matchTemplate loop's {ISSUE_REFERENCE[r]:,}): range {r}",
            f"{rate:,.0f} windows/s", f">= {goal:,.0f}", rate >= goal)
        row(f"  range {r}: same integer peak as the reference NCC", f"{agree:.2%} of {ok.sum()}", ">= 99 %",
            agree >= 0.99)
    # phase correlation at the same chip and grid (no search range: it measures up to a quarter window)
    pr = {}
    tp = timed({"phase": lambda: pr.setdefault("r", windowed_engine.track_windows(ref, tar, "phase", CHIP, STEP,
                                                                           upsampling=UPS))}, 3)["phase"]
    nphase = pr["r"].dcol.size
    row(f"autoRIFT-like: phase window {CHIP}, step {STEP}, 2 threads", f"{nphase / tp:,.0f} windows/s", "(info)",
        True)
    print(f"   phase correlation window {CHIP}: {nphase} windows, {nphase / tp:,.0f} windows/s; "
          f"autoRIFT v2.1.2 NCC: {AUTORIFT}")


def accuracy():
    shape = (320, 320)
    tex = Texture.natural(7)
    fr = np.round(np.arange(0.0, 1.0, 0.1), 1)
    errs = {"phase": [], "ncc": [], "scikit-image": []}
    same_nan, diffs = True, []
    for i, fy in enumerate(fr):
        for j, fx in enumerate(fr):
            ref, tar = pair(shape, fy, fx, seed=100 + 10 * i + j, tex=tex)
            for m in ("phase", "ncc"):
                r = windowed_engine.track_windows(ref, tar, m, WINDOW, 32, upsampling=UPS)  # NCC: search range 8
                ok = np.isfinite(r.dcol)
                errs[m].append((fx, fy, r.dcol[ok] - fx, r.drow[ok] - fy))
            # the reference batched FFT NCC on the same windows
            old = with_matcher(on_stacks(windowed_ncc.match_stack_fft), windowed_engine.track_windows, ref, tar, "ncc",
                               WINDOW, 32, upsampling=UPS)
            same_nan &= np.array_equal(np.isnan(old.dcol), np.isnan(r.dcol))
            d = np.abs(np.r_[(old.dcol - r.dcol).ravel(), (old.drow - r.drow).ravel()])
            diffs.append(d[np.isfinite(d)])
            if i % 3 == 0 and j % 3 == 0 or not QUICK:
                a, b = stacks(ref, tar, 64)
                s = skimage_loop(a, b)
                errs["scikit-image"].append((fx, fy, s[:, 1] - fx, s[:, 0] - fy))
    print(f"   {len(fr)}x{len(fr)} fractional shifts, noise {NOISE:.0%}, window {WINDOW}, upsampling {UPS}")
    for name, cases in errs.items():
        ec = np.concatenate([c[2] for c in cases])
        er = np.concatenate([c[3] for c in cases])
        rmse = max(np.sqrt(np.mean(ec ** 2)), np.sqrt(np.mean(er ** 2)))
        lock = 0.0
        for f in fr:
            sel_x = [c[2] for c in cases if c[0] == f]
            sel_y = [c[3] for c in cases if c[1] == f]
            if sel_x:
                lock = max(lock, abs(np.mean(np.concatenate(sel_x))))
            if sel_y:
                lock = max(lock, abs(np.mean(np.concatenate(sel_y))))
        n = sum(len(c[2]) for c in cases)
        if name == "scikit-image":
            row(f"RMSE / peak-locking, {name} loop ({n} windows)", f"{rmse:.3f} / {lock:.3f} px", "(reference)", True)
        else:
            row(f"RMSE, {name} ({n} windows)", f"{rmse:.4f} px", "<= 0.05 px", rmse <= 0.05)
            row(f"peak-locking max|mean error|, {name}", f"{lock:.4f} px", "<= 0.02 px", lock <= 0.02)
    # the engine's NCC and the per-window reference differ by float rounding (about 1e-8 px); where two
    # points of the 1/upsampling grid are within that of each other the fit takes the other 3x3 stencil,
    # which moves the result by the fit's own bias (up to about 1e-3 px): a few windows in ten thousand
    d = np.concatenate(diffs)
    close = (d <= 1e-4).mean()
    row("NCC sweep: engine vs reference batched FFT NCC", f"{close:.2%} within 1e-4 px, max {d.max():.1e}",
        ">= 99.9 %, 2e-3", same_nan and close >= 0.999 and d.max() <= 2e-3)


def write_scene(path, size, drow, dcol, tex, block=512):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    ds = gdal.GetDriverByName("GTiff").Create(path, size, size, 1, gdal.GDT_UInt16,
                                              ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=IF_SAFER"])
    ds.SetGeoTransform((600000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0))
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(0)
    t = shifted_texture(tex, drow, dcol)
    for y0 in range(0, size, block):
        h = min(block, size - y0)
        # rows y0.. of the texture: move it up by y0 (exact, by phase)
        blk = shifted_texture(t, -y0, 0.0).grid((h, size))
        band.WriteArray(np.clip(20000 + 8000 * blk, 1, 65535).astype(np.uint16), 0, y0)
    ds = None


# runs a command and prints the peak RSS of its process tree (kB): each run's own figure
RSS_WRAPPER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
               "print('MAXRSS_KB=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def qgis_process(alg, params):
    """Run ``scripts/qgis_process.sh run alg`` with ``params``: (seconds, returncode, output, peak RSS GB)."""
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=os.path.join(tempfile.gettempdir(), "sensetrack-bench-profile"))
    # the wrapper needs only the standard library: the system interpreter (not the venv's symlink)
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    args = [python, "-c", RSS_WRAPPER, os.path.join(ROOT, "scripts", "qgis_process.sh"), "run", alg, "--"]
    args += [f"{k}={v}" for k, v in params.items()]
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    kb = [int(line.split("=")[1]) for line in proc.stdout.splitlines() if line.startswith("MAXRSS_KB=")]
    return seconds, proc.returncode, proc.stdout + proc.stderr, (kb[-1] / 1024.0 ** 2 if kb else float("nan"))


def scale():
    size = 2048 if QUICK else 10980
    tex = Texture.natural(3, n_waves=48)
    truth = (-1.7, 2.3)  # (dcol, drow) px
    runs = (("phasecorrelation", {"WINDOW_SIZE": WINDOW, "STEP": STEP}),
            ("ncc", {"WINDOW_SIZE": CHIP, "STEP": STEP, "SEARCH_RANGE": 25}))
    with tempfile.TemporaryDirectory(prefix="sensetrack-bench-") as tmp:
        ref, tar = os.path.join(tmp, "ref.tif"), os.path.join(tmp, "tar.tif")
        t0 = time.perf_counter()
        write_scene(ref, size, 0.0, 0.0, tex)
        write_scene(tar, size, truth[1], truth[0], tex)
        print(f"   {size}x{size} UInt16 pair written in {time.perf_counter() - t0:.0f} s")
        qgis_process("sensetrack:phasecorrelation", {})  # warm the QGIS profile (plugin enabled) outside the timing
        for alg, params in runs:
            out = os.path.join(tmp, f"{alg}.tif")
            seconds, code, text, rss = qgis_process(f"sensetrack:{alg}", dict(
                params, REFERENCE=ref, TARGET=tar, OUTPUT=out, UPSAMPLING=UPS))
            label = f"qgis_process {alg} {size}x{size}"
            if code != 0:
                print(text[-2000:])
                row(label, "failed", "exit 0", False)
                continue
            ds = gdal.Open(out)
            names = [ds.GetRasterBand(i + 1).GetDescription() for i in range(ds.RasterCount)]
            dcol = ds.GetRasterBand(names.index("COL_SHIFT") + 1).ReadAsArray() if "COL_SHIFT" in names else None
            drow = ds.GetRasterBand(names.index("ROW_SHIFT") + 1).ReadAsArray() if "ROW_SHIFT" in names else None
            windows = ds.RasterXSize * ds.RasterYSize
            ds = None
            valid = np.isfinite(dcol).mean() if dcol is not None else float("nan")
            print(f"   {alg}: {windows:,} windows in {seconds:.1f} s ({windows / seconds:,.0f} windows/s, "
                  f"QGIS start-up included), peak RSS {rss:.2f} GB, valid {valid:.1%}")
            row(f"{label}: time", f"{seconds:.1f} s ({windows / seconds:,.0f} w/s)", "(info)", True)
            row(f"{label}: peak RSS", f"{rss:.2f} GB", "< 2 GB", rss < 2.0)
            if dcol is not None:
                ok = abs(np.nanmedian(dcol) - truth[0]) < 0.1 and abs(np.nanmedian(drow) - truth[1]) < 0.1
                row(f"{label}: median offset", f"({np.nanmedian(dcol):+.3f}, {np.nanmedian(drow):+.3f}) px",
                    f"({truth[0]:+.1f}, {truth[1]:+.1f}) +-0.1", ok)


def main():
    print(f"SenseTrack correlation benchmark ({'quick' if QUICK else 'full'} run)")
    only = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")]
    steps = (("throughput", throughput), ("ncc", ncc_throughput), ("accuracy", accuracy), ("scale", scale))
    for n, (name, fn) in enumerate(steps, 1):
        if not only or name in only:
            print(f"{n}. {name}")
            fn()
    w = max(len(r[0]) for r in ROWS)
    print()
    print(f"{'measure'.ljust(w)}  {'value':>30}  {'target':>14}  result")
    for what, value, target, ok in ROWS:
        print(f"{what.ljust(w)}  {value:>30}  {target:>14}  {ok}")
    failed = [r for r in ROWS if r[3] == "FAIL"]
    print(f"\n{len(ROWS) - len(failed)}/{len(ROWS)} PASS")
    # exit 0 even with FAIL rows: `make bench` runs every bench in turn and must reach the others
    return 0


if __name__ == "__main__":
    sys.exit(main())
