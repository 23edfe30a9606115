"""Example models: listed by the provider, identical to what scripts/build_models.py builds, and run end to end."""
import importlib.util
import os

import numpy as np
import pytest
from helpers import ROOT, SAMPLE, band_names, needs_shared_data, read_band
from osgeo import gdal

MODELS = os.path.join(ROOT, "resources", "models")
LANDSLIDE = "Landslide displacement from two optical images"


def _builder():
    spec = importlib.util.spec_from_file_location("build_models", os.path.join(ROOT, "scripts", "build_models.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_models_are_listed_in_their_group(provider):
    from qgis.core import QgsProcessingModelAlgorithm

    models = [a for a in provider.algorithms() if isinstance(a, QgsProcessingModelAlgorithm)]
    assert {m.displayName() for m in models} >= {LANDSLIDE}
    for m in models:
        assert m.group() == "Example models"
        assert "Inputs" in m.shortHelpString() or "<b>Inputs</b>" in m.shortHelpString()
        ok, issues = m.validate()
        assert ok, issues


def test_shipped_models_are_what_the_builder_makes(provider, tmp_path):
    from qgis.core import QgsProcessingModelAlgorithm

    builder = _builder()
    for spec in builder.model_specs():
        fresh_path = str(tmp_path / spec["file"])
        assert builder.build(spec).toFile(fresh_path)
        shipped, fresh = QgsProcessingModelAlgorithm(), QgsProcessingModelAlgorithm()
        assert shipped.fromFile(os.path.join(MODELS, spec["file"])) and fresh.fromFile(fresh_path)
        assert shipped.toVariant() == fresh.toVariant(), f"{spec['file']} is stale: run make models"


def test_landslide_model_runs_on_the_sample_data(provider, tmp_path):
    import processing

    res = processing.run(f"sensetrack:{LANDSLIDE}", {
        "REFERENCE": f"{SAMPLE}/reference.tif", "TARGET": f"{SAMPLE}/target.tif", "BAND": 1,
        "LANDSLIDE": f"{SAMPLE}/landslide.gpkg", "REFERENCE_DATE": "2023-06-01", "TARGET_DATE": "2023-09-01",
        "WINDOW_SIZE": 64, "correct:DISPLACEMENT": str(tmp_path / "disp.tif"),
        "velocity:VELOCITY": str(tmp_path / "vel.tif")})
    disp, vel = res["correct:DISPLACEMENT"], res["velocity:VELOCITY"]
    names = band_names(disp)
    assert {"DX", "DY", "SIGMA_DX", "SIGMA_DY", "ERROR"} <= set(names)
    # corrected displacement against the exact truth at the window centres
    gt = gdal.Open(disp).GetGeoTransform()
    dx, dy = read_band(disp, names.index("DX") + 1), read_band(disp, names.index("DY") + 1)
    rows, cols = np.mgrid[0:dx.shape[0], 0:dx.shape[1]]
    tgt = gdal.Open(f"{SAMPLE}/truth.tif").GetGeoTransform()
    x, y = gt[0] + (cols + 0.5) * gt[1], gt[3] + (rows + 0.5) * gt[5]
    ti, tj = ((y - tgt[3]) / tgt[5]).astype(int), ((x - tgt[0]) / tgt[1]).astype(int)
    tdx, tdy = read_band(f"{SAMPLE}/truth.tif", 1)[ti, tj], read_band(f"{SAMPLE}/truth.tif", 2)[ti, tj]
    ok = np.isfinite(dx)
    assert ok.mean() > 0.8
    assert np.sqrt(np.mean((dx - tdx)[ok] ** 2 + (dy - tdy)[ok] ** 2)) < 2.0  # m, 64-px windows on a lobe
    # velocity: the lobe's peak motion (36 m in 92 days) in m/year, pointing south-south-east
    vnames = band_names(vel)
    speed = read_band(vel, vnames.index("VELOCITY") + 1)
    assert np.nanmax(speed) == pytest.approx(np.hypot(20, 30) * 365.25 / 92, rel=0.15)


@needs_shared_data
def test_glacier_model_runs_on_two_fixture_products(provider, tmp_path):
    """Two GRD fixtures (real S1 metadata, synthetic textured measurement; tests/s1_fixture.py), the later one
    with its texture moved 3 pixels along the image columns."""
    import processing
    from s1_fixture import make_grd_safe, texture

    ref = make_grd_safe(str(tmp_path / "a"), dn=texture(seed=2))
    tar = make_grd_safe(str(tmp_path / "b"), dn=texture(seed=2, shift_cols=3.0))
    res = processing.run("sensetrack:Glacier velocity from two Sentinel-1 GRD products", {
        "REFERENCE_PRODUCT": f"{ref}/manifest.safe", "TARGET_PRODUCT": f"{tar}/manifest.safe",
        "POLARISATION": "VV", "PIXEL_SIZE": 1000.0, "WINDOW_SIZE": 24, "SEARCH_RANGE": 6,
        "REFERENCE_DATE": "2021-04-01", "TARGET_DATE": "2021-04-13",
        "velocity:VELOCITY": str(tmp_path / "vel.tif")})
    vel = res["velocity:VELOCITY"]
    names = band_names(vel)
    speed = read_band(vel, names.index("VELOCITY") + 1)
    assert np.isfinite(speed).mean() > 0.3
    # 3 image columns of the fixture's ground-range spacing (257.88 km real swath / 257 intervals = 1003.4 m)
    # in 12 days
    assert np.nanmedian(speed) == pytest.approx(3 * 1003.4 * 365.25 / 12, rel=0.05)


def test_time_series_model_runs_on_the_sample_stack(provider, tmp_path):
    import processing

    stack = os.path.join(SAMPLE, "stack")
    res = processing.run("sensetrack:Displacement time series from a folder of dated images", {
        "FOLDER": stack, "PATTERN": "slope_2023*.tif", "MAX_BASELINE": 200, "WINDOW_SIZE": 32,
        "LANDSLIDE": f"{stack}/landslide.gpkg", "series:SERIES": str(tmp_path / "series"),
        "report:REPORT": str(tmp_path / "report.html")})
    dx = os.path.join(res["series:SERIES"], "timeseries_dx.tif")
    ds = gdal.Open(dx)
    assert ds.GetMetadataItem("SENSETRACK_KIND") == "timeseries"
    dates = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    assert dates == ["2023-03-01", "2023-04-20", "2023-06-10", "2023-08-01", "2023-09-20"]
    # the lobe's centre, on the 16-px step grid: its motion against the exact truth
    gt = ds.GetGeoTransform()
    est = read_band(dx, 4)
    tgt = gdal.Open(f"{stack}/truth_dx.tif").GetGeoTransform()
    r, c = int((4910000.0 - 100.5 * 10 - gt[3]) / gt[5]), int((640000.0 + 95.5 * 10 - gt[0]) / gt[1])
    true = read_band(f"{stack}/truth_dx.tif", 4)[int((gt[3] + (r + 0.5) * gt[5] - tgt[3]) / tgt[5]),
                                                 int((gt[0] + (c + 0.5) * gt[1] - tgt[0]) / tgt[1])]
    assert true > 3.0 and abs(est[r, c] - true) < 1.5
    assert "polygon median" in open(res["report:REPORT"], encoding="utf-8").read()
