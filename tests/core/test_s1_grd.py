"""S1 calibration/noise LUTs against hand computation from REAL LUT values, and the GRD
driver end-to-end on the fixture of tests/s1_fixture.py (real geometry + real LUT values,
synthetic small measurement)."""
import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from osgeo import gdal, osr

from helpers import needs_shared_data
from s1_fixture import GRD, S1_DATA, SLC_CAL, SLC_NOISE, make_grd_safe
from sensetrack.core.errors import InputError
from sensetrack.core.sentinel1.calibration import Calibration
from sensetrack.core.sentinel1.grd import NOISE_FLOOR, calibrate_block, grd_to_geotiff
from sensetrack.core.sentinel1.noise import Noise
from sensetrack.core.sentinel1.product import open_product

pytestmark = needs_shared_data


def _vectors(path, vec, tag):
    out = []
    for v in ET.parse(path).getroot().iter(vec):
        out.append((int(v.find("line").text), [float(x) for x in v.find("pixel").text.split()],
                    [float(x) for x in v.find(tag).text.split()]))
    return out


def _hand_bilinear(vectors, line, pixel):
    """Independent: the 4 neighbouring LUT nodes, two linear interpolations."""
    for (l0, p0, v0), (l1, p1, v1) in zip(vectors, vectors[1:]):
        if l0 <= line <= l1:
            break
    def along(p, v):
        j = max(k for k in range(len(p)) if p[k] <= pixel)
        t = (pixel - p[j]) / (p[j + 1] - p[j])
        return v[j] * (1 - t) + v[j + 1] * t
    t = (line - l0) / (l1 - l0)
    return along(p0, v0) * (1 - t) + along(p1, v1) * t


@pytest.mark.parametrize("kind,tag", [("sigma0", "sigmaNought"), ("beta0", "betaNought"), ("gamma0", "gamma")])
def test_calibration_lut_matches_hand_bilinear(kind, tag):
    vec = _vectors(SLC_CAL, "calibrationVector", tag)
    cal = Calibration(open(SLC_CAL, "rb").read())
    for line, pixel in [(1000, 100), (5321, 10007), (13000, 21600), (0, 0)]:
        want = _hand_bilinear(vec, line, pixel)
        got = cal.lut(kind, np.array([line]), np.array([pixel]))[0, 0]
        assert got == pytest.approx(want, rel=1e-12)
    # sigma0/gamma0 LUTs vary across range (beta0 is constant in real products)
    a = cal.lut(kind, np.array([1000, 12000]), np.array([0, 21000]))
    assert (np.ptp(a) > 0.5) == (kind != "beta0")


def test_block_interpolation_equals_pointwise():
    cal = Calibration(open(SLC_CAL, "rb").read())
    rows, cols = np.arange(2990, 3010), np.arange(5000, 5400, 7)
    block = cal.lut("sigma0", rows, cols)
    assert block.shape == (rows.size, cols.size)
    assert block[7, 11] == pytest.approx(cal.lut("sigma0", rows[7:8], cols[11:12])[0, 0])


def test_noise_range_times_azimuth_at_a_point():
    rng = _vectors(SLC_NOISE, "noiseRangeVector", "noiseRangeLut")
    az = ET.parse(SLC_NOISE).getroot().find(".//noiseAzimuthVector")
    az_lines = [float(x) for x in az.find("line").text.split()]
    az_vals = [float(x) for x in az.find("noiseAzimuthLut").text.split()]
    noise = Noise(open(SLC_NOISE, "rb").read())
    assert noise.format.startswith("range+azimuth") and len(noise.azimuth) == 1
    line, pixel = 4005, 12345
    j = max(k for k in range(len(az_lines)) if az_lines[k] <= line)
    a = az_vals[j] + (az_vals[j + 1] - az_vals[j]) * (line - az_lines[j]) / (az_lines[j + 1] - az_lines[j])
    want = _hand_bilinear(rng, line, pixel) * a
    assert noise.power(np.array([line]), np.array([pixel]))[0, 0] == pytest.approx(want, rel=1e-12)


def test_old_noise_format():
    data = open(SLC_NOISE, "rb").read().decode()
    old = (data.replace("noiseRangeVectorList", "noiseVectorList").replace("noiseRangeVector", "noiseVector")
           .replace("noiseRangeLut", "noiseLut"))
    old = old[: old.index("<noiseAzimuthVectorList")] + "</noise>\n"
    n = Noise(old.encode())
    assert n.format.startswith("range (IPF<2.9)") and not n.azimuth
    new = Noise(data.encode())
    r, c = np.array([4005]), np.array([12345])
    assert n.power(r, c)[0, 0] == pytest.approx(new.range.interpolate(r, c)[0, 0])


def test_calibrate_block_formula_noise_and_db():
    cal = Calibration(open(SLC_CAL, "rb").read())
    noise = Noise(open(SLC_NOISE, "rb").read())
    rows, cols = np.array([4005]), np.array([12345, 12346, 12347])
    a = _hand_bilinear(_vectors(SLC_CAL, "calibrationVector", "sigmaNought"), 4005, 12345)
    n = noise.power(rows, cols)[0, 0]
    dn = np.array([[150, 0, 1]], dtype=np.uint16)
    lin = calibrate_block(dn, rows, cols, cal, "sigma0", noise)
    assert lin[0, 0] == pytest.approx((150.0 ** 2 - n) / a ** 2, rel=1e-5)
    assert np.isnan(lin[0, 1])                       # DN 0 = no data
    assert lin[0, 2] == pytest.approx(NOISE_FLOOR)   # 1 - noise < 0 -> floor
    db = calibrate_block(dn, rows, cols, cal, "sigma0", noise, db=True)
    assert db[0, 0] == pytest.approx(10 * np.log10(lin[0, 0]), abs=1e-4)
    plain = calibrate_block(dn, rows, cols, cal, "sigma0")
    assert plain[0, 0] == pytest.approx(150.0 ** 2 / a ** 2, rel=1e-5)


def _footprint_utm(epsg):
    p = open_product(os.path.join(S1_DATA, GRD + ".SAFE"))
    coords = p.manifest["footprint_wkt"][10:-2].split(", ")
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(epsg)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    return np.array([ct.TransformPoint(*map(float, c.split()))[:2] for c in coords])


def test_grd_end_to_end_geocoding_and_metadata(tmp_path):
    safe = make_grd_safe(str(tmp_path))
    out = str(tmp_path / "s0.tif")
    r = grd_to_geotiff(safe, out, pixel_size=1000.0, noise_removal=True, db=True)
    ds = gdal.Open(out)
    assert ds.GetRasterBand(1).GetDescription() == "SIGMA0_VV_DB" == r["band"]
    assert np.isnan(ds.GetRasterBand(1).GetNoDataValue())
    md = ds.GetMetadata()
    assert md["SENSETRACK_ACQUISITION_DATE"] == "2021-04-01T05:26:23.794457"
    assert md["PASS"] == "DESCENDING" and md["RELATIVE_ORBIT"] == "168" and md["PLATFORM"] == "S1B"
    from sensetrack.core.postprocess.velocity import _file_date
    d, origin = _file_date(out)  # what sensetrack:velocity reads from a tracked file
    assert d.isoformat().startswith("2021-04-01T05:26:23") and "metadata" in origin
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert srs.GetAuthorityCode(None) == "32632"  # UTM zone of the scene centre (lon ~10.6)
    gt = ds.GetGeoTransform()
    xmin, ymax = gt[0], gt[3]
    xmax, ymin = xmin + gt[1] * ds.RasterXSize, ymax + gt[5] * ds.RasterYSize
    fp = _footprint_utm(32632)
    # output extent = footprint bounding box within two 1-km pixels
    assert xmin == pytest.approx(fp[:, 0].min(), abs=2000) and xmax == pytest.approx(fp[:, 0].max(), abs=2000)
    assert ymin == pytest.approx(fp[:, 1].min(), abs=2000) and ymax == pytest.approx(fp[:, 1].max(), abs=2000)
    a = ds.ReadAsArray()
    valid = np.isfinite(a)
    assert 0.5 < valid.mean() < 0.95   # rotated swath in a north-up grid
    assert -60 < np.nanmedian(a) < 30


def test_grd_aoi_and_crs(tmp_path):
    safe = make_grd_safe(str(tmp_path))
    out = str(tmp_path / "aoi.tif")
    fp = _footprint_utm(32632)
    cx, cy = fp[:, 0].mean(), fp[:, 1].mean()
    aoi = (cx - 20000, cy - 10000, cx + 20000, cy + 10000)
    grd_to_geotiff(safe, out, calibration="gamma0", noise_removal=False, target_crs="EPSG:32632",
                   pixel_size=500.0, aoi=aoi, resampling="nearest")
    ds = gdal.Open(out)
    assert (ds.RasterXSize, ds.RasterYSize) == (80, 40)
    assert ds.GetGeoTransform()[0] == pytest.approx(aoi[0])
    assert np.isfinite(ds.ReadAsArray()).all()
    assert ds.GetRasterBand(1).GetDescription() == "GAMMA0_VV"


def test_missing_calibration_is_a_clear_error_nothing_written(tmp_path):
    safe = make_grd_safe(str(tmp_path), calibration=False)
    out = tmp_path / "x.tif"
    with pytest.raises(InputError, match="no calibration file"):
        grd_to_geotiff(safe, str(out))
    # the real GRD subset (no calibration/noise files) fails the same way
    with pytest.raises(InputError, match="no calibration file"):
        grd_to_geotiff(os.path.join(S1_DATA, GRD + ".SAFE"), str(out))
    assert os.listdir(tmp_path) == [os.path.basename(safe)]


def test_slc_is_refused(tmp_path):
    with pytest.raises(InputError, match="needs a GRD"):
        grd_to_geotiff(os.path.join(S1_DATA, "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4.zip"),
                       str(tmp_path / "x.tif"))
    assert not os.listdir(tmp_path)


def test_aoi_calibrates_only_a_window_with_the_same_result(tmp_path, monkeypatch):
    import sensetrack.core.sentinel1.grd as grd

    safe = make_grd_safe(str(tmp_path))
    fp = _footprint_utm(32632)
    cx, cy = fp[:, 0].mean(), fp[:, 1].mean()
    aoi = (cx - 30000, cy - 20000, cx + 30000, cy + 20000)
    win = grd.radar_window(open_product(safe).annotation("VV").grid.gcps(), 258, 167,
                           _utm_wkt(32632), aoi)
    assert win[2] - win[0] < 258 / 2 and win[3] - win[1] < 167 / 2   # a real sub-window
    kw = dict(target_crs="EPSG:32632", pixel_size=1000.0, aoi=aoi)
    grd_to_geotiff(safe, str(tmp_path / "win.tif"), **kw)
    monkeypatch.setattr(grd, "radar_window", lambda gcps, w, h, *a, **k: (0, 0, w, h))
    grd_to_geotiff(safe, str(tmp_path / "full.tif"), **kw)
    a = gdal.Open(str(tmp_path / "win.tif")).ReadAsArray()
    b = gdal.Open(str(tmp_path / "full.tif")).ReadAsArray()
    assert a.shape == b.shape == (40, 60) and np.isfinite(a).all()
    np.testing.assert_allclose(a, b, rtol=1e-4)


def _utm_wkt(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


def test_grd_from_zip(tmp_path):
    import shutil
    os.makedirs(tmp_path / "unz")
    safe = make_grd_safe(str(tmp_path / "unz"))
    z = shutil.make_archive(str(tmp_path / GRD), "zip", str(tmp_path / "unz"), os.path.basename(safe))
    out = tmp_path / "z.tif"
    grd_to_geotiff(z, str(out), pixel_size=2000.0)
    ref = tmp_path / "f.tif"
    grd_to_geotiff(safe, str(ref), pixel_size=2000.0)
    np.testing.assert_array_equal(gdal.Open(str(out)).ReadAsArray(), gdal.Open(str(ref)).ReadAsArray())


def test_geocoded_blob_lands_on_its_tie_point(tmp_path):
    """A bright blob centred on a geolocation tie point (radar line/pixel) must appear at that
    point's real latitude/longitude: checks the pixel-centre convention and the warp."""
    from s1_fixture import HEIGHT, WIDTH

    ann = open_product(make_grd_safe(str(tmp_path / "probe"))).annotation("VV")
    k = int(np.argmin((ann.grid.line - HEIGHT / 2) ** 2 + (ann.grid.pixel - WIDTH / 2) ** 2))
    line, pixel = ann.grid.line[k], ann.grid.pixel[k]
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH]
    dn = (20 + 2000 * np.exp(-((rows - line) ** 2 + (cols - pixel) ** 2) / (2 * 1.5 ** 2))).astype(np.uint16)
    safe = make_grd_safe(str(tmp_path / "blob"), dn=dn)
    out = str(tmp_path / "blob.tif")
    grd_to_geotiff(safe, out, target_crs="EPSG:32632", pixel_size=250.0, noise_removal=False)
    ds = gdal.Open(out)
    a = ds.ReadAsArray().astype(float)
    a = np.where(np.isfinite(a), a, 0.0)
    w = np.clip(a - np.percentile(a[a > 0], 99.0), 0, None)
    r, c = np.indices(a.shape)
    gt = ds.GetGeoTransform()
    x = gt[0] + gt[1] * ((w * c).sum() / w.sum() + 0.5)
    y = gt[3] + gt[5] * ((w * r).sum() / w.sum() + 0.5)
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(32632)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tx, ty = osr.CoordinateTransformation(src, dst).TransformPoint(ann.grid.longitude[k], ann.grid.latitude[k])[:2]
    # a fixture radar pixel is ~1 km; measured 42 m. Without the +0.5 pixel-centre shift of the
    # GCPs the error is ~750 m, so this bound catches a convention slip.
    assert np.hypot(x - tx, y - ty) < 150.0, np.hypot(x - tx, y - ty)
