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
    # no DEM: the optional slope-parallel step is skipped
    assert not res.get("slope:VELOCITY_3D") or not os.path.exists(res["slope:VELOCITY_3D"])
    # provenance names the user's images, not the model's temporary files
    meta = gdal.Open(vel).GetMetadata()
    assert meta["SENSETRACK_REFERENCE"] == os.path.abspath(f"{SAMPLE}/reference.tif")
    assert meta["SENSETRACK_TARGET"] == os.path.abspath(f"{SAMPLE}/target.tif")
    report = processing.run("sensetrack:displacementreport", {"INPUT": vel, "OUTPUT": str(tmp_path / "r.html")})
    text = open(report["OUTPUT"], encoding="utf-8").read()
    assert "reference.tif → target.tif" in text and "processing_" not in text.split("<h2>Processing history")[0]


def test_landslide_model_with_a_dem_adds_the_slope_parallel_velocity(provider, tmp_path):
    """The optional DEM step: a 20-degree plane facing south-south-east (the lobe's direction of motion)."""
    import processing
    import terrain_fixtures as tf

    gx, gy = tf.plane_gradient(20, 146.3)
    dem = tf.write_dem(tmp_path / "dem.tif", lambda x, y: 2000 + gx * (x - 640000) + gy * (y - 4910000), epsg=32633,
                       res=15.0, size_m=6000, centre=(642000, 4908000))
    res = processing.run(f"sensetrack:{LANDSLIDE}", {
        "REFERENCE": f"{SAMPLE}/reference.tif", "TARGET": f"{SAMPLE}/target.tif", "BAND": 1,
        "LANDSLIDE": f"{SAMPLE}/landslide.gpkg", "REFERENCE_DATE": "2023-06-01", "TARGET_DATE": "2023-09-01",
        "WINDOW_SIZE": 64, "DEM": dem, "correct:DISPLACEMENT": str(tmp_path / "disp.tif"),
        "velocity:VELOCITY": str(tmp_path / "vel.tif"), "slope:VELOCITY_3D": str(tmp_path / "vel3d.tif")})
    out = res["slope:VELOCITY_3D"]
    names = band_names(out)
    assert {"VZ", "VELOCITY_3D", "DZ", "SLOPE", "MASK"} <= set(names)
    vx, vy, vz = (read_band(out, names.index(n) + 1) for n in ("VX", "VY", "VZ"))
    np.testing.assert_allclose(vz, vx * gx + vy * gy, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(read_band(out, names.index("SLOPE") + 1), 20, atol=1e-3)


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


def test_models_explain_their_inputs_and_outputs(provider):
    from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingParameterDateTime

    with_dates = 0
    for m in [a for a in provider.algorithms() if isinstance(a, QgsProcessingModelAlgorithm)]:
        outputs = m.outputDefinitions()
        assert outputs, f"{m.displayName()} lists no outputs"  # qgis_process help printed none before
        help_content = m.helpContent()
        for p in m.parameterDefinitions():
            assert len(help_content.get(p.name(), "")) > 10, f"{m.displayName()}: {p.name()} has no help"
        for o in outputs:
            assert "_" not in o.description() and o.description()[0].isupper(), o.description()
        dates = [p for p in m.parameterDefinitions() if p.name().endswith("_DATE")]
        assert all(isinstance(p, QgsProcessingParameterDateTime) for p in dates), m.displayName()
        with_dates += bool(dates)
    assert with_dates >= 3  # the pair models take dates; the time series reads them from the images
    landslide = provider.algorithm(LANDSLIDE) or [a for a in provider.algorithms() if a.displayName() == LANDSLIDE][0]
    names = [p.name() for p in landslide.parameterDefinitions() if not p.isDestination()]
    if hasattr(landslide, "setParameterOrder"):  # images first, then band, polygon, dates
        assert names[:6] == ["REFERENCE", "TARGET", "BAND", "LANDSLIDE", "REFERENCE_DATE", "TARGET_DATE"]
    assert {o.description() for o in landslide.outputDefinitions()} >= {"Landslide displacement",
                                                                        "Landslide velocity"}


def test_sentinel2_model_runs_on_two_fixture_products(provider, tmp_path):
    """Two L2A products (real N0509 metadata; stand-in B08 and SCL, tests/optical_fixtures.py): the later one
    moved 0.5 px east everywhere (a co-registration error) and 2.5 px east inside the moving box, with a cloud
    on stable ground. The model must remove the 0.5 px on the stable ground and find 2 px = 20 m in the box."""
    import processing
    from helpers import polygon_gpkg
    from optical_fixtures import L2A_N0509, S2_DATA, make_s2, s2_tile_grid, texture

    if not os.path.isdir(S2_DATA):
        pytest.skip("../shared/data/sentinel2 is missing")
    n = 256
    ref = texture(n, n, seed=11)
    tar = texture(n, n, seed=11, shift=(0, 0.5))
    box = (slice(64, 192), slice(64, 192))
    tar[box] = texture(n, n, seed=11, shift=(0, 2.5))[box]
    scl = np.full((n // 2, n // 2), 4, np.uint8)
    scl[4:10, 100:110] = 9  # a cloud on stable ground in the target
    a = make_s2(str(tmp_path / "a"), L2A_N0509, {"B08": ref}, as_zip=True)
    b = make_s2(str(tmp_path / "b"), L2A_N0509, {"B08": tar}, scl=scl, as_zip=True)
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600  # the fixture's stand-in window
    moving = polygon_gpkg(tmp_path / "moving.gpkg", f"POLYGON(({x0 + 640} {y0 - 640}, {x0 + 1920} {y0 - 640}, "
                          f"{x0 + 1920} {y0 - 1920}, {x0 + 640} {y0 - 1920}, {x0 + 640} {y0 - 640}))", epsg=epsg)
    res = processing.run("sensetrack:Velocity from two Sentinel-2 products", {
        "REFERENCE_PRODUCT": a, "TARGET_PRODUCT": b, "MOVING_AREA": moving, "BANDS": "B08", "DILATION": 1,
        "WINDOW_SIZE": 64, "REFERENCE_DATE": "2023-08-01", "TARGET_DATE": "2023-08-21",
        "correct:DISPLACEMENT": str(tmp_path / "disp.tif"), "velocity:VELOCITY": str(tmp_path / "vel.tif"),
        "report:REPORT": str(tmp_path / "report.html")})
    disp = res["correct:DISPLACEMENT"]
    names = band_names(disp)
    dx, dy = read_band(disp, names.index("DX") + 1), read_band(disp, names.index("DY") + 1)
    gt = gdal.Open(disp).GetGeoTransform()
    rows, cols = np.mgrid[0:dx.shape[0], 0:dx.shape[1]]
    x, y = gt[0] + (cols + 0.5) * gt[1] - x0, y0 - (gt[3] + (rows + 0.5) * gt[5])  # metres right / down
    inside = (x > 950) & (x < 1610) & (y > 950) & (y < 1610)  # windows wholly in the box
    outside = (x < 330) | (x > 2230) | (y < 330) | (y > 2230)  # windows wholly outside it
    assert np.isnan(dx[0, -4:]).all()  # windows touching the (dilated) cloud of the target
    assert np.isfinite(dx[inside]).sum() >= 16 and np.isfinite(dx[outside]).sum() >= 16
    assert np.nanmedian(dx[inside]) == pytest.approx(20.0, abs=1.0)  # 2 px east of 10 m
    assert np.nanmedian(np.abs(dy[inside])) < 0.5
    assert np.nanmedian(np.abs(dx[outside])) < 0.5  # the 0.5 px co-registration error is gone
    vel = res["velocity:VELOCITY"]
    speed = read_band(vel, band_names(vel).index("VELOCITY") + 1)
    assert np.nanmedian(speed[inside]) == pytest.approx(20.0 * 365.25 / 20, rel=0.05)
    assert os.path.getsize(res["report:REPORT"]) > 10000


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
