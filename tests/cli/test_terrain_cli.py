"""qgis_process runs of the terrain tools, and bad inputs: non-zero exit, clear message, no output, inputs intact."""
import json
import os
import subprocess

import numpy as np
import pytest
import terrain_fixtures as tf
from helpers import ROOT, write_tif

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path_factory.mktemp("profile")))

    def run(alg, **params):
        args = [SCRIPT, "run", f"sensetrack:{alg}", "--json", "--", *[f"{k}={v}" for k, v in params.items()]]
        return subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)

    return run


def _plane(tmp_path):
    gx, gy = tf.plane_gradient(30, 250)
    a = np.radians(250)
    dx, dy = np.full(tf.SHAPE, 2 * np.sin(a)), np.full(tf.SHAPE, 2 * np.cos(a))
    prod = tf.write_product(tmp_path / "disp.tif", tf.product_bands(dx, dy))
    return prod, gx, gy


def test_slopeprojection_and_inversevelocity_run(qgis_process, tmp_path):
    prod, gx, gy = _plane(tmp_path)
    dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=4326, res=1e-4)
    proc = qgis_process("slopeprojection", INPUT=prod, DEM=dem, SMOOTHING=100, OUTPUT=tmp_path / "o.tif")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["MEDIAN_DZ"] == pytest.approx(-2 * np.tan(np.radians(30)), rel=1e-5)
    assert (tmp_path / "o.qml").exists()
    (dxp, _), _ = tf.write_fukuzono_series(tmp_path)
    proc = qgis_process("inversevelocity", INPUT=dxp, POINT=f"{tf.X0 + 300},{tf.Y0 - 200} [EPSG:32632]",
                        OUTPUT=tmp_path / "iv.csv", PLOT=tmp_path / "iv.png")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["ACCELERATING"] == 1 and results["FAILURE_TIME"].startswith("2023-0")
    assert "not a prediction to act on alone" in proc.stdout
    assert (tmp_path / "iv.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("case,message", [
    ("far", "does not overlap"),
    ("degrees", "no CRS and its coordinates look like degrees"),
    ("not_a_product", "no DX and DY"),
])
def test_bad_inputs(qgis_process, tmp_path, case, message):
    prod, gx, gy = _plane(tmp_path)
    if case == "far":
        dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), centre=(tf.X0 + 80000, tf.Y0 + 5000), res=10)
    elif case == "degrees":
        dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=4326, res=1e-4, with_crs=False)
    else:
        dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=10)
        prod = write_tif(tmp_path / "image.tif", np.ones(tf.SHAPE, np.float32))
    before = {p: tf.digest(p) for p in (prod, dem)}
    proc = qgis_process("slopeprojection", INPUT=prod, DEM=dem, OUTPUT=tmp_path / "out.tif")
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
    assert not [p for p in os.listdir(tmp_path) if "out" in p]
    assert {p: tf.digest(p) for p in (prod, dem)} == before
