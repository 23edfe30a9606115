"""processing.run of sensetrack:phasecorrelation and sensetrack:ncc: outputs, truth, cancel, bad input."""
import os

import numpy as np
import pytest
from helpers import SAMPLE, band_names, read_band
from osgeo import gdal, ogr

REF = os.path.join(SAMPLE, "reference.tif")
TAR = os.path.join(SAMPLE, "target.tif")
TRUTH = os.path.join(SAMPLE, "truth.tif")


def _run(alg, params, feedback=None):
    import processing

    return processing.run(alg, params, feedback=feedback)


def _truth_at_centres(out):
    """Truth (DX, DY, metres) sampled at the output pixel centres (window centres)."""
    ds = gdal.Open(out)
    gt, ny, nx = ds.GetGeoTransform(), ds.RasterYSize, ds.RasterXSize
    tg = gdal.Open(TRUTH).GetGeoTransform()
    cols = np.rint((gt[0] + (np.arange(nx) + 0.5) * gt[1] - tg[0]) / tg[1] - 0.5).astype(int)
    rows = np.rint((gt[3] + (np.arange(ny) + 0.5) * gt[5] - tg[3]) / tg[5] - 0.5).astype(int)
    return read_band(TRUTH, 1)[np.ix_(rows, cols)], read_band(TRUTH, 2)[np.ix_(rows, cols)]


@pytest.mark.parametrize("name,quality", [("phasecorrelation", ["PEAK", "SNR", "NRMS"]), ("ncc", ["PEAK", "SNR"])])
def test_windowed_trackers_recover_truth(provider, tmp_path, recording_feedback, name, quality):
    fb = recording_feedback()
    out, pts = str(tmp_path / f"{name}.tif"), str(tmp_path / f"{name}.gpkg")
    res = _run(f"sensetrack:{name}", {"REFERENCE": REF, "TARGET": TAR, "WINDOW_SIZE": 32, "STEP": 8,
                                      "OUTPUT": out, "OUTPUT_VECTORS": pts}, fb)
    assert res["OUTPUT"] == out and res["UNITS"] == "m" and res["OUTPUT_VECTORS"] == pts
    assert band_names(out) == ["DX", "DY", "MAGNITUDE", "DIRECTION", "COL_SHIFT", "ROW_SHIFT"] + quality
    gt = gdal.Open(out).GetGeoTransform()
    rg = gdal.Open(REF).GetGeoTransform()
    assert gt[1] == 8 * rg[1] and gt[0] == pytest.approx(rg[0] + (16 - 4) * rg[1])  # centred on window centres
    dx, dy = read_band(out, 1), read_band(out, 2)
    tdx, tdy = _truth_at_centres(out)
    ok = np.isfinite(dx)
    assert ok.mean() > 0.9
    assert np.sqrt(np.mean((dx - tdx)[ok] ** 2 + (dy - tdy)[ok] ** 2)) < 3.0  # m: 0.3 px on a 10 m grid
    assert fb.progress_values and max(fb.progress_values) == 100
    ds = ogr.Open(pts)  # keep the dataset alive while the layer is used
    lyr = ds.GetLayer("displacements")
    assert lyr.GetFeatureCount() == dx.size
    fields = [lyr.GetLayerDefn().GetFieldDefn(i).GetName() for i in range(lyr.GetLayerDefn().GetFieldCount())]
    assert {"DX", "DY", "ROW_SHIFT", "COL_SHIFT", "PEAK", "SNR"} <= set(fields)


def test_vectors_are_optional(provider, tmp_path):
    out = str(tmp_path / "p.tif")
    res = _run("sensetrack:phasecorrelation", {"REFERENCE": REF, "TARGET": TAR, "WINDOW_SIZE": 32, "STEP": 16,
                                               "OUTPUT": out})
    assert os.path.exists(out) and not res.get("OUTPUT_VECTORS")
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".gpkg")]  # (styling adds .qml/.aux.xml)


def test_cancel_leaves_no_output(provider, tmp_path, recording_feedback):
    from qgis.core import QgsProcessingException

    fb = recording_feedback(cancel_at=1)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        _run("sensetrack:ncc", {"REFERENCE": REF, "TARGET": TAR, "WINDOW_SIZE": 16, "STEP": 2,
                                "OUTPUT": str(tmp_path / "c.tif"), "OUTPUT_VECTORS": str(tmp_path / "c.gpkg")}, fb)
    assert not list(tmp_path.iterdir())


def test_window_larger_than_image_is_refused(provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="larger than the image"):
        _run("sensetrack:phasecorrelation", {"REFERENCE": REF, "TARGET": TAR, "WINDOW_SIZE": 512,
                                             "OUTPUT": str(tmp_path / "o.tif")})
    assert not list(tmp_path.iterdir())


def test_help_and_parameters_documented(provider):
    from qgis.core import QgsApplication

    for name in ("phasecorrelation", "ncc"):
        alg = QgsApplication.processingRegistry().algorithmById(f"sensetrack:{name}")
        assert alg is not None and alg.groupId() == "tracking"
        assert "target minus" in alg.shortHelpString() and "Guizar-Sicairos" in alg.shortHelpString()
        for p in alg.parameterDefinitions():
            assert p.help(), f"{name}: {p.name()} has no help"
    ncc = QgsApplication.processingRegistry().algorithmById("sensetrack:ncc")
    assert ncc.parameterDefinition("SEARCH_RANGE") is not None
    pc = QgsApplication.processingRegistry().algorithmById("sensetrack:phasecorrelation")
    for p in ("UPSAMPLING", "NORMALISATION", "APODISATION", "MAX_DISPLACEMENT", "PYRAMID_LEVELS"):
        assert pc.parameterDefinition(p) is not None
