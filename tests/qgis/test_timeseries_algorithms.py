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
