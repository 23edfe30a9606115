"""processing.run of the post-processing chain, styling sidecars and bad inputs."""
import os

import numpy as np
import pytest
from helpers import SAMPLE, polygon_gpkg, write_tif
from osgeo import osr


def _run(alg, params, feedback=None):
    import processing

    return processing.run(alg, params, feedback=feedback)


@pytest.fixture
def chain_inputs(tmp_path):
    from sensetrack.core.output import write_raster
    from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    sp = make_product(seed=11, bias=(0.5, 0.3))
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, srs.ExportToWkt(),
                       metadata={"SENSETRACK_UNITS": "m", "SENSETRACK_METHOD": "synthetic"})
    return sp, raw, polygon_gpkg(tmp_path / "lobe.gpkg", lobe_polygon_wkt())


def test_chain_filter_correct_velocity_report(provider, tmp_path, chain_inputs, recording_feedback):
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    from sensetrack.core.postprocess.product import read_product

    sp, raw, lobe = chain_inputs
    fb = recording_feedback()
    res = _run("sensetrack:filteroffsets", {"INPUT": raw, "OUTPUT": str(tmp_path / "f.tif"),
                                            "OUTPUT_POINTS": str(tmp_path / "f.gpkg"),
                                            "TABLE": str(tmp_path / "counts.csv")}, fb)
    assert res["REMOVED"] > 0 and 0.9 < res["KEPT_FRACTION"] < 1.0
    assert any("median_test: removed" in m for m in fb.infos)
    assert os.path.exists(res["TABLE"])
    res = _run("sensetrack:stablegroundcorrection", {"INPUT": res["OUTPUT_POINTS"], "MASK": lobe, "INVERT": True,
                                                     "MODEL": "plane", "OUTPUT": str(tmp_path / "c.tif")})
    assert abs(res["MEDIAN_DX_BEFORE"] - 5.0) < 0.3 and abs(res["MEDIAN_DY_BEFORE"] + 3.0) < 0.3
    assert abs(res["MEDIAN_DX_AFTER"]) < 0.5 and abs(res["MEDIAN_DY_AFTER"]) < 0.5  # 0.05 px = 0.5 m
    prod = read_product(res["OUTPUT"])
    assert {"SIGMA_DX", "SIGMA_DY", "ERROR", "MASK", "PEAK"} <= set(prod.bands)
    res = _run("sensetrack:velocity", {"INPUT": res["OUTPUT"], "REFERENCE_DATE": "2022-06-01",
                                       "TARGET_DATE": "2022-07-01", "UNIT": "m/day", "OUTPUT": str(tmp_path / "v.tif")})
    assert res["DAYS"] == 30 and res["UNITS"] == "m/day"
    v = read_product(res["OUTPUT"])
    assert np.allclose(v.bands["VELOCITY"], v.bands["MAGNITUDE"] / 30, equal_nan=True, rtol=1e-5)
    assert [h["step"] for h in v.history()] == ["filteroffsets", "stablegroundcorrection", "velocity"]
    res = _run("sensetrack:displacementreport", {"INPUT": res["OUTPUT"], "MASK": lobe, "INVERT": True,
                                                 "OUTPUT": str(tmp_path / "report.html")})
    text = open(res["OUTPUT"], encoding="utf-8").read()
    assert text.count("data:image/png;base64,") == 2 and "stablegroundcorrection" in text and "NMAD" in text
    # every output got its sidecar style, reloaded by QGIS as the default style
    r = QgsRasterLayer(str(tmp_path / "v.tif"))
    assert os.path.exists(tmp_path / "v.qml") and r.renderer().type() == "singlebandpseudocolor"
    names = [r.bandName(i) for i in range(1, r.bandCount() + 1)]
    assert "VELOCITY" in names[r.renderer().band() - 1]
    # f.tif and f.gpkg share a name: the raster keeps f.qml, the points get f_arrows.qml (the GUI applies it)
    pts = QgsVectorLayer(str(tmp_path / "f.gpkg"))
    assert os.path.exists(tmp_path / "f.qml") and pts.loadNamedStyle(str(tmp_path / "f_arrows.qml"))[1]
    assert pts.renderer().type() == "graduatedSymbol"
    from qgis.core import QgsRenderContext

    sym = pts.renderer().symbols(QgsRenderContext())[-1].symbolLayer(1)
    assert sym.layerType() == "SimpleMarker" and "DX" in sym.dataDefinedProperties().property(
        sym.PropertyAngle).expressionString()


def test_tracker_outputs_are_styled(provider, tmp_path):
    out = str(tmp_path / "fb.tif")
    _run("sensetrack:farneback", {"REFERENCE": os.path.join(SAMPLE, "reference.tif"),
                                  "TARGET": os.path.join(SAMPLE, "target.tif"), "OUTPUT": out})
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(out)
    assert os.path.exists(tmp_path / "fb.qml")
    assert layer.renderer().type() == "singlebandpseudocolor" and layer.renderer().band() == 3  # MAGNITUDE
    assert layer.renderer().classificationMin() == 0 and layer.renderer().classificationMax() > 5  # metres
    labels = [i.label for i in layer.renderer().shader().rasterShaderFunction().colorRampItemList()]
    assert labels[0].startswith("0–") and all(t.endswith(" m") for t in labels)


def test_post_processor_is_attached_when_the_gui_loads_the_output(provider, tmp_path, chain_inputs):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    from sensetrack.algorithms import styling

    _, raw, _ = chain_inputs
    out = str(tmp_path / "f.tif")
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    ctx.addLayerToLoadOnCompletion(out, QgsProcessingContext.LayerDetails("f", QgsProject.instance(), "OUTPUT"))
    from sensetrack.core.postprocess.steps import filter_file

    filter_file(raw, out)
    styling.style_outputs(None, {"OUTPUT": out}, ctx, QgsProcessingFeedback())
    details = ctx.layerToLoadOnCompletionDetails(out)
    assert details.postProcessor() is not None
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(out, "f", "gdal", QgsRasterLayer.LayerOptions(loadDefaultStyle=False))
    assert layer.renderer().type() != "singlebandpseudocolor"
    details.postProcessor().postProcessLayer(layer, ctx, QgsProcessingFeedback())
    assert layer.renderer().type() == "singlebandpseudocolor"


def test_styling_failure_does_not_fail_the_run(provider, tmp_path, monkeypatch, chain_inputs):
    from sensetrack.algorithms import styling

    def boom(path):
        raise RuntimeError("no style for you")

    monkeypatch.setattr(styling, "style_file", boom)
    _, raw, _ = chain_inputs
    res = _run("sensetrack:filteroffsets", {"INPUT": raw, "OUTPUT": str(tmp_path / "f.tif")})
    assert os.path.exists(res["OUTPUT"])


def test_bad_inputs_give_clear_errors(provider, tmp_path, chain_inputs):
    from qgis.core import QgsProcessingException

    _, raw, lobe = chain_inputs
    dem = write_tif(tmp_path / "dem.tif", np.ones((10, 10), np.float32))
    with pytest.raises(QgsProcessingException, match="not a SenseTrack displacement result"):
        _run("sensetrack:filteroffsets", {"INPUT": dem, "OUTPUT": str(tmp_path / "o.tif")})
    polygon_gpkg(tmp_path / "far.gpkg", "POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))")
    with pytest.raises(QgsProcessingException, match="does not overlap"):
        _run("sensetrack:stablegroundcorrection", {"INPUT": raw, "MASK": str(tmp_path / "far.gpkg"),
                                                   "OUTPUT": str(tmp_path / "c.tif")})
    with pytest.raises(QgsProcessingException, match="wrong order"):
        _run("sensetrack:velocity", {"INPUT": raw, "REFERENCE_DATE": "2023-05-01", "TARGET_DATE": "2023-01-01",
                                     "OUTPUT": str(tmp_path / "v.tif")})
    assert not any(p.name.startswith(("o.", "c.", "v.")) for p in tmp_path.iterdir())


def test_filter_defaults_follow_the_kind_of_result(provider, tmp_path):
    import json

    from osgeo import gdal

    from sensetrack.core.tracking import track_dense

    dense = str(tmp_path / "fb.tif")
    track_dense(os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif"), dense, method="farneback")
    res = _run("sensetrack:filteroffsets", {"INPUT": dense, "OUTPUT": str(tmp_path / "f.tif")})
    ds = gdal.Open(res["OUTPUT"])
    used = json.loads(ds.GetMetadataItem("SENSETRACK_HISTORY"))[-1]["parameters"]
    assert (used["min_peak"], used["median_stride"], used["min_clump"]) == (0.25, 10, 20)
    res = _run("sensetrack:filteroffsets", {"INPUT": dense, "MIN_PEAK": 0.5, "OUTPUT": str(tmp_path / "g.tif")})
    ds = gdal.Open(res["OUTPUT"])
    assert json.loads(ds.GetMetadataItem("SENSETRACK_HISTORY"))[-1]["parameters"]["min_peak"] == 0.5
