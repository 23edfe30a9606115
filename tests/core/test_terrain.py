"""Slope-parallel projection: exact answers on planes and cones, masks, uncertainty, time series, bad inputs."""
import os

import numpy as np
import pytest
import terrain_fixtures as tf
from osgeo import gdal

from sensetrack.core.errors import InputError
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.terrain import apply, dem, projection


def _plane_motion(slope, aspect, cross=0.3):
    """Horizontal motion of a plane-parallel slide: s (1-5 m) downslope + ``cross`` m across; exact 3-D truth."""
    gx, gy = tf.plane_gradient(slope, aspect)
    a = np.radians(aspect)
    u = np.array([np.sin(a), np.cos(a)])  # downslope horizontal unit
    v = np.array([u[1], -u[0]])
    x, y = tf.cell_centres()
    s = 1.0 + 4.0 * (x - x.min()) / np.ptp(x)
    dx, dy = s * u[0] + cross * v[0], s * u[1] + cross * v[1]
    t = np.tan(np.radians(slope))
    truth = {"DZ": -s * t, "ALONG_SLOPE": s / np.cos(np.radians(slope)),
             "MAGNITUDE_3D": np.sqrt(s ** 2 + cross ** 2 + (s * t) ** 2)}
    return (gx, gy), dx, dy, truth


@pytest.mark.parametrize("slope,aspect,epsg,res", [(25, 0, 32633, 7.0), (25, 72, 32633, 33.0),
                                                   (30, 135, 3857, 12.0), (20, 225, 4326, 1e-4),
                                                   (35, 310, 32633, 5.0)])
def test_inclined_plane_recovered_to_float_precision(tmp_path, slope, aspect, epsg, res):
    (gx, gy), dx, dy, truth = _plane_motion(slope, aspect)
    prod = tf.write_product(tmp_path / "disp.tif", tf.product_bands(dx, dy, sigma=(0.1, 0.1)))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=epsg, res=res)
    assert gdal.Open(d).GetProjection() != gdal.Open(prod).GetProjection()
    info = apply.slope_projection_file(prod, str(tmp_path / "out.tif"), d, smoothing=100.0, slope_error=1.0)
    out = read_product(info["output"])
    for name, want in truth.items():
        np.testing.assert_allclose(out.bands[name], want, rtol=2e-6, atol=2e-6, err_msg=name)
    np.testing.assert_allclose(out.bands["SLOPE"], slope, atol=1e-5)
    ang = np.mod(out.bands["ASPECT"] - aspect + 180, 360) - 180
    assert np.abs(ang).max() < 1e-5
    cross_angle = np.degrees(np.arctan2(0.3, 1.0 + 4.0 * (tf.cell_centres()[0] - tf.X0 - 10) / 780))
    np.testing.assert_allclose(out.bands["DOWNSLOPE_ANGLE"], cross_angle, atol=1e-4)
    np.testing.assert_allclose(out.bands["PLUNGE"], np.degrees(np.arctan2(-truth["DZ"], np.hypot(dx, dy))), atol=1e-4)
    assert np.all(out.bands["MASK"] == 0)
    assert out.band_units["DZ"] == "m" and out.band_units["SLOPE"] == "degree"
    assert [h["step"] for h in out.history()] == ["slopeprojection"]
    assert not list(tmp_path.glob("*.aux.xml"))  # nothing written beside the inputs


def test_cone_angle_to_downslope_is_0_outward_and_180_inward(tmp_path):
    x, y = tf.cell_centres()
    cx, cy = x.mean() + 5, y.mean() - 7
    r = np.hypot(x - cx, y - cy)
    d = tf.write_dem(tmp_path / "cone.tif", tf.cone(cx, cy), epsg=32633, res=4.0)
    far = r > 150  # off the apex: central differences of a cone err by ~(cell / r)^2 in direction
    for sign, want in ((1, 0.0), (-1, 180.0)):
        dx, dy = sign * (x - cx) / r, sign * (y - cy) / r
        prod = tf.write_product(tmp_path / f"p{sign}.tif", tf.product_bands(dx, dy))
        info = apply.slope_projection_file(prod, str(tmp_path / f"o{sign}.tif"), d, max_angle=45)
        out = read_product(info["output"])
        ang = out.bands["DOWNSLOPE_ANGLE"][far]
        assert np.abs(ang - want).max() < 0.5
        # every aspect occurs, and the masks agree: inward (uphill) motion is flagged, outward is not
        asp = out.bands["ASPECT"][far]
        assert np.histogram(asp, bins=8, range=(0, 360))[0].min() > 0
        off = (out.bands["MASK"][far].astype(int) & projection.MASK_FLAGS["off_downslope"]) > 0
        assert off.all() if sign < 0 else not off.any()
        np.testing.assert_allclose(out.bands["DZ"][far], -sign * 0.5, atol=0.01)  # cone slope 0.5


def test_flat_ground_and_uphill_motion_are_flagged(tmp_path):
    x, y = tf.cell_centres()
    # flat on the west half, 20 degrees facing east on the east half
    xm = tf.X0 + 400
    t = np.tan(np.radians(20))
    d = tf.write_dem(tmp_path / "dem.tif", lambda xx, yy: 1000 - t * np.clip(xx - xm, 0, None), epsg=32632, res=5)
    dx = np.where(y > y.mean(), 1.0, -1.0)  # north half moves east (downhill), south half west (uphill)
    dy = np.zeros_like(dx)
    dx[0, 0] = np.nan  # a vector with no value stays without flag (NaN)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d, min_slope=5,
                                                   max_angle=45)["output"])
    m = out.bands["MASK"]
    assert np.isnan(m[0, 0])
    mi = np.nan_to_num(m, nan=0).astype(int)
    flat, east = (x < xm - 30) & np.isfinite(m), x > xm + 30
    assert np.all((mi[flat] & 256) > 0) and not np.any((mi[east] & 256) > 0)
    uphill = east & (dx < 0)
    assert np.all((mi[uphill] & 512) > 0) and np.all(mi[east & (dx > 0)] == 0)


def test_existing_mask_bits_are_kept_and_terrain_bits_replaced(tmp_path):
    old = np.array([[0.0, 8.0, np.nan, 256.0 + 16]])
    new = np.array([[512.0, 0.0, np.nan, 0.0]])
    np.testing.assert_array_equal(projection.merge_mask(old, new), [[512.0, 8.0, np.nan, 16.0]])


def test_uncertainty_matches_monte_carlo():
    rng = np.random.default_rng(7)
    n = 400_000
    dx, dy, slope, aspect = 3.0, -1.5, 28.0, 160.0
    gx, gy = tf.plane_gradient(slope, aspect)
    sx, sy, serr = 0.4, 0.25, 2.0
    sg = float(dem.slope_error_to_gradient(np.array(slope), serr))
    res = projection.project(np.array(dx), np.array(dy), np.array(gx), np.array(gy), np.array(sx), np.array(sy), sg)
    mdx, mdy = dx + rng.normal(0, sx, n), dy + rng.normal(0, sy, n)
    mgx, mgy = gx + rng.normal(0, sg, n), gy + rng.normal(0, sg, n)
    mc = projection.project(mdx, mdy, mgx, mgy)
    assert np.std(mc["dz"]) == pytest.approx(float(res["sigma_dz"]), rel=0.01)
    assert np.std(mc["magnitude"]) == pytest.approx(float(res["sigma_magnitude"]), rel=0.03)
    # the gradient sigma reproduces the stated slope-angle error
    mslope = np.degrees(np.arctan(np.hypot(mgx, mgy)))
    assert np.std(mslope) == pytest.approx(serr, rel=0.03)


def test_velocity_product_gets_velocity_bands(tmp_path):
    (gx, gy), dx, dy, truth = _plane_motion(30, 200)
    prod = tf.write_product(tmp_path / "v.tif", tf.product_bands(dx, dy, sigma=(0.2, 0.2), velocity_days=73.05),
                            {"SENSETRACK_VELOCITY_UNITS": "m/year"})
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=9.0)
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d)["output"])
    np.testing.assert_allclose(out.bands["VZ"], truth["DZ"] * 5, rtol=2e-6, atol=1e-5)
    np.testing.assert_allclose(out.bands["VELOCITY_3D"], truth["MAGNITUDE_3D"] * 5, rtol=2e-6)
    np.testing.assert_allclose(out.bands["SIGMA_VZ"], out.bands["SIGMA_DZ"] * 5, rtol=1e-5)
    assert out.band_units["VZ"] == "m/year" and out.band_units["DZ"] == "m"


def test_points_product_keeps_its_format(tmp_path):
    from sensetrack.core.postprocess.product import write_product

    (gx, gy), dx, dy, truth = _plane_motion(25, 90)
    raster = read_product(tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy)))
    pts = write_product(raster, str(tmp_path / "p.gpkg"))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=10.0)
    out = read_product(apply.slope_projection_file(pts, str(tmp_path / "o.gpkg"), d)["output"])
    assert out.kind == "points"
    np.testing.assert_allclose(out.bands["DZ"], truth["DZ"], rtol=1e-6, atol=1e-6)


def test_time_series_projected_date_by_date(tmp_path):
    (gx, gy), dx, dy, truth = _plane_motion(25, 135)
    dates = ["2023-01-05", "2023-02-04", "2023-03-06"]
    f = np.array([0.0, 0.4, 1.0])
    dxp, dyp = tf.write_series(tmp_path, [dx * k for k in f], [dy * k for k in f], dates)
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=11.0)
    info = apply.slope_projection_file(dyp, str(tmp_path / "dz.tif"), d)  # either component finds the other
    outs = info["outputs"]
    assert info["kind"] == "timeseries" and info["dx"] == dxp
    ds = gdal.Open(outs["DZ"])
    assert ds.GetMetadataItem("SENSETRACK_KIND") == "timeseries" and ds.GetMetadataItem("SENSETRACK_COMPONENT") == "DZ"
    assert [ds.GetRasterBand(i).GetDescription() for i in (1, 2, 3)] == dates
    assert ds.GetRasterBand(2).GetMetadataItem("DATE") == dates[1] and ds.GetRasterBand(1).GetUnitType() == "m"
    m3 = gdal.Open(outs["MAGNITUDE_3D"])
    for i, k in enumerate(f, start=1):
        np.testing.assert_allclose(ds.GetRasterBand(i).ReadAsArray(), truth["DZ"] * k, rtol=2e-6, atol=2e-6)
        np.testing.assert_allclose(m3.GetRasterBand(i).ReadAsArray(), truth["MAGNITUDE_3D"] * k, rtol=2e-6, atol=2e-6)
    terrain = gdal.Open(outs["TERRAIN"])
    assert terrain.GetRasterBand(1).GetDescription() == "SLOPE"
    assert set(outs) == {"DZ", "MAGNITUDE_3D", "ALONG_SLOPE", "MASK", "TERRAIN"}


def _no_output(tmp_path, name="out"):
    return not [p for p in os.listdir(tmp_path) if p.startswith((name, f".{name}"))]


def test_dem_not_overlapping_is_refused_without_output(tmp_path):
    (gx, gy), dx, dy, _ = _plane_motion(25, 0)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), centre=(tf.X0 + 50000, tf.Y0), res=10)
    before = tf.digest(prod), tf.digest(d)
    with pytest.raises(InputError, match="does not overlap"):
        apply.slope_projection_file(prod, str(tmp_path / "out.tif"), d)
    assert _no_output(tmp_path) and (tf.digest(prod), tf.digest(d)) == before


def test_dem_in_degrees_without_crs_is_refused(tmp_path):
    (gx, gy), dx, dy, _ = _plane_motion(25, 0)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=4326, res=1e-4, with_crs=False)
    with pytest.raises(InputError, match="no CRS.*degrees"):
        apply.slope_projection_file(prod, str(tmp_path / "out.tif"), d)
    assert _no_output(tmp_path)


def test_dem_without_crs_in_product_units_is_assumed_in_the_product_crs(tmp_path):
    (gx, gy), dx, dy, truth = _plane_motion(25, 45)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32632, res=8, with_crs=False)
    logs = []
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d,
                                                   monitor=_LogMonitor(logs))["output"])
    np.testing.assert_allclose(out.bands["DZ"], truth["DZ"], rtol=2e-6, atol=2e-6)
    assert any("no CRS: assumed" in m for m in logs)


def test_product_without_dx_dy_is_refused(tmp_path):
    from helpers import write_tif

    plain = write_tif(tmp_path / "image.tif", np.ones((10, 10), np.float32))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(0.1, 0.1), res=10)
    with pytest.raises(InputError, match="no DX and DY"):
        apply.slope_projection_file(plain, str(tmp_path / "out.tif"), d)
    assert _no_output(tmp_path)


def test_timeseries_of_another_component_or_without_partner_is_refused(tmp_path):
    dates = ["2023-01-05", "2023-02-04"]
    z = np.zeros(tf.SHAPE)
    dxp, _ = tf.write_series(tmp_path, [z, z], [z, z], dates)
    os.remove(tmp_path / "ts_DY.tif")
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(0.1, 0.1), res=10)
    with pytest.raises(InputError, match="DY file was not found"):
        apply.slope_projection_file(dxp, str(tmp_path / "out.tif"), d)
    assert _no_output(tmp_path)


def _LogMonitor(logs):
    from sensetrack.core.progress import Monitor

    class _M(Monitor):
        def log(self, message):
            logs.append(message)

    return _M()


def test_report_shows_the_dz_map_and_flags(tmp_path):
    from sensetrack.core.postprocess.report import build_report

    (gx, gy), dx, dy, truth = _plane_motion(25, 60)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), res=10.0)
    out = apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d)["output"]
    text = open(build_report(out, str(tmp_path / "r.html"))["output"], encoding="utf-8").read()
    assert text.count("data:image/png;base64,") == 3 and "Slope-parallel 3-D motion" in text
    assert f"<td>DZ</td><td>{np.median(truth['DZ']):.4g}</td>" in text and "off_downslope" in text


def test_plane_exact_when_the_cell_samples_are_coarser_than_the_dem(tmp_path):
    """Capped supersampling (samples 10 m apart on a 4 m DEM): still plain bilinear, still exact on a plane."""
    gx, gy = tf.plane_gradient(33, 20)
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32633, res=4.0)
    z = dem.dem_on_grid(d, tf.GT, tf.SHAPE, tf.wkt(), max_supersample=2)
    g = dem.gradient(z, tf.GT)
    assert np.abs(g[0] - gx).max() < 1e-8 and np.abs(g[1] - gy).max() < 1e-8


def test_dem_covering_part_of_the_product_flags_the_rest(tmp_path):
    (gx, gy), dx, dy, truth = _plane_motion(25, 200)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    x, _ = tf.cell_centres()
    # a DEM in the product CRS whose east edge is 300 m into the product (the west 15 columns)
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32632,
                     geotransform=(tf.X0 - 500, 5.0, 0.0, tf.Y0 + 500, 0.0, -5.0), shape=(320, 160))
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d)["output"])
    m = out.bands["MASK"].astype(int)
    inside, outside = x < tf.X0 + 290, x > tf.X0 + 310
    assert np.all(m[outside] == projection.MASK_FLAGS["dem_nodata"]) and np.all(np.isnan(out.bands["DZ"][outside]))
    np.testing.assert_allclose(out.bands["DZ"][inside], truth["DZ"][inside], rtol=2e-6, atol=2e-6)
    assert np.all(m[inside] == 0) and np.isfinite(out.bands["DX"]).all()  # the input bands are untouched


def test_dem_nodata_hole_is_flagged(tmp_path):
    from osgeo import gdal as g

    (gx, gy), dx, dy, truth = _plane_motion(25, 200)
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32632, res=5.0, nodata=-9999.0)
    ds = g.Open(d, g.GA_Update)
    gt = ds.GetGeoTransform()
    c0, r0 = int((tf.X0 + 400 - gt[0]) / 5), int((tf.Y0 - 200 - gt[3]) / -5)
    ds.GetRasterBand(1).WriteArray(np.full((40, 40), -9999.0), c0, r0)  # a 200 m square hole
    ds = None
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d)["output"])
    x, y = tf.cell_centres()
    hole = (x > tf.X0 + 420) & (x < tf.X0 + 580) & (y < tf.Y0 - 220) & (y > tf.Y0 - 380)
    far = (np.abs(x - (tf.X0 + 500)) > 160) | (np.abs(y - (tf.Y0 - 300)) > 160)
    assert np.all(out.bands["MASK"][hole] == projection.MASK_FLAGS["dem_nodata"]) and np.isnan(out.bands["DZ"][hole]).all()
    np.testing.assert_allclose(out.bands["DZ"][far], truth["DZ"][far], rtol=2e-6, atol=2e-6)


def test_product_and_dem_without_crs_share_coordinates(tmp_path):
    from sensetrack.core.output import write_raster

    (gx, gy), dx, dy, truth = _plane_motion(25, 30)
    prod = write_raster(str(tmp_path / "p.tif"), tf.product_bands(dx, dy), tf.GT, "", metadata={"SENSETRACK_UNITS": "m"})
    d = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32632, res=8, with_crs=False)
    out = read_product(apply.slope_projection_file(prod, str(tmp_path / "o.tif"), d)["output"])
    np.testing.assert_allclose(out.bands["DZ"], truth["DZ"], rtol=2e-6, atol=2e-6)
    d2 = tf.write_dem(tmp_path / "dem2.tif", tf.plane(gx, gy), epsg=32632, res=8)
    with pytest.raises(InputError, match="has no CRS"):
        apply.slope_projection_file(prod, str(tmp_path / "o2.tif"), d2)


def test_a_smoothing_length_larger_than_the_grid_is_refused():
    from sensetrack.core.errors import ParameterError
    from sensetrack.core.terrain.dem import smoothing_cells

    gt = (0.0, 20.0, 0.0, 0.0, 0.0, -20.0)
    assert smoothing_cells(100.0, gt, (50, 60)) == (5, 5)
    with pytest.raises(ParameterError, match="spans .* cells, more than the result itself"):
        smoothing_cells(1e300, gt, (50, 60))
