"""Small jobs on the sample pair for the job-runner tests (tests/core/test_jobs_*.py) and the benchmark."""
from __future__ import annotations

import itertools
import os
import subprocess
import sys
from typing import Dict, List, Optional

import numpy as np
import yaml
from osgeo import gdal

from helpers import PLUGINS, SAMPLE

PAIR = (os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif"))


def sample_images(folder: str, count: int = 4) -> List[str]:
    """The sample reference and target plus copies shifted by whole pixels (distinct pairs, same grid)."""
    os.makedirs(folder, exist_ok=True)
    out = list(PAIR)
    for k in range(count - 2):
        src = gdal.Open(PAIR[k % 2])
        a = src.GetRasterBand(1).ReadAsArray()
        path = os.path.join(folder, f"shifted{k}.tif")
        dst = gdal.GetDriverByName("GTiff").CreateCopy(path, src)
        dst.GetRasterBand(1).WriteArray(np.roll(a, (k + 1, -(k + 2)), axis=(0, 1)))
        dst = None
        out.append(path)
    return out


def write_job(folder: str, n_pairs: int = 6, tiled: bool = True, method: str = "phasecorrelation",
              extra_pairs: Optional[list] = None, images_dir: Optional[str] = None, **sections) -> str:
    """A job of ``n_pairs`` distinct windowed pairs (tiled into 4 blocks each when ``tiled``); returns its path.

    The images are written to ``images_dir`` (default: ``folder/images``); jobs whose results are compared
    share it, since the products record their input paths.
    """
    images = sample_images(images_dir or os.path.join(folder, "images"))
    pairs = [list(p) for p in itertools.permutations(images, 2)][:n_pairs] + list(extra_pairs or [])
    job = {"output": "out", "pairs": pairs,
           "tracker": {"method": method,
                       "parameters": {"window": 32, "step": 8} if method in ("phasecorrelation", "ncc") else {}}}
    if tiled:
        job["execution"] = {"tile_budget": 65536, "tile_windows": 8}
    job.update(sections)
    path = os.path.join(folder, "job.yaml")
    with open(path, "w") as fh:
        yaml.safe_dump(job, fh)
    return path


def read_outputs(folder: str) -> Dict[str, dict]:
    """Every raster under ``folder``: name -> {band description: array} plus its metadata."""
    out = {}
    for base, _, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".tif"):
                continue
            ds = gdal.Open(os.path.join(base, name))
            bands = {ds.GetRasterBand(i).GetDescription(): ds.GetRasterBand(i).ReadAsArray()
                     for i in range(1, ds.RasterCount + 1)}
            out[os.path.relpath(os.path.join(base, name), folder)] = {"bands": bands, "meta": ds.GetMetadata()}
    return out


def assert_same_outputs(a: Dict[str, dict], b: Dict[str, dict]) -> None:
    assert sorted(a) == sorted(b), sorted(set(a) ^ set(b))
    for name in a:
        assert a[name]["meta"] == b[name]["meta"], name
        assert list(a[name]["bands"]) == list(b[name]["bands"]), name
        for band, arr in a[name]["bands"].items():
            assert np.array_equal(arr, b[name]["bands"][band], equal_nan=True), (name, band)


def cli_env() -> dict:
    env = dict(os.environ, PYTHONPATH=PLUGINS + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("QT_QPA_PLATFORM", None)
    return env


def run_cli(*args: str, check: bool = False, timeout: float = 240) -> subprocess.CompletedProcess:
    """``sensetrack <args>`` from this checkout (python -m sensetrack.core.jobs.cli)."""
    return subprocess.run([sys.executable, "-m", "sensetrack.core.jobs.cli", *args], capture_output=True, text=True,
                          env=cli_env(), check=check, timeout=timeout)


def partial_files(folder: str) -> List[str]:
    return [os.path.join(b, n) for b, _, ns in os.walk(folder) for n in ns if ".part-" in n or ".raw-" in n]
