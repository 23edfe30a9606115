"""Preprocessing algorithms through processing.run, the trackers' PREPROCESSING option, and a modeler chain."""
import numpy as np
import pytest
from helpers import SAMPLE, band_names, read_band, write_tif

from sensetrack.core.synthetic import shifted_pair

STEPS = {
    "normalize": {"METHOD": "zscore"},
    "equalize": {},
    "clahe": {"TILE_SIZE": 32},
    "wallis": {"WINDOW": 9},
    "highpass": {"SIGMA": 2.0},
    "orientation": {},
    "denoise": {"METHOD": "lee"},
    "grayscale": {},
}


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    d = tmp_path_factory.mktemp("prep")
    ref, tar = shifted_pair((96, 112), drow=0.0, dcol=1.5, seed=8)
    ref = 5000 + 900 * ref
    tar = 5000 + 900 * tar
    ref[:6, :6] = -1
    return write_tif(d / "r.tif", [ref], nodata=-1), write_tif(d / "t.tif", [tar], nodata=-1)


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_step_runs_and_keeps_nodata(provider, tmp_path, pair, name):
    import processing

    out = processing.run(f"sensetrack:{name}", {"INPUT": pair[0], "OUTPUT": str(tmp_path / "o.tif"),
                                                 **STEPS[name]})["OUTPUT"]
    data = read_band(out)
    assert np.isnan(data[:6, :6]).all()
    assert np.isfinite(data[20:-20, 20:-20]).all() and np.nanstd(data) > 0


def test_preprocessing_option_equals_running_the_step_first(provider, tmp_path, pair):
    import processing

    ref, tar = pair
    direct = processing.run("sensetrack:farneback", {"REFERENCE": ref, "TARGET": tar, "PREPROCESSING": "wallis",
                                                     "OUTPUT": str(tmp_path / "direct.tif")})["OUTPUT"]
    steps = [processing.run("sensetrack:wallis", {"INPUT": p, "OUTPUT": str(tmp_path / f"w{i}.tif")})["OUTPUT"]
             for i, p in enumerate(pair)]
    chained = processing.run("sensetrack:farneback", {"REFERENCE": steps[0], "TARGET": steps[1],
                                                      "OUTPUT": str(tmp_path / "chained.tif")})["OUTPUT"]
    for band in (1, 2):
        np.testing.assert_array_equal(read_band(direct, band), read_band(chained, band))
    dx = read_band(direct, 1)[20:-20, 20:-20]
    assert np.nanmedian(dx) == pytest.approx(15.0, abs=1.0)  # 1.5 px east at 10 m


def test_coregister_reports_the_shift(provider, tmp_path, pair):
    import processing

    res = processing.run("sensetrack:coregister", {"REFERENCE": pair[0], "TARGET": pair[1], "ESTIMATE_SHIFT": True,
                                                   "RESAMPLING": "cubic", "OUTPUT": str(tmp_path / "c.tif")})
    assert res["SHIFT_COL"] == pytest.approx(1.5, abs=0.05) and abs(res["SHIFT_ROW"]) < 0.05
    assert res["SHIFT_X"] == pytest.approx(15.0, abs=0.5)
    assert band_names(res["OUTPUT"]) == [""] or len(band_names(res["OUTPUT"])) == 1


def test_steps_chain_in_the_graphical_modeler(provider, tmp_path):
    """A two-step model (normalize -> farneback) built with the modeler API runs end to end."""
    from qgis.core import (
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource as Source,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterRasterLayer,
    )

    model = QgsProcessingModelAlgorithm("chain", "tests")
    for name in ("ref", "tar"):
        model.addModelParameter(QgsProcessingParameterRasterLayer(name, name), QgsProcessingModelParameter(name))
    for name in ("ref", "tar"):
        child = QgsProcessingModelChildAlgorithm("sensetrack:normalize")
        child.setChildId(f"norm_{name}")
        child.addParameterSources("INPUT", [Source.fromModelParameter(name)])
        child.addParameterSources("METHOD", [Source.fromStaticValue("percentile")])
        model.addChildAlgorithm(_with_defaults(child))
    track = QgsProcessingModelChildAlgorithm("sensetrack:farneback")
    track.setChildId("track")
    track.addParameterSources("REFERENCE", [Source.fromChildOutput("norm_ref", "OUTPUT")])
    track.addParameterSources("TARGET", [Source.fromChildOutput("norm_tar", "OUTPUT")])
    out = QgsProcessingModelOutput("displacement", "Displacement")
    out.setChildOutputName("OUTPUT")
    out.setChildId("track")
    track.setModelOutputs({"displacement": out})
    model.addChildAlgorithm(_with_defaults(track))
    model.updateDestinationParameters()
    ok, issues = model.validate()
    assert ok, issues
    context = QgsProcessingContext()
    dest = str(tmp_path / "model_out.tif")
    result, ok = model.run({"ref": f"{SAMPLE}/reference.tif", "tar": f"{SAMPLE}/target.tif",
                            "track:displacement": dest}, context, QgsProcessingFeedback())
    assert ok
    dx = read_band(dest, 1)
    truth = read_band(f"{SAMPLE}/truth.tif", 1)
    good = np.isfinite(dx)
    assert np.sqrt(np.mean((dx - truth)[good] ** 2)) < 1.0


def _with_defaults(child):
    """Give every unset parameter its default, as the modeler dialog does when a step is added."""
    from qgis.core import QgsApplication, QgsProcessingDestinationParameter
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    alg = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
    for p in alg.parameterDefinitions():
        if p.name() not in child.parameterSources() and not isinstance(p, QgsProcessingDestinationParameter):
            child.addParameterSources(p.name(), [Source.fromStaticValue(p.defaultValue())])
    return child


def test_bad_input_is_a_clear_error(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    allnd = write_tif(tmp_path / "n.tif", [np.full((16, 16), 7.0)], nodata=7.0)
    with pytest.raises(QgsProcessingException, match="only nodata"):
        processing.run("sensetrack:wallis", {"INPUT": allnd, "OUTPUT": str(tmp_path / "o.tif")})
    assert not (tmp_path / "o.tif").exists()
