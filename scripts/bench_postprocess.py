#!/usr/bin/env python3
"""Benchmark of the post-processing: outlier filtering, stable-ground correction, uncertainty calibration.

Two kinds of synthetic inputs with exact truth:

A. Displacement products (core.postprocess.simulate): a landslide lobe, a
   constant co-registration bias, Gaussian noise whose sigma follows a PEAK
   band (the form assumed by the error model) and 5 % injected outliers
   (1.5-6 px). Several seeds.
B. Image pairs tracked by a real tracker: the exact-texture landslide pair
   (core.synthetic.warp_exact) with a constant co-registration shift, image
   noise and patches of the target replaced by unrelated texture (mismatches).
   Dense Farnebäck, ILK and TV-L1 (MATCH >= 0.25, median test threshold 2 with neighbour stride 10
   and epsilon 0.3 px, clumps < 20 removed); the windowed phase/NCC tracker too (median test over 5x5 neighbours,
   epsilon 0.2 px). "Outliers" there are vectors with a true error
   above 1.5 px, "good" vectors those within 0.5 px; for a windowed vector the
   error is measured against the true field averaged over its window as the
   tracker weights it (a window measures the motion of the texture it contains,
   not of its centre), the error bars against the field at its point.

Printed per case: stable-ground median after correction (target |median| <=
0.05 px), outlier recall and good-vector loss (target loss < 5 %), fraction of
true errors within +-1 sigma on the stable ground and on the moving area
(target 68.27 %; accepted band 0.60-0.76 on the moving area, which the
calibration never sees), with PASS/FAIL.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

import numpy as np

from sensetrack_path import ensure_importable  # noqa: E402

PLUGINS = ensure_importable()

from osgeo import osr  # noqa: E402

from sensetrack.core.output import write_polygons, write_raster  # noqa: E402
from sensetrack.core.postprocess import steps  # noqa: E402
from sensetrack.core.postprocess.product import read_product  # noqa: E402
from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product  # noqa: E402
from sensetrack.core.postprocess.uncertainty import coverage  # noqa: E402

COVERAGE_BAND = (0.60, 0.76)
MEDIAN_MAX = 0.05
LOSS_MAX = 0.05
RECALL_MIN = 0.90
# the starting points the README recommends (checked on seeds 5, 11, 21 and 33 of this pair, not fitted to one)
DENSE_FILTER = {"min_clump": 20, "median_stride": 10, "median_threshold": 2.0, "median_epsilon": 0.3, "min_peak": 0.25}
WINDOWED_FILTER = {"median_radius": 2, "median_epsilon": 0.2}


def _srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(32632)
    return s


def _polygon(path: str, wkt: str) -> str:
    return write_polygons(path, [{"footprint_wkt": wkt}], _srs().ExportToWkt(), layer_name="mask")


def evaluate(name, raw, mask, true_c, true_r, moving, outliers, good, filter_params, tmp):
    """Filter, correct; return the figures for one case."""
    t0 = time.perf_counter()
    steps.filter_file(raw, os.path.join(tmp, f"{name}_f.tif"), **filter_params)
    info = steps.correct_file(os.path.join(tmp, f"{name}_f.tif"), os.path.join(tmp, f"{name}_c.tif"), mask,
                              invert=True)
    elapsed = time.perf_counter() - t0
    p = read_product(info["output"])
    dc, dr = p.pixel_offsets()
    ec, er = dc - true_c, dr - true_r
    sc, sr = p.bands["SIGMA_DX"] / abs(p.image_geotransform()[1]), p.bands["SIGMA_DY"] / abs(p.image_geotransform()[5])
    removed = ~p.valid & np.isfinite(read_product(raw).bands["DX"])
    stable = ~moving & p.valid
    mov = moving & p.valid & ~outliers
    return {
        "case": name,
        "median_col": float(np.median(ec[stable])), "median_row": float(np.median(er[stable])),
        "recall": float((removed & outliers).sum() / max(outliers.sum(), 1)), "n_outliers": int(outliers.sum()),
        "loss": float((removed & good).sum() / max(good.sum(), 1)),
        "cov_stable": 0.5 * (coverage(ec[stable], sc[stable]) + coverage(er[stable], sr[stable])),
        "cov_moving": 0.5 * (coverage(ec[mov], sc[mov]) + coverage(er[mov], sr[mov])),
        "k": info["sigma_scale_px"], "seconds": elapsed, "vectors": int(np.isfinite(true_c).sum()),
    }


def products_cases(tmp):
    out = []
    for seed in range(4):
        sp = make_product(shape=(120, 150), seed=100 + seed, bias=(0.8, -0.55), noise=0.08)
        raw = write_raster(os.path.join(tmp, f"prod{seed}.tif"), sp.bands, GT, _srs().ExportToWkt(),
                           metadata={"SENSETRACK_UNITS": "m"})
        mask = _polygon(os.path.join(tmp, f"lobe{seed}.gpkg"), lobe_polygon_wkt((120, 150)))
        out.append(evaluate(f"product seed {seed}", raw, mask, sp.true_dcol, sp.true_drow, sp.moving, sp.outliers,
                            ~sp.outliers, {}, tmp))
    return out


def _pair(shape, bias, noise, seed, patches):
    from sensetrack.core.synthetic import Texture, landslide_field, warp_exact

    lobe = landslide_field(shape, (shape[0] * 0.5, shape[1] * 0.5), (shape[0] * 0.22, shape[1] * 0.2), (3.0, 2.0))

    def field(r, c):
        dr, dc = lobe(r, c)
        return dr + bias[1], dc + bias[0]

    ref, tar, tr, tc = warp_exact(Texture.natural(seed), shape, field)
    rng = np.random.default_rng(seed)
    s = ref.std()
    ref = ref + rng.normal(0, noise * s, shape)
    tar = tar + rng.normal(0, noise * s, shape)
    other = Texture.natural(seed + 1000).grid(shape)
    for _ in range(patches):  # mismatches: the ground changed completely in a small patch
        r0, c0 = rng.integers(10, shape[0] - 22), rng.integers(10, shape[1] - 22)
        tar[r0:r0 + 10, c0:c0 + 10] = other[r0:r0 + 10, c0:c0 + 10]
    d = np.sqrt(((np.arange(shape[0])[:, None] - shape[0] * 0.5) / (shape[0] * 0.22)) ** 2
                + ((np.arange(shape[1])[None, :] - shape[1] * 0.5) / (shape[1] * 0.2)) ** 2)
    return ref, tar, tr - bias[1], tc - bias[0], d < 1.05


def tracker_cases(tmp):
    from sensetrack.core.tracking import track_dense

    shape, bias = (192, 224), (0.45, -0.3)
    out = []
    ref, tar, tr, tc, moving = _pair(shape, bias, 0.05, 11, 12)  # seed not used to fit G0 (7, 8)
    gt = GT
    for nm, arr in (("ref", ref), ("tar", tar)):
        write_raster(os.path.join(tmp, f"{nm}.tif"), {"B": arr}, gt, _srs().ExportToWkt())
    mask = _polygon(os.path.join(tmp, "pair_lobe.gpkg"), lobe_polygon_wkt(shape))
    for method in ("farneback", "ilk", "tvl1"):
        raw = os.path.join(tmp, f"{method}.tif")
        track_dense(os.path.join(tmp, "ref.tif"), os.path.join(tmp, "tar.tif"), raw, method=method)
        p = read_product(raw)
        dc, dr = p.pixel_offsets()
        err = np.hypot(dc - tc, dr - tr)
        out.append(evaluate(f"{method} on image pair", raw, mask, tc, tr, moving, err > 1.5, err <= 0.5,
                            DENSE_FILTER, tmp))
    from sensetrack.core.tracking import track_windows_file

    for method in ("phase", "ncc"):
        raw = os.path.join(tmp, f"{method}.tif")
        points = os.path.join(tmp, f"{method}.gpkg")
        track_windows_file(os.path.join(tmp, "ref.tif"), os.path.join(tmp, "tar.tif"), raw, points,
                           method=method, window=32, step=8)
        p = read_product(points)
        rows = p.bands["ROW_SHIFT"]
        x, y = p.cell_centres()
        col_img = (x - gt[0]) / gt[1] - 0.5
        row_img = (y - gt[3]) / gt[5] - 0.5
        from scipy.ndimage import map_coordinates

        # two truths: the field at the vector's point (what a user reads; the error bars must cover the
        # difference, which includes the window's smoothing of the field) and the field averaged over
        # the window as the tracker weights it (phase: the product of the two Hann-tapered windows, the
        # taper squared; NCC: the untapered chip): a vector far from the latter is a mismatch (outlier),
        # one far only from the former is the window's resolution, which no filter should remove
        tcs = map_coordinates(tc, [row_img, col_img], order=1, mode="nearest")
        trs = map_coordinates(tr, [row_img, col_img], order=1, mode="nearest")
        tc_w = window_truth(tc, row_img, col_img, 32, method)
        tr_w = window_truth(tr, row_img, col_img, 32, method)
        mov = map_coordinates(moving.astype(float), [row_img, col_img], order=0, mode="nearest") > 0.5
        dc, dr = p.pixel_offsets()
        err = np.hypot(dc - tc_w, dr - tr_w)
        tcs[~np.isfinite(rows)] = np.nan
        out.append(evaluate(f"windowed {method} (points)", points, mask, tcs, trs, mov, err > 1.5, err <= 0.5,
                            WINDOWED_FILTER, tmp))
    return out


def window_truth(field: np.ndarray, row_c: np.ndarray, col_c: np.ndarray, window: int, method: str) -> np.ndarray:
    """Weighted mean of ``field`` over the windows centred at (row_c, col_c) (array-index coordinates)."""
    from sensetrack.core.tracking.windowed.spectra import apodisation_window

    weights = apodisation_window(window, "hann").astype(np.float64) ** 2 if method == "phase" else \
        np.ones((window, window))
    weights /= weights.sum()
    out = np.full(np.shape(row_c), np.nan)
    for i, (r, c) in enumerate(zip(np.ravel(row_c), np.ravel(col_c))):
        r0, c0 = int(round(r - (window - 1) / 2)), int(round(c - (window - 1) / 2))
        if 0 <= r0 and 0 <= c0 and r0 + window <= field.shape[0] and c0 + window <= field.shape[1]:
            out.flat[i] = float((field[r0:r0 + window, c0:c0 + window] * weights).sum())
    return out


def verdict(r) -> str:
    checks = [abs(r["median_col"]) <= MEDIAN_MAX, abs(r["median_row"]) <= MEDIAN_MAX, r["loss"] < LOSS_MAX,
              r["recall"] >= RECALL_MIN,
              COVERAGE_BAND[0] <= r["cov_moving"] <= COVERAGE_BAND[1]]
    return "PASS" if all(checks) else "FAIL"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        print("== Post-processing benchmark (filter -> stable-ground correction -> uncertainty)")
        print(f"   targets: |stable median| <= {MEDIAN_MAX} px, good-vector loss < {LOSS_MAX:.0%}, "
              f"+-1 sigma coverage on the moving area in [{COVERAGE_BAND[0]:.2f}, {COVERAGE_BAND[1]:.2f}] "
              "(Gaussian: 0.683)")
        results = products_cases(tmp) + tracker_cases(tmp)
        header = (f"{'case':30s} {'med col':>8s} {'med row':>8s} {'recall':>7s} {'n out':>6s} {'loss':>6s} "
                  f"{'cov st':>7s} {'cov mv':>7s} {'k px':>6s} {'s':>5s}  verdict")
        print(header)
        fails = 0
        for r in results:
            v = verdict(r)
            fails += v == "FAIL"
            print(f"{r['case']:30s} {r['median_col']:+8.4f} {r['median_row']:+8.4f} {r['recall']:7.1%} "
                  f"{r['n_outliers']:6d} {r['loss']:6.2%} {r['cov_stable']:7.1%} {r['cov_moving']:7.1%} "
                  f"{r['k']:6.3f} {r['seconds']:5.2f}  {v}")
        print(f"{len(results) - fails}/{len(results)} cases PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
