"""processing.run of sensetrack:slopeprojection and filteroffsets' downslope test; the DZ style."""
import os

import numpy as np
import pytest
import terrain_fixtures as tf


def _run(alg, params):
    import processing

    return processing.run(alg, params)


def _plane_case(tmp_path, slope=25, aspect=150):
    gx, gy = tf.plane_gradient(slope, aspect)
    a = np.radians(aspect)
    x, _ = tf.cell_centres()
    s = 1 + (x - x.min()) / 100.0
    dx, dy = s * np.sin(a), s * np.cos(a)
    prod = tf.write_product(tmp_path / "disp.tif", tf.product_bands(dx, dy, sigma=(0.1, 0.1)))
    dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32633, res=13.0)
    return prod, dem, -s * np.tan(np.radians(slope))


def test_slopeprojection_runs_and_styles_dz(provider, tmp_path):
    from qgis.core import QgsRasterLayer

    from sensetrack.core.postprocess.product import read_product

    prod, dem, dz = _plane_case(tmp_path)
    res = _run("sensetrack:slopeprojection", {"INPUT": prod, "DEM": dem, "SMOOTHING": 60, "SLOPE_ERROR": 2,
                                              "OUTPUT": str(tmp_path / "o.tif"),
                                              "OUTPUT_POINTS": str(tmp_path / "o_points.gpkg")})
    out = read_product(res["OUTPUT"])
    np.testing.assert_allclose(out.bands["DZ"], dz, rtol=2e-6, atol=2e-6)
    assert res["FLAGGED_FLAT"] == 0 and res["FLAGGED_OFF_DOWNSLOPE"] == 0 and res["FLAGGED_DEM_NODATA"] == 0
    assert res["MEDIAN_DZ"] == pytest.approx(float(np.median(dz)), rel=1e-5)
    assert (out.bands["SIGMA_DZ"] > 0).all() and out.band_units["SIGMA_DZ"] == "m"
    pts = read_product(res["OUTPUT_POINTS"])
    assert pts.kind == "points" and "DZ" in pts.bands
    qml = (tmp_path / "o.qml").read_text()
    layer = QgsRasterLayer(res["OUTPUT"])
    names = [layer.bandName(i) for i in range(1, layer.bandCount() + 1)]
    renderer = layer.renderer()
    assert renderer.type() == "singlebandpseudocolor"
    assert "DZ" in names[renderer.band() - 1]
    assert renderer.classificationMin() == pytest.approx(-renderer.classificationMax())
    assert 'label="0 m"' in qml and "#2166ac" in qml.lower()


def test_filteroffsets_with_a_dem(provider, tmp_path):
    prod, dem, _ = _plane_case(tmp_path)
    from sensetrack.core.postprocess.product import read_product

    p = read_product(prod)
    # reverse the motion on the west half: uphill
    from sensetrack.core.output import write_raster

    bands = dict(p.bands)
    x, _ = tf.cell_centres()
    west = x < x.mean()
    for k in ("DX", "DY"):
        bands[k] = np.where(west, -bands[k], bands[k]) * 20  # > 0.5 px so that direction is tested
    bands.pop("MAGNITUDE"), bands.pop("DIRECTION")
    from sensetrack.core.displacement import direction

    bands["MAGNITUDE"], bands["DIRECTION"] = np.hypot(bands["DX"], bands["DY"]), direction(bands["DX"], bands["DY"])
    mixed = write_raster(str(tmp_path / "mixed.tif"), bands, tf.GT, tf.wkt(), metadata={"SENSETRACK_UNITS": "m"})
    res = _run("sensetrack:filteroffsets", {"INPUT": mixed, "DEM": dem, "MAX_DOWNSLOPE_ANGLE": 90,
                                            "MEDIAN_THRESHOLD": 0, "OUTPUT": str(tmp_path / "f.tif"),
                                            "TABLE": str(tmp_path / "t.csv")})
    assert res["REMOVED"] == west.sum()
    assert "downslope," in open(res["TABLE"]).read()
    # default: no DEM, no downslope test, nothing removed by it
    res = _run("sensetrack:filteroffsets", {"INPUT": mixed, "MEDIAN_THRESHOLD": 0, "OUTPUT": str(tmp_path / "g.tif")})
    assert res["REMOVED"] == 0


def test_bad_dem_is_a_processing_error_without_output(provider, tmp_path):
    from qgis.core import QgsProcessingException

    prod, _, _ = _plane_case(tmp_path)
    far = tf.write_dem(tmp_path / "far.tif", tf.plane(0.1, 0.1), centre=(tf.X0 + 90000, tf.Y0), res=10)
    with pytest.raises(QgsProcessingException, match="does not overlap"):
        _run("sensetrack:slopeprojection", {"INPUT": prod, "DEM": far, "OUTPUT": str(tmp_path / "bad.tif")})
    assert not [f for f in os.listdir(tmp_path) if "bad" in f]


def test_inversevelocity_at_a_point_in_another_crs(provider, tmp_path):
    from osgeo import osr

    (dxp, _), _ = tf.write_fukuzono_series(tmp_path)
    # the point given in WGS 84: the algorithm transforms it to the series' CRS
    ct = osr.CoordinateTransformation(tf.srs(32632), tf.srs(4326))
    lon, lat, _ = ct.TransformPoint(tf.X0 + 300, tf.Y0 - 200)
    res = _run("sensetrack:inversevelocity", {"INPUT": dxp, "POINT": f"{lon},{lat} [EPSG:4326]",
                                              "OUTPUT": str(tmp_path / "iv.csv"), "PLOT": str(tmp_path / "iv.html")})
    assert res["ACCELERATING"] == 1 and "indicator" in res["MESSAGE"]
    import datetime as dt

    got = dt.datetime.fromisoformat(res["FAILURE_TIME"])
    truth = tf.T0 + dt.timedelta(days=tf.FAILURE)
    assert abs((got - truth).total_seconds() / 86400) < 2.5 * res["FAILURE_SIGMA_DAYS"]
    assert os.path.exists(res["PLOT"]) and os.path.exists(res["OUTPUT"])


def test_slopeprojection_of_a_time_series(provider, tmp_path):
    import json

    from osgeo import gdal

    gx, gy = tf.plane_gradient(25, 300)
    dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=12.0)
    (dxp, dyp), dates = tf.write_fukuzono_series(tmp_path)
    res = _run("sensetrack:slopeprojection", {"INPUT": dxp, "INPUT_DY": dyp, "DEM": dem, "MAX_ANGLE": 0,
                                              "OUTPUT": str(tmp_path / "dz.tif")})
    files = json.loads(res["OUTPUT_FILES"])
    assert set(files) == {"DZ", "MAGNITUDE_3D", "ALONG_SLOPE", "MASK", "TERRAIN"}
    ds, dsx, dsy = gdal.Open(res["OUTPUT"]), gdal.Open(dxp), gdal.Open(dyp)
    assert ds.RasterCount == len(dates) and ds.GetRasterBand(len(dates)).GetDescription() == dates[-1]
    last = len(dates)
    want = dsx.GetRasterBand(last).ReadAsArray() * gx + dsy.GetRasterBand(last).ReadAsArray() * gy
    np.testing.assert_allclose(ds.GetRasterBand(last).ReadAsArray(), want, rtol=1e-5, atol=1e-5)
    assert 'label="0 m"' in (tmp_path / "dz.qml").read_text()  # the DZ series is styled on its last date
