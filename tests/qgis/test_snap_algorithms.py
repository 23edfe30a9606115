"""SNAP algorithms with the stand-in gpt: canExecute without gpt, runs with it, errors, AOI from a layer."""
import os
import stat

import pytest
from helpers import ROOT, S1_DATA, needs_shared_data

FAKE = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")
SLC = os.path.join(S1_DATA, "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4.SAFE",
                   "manifest.safe")


@pytest.fixture
def gpt(tmp_path, monkeypatch):
    path = tmp_path / "gpt"
    path.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("SNAP_GPT", str(path))
    return str(path)


def _alg(name):
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().algorithmById(f"sensetrack:{name}")


def test_without_gpt_the_snap_algorithms_say_so_and_others_still_run(provider, monkeypatch):
    monkeypatch.delenv("SNAP_GPT", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sensetrack.core.snap.runner.standard_locations", lambda: [])
    for name in ("snapgraph", "snaps1", "snapcosmo", "snaps2"):
        ok, message = _alg(name).canExecute()
        assert not ok and "SNAP" in message and "SNAP_GPT" in message
    assert _alg("farneback").canExecute()[0]


def test_the_gpt_setting_is_registered_and_used(provider, gpt, monkeypatch):
    from processing.core.ProcessingConfig import ProcessingConfig

    from sensetrack.algorithms.snap import SNAP_SETTING

    monkeypatch.delenv("SNAP_GPT")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sensetrack.core.snap.runner.standard_locations", lambda: [])
    ProcessingConfig.setSettingValue(SNAP_SETTING, gpt)
    try:
        assert _alg("snaps1").canExecute() == (True, "")
    finally:
        ProcessingConfig.setSettingValue(SNAP_SETTING, "")


@needs_shared_data
def test_snaps1_estimates_looks_and_converts_the_aoi_layer(provider, gpt, tmp_path, monkeypatch, recording_feedback):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:32632", "aoi", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((600000 5000000, 610000 5000000, 610000 5010000, 600000 5000000))"))
    layer.dataProvider().addFeatures([f])
    monkeypatch.setenv("FAKE_GPT_GRAPH", str(tmp_path / "graph.xml"))
    feedback = recording_feedback()
    res = processing.run("sensetrack:snaps1", {"INPUT": SLC, "GRAPH": "s1_iw_slc_ratio", "AOI_LAYER": layer,
                                               "TARGET_CRS": "EPSG:32632", "PIXEL_SIZE": 20,
                                               "OUTPUT": str(tmp_path / "s1.tif")}, feedback=feedback)
    assert os.path.exists(res["OUTPUT"])
    assert any("Estimated looks: 4 x 1" in m for m in feedback.infos)
    assert max(feedback.progress_values) == 100
    graph = (tmp_path / "graph.xml").read_text()
    # the UTM triangle arrives as a lon/lat polygon (600000 E, 5000000 N in zone 32 is about 10.272 E, 45.14 N)
    assert "<geoRegion>POLYGON ((10.27" in graph and "<nRgLooks>4</nRgLooks>" in graph
    assert "<mapProjection>EPSG:32632</mapProjection>" in graph and "<pixelSpacingInMeter>20" in graph


def test_snapgraph_with_a_parameter_table_and_gpt_errors(provider, gpt, tmp_path, monkeypatch):
    import processing
    from qgis.core import QgsProcessingException

    from sensetrack.core.snap import shipped_graphs

    product = tmp_path / "p.zip"
    product.write_bytes(b"PK")
    table = ["input", str(product), "pixelSpacing", "10", "mapProjection", "EPSG:32632"]
    out = processing.run("sensetrack:snapgraph", {"GRAPH": shipped_graphs()["s1_grd"], "PARAMETERS": table,
                                                  "OUTPUT": str(tmp_path / "g.tif")})["OUTPUT"]
    assert os.path.exists(out)
    monkeypatch.setenv("FAKE_GPT_FAIL", "1")
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("sensetrack:snapgraph", {"GRAPH": shipped_graphs()["s1_grd"], "PARAMETERS": table,
                                                "OUTPUT": str(tmp_path / "h.tif")})
    assert not (tmp_path / "h.tif").exists()
    with pytest.raises(QgsProcessingException, match="needs a value for: input"):
        processing.run("sensetrack:snapgraph", {"GRAPH": shipped_graphs()["s1_grd"], "PARAMETERS": table[2:],
                                                "OUTPUT": str(tmp_path / "i.tif")})


def test_snapcosmo_and_snaps2_run_with_the_stand_in(provider, gpt, tmp_path, monkeypatch, recording_feedback):
    import processing

    pytest.importorskip("h5py")
    from product_fixtures import write_csk

    csk = write_csk(str(tmp_path))
    monkeypatch.setenv("FAKE_GPT_GRAPH", str(tmp_path / "cosmo.xml"))
    feedback = recording_feedback()
    res = processing.run("sensetrack:snapcosmo", {"INPUT": csk, "AOI": "10.0,10.1,44.8,44.9 [EPSG:4326]",
                                                  "OUTPUT": str(tmp_path / "c.tif")}, feedback=feedback)
    assert os.path.exists(res["OUTPUT"])
    graph = (tmp_path / "cosmo.xml").read_text()
    # fixture incidence 30-34 deg (mean 32), CSK Himage 3 m x 3 m with 2 azimuth looks = 6 m: range looks n
    # minimising |3 n / sin 32 deg - 6| is n = 1 (5.66 m)
    assert "<nAzLooks>2</nAzLooks>" in graph and "<nRgLooks>1</nRgLooks>" in graph
    assert "<geoRegion>POLYGON ((10" in graph and "<mapProjection>AUTO:42001</mapProjection>" in graph
    s2 = tmp_path / "S2A_MSIL2A_20230101T101010_N0509_R022_T32TNR_20230101T120000.zip"
    s2.write_bytes(b"PK")
    monkeypatch.setenv("FAKE_GPT_GRAPH", str(tmp_path / "s2.xml"))
    res = processing.run("sensetrack:snaps2", {"INPUT": str(s2), "BANDS": "B3, B8",
                                               "OUTPUT": str(tmp_path / "s2.tif")})
    assert os.path.exists(res["OUTPUT"])
    graph = (tmp_path / "s2.xml").read_text()
    assert "<sourceBands>B3,B8</sourceBands>" in graph
    assert "<geoRegion/>" in graph or "<geoRegion></geoRegion>" in graph  # empty: the whole scene
