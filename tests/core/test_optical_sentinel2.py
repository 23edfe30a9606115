"""Sentinel-2 reader: real metadata of four products (baselines 02.12, 03.01, 04.00, 05.09), stand-in images
with known DNs, SCL classes and cloud polygons (tests/optical_fixtures.py); exact answers."""
import os

import numpy as np
import pytest
from osgeo import gdal

from helpers import band_names, read_band
from optical_fixtures import (L1C_N0301, L2A_N0212, L2A_N0400, L2A_N0509, S2_DATA, Log, _tag, make_s2, s2_mtd,
                              s2_tile_grid, s2_tile_mtd, texture)
from sensetrack.core.optical import Aoi, read_sentinel2
from sensetrack.core.optical.masks import dilate

pytestmark = pytest.mark.skipif(not os.path.isdir(S2_DATA), reason="../shared/data/sentinel2 is missing")


def _expected(dn, offset, q=10000.0):
    out = ((dn.astype(np.float64) + offset) / q).astype(np.float32)
    out[(dn == 0) | (dn == 65535)] = np.nan  # the MTD's NODATA and SATURATED special values
    return out


@pytest.mark.parametrize("product, offset", [(L2A_N0212, 0.0), (L1C_N0301, 0.0), (L2A_N0400, -1000.0),
                                             (L2A_N0509, -1000.0)])
def test_reflectance_geotransform_and_dates_for_every_baseline(tmp_path, product, offset):
    dn = texture(60, 60, seed=3)
    dn[5, 7] = 0  # no data
    dn[6, 8] = 65535  # saturated
    safe = make_s2(str(tmp_path / "p"), product, {"B08": dn}, offset=(60, 120))
    res = read_sentinel2(safe, str(tmp_path / "b08.tif"))
    # baseline >= 04.00: the MTD's own offset (the real files say -1000); before: none
    mtd = s2_mtd(product)
    assert ("ADD_OFFSET" in mtd) == (offset != 0)
    np.testing.assert_array_equal(read_band(res["output"]), _expected(dn, offset))
    epsg, ulx, uly = s2_tile_grid(product)
    ds = gdal.Open(res["output"])
    assert ds.GetGeoTransform() == (ulx + 1200, 10.0, 0.0, uly - 600, 0.0, -10.0)
    assert ds.GetSpatialRef().GetAuthorityCode(None) == str(epsg)
    assert band_names(res["output"]) == ["B08"]
    md = ds.GetMetadata()
    sensing = _tag(s2_tile_mtd(product), "SENSING_TIME")
    assert md["SENSETRACK_ACQUISITION_DATE"][:26] == sensing.rstrip("Z")[:26].ljust(26, "0")
    assert md["PROCESSING_BASELINE"] == _tag(mtd, "PROCESSING_BASELINE")
    assert md["RELATIVE_ORBIT"] == str(int(_tag(mtd, "SENSING_ORBIT_NUMBER")))
    assert md["PLATFORM"] == _tag(mtd, "SPACECRAFT_NAME")
    assert md["TILE"] == product.split("_T")[1][:5]
    assert md["CLOUD_COVER"] == _tag(s2_tile_mtd(product), "CLOUDY_PIXEL_PERCENTAGE")
    assert ds.GetRasterBand(1).GetNoDataValue() != ds.GetRasterBand(1).GetNoDataValue()  # NaN
    assert res["covered_fraction"] == pytest.approx(1 - 2 / 3600)


def test_velocity_reads_the_acquisition_dates(tmp_path):
    from sensetrack.core.postprocess.velocity import resolve_dates

    a = read_sentinel2(make_s2(str(tmp_path / "a"), L2A_N0400), str(tmp_path / "a.tif"))["output"]
    b = read_sentinel2(make_s2(str(tmp_path / "b"), L2A_N0509), str(tmp_path / "b.tif"))["output"]
    d0, d1, origin = resolve_dates({"SENSETRACK_REFERENCE": a, "SENSETRACK_TARGET": b})
    assert (d0.isoformat(), d1.isoformat()) == ("2022-04-13T15:08:07.846358", "2023-08-21T22:20:45.625508")
    assert "SENSETRACK_ACQUISITION_DATE" in origin


def test_scl_classes_masked_and_snow_optional(tmp_path):
    dn = np.full((60, 60), 3000, np.uint16)
    scl = np.full((30, 30), 4, np.uint8)
    classes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    for k, c in enumerate(classes):
        scl[2, 2 * k] = c
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn}, scl=scl)
    out = read_band(read_sentinel2(safe, str(tmp_path / "a.tif"))["output"])
    out_snow = read_band(read_sentinel2(safe, str(tmp_path / "b.tif"), mask_snow=True)["output"])
    for k, c in enumerate(classes):
        block = out[4:6, 4 * k:4 * k + 2]  # the 20 m SCL pixel is 2 x 2 pixels of 10 m
        masked = c in (0, 1, 3, 8, 9, 10)
        assert np.isnan(block).all() == masked and np.isfinite(block).all() == (not masked), c
        assert np.isnan(out_snow[4:6, 4 * k:4 * k + 2]).all() == (masked or c == 11), c
    assert np.isfinite(out).sum() == 3600 - 4 * 6
    assert np.nanmax(out) == np.nanmin(out) == np.float32(0.2)  # (3000 - 1000) / 10000


def test_dilation_grows_clouds_by_a_disc_and_reaches_in_from_outside_the_aoi(tmp_path):
    dn = np.full((60, 60), 2500, np.uint16)
    scl = np.full((30, 30), 4, np.uint8)
    scl[10, 10] = 9  # 10 m pixels rows/cols 20-21
    scl[10, 28] = 8  # rows 20-21, cols 56-57: outside the AOI below
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn}, scl=scl)
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    aoi = Aoi.from_extent((x0, y0 - 600, x0 + 550, y0), f"EPSG:{epsg}")  # columns 0-54
    out = read_band(read_sentinel2(safe, str(tmp_path / "d.tif"), dilation=3, aoi=aoi)["output"])
    assert out.shape == (60, 55)
    rows, cols = np.mgrid[0:60, 0:55]

    def dist(r0, r1, c0, c1):  # distance from each pixel to the nearest pixel of a block
        dr = np.maximum(np.maximum(r0 - rows, rows - r1), 0)
        dc = np.maximum(np.maximum(c0 - cols, cols - c1), 0)
        return np.hypot(dr, dc)

    expected = (dist(20, 21, 20, 21) <= 3) | (dist(20, 21, 56, 57) <= 3)
    np.testing.assert_array_equal(np.isnan(out), expected)
    assert expected[:, 55 - 1].any()  # the cloud outside the AOI reaches in


def test_dilate_is_a_euclidean_disc():
    m = np.zeros((9, 9), bool)
    m[4, 4] = True
    d = dilate(m, 2)
    rr, cc = np.mgrid[0:9, 0:9]
    np.testing.assert_array_equal(d, (rr - 4) ** 2 + (cc - 4) ** 2 <= 4)


def test_l1c_gml_cloud_polygons_mask_pixel_centres_inside(tmp_path):
    epsg, ulx, uly = s2_tile_grid(L1C_N0301)
    x0, y0 = ulx + 1200, uly - 600
    # a cloud over columns 10-19, rows 5-14 (edges on pixel edges: centres are clearly in or out)
    poly = f"POLYGON (({x0 + 100} {y0 - 50}, {x0 + 200} {y0 - 50}, {x0 + 200} {y0 - 150}, {x0 + 100} {y0 - 150}, " \
           f"{x0 + 100} {y0 - 50}))"
    dn = np.full((60, 60), 1500, np.uint16)
    safe = make_s2(str(tmp_path / "p"), L1C_N0301, {"B08": dn}, clouds=[poly])
    res = read_sentinel2(safe, str(tmp_path / "c.tif"))
    out = read_band(res["output"])
    expected = np.zeros((60, 60), bool)
    expected[5:15, 10:20] = True
    np.testing.assert_array_equal(np.isnan(out), expected)
    assert np.nanmin(out) == np.float32(0.15)  # N0301: no offset
    assert res["valid_fraction"] == pytest.approx(1 - 100 / 3600)
    assert "MSK_CLOUDS" in gdal.Open(res["output"]).GetMetadata()["CLOUD_MASK"]
    # masks off: nothing masked
    assert np.isfinite(read_band(read_sentinel2(safe, str(tmp_path / "n.tif"), mask_clouds=False)["output"])).all()


def test_msk_classi_raster_bands(tmp_path):
    """MSK_CLASSI (opaque, cirrus, snow; 60 m) read at the path the N0509 tile metadata lists."""
    from sensetrack.core.optical import open_sentinel2
    from sensetrack.core.optical.grid import Grid
    from sensetrack.core.optical.masks import RasterMask

    classi = np.zeros((3, 10, 10), np.uint8)
    classi[0, 1, 1] = 1  # opaque
    classi[1, 2, 3] = 1  # cirrus
    classi[2, 5, 5] = 1  # snow
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, classi=classi)
    with open_sentinel2(safe) as p:
        rel = p.mask_files["MSK_CLASSI"]
        b08 = p.band_file("B08")
        mask = RasterMask("classi", p.source.gdal_path(rel), rel)
        ds = gdal.Open(b08.path)
        grid = Grid(ds.GetProjection(), ds.GetGeoTransform(), 60, 60)
        hard, cloud = mask.flags(grid, snow=False)
        _, cloud_snow = mask.flags(grid, snow=True)
    expected = np.zeros((60, 60), bool)
    expected[6:12, 6:12] = expected[12:18, 18:24] = True
    np.testing.assert_array_equal(cloud, expected)
    expected[30:36, 30:36] = True
    np.testing.assert_array_equal(cloud_snow, expected)
    assert not hard.any()


def test_inputs_zip_safe_and_mtd_give_the_same_result(tmp_path):
    dn = texture(60, 60, seed=5)
    safe = make_s2(str(tmp_path / "f"), L2A_N0509, {"B08": dn})
    zipped = make_s2(str(tmp_path / "z"), L2A_N0509, {"B08": dn}, as_zip=True)
    a = read_band(read_sentinel2(safe, str(tmp_path / "a.tif"))["output"])
    b = read_band(read_sentinel2(zipped, str(tmp_path / "b.tif"))["output"])
    c = read_band(read_sentinel2(os.path.join(safe, "MTD_MSIL2A.xml"), str(tmp_path / "c.tif"))["output"])
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    assert sorted(os.listdir(tmp_path)) == ["a.tif", "b.tif", "c.tif", "f", "z"]  # nothing else written


def test_20m_band_with_and_without_resampling_to_10m(tmp_path):
    b8a = np.arange(900, dtype=np.uint16).reshape(30, 30) + 2000
    b08 = np.full((60, 60), 3000, np.uint16)
    safe = make_s2(str(tmp_path / "p"), L2A_N0400, {"B08": b08, "B8A": b8a})
    alone = read_sentinel2(safe, str(tmp_path / "a.tif"), bands=["B8A"])
    assert gdal.Open(alone["output"]).GetGeoTransform()[1] == 20.0
    np.testing.assert_array_equal(read_band(alone["output"]), _expected(b8a, -1000))
    both = read_sentinel2(safe, str(tmp_path / "b.tif"), bands=["B08", "8a"], resampling="near")
    out = gdal.Open(both["output"])
    assert out.GetGeoTransform()[1] == 10.0 and band_names(both["output"]) == ["B08", "B8A"]
    np.testing.assert_array_equal(read_band(both["output"], 2), np.kron(_expected(b8a, -1000), np.ones((2, 2))))
    forced = read_sentinel2(safe, str(tmp_path / "c.tif"), bands=["B8A"], resample_10m=True, resampling="near")
    np.testing.assert_array_equal(read_band(forced["output"]), np.kron(_expected(b8a, -1000), np.ones((2, 2))))


def test_partial_aoi_coverage_is_nan_outside_with_the_covered_fraction(tmp_path):
    dn = np.full((60, 60), 2000, np.uint16)
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn})
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    # 40 columns inside the stand-in, 40 to its right (the rest of the tile is not in the stand-in)
    aoi = Aoi.from_extent((x0 + 200, y0 - 300, x0 + 1000, y0), f"EPSG:{epsg}")
    log = Log()
    messages = log.messages
    res = read_sentinel2(safe, str(tmp_path / "p.tif"), aoi=aoi, monitor=log)
    out = read_band(res["output"])
    assert out.shape == (30, 80)
    assert gdal.Open(res["output"]).GetGeoTransform()[:4] == (x0 + 200, 10.0, 0.0, y0)
    assert np.isfinite(out[:, :40]).all() and np.isnan(out[:, 40:]).all()
    assert res["covered_fraction"] == 0.5
    assert any("covers 50.0 %" in m for m in messages)


def test_aoi_in_another_crs_and_output_in_a_chosen_crs(tmp_path):
    from osgeo import osr

    dn = np.full((60, 60), 2200, np.uint16)
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn})
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(epsg)
    ll = osr.SpatialReference()
    ll.ImportFromEPSG(4326)
    for s in (utm, ll):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = osr.CoordinateTransformation(utm, ll)
    (lon0, lat0, _), (lon1, lat1, _) = tr.TransformPoint(x0 + 105, y0 - 495), tr.TransformPoint(x0 + 495, y0 - 105)
    aoi = Aoi.from_extent((min(lon0, lon1), min(lat0, lat1), max(lon0, lon1), max(lat0, lat1)), "EPSG:4326")
    res = read_sentinel2(safe, str(tmp_path / "a.tif"), aoi=aoi)
    gt = gdal.Open(res["output"]).GetGeoTransform()
    # on the tile grid (multiples of 10 m from the tile origin) and containing the AOI's corners
    assert (gt[0] - ulx) % 10 == 0 and (gt[3] - uly) % 10 == 0
    assert gt[0] <= x0 + 105 and gt[3] >= y0 - 105
    assert np.nanmax(read_band(res["output"])) == np.float32(0.12)
    warped = read_sentinel2(safe, str(tmp_path / "w.tif"), aoi=aoi, target_crs="EPSG:32601", pixel_size=20)
    ds = gdal.Open(warped["output"])
    assert ds.GetSpatialRef().GetAuthorityCode(None) == "32601"
    gt = ds.GetGeoTransform()
    assert gt[1] == 20 and gt[0] % 20 == 0 and gt[3] % 20 == 0
    vals = read_band(warped["output"])
    assert np.isfinite(vals).mean() > 0.5 and np.nanmax(np.abs(vals - np.float32(0.12))) < 1e-6


def test_l1c_mask_selection_classi_first_then_gml_then_a_warning(tmp_path):
    """Baseline >= 04.00 L1C tiles list MSK_CLASSI_B00.jp2 instead of MSK_CLOUDS_B00.gml; no such real
    metadata is in the test data, so the N0301 tile metadata is edited (in the temporary copy) to list it."""
    dn = np.full((60, 60), 1800, np.uint16)
    classi = np.zeros((3, 10, 10), np.uint8)
    classi[0, 0, 0] = 1
    safe = make_s2(str(tmp_path / "c"), L1C_N0301, {"B08": dn}, classi=classi, skip=("MSK_CLOUDS",))
    tl = [os.path.join(b, "MTD_TL.xml") for b, _, n in os.walk(safe) if "MTD_TL.xml" in n][0]
    text = open(tl, encoding="utf-8").read()
    with open(tl, "w", encoding="utf-8") as fh:
        fh.write(text.replace('type="MSK_CLOUDS">', 'type="MSK_CLASSI">').replace("MSK_CLOUDS_B00.gml",
                                                                                  "MSK_CLASSI_B00.jp2"))
    res = read_sentinel2(safe, str(tmp_path / "c.tif"))
    out = read_band(res["output"])
    assert np.isnan(out[:6, :6]).all() and np.isfinite(out).sum() == 3600 - 36
    assert "MSK_CLASSI" in gdal.Open(res["output"]).GetMetadata()["CLOUD_MASK"]
    # the listed GML absent: read, clouds not masked, and the log says so
    bare = make_s2(str(tmp_path / "g"), L1C_N0301, {"B08": dn}, skip=("MSK_CLOUDS",))
    log = Log()
    messages = log.messages
    res = read_sentinel2(bare, str(tmp_path / "g.tif"), monitor=log)
    assert np.isfinite(read_band(res["output"])).all()
    assert any("MSK_CLOUDS_B00.gml" in m and "NOT masked" in m for m in messages)
    assert gdal.Open(res["output"]).GetMetadata()["CLOUD_MASK"] == "none"


def test_block_by_block_equals_one_block_with_dilation_across_blocks(tmp_path):
    from sensetrack.core.optical import open_sentinel2
    from sensetrack.core.optical.reader import read_scene

    scl = np.full((30, 30), 4, np.uint8)
    scl[6, 5] = 9  # rows 12-13 of 10 m: the dilation crosses block edges at rows 7, 14, 21
    scl[20:22, 20:24] = 3
    dn = texture(60, 60, seed=12)
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn}, scl=scl)
    with open_sentinel2(safe) as p:
        whole = read_scene(p.scene(["B08"]), str(tmp_path / "w.tif"), ["B08"], dilation=4)
        blocks = read_scene(p.scene(["B08"]), str(tmp_path / "b.tif"), ["B08"], dilation=4, block_pixels=60 * 7)
    a, b = read_band(whole["output"]), read_band(blocks["output"])
    np.testing.assert_array_equal(a, b)
    assert np.isnan(a[8:18, 6:16]).sum() > 40  # the dilated cloud spans several blocks
    assert whole["valid_fraction"] == blocks["valid_fraction"]
    assert gdal.Open(blocks["output"]).GetMetadata()["VALID_FRACTION"] == f"{blocks['valid_fraction']:.6f}"


def test_cloud_gml_parsing_types_holes_and_3d_coordinates():
    from sensetrack.core.errors import InputError
    from sensetrack.core.optical.masks import parse_cloud_gml

    def feature(mtype, rings, dim=2):
        parts = "".join(f'<gml:{k}><gml:LinearRing><gml:posList srsDimension="{dim}">{p}</gml:posList>'
                        f'</gml:LinearRing></gml:{k}>' for k, p in rings)
        return (f'<eop:MaskFeature gml:id="{mtype}.0"><eop:maskType>{mtype}</eop:maskType><eop:extentOf>'
                f'<gml:Polygon gml:id="p">{parts}</gml:Polygon></eop:extentOf></eop:MaskFeature>')

    outer = "0 0 100 0 100 100 0 100 0 0"
    hole = "40 40 60 40 60 60 40 60 40 40"
    cirrus3d = "200 0 5 300 0 5 300 100 5 200 100 5 200 0 5"
    doc = ('<eop:Mask xmlns:eop="http://www.opengis.net/eop/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">'
           '<eop:maskMembers>' + feature("OPAQUE", [("exterior", outer), ("interior", hole)])
           + feature("CIRRUS", [("exterior", cirrus3d)], dim=3) + feature("OTHER", [("exterior", outer)])
           + "</eop:maskMembers></eop:Mask>").encode()
    polys = parse_cloud_gml(doc, "MSK_CLOUDS_B00.gml")
    assert [round(p.GetArea()) for p in polys] == [10000 - 400, 10000]
    empty = b'<eop:Mask xmlns:eop="http://www.opengis.net/eop/2.0"><eop:maskMembers/></eop:Mask>'
    assert parse_cloud_gml(empty, "x.gml") == []
    with pytest.raises(InputError, match="not valid XML"):
        parse_cloud_gml(b"<eop:Mask", "x.gml")


def test_warp_to_another_crs_uses_the_chosen_resampling(tmp_path):
    """A DN ramp along x warped to the next UTM zone at the same 10 m: bilinear is exact on a ramp, nearest
    neighbour is off by up to half a step."""
    from osgeo import osr

    cols = np.arange(60, dtype=np.uint16)
    dn = np.tile(2000 + 10 * cols, (60, 1)).astype(np.uint16)
    safe = make_s2(str(tmp_path / "p"), L2A_N0509, {"B08": dn})
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    out = {}
    for method in ("bilinear", "near"):
        res = read_sentinel2(safe, str(tmp_path / f"{method}.tif"), target_crs="EPSG:32602", resampling=method)
        ds = gdal.Open(res["output"])
        out[method] = (ds.GetRasterBand(1).ReadAsArray(), ds.GetGeoTransform())
    arr, gt = out["bilinear"]
    rows, cc = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    xs, ys = gt[0] + (cc + 0.5) * gt[1], gt[3] + (rows + 0.5) * gt[5]
    a, b = osr.SpatialReference(), osr.SpatialReference()
    a.ImportFromEPSG(32602)
    b.ImportFromEPSG(epsg)
    for s in (a, b):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pts = np.array(osr.CoordinateTransformation(a, b).TransformPoints(np.c_[xs.ravel(), ys.ravel()]))
    col = ((pts[:, 0] - x0) / 10 - 0.5).reshape(arr.shape)  # continuous column of each output pixel centre
    row = ((y0 - pts[:, 1]) / 10 - 0.5).reshape(arr.shape)
    interior = (col > 1) & (col < 58) & (row > 1) & (row < 58) & np.isfinite(arr)
    assert interior.sum() > 1500
    truth = (2000 + 10 * col - 1000) / 10000
    assert np.abs(arr - truth)[interior].max() < 2e-6
    assert np.abs(out["near"][0] - truth)[interior].max() > 4e-4
