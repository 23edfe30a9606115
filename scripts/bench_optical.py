#!/usr/bin/env python3
"""Benchmark of sensetrack:s2read (core.optical.read_sentinel2) on a large tile.

Builds a Sentinel-2 L2A product like tests/optical_fixtures.py (the real N0400 metadata, delivered as
GeoTIFF) with a textured B08 of a quarter tile per side, 5490 x 5490 pixels at 10 m (``--full``: the whole
10980 x 10980 tile) and an SCL with a cloud, then in child processes:

* the reader (B08, SCL masks, dilation 2, the whole band, no AOI),
* the floor: GDAL alone converting the same band to a float32 GeoTIFF with the same creation options
  (``gdal.Translate`` with scale/offset), i.e. read + write without masks,

and prints wall times, the time ratio and the reader's peak RSS.

Targets: peak RSS < 1.5 GB whatever the tile size (block-wise processing; GDAL's block cache included),
reader time <= 3 x the GDAL floor. Usage: ``python scripts/bench_optical.py [--full]``. Timings on the shared
2-core machine are noisy.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from sensetrack_path import ROOT, ensure_importable  # noqa: E402

PLUGINS = ensure_importable()
sys.path.insert(0, os.path.join(ROOT, "tests"))

READER = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from sensetrack.core.optical import read_sentinel2
t0 = time.perf_counter()
info = read_sentinel2(sys.argv[1], sys.argv[2], dilation=2)
print(json.dumps({"time": time.perf_counter() - t0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3,
                  "width": info["width"], "height": info["height"], "valid": info["valid_fraction"]}))
"""

FLOOR = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from osgeo import gdal
from sensetrack.core.output import GTIFF_OPTIONS
gdal.UseExceptions()
t0 = time.perf_counter()
gdal.Translate(sys.argv[2], sys.argv[1], outputType=gdal.GDT_Float32, scaleParams=[[0, 10000, -0.1, 0.9]],
               creationOptions=GTIFF_OPTIONS)
print(json.dumps({"time": time.perf_counter() - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3}))
"""


def _child(code, *args):
    proc = subprocess.run([sys.executable, "-c", code, *args, PLUGINS], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    import numpy as np
    from optical_fixtures import L2A_N0400, S2_DATA, make_s2, s2_image_stem, texture

    if not os.path.isdir(S2_DATA):
        raise SystemExit(f"the real Sentinel-2 metadata is not at {S2_DATA}")
    n = 10980 if "--full" in sys.argv else 5490
    with tempfile.TemporaryDirectory(prefix="bench-optical-") as tmp:
        t = time.perf_counter()
        tile = texture(366, 366, seed=1)
        reps = -(-n // 366)
        b08 = np.tile(tile, (reps, reps))[:n, :n]
        scl = np.full((n // 2, n // 2), 4, np.uint8)
        scl[n // 10:n // 10 + 100, n // 10:n // 10 + 150] = 9
        safe = make_s2(tmp, L2A_N0400, {"B08": b08}, scl=scl, offset=(0, 0))
        del b08, scl
        print(f"fixture {n} x {n} written in {time.perf_counter() - t:.1f} s")
        band = os.path.join(safe, s2_image_stem(L2A_N0400, "B08") + ".tif")
        reader = _child(READER, safe, os.path.join(tmp, "out.tif"))
        floor = _child(FLOOR, band, os.path.join(tmp, "floor.tif"))
    ratio = reader["time"] / floor["time"]
    rows = [
        ("s2read, whole band (B08 + SCL, dilation 2)", f"{reader['time']:.1f} s "
         f"({1e9 * reader['time'] / (n * n):.0f} ns/pixel)", "", ""),
        ("GDAL floor: same band to float32 GeoTIFF", f"{floor['time']:.1f} s", "", ""),
        ("reader time / GDAL floor", f"{ratio:.2f}x", "<= 3x", "PASS" if ratio <= 3 else "FAIL"),
        ("reader peak RSS", f"{reader['rss_mb']:.0f} MB", "< 1500 MB", "PASS" if reader["rss_mb"] < 1500 else "FAIL"),
    ]
    print(f"\n{n} x {n} pixels, valid fraction {reader['valid']:.4f}")
    print(f"{'measure':48} {'result':26} {'target':10} ")
    for name, result, target, verdict in rows:
        print(f"{name:48} {result:26} {target:10} {verdict}")
    return 0 if all(r[3] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
