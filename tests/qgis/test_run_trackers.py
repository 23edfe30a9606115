"""processing.run end to end: physics, cancel and bad inputs."""
import hashlib
import os

import numpy as np
import pytest
from helpers import SAMPLE, read_band, write_tif

REF = os.path.join(SAMPLE, "reference.tif")
TAR = os.path.join(SAMPLE, "target.tif")
TRUTH = os.path.join(SAMPLE, "truth.tif")
RMSE_M = {"farneback": 0.6, "ilk": 0.6, "tvl1": 0.8}


def _run(alg, params, feedback=None):
    import processing

    return processing.run(alg, params, feedback=feedback)


@pytest.mark.parametrize("name", list(RMSE_M))
def test_trackers_recover_truth(provider, tmp_path, name, recording_feedback):
    fb = recording_feedback()
    out = str(tmp_path / f"{name}.tif")
    res = _run(f"sensetrack:{name}", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": out}, fb)
    assert res["OUTPUT"] == out and res["UNITS"] == "m"
    dx, dy = read_band(out, 1), read_band(out, 2)
    tdx, tdy = read_band(TRUTH, 1), read_band(TRUTH, 2)
    ok = np.isfinite(dx)
    assert np.sqrt(np.mean((dx - tdx)[ok] ** 2 + (dy - tdy)[ok] ** 2)) < RMSE_M[name]
    assert fb.progress_values and max(fb.progress_values) == 100
    assert any("Median DX" in m for m in fb.infos)


def test_cancel_leaves_no_output(provider, tmp_path, recording_feedback):
    from qgis.core import QgsProcessingException

    fb = recording_feedback(cancel_at=10)
    out = tmp_path / "cancelled.tif"
    with pytest.raises(QgsProcessingException, match="cancelled"):
        _run("sensetrack:farneback", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": str(out)}, fb)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_preset_file_overrides_dialog_values(provider, tmp_path):
    preset = tmp_path / "preset.yaml"
    preset.write_text("method: ilk\nparameters:\n  radius: 3\n")
    out = str(tmp_path / "o.tif")
    _run("sensetrack:ilk", {"REFERENCE": REF, "TARGET": TAR, "OUTPUT": out, "PRESET": str(preset)})
    from osgeo import gdal

    assert '"radius": 3' in gdal.Open(out).GetMetadata()["SENSETRACK_PARAMETERS"]


def _digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _bad_case(tmp_path, case):
    base = np.random.default_rng(1).random((50, 50)).astype(np.float32)
    ref = write_tif(tmp_path / "ref.tif", base)
    params = {"REFERENCE": ref, "OUTPUT": str(tmp_path / "out.tif")}
    if case == "missing band":
        params.update(TARGET=write_tif(tmp_path / "t.tif", base), TARGET_BAND=4)
        return params, "Band 4 does not exist"
    if case == "different CRS":
        params["TARGET"] = write_tif(tmp_path / "t.tif", base, epsg=4326,
                                     geotransform=(10.0, 0.001, 0.0, 45.0, 0.0, -0.001))
        return params, "EPSG:4326"
    if case == "no overlap":
        params["TARGET"] = write_tif(tmp_path / "t.tif", base, geotransform=(0.0, 10.0, 0.0, 0.0, 0.0, -10.0))
        return params, "do not overlap"
    if case == "all nodata":
        params["TARGET"] = write_tif(tmp_path / "t.tif", np.full((50, 50), -1, np.float32), nodata=-1)
        return params, "only nodata"
    if case == "unreadable":
        bad = tmp_path / "t.tif"
        bad.write_bytes(b"not a raster at all")
        params["TARGET"] = str(bad)
        return params, r"Cannot read raster '.*t\.tif'.*Is it a valid GDAL raster"
    if case == "output is input":
        params["TARGET"] = write_tif(tmp_path / "t.tif", base)
        params["OUTPUT"] = params["TARGET"]
        return params, "also an input"
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["missing band", "different CRS", "no overlap", "all nodata", "unreadable",
                                  "output is input"])
def test_bad_inputs_raise_clear_errors_and_write_nothing(provider, tmp_path, case):
    from qgis.core import QgsProcessingException

    params, message = _bad_case(tmp_path, case)
    before = {p: _digest(p) for p in (params["REFERENCE"], params["TARGET"])}
    with pytest.raises(QgsProcessingException, match=message):
        _run("sensetrack:farneback", params)
    after = {p: _digest(p) for p in before}
    assert before == after  # inputs never modified
    if case != "output is input":
        assert not os.path.exists(params["OUTPUT"])
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".")]  # no temporary leftovers
