#!/usr/bin/env python3
"""Benchmark of sensetrack:s1grd (core.sentinel1.grd.grd_to_geotiff).

Builds a GRD SAFE like tests/s1_fixture.py (real S1B IW GRDH manifest and
geolocation grid, real IW1 VV calibration/noise LUT values, rescaled to the
measurement size) with a random UInt16 measurement of 1/4 of a full IW GRDH
scene per side, i.e. 6447 x 4171 pixels (``--full``: the real 25788 x 16685),
then runs the whole tool (calibration sigma0 + noise removal + dB, geocoding
to UTM at 40 m) in a child process and prints the wall time, the calibration
rate (ns per pixel, from the progress messages' timing) and the child's peak RSS.

Targets: peak RSS < 1.5 GB whatever the scene size (block-wise calibration;
GDAL warp memory is bounded by its own cache), calibration <= 100 ns/pixel.
Usage: ``python scripts/bench_s1grd.py [--full]``.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from sensetrack_path import ROOT, ensure_importable  # noqa: E402

PLUGINS = ensure_importable()
sys.path.insert(0, os.path.join(ROOT, "tests"))

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from sensetrack.core.sentinel1 import grd
from sensetrack.core.progress import Monitor
marks = {}
def cb(f, msg):
    if msg == "Calibrating" and "c0" not in marks: marks["c0"] = time.perf_counter()
    if msg == "Geocoding" and "g0" not in marks: marks["g0"] = time.perf_counter()
t0 = time.perf_counter()
info = grd.grd_to_geotiff(sys.argv[1], sys.argv[2], db=True, pixel_size=40.0, monitor=Monitor(cb))
t1 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "calibration": marks["g0"] - t0, "warp": t1 - marks["g0"],
                  "width": info["width"], "height": info["height"]}))
"""


def main():
    import numpy as np
    from s1_fixture import FULL_H, FULL_W, make_grd_safe

    full = "--full" in sys.argv
    w, h = (FULL_W, FULL_H) if full else (FULL_W // 4, FULL_H // 4)
    with tempfile.TemporaryDirectory(prefix="bench-s1grd-") as tmp:
        rng = np.random.default_rng(0)
        dn = rng.integers(1, 2000, size=(h, w), dtype=np.uint16)
        t = time.perf_counter()
        safe = make_grd_safe(tmp, dn=dn)
        del dn
        print(f"fixture {w} x {h} written in {time.perf_counter() - t:.1f} s")
        out = os.path.join(tmp, "out.tif")
        proc = subprocess.run([sys.executable, "-c", CHILD, safe, out, PLUGINS],
                              capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr)
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        rss_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2
        ns = r["calibration"] / (w * h) * 1e9
        print(f"| measure ({w} x {h} px) | result | target |")
        print("|---|---|---|")
        print(f"| total (calibrate + noise + dB + warp to UTM 40 m, {r['width']} x {r['height']}) | "
              f"{r['total']:.1f} s | |")
        print(f"| calibration incl. read/write of the radar-geometry temp | {ns:.0f} ns/px "
              f"({r['calibration']:.1f} s) | <= 100 ns/px {'PASS' if ns <= 100 else 'FAIL'} |")
        print(f"| warp (GCP thin-plate spline) | {r['warp']:.1f} s | |")
        print(f"| peak RSS of the run | {rss_gb:.2f} GB | < 1.5 GB {'PASS' if rss_gb < 1.5 else 'FAIL'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
