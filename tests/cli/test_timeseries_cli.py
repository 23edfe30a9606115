"""qgis_process runs of the time-series algorithms: a small chain, and bad inputs (clear message, non-zero exit,
no file left, inputs untouched)."""
import datetime as dt
import hashlib
import json
import os
import subprocess

import numpy as np
import pytest
from helpers import ROOT, write_tif

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


def run(tmp_path, alg, *params):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    return subprocess.run([SCRIPT, "run", f"sensetrack:{alg}", "--json", "--", *params], capture_output=True,
                          text=True, env=env, timeout=300)


def digest(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


@pytest.fixture(scope="module")
def products(tmp_path_factory):
    from sensetrack.core.timeseries import simulate as S

    folder = tmp_path_factory.mktemp("products")
    dates = S.dates_every(dt.datetime(2023, 1, 5), [0, 30, 60, 90])
    truth = S.truth_stack(dates, (20, 24), acceleration=0.0, velocity=36.525)
    rng = np.random.default_rng(0)
    for i in range(4):
        for j in range(i + 1, 4):
            dx, dy = S.pair_displacement(truth, i, j, 0.0, rng)
            S.write_pair(str(folder / f"{dates[i]:%Y%m%d}_{dates[j]:%Y%m%d}.tif"), dx, dy, dates[i], dates[j])
    return folder, truth


def test_pairnetwork_and_timeseries_through_qgis_process(tmp_path, products):
    from osgeo import gdal

    folder, truth = products
    imgs = tmp_path / "imgs"
    imgs.mkdir()
    for day in ("20230105", "20230204", "20230306"):
        write_tif(imgs / f"scene_{day}.tif", np.ones((8, 8)))
    proc = run(tmp_path, "pairnetwork", f"FOLDER={imgs}", f"OUTPUT={tmp_path / 'pairs.csv'}",
               f"NETWORK_PNG={tmp_path / 'net.png'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert res["PAIRS"] == 3 and res["GROUPS"] == 1
    assert (tmp_path / "pairs.csv").read_text().splitlines()[1].startswith("20230105_20230204,")
    before = digest(folder)
    proc = run(tmp_path, "timeseries", f"FOLDER={folder}", "WEIGHT=0", f"OUTPUT_FOLDER={tmp_path / 'ts'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    dx = gdal.Open(res["DX"]).ReadAsArray()
    np.testing.assert_allclose(dx, truth["DX"], atol=1e-3)
    assert digest(folder) == before


def test_bad_inputs_fail_cleanly(tmp_path, products):
    from sensetrack.core.timeseries import simulate as S

    folder, _ = products
    one = write_tif(tmp_path / "only_20230105.tif", np.ones((8, 8)))
    proc = run(tmp_path, "pairnetwork", f"INPUTS={one}", f"OUTPUT={tmp_path / 'p1.csv'}")
    assert proc.returncode != 0 and "at least two dated images" in proc.stdout + proc.stderr
    dup = tmp_path / "dup"
    dup.mkdir()
    write_tif(dup / "a_20230105.tif", np.ones((8, 8)))
    write_tif(dup / "b_2023-01-05.tif", np.ones((8, 8)))
    proc = run(tmp_path, "pairnetwork", f"FOLDER={dup}", f"OUTPUT={tmp_path / 'p2.csv'}")
    assert proc.returncode != 0 and "same date" in proc.stdout + proc.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in os.listdir(folder):
        with open(folder / name, "rb") as src, open(bad / name, "wb") as dst:
            dst.write(src.read())
    S.write_pair(str(bad / "20230306_20230404.tif"), np.zeros((10, 10), np.float32), np.zeros((10, 10), np.float32),
                 dt.datetime(2023, 3, 6), dt.datetime(2023, 4, 4))
    before = digest(bad)
    proc = run(tmp_path, "timeseries", f"FOLDER={bad}", f"OUTPUT_FOLDER={tmp_path / 'out1'}")
    assert proc.returncode != 0 and "one grid" in proc.stdout + proc.stderr
    os.remove(bad / "20230306_20230404.tif")
    nodate = write_tif(bad / "mystery.tif", [np.zeros((20, 24))] * 2)
    from osgeo import gdal

    ds = gdal.Open(nodate, gdal.GA_Update)
    ds.GetRasterBand(1).SetDescription("DX")
    ds.GetRasterBand(2).SetDescription("DY")
    ds = None
    proc = run(tmp_path, "timeseries", f"FOLDER={bad}", f"OUTPUT_FOLDER={tmp_path / 'out2'}")
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "mystery.tif" in text and "has no dates" in text
    for out in ("p1.csv", "p2.csv"):
        assert not (tmp_path / out).exists()
    for out in ("out1", "out2"):
        assert not (tmp_path / out).exists() or not os.listdir(tmp_path / out)
    before.pop("20230306_20230404.tif")
    after = digest(bad)
    after.pop("mystery.tif")
    assert after == before


def test_trackpairs_restart_and_report_through_qgis_process(tmp_path):
    from sensetrack.core.synthetic import Texture

    tex = Texture.natural(3)
    rows, cols = np.mgrid[0:64, 0:64].astype(float)
    imgs = tmp_path / "imgs"
    imgs.mkdir()
    for k, day in enumerate(("20230105", "20230204", "20230306")):
        write_tif(imgs / f"scene_{day}.tif", 1000 + 400 * tex(rows, cols - 0.4 * k))
    proc = run(tmp_path, "trackpairs", f"FOLDER={imgs}", "METHOD=farneback", f"OUTPUT_FOLDER={tmp_path / 'pairs'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert res["TRACKED"] == 3 and res["SKIPPED"] == 0
    os.remove(tmp_path / "pairs" / "20230204_20230306.tif")  # as if that pair had been interrupted
    proc = run(tmp_path, "trackpairs", f"FOLDER={imgs}", "METHOD=farneback", f"OUTPUT_FOLDER={tmp_path / 'pairs'}")
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert res["TRACKED"] == 1 and res["SKIPPED"] == 2
    proc = run(tmp_path, "timeseries", f"FOLDER={tmp_path / 'pairs'}", f"OUTPUT_FOLDER={tmp_path / 'ts'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    dx = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["DX"]
    proc = run(tmp_path, "timeseriesreport", f"INPUT={dx}", f"OUTPUT={tmp_path / 'r.html'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "data:image/png;base64" in (tmp_path / "r.html").read_text(encoding="utf-8")
