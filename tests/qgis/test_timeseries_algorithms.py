"""processing.run of the time-series chain: pairnetwork -> trackpairs -> timeseries -> timeseriesreport."""
import os

import numpy as np
import pytest
from helpers import polygon_gpkg, read_band, write_tif
from osgeo import gdal

SHAPE = (96, 96)


def _run(alg, params, feedback=None):
    import processing

    return processing.run(alg, params, feedback=feedback)


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    from sensetrack.core.synthetic import Texture

    folder = tmp_path_factory.mktemp("imgs")
    tex = Texture.natural(7)
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]].astype(float)
    for k, day in enumerate(["2023-01-05", "2023-02-04", "2023-03-06", "2023-04-05"]):
        write_tif(folder / f"slope_{day}.tif", 1000 + 400 * tex(rows + 0.3 * k, cols - 0.5 * k))
    return folder


def test_chain(provider, images, tmp_path, recording_feedback):
    from qgis.core import QgsProcessingException

    res = _run("sensetrack:pairnetwork", {"FOLDER": str(images), "PATTERN": "slope_*.tif", "MAX_BASELINE": 60,
                                          "OUTPUT": str(tmp_path / "pairs.csv"),
                                          "NETWORK_PNG": str(tmp_path / "net.png")})
    assert res["PAIRS"] == 5 and res["DATES"] == 4 and res["GROUPS"] == 1
    assert open(tmp_path / "net.png", "rb").read(4) == b"\x89PNG"
    fb = recording_feedback()
    res = _run("sensetrack:trackpairs", {"PAIRS": str(tmp_path / "pairs.csv"), "METHOD": "farneback", "FILTER": True,
                                         "OUTPUT_FOLDER": str(tmp_path / "products")}, fb)
    assert res["TRACKED"] == 5 and res["SKIPPED"] == 0
    assert any("Pair 20230306_20230405 done (5/5)" in m for m in fb.infos)
    products = sorted(os.listdir(tmp_path / "products"))
    assert products == ["20230105_20230204.tif", "20230105_20230306.tif", "20230204_20230306.tif",
                        "20230204_20230405.tif", "20230306_20230405.tif"]
    again = _run("sensetrack:trackpairs", {"PAIRS": str(tmp_path / "pairs.csv"), "METHOD": "farneback",
                                           "OUTPUT_FOLDER": str(tmp_path / "products")})
    assert again["TRACKED"] == 0 and again["SKIPPED"] == 5
    res = _run("sensetrack:timeseries", {"FOLDER": str(tmp_path / "products"), "WEIGHT": 0,
                                         "OUTPUT_FOLDER": str(tmp_path / "ts"), "PREFIX": "slope"})
    assert res["DATES"] == 4 and res["WEIGHT_USED"] == 0
    ds = gdal.Open(res["DX"])
    assert ds.GetMetadataItem("SENSETRACK_KIND") == "timeseries"
    assert ds.GetRasterBand(4).GetDescription() == "2023-04-05"
    dx = read_band(res["DX"], 4)
    dy = read_band(res["DY"], 4)
    # 0.5 px east and 0.3 px up the image per date at 10 m: 15 m east and 9 m north after three steps
    assert abs(np.nanmedian(dx) - 15.0) < 1.0 and abs(np.nanmedian(dy) - 9.0) < 1.0
    # with the whole scene as stable ground the uniform motion is a co-registration bias: removed, and the
    # SIGMA bands it adds weight the inversion
    everything = polygon_gpkg(tmp_path / "all.gpkg", "POLYGON((500000 5000000,500960 5000000,500960 4999040,"
                                                     "500000 4999040,500000 5000000))")
    _run("sensetrack:trackpairs", {"FOLDER": str(images), "MAX_BASELINE": 40, "METHOD": "phasecorrelation",
                                   "WINDOW_SIZE": 32, "STEP": 16, "MASK": everything,
                                   "OUTPUT_FOLDER": str(tmp_path / "corrected")})
    fb = recording_feedback()
    flat = _run("sensetrack:timeseries", {"FOLDER": str(tmp_path / "corrected"), "OUTPUT_FOLDER": str(tmp_path / "ts"),
                                          "PREFIX": "flat"}, fb)
    assert any("weights from SIGMA_DX/SIGMA_DY" in m for m in fb.infos)
    assert any("generalised cross-validation" in m for m in fb.infos)
    assert abs(np.nanmedian(read_band(flat["DX"], 4))) < 0.5
    res = _run("sensetrack:timeseriesreport", {"INPUT": res["DX"], "OUTPUT": str(tmp_path / "ts.html")})
    assert res["SITES"] == 1 and "data:image/png;base64" in open(res["OUTPUT"], encoding="utf-8").read()
    with pytest.raises(QgsProcessingException, match="at least two"):
        _run("sensetrack:pairnetwork", {"INPUTS": [str(images / "slope_2023-01-05.tif")],
                                        "OUTPUT": str(tmp_path / "one.csv")})
    assert not os.path.exists(tmp_path / "one.csv")


def test_disconnected_network_warns(provider, images, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Warnings(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)
            super().pushWarning(text)

    fb = Warnings()
    res = _run("sensetrack:pairnetwork", {"FOLDER": str(images), "MIN_BASELINE": 50, "MAX_BASELINE": 70,
                                          "CONSECUTIVE": False,
                                          "OUTPUT": str(tmp_path / "p.csv")}, fb)
    assert res["GROUPS"] == 2
    assert any("2 disconnected groups" in w and "2023-01-05..2023-03-06" in w and "2023-02-04..2023-04-05" in w for w in fb.warnings)


@pytest.fixture(scope="module")
def wide_products(tmp_path_factory):
    """Pair products 20 x 1300 px: six 256-px output tiles, so the inversion on a scheduler runs in two blocks."""
    import datetime as dt

    from sensetrack.core.timeseries import simulate as S

    folder = tmp_path_factory.mktemp("wide")
    dates = S.dates_every(dt.datetime(2023, 1, 5), [0, 30, 75, 120, 200])
    truth = S.truth_stack(dates, (20, 1300))
    rng = np.random.default_rng(1)
    for i in range(len(dates)):
        for j in range(i + 1, min(i + 3, len(dates))):
            dx, dy = S.pair_displacement(truth, i, j, 1.0, rng, gross=20.0 if (i, j) == (1, 2) else 0.0)
            S.write_pair(str(folder / f"{dates[i]:%Y%m%d}_{dates[j]:%Y%m%d}.tif"), dx, dy, dates[i], dates[j],
                         sigma=0.5 * (j - i))
    return folder


def _same_series(a, b):
    from sensetrack.core.timeseries.inversion import KINDS

    for kind in KINDS:
        da, db = gdal.Open(a[kind.upper()]), gdal.Open(b[kind.upper()])
        assert da.GetMetadata() == db.GetMetadata(), kind
        assert [da.GetRasterBand(i).GetDescription() for i in range(1, da.RasterCount + 1)] == \
            [db.GetRasterBand(i).GetDescription() for i in range(1, db.RasterCount + 1)], kind
        assert np.array_equal(da.ReadAsArray(), db.ReadAsArray(), equal_nan=True), kind
    assert open(a["PAIRS_TABLE"]).read() == open(b["PAIRS_TABLE"]).read()


def test_timeseries_on_two_dask_worker_processes_equals_the_run_in_qgis(provider, wide_products, tmp_path,
                                                                       recording_feedback):
    pytest.importorskip("distributed", reason="Dask is not installed (Debian: python3-distributed)")
    here = _run("sensetrack:timeseries", {"FOLDER": str(wide_products), "OUTPUT_FOLDER": str(tmp_path / "here")})
    fb = recording_feedback()
    dask = _run("sensetrack:timeseries", {"FOLDER": str(wide_products), "OUTPUT_FOLDER": str(tmp_path / "dask"),
                                          "SCHEDULER": "local:2"}, fb)
    assert dask["WEIGHT_USED"] == here["WEIGHT_USED"] > 0 and dask["DATES"] == 5
    _same_series(here, dask)
    assert any("2 worker(s)" in m for m in fb.infos)
    assert any(f"Regularisation weight chosen by generalised cross-validation: {here['WEIGHT_USED']:.3g}" in m
               for m in fb.infos)
    assert any("4 tasks run on local:2" in m for m in fb.infos)  # weight, two blocks, assembly
    assert fb.progress_values[-1] == 100.0
    assert sorted(os.listdir(tmp_path / "dask")) == sorted(os.listdir(tmp_path / "here"))  # no block, no marker


def test_timeseries_scheduler_without_dask_runs_here_and_says_how_to_install_it(provider, wide_products, tmp_path,
                                                                               recording_feedback, monkeypatch):
    here = _run("sensetrack:timeseries", {"FOLDER": str(wide_products), "OUTPUT_FOLDER": str(tmp_path / "here"),
                                          "WEIGHT": 0.3, "REGULARISATION": "acceleration"})
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # as if Dask were not installed
    fb = recording_feedback()
    tasks = _run("sensetrack:timeseries", {"FOLDER": str(wide_products), "OUTPUT_FOLDER": str(tmp_path / "tasks"),
                                           "WEIGHT": 0.3, "REGULARISATION": "acceleration", "SCHEDULER": "local:2"},
                 fb)
    _same_series(here, tasks)
    assert any("Dask is not installed" in m and "python3-distributed" in m for m in fb.infos)
    assert any("3 tasks run on in-process (Dask missing)" in m for m in fb.infos)  # two blocks, assembly
    assert sorted(os.listdir(tmp_path / "tasks")) == sorted(os.listdir(tmp_path / "here"))
