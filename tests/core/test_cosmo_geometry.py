"""COSMO-SkyMed DGM/GEC products, map grids, corner GCPs and sigma0 calibration (tests/product_fixtures.py)."""
import math
import os

import numpy as np
import pytest
from helpers import read_band
from osgeo import gdal, osr
from product_fixtures import (CORNERS, CSG_GEC_NAME, GEC_TOP_LEFT, INCIDENCE, RADIOMETRY, write_csg, write_csg_gec,
                              write_csk, write_csk_dgm, write_csk_gec)

from sensetrack.core.cosmo import amplitude, open_cosmo
from sensetrack.core.errors import InputError, ParameterError

pytest.importorskip("h5py", reason="h5py writes the HDF5 fixtures")


def _epsg(path):
    srs = osr.SpatialReference(wkt=gdal.Open(path).GetProjection())
    return srs.GetAuthorityCode(None)


def test_dgm_image_in_sbi_and_gcps_at_outer_corners(tmp_path):
    p = open_cosmo(write_csk_dgm(str(tmp_path), rows=24, cols=32))
    assert p.image == "/S01/SBI" and not p.complex and p.product_type == "DGM_B" and not p.is_map_product
    assert p.polarisation == "HH" and p.incidence == INCIDENCE
    out = amplitude(p.path, str(tmp_path / "dgm.tif"))["output"]
    np.testing.assert_array_equal(read_band(out)[5], 10.0 + np.arange(32))
    ds = gdal.Open(out)
    gcps = {(g.GCPPixel, g.GCPLine): (g.GCPX, g.GCPY) for g in ds.GetGCPs()}
    # GDAL's CaptureCSKGCPs and SNAP: corners at pixel/line 0 and the image size, not at centres 0.5
    assert gcps == {(0.0, 0.0): (10.0, 45.0), (32.0, 0.0): (10.2, 45.0), (32.0, 24.0): (10.2, 44.8),
                    (0.0, 24.0): (10.0, 44.8)}
    assert ds.GetMetadataItem("GEOREFERENCING").startswith("corner coordinates")


def test_scs_gcps_follow_the_image_size(tmp_path):
    p = open_cosmo(write_csk(str(tmp_path), rows=40, cols=50))
    assert sorted(g[:2] for g in p.gcps()) == [(0.0, 0.0), (0.0, 40.0), (50.0, 0.0), (50.0, 40.0)]
    tl = next(g for g in p.gcps() if g[:2] == (0.0, 0.0))
    assert tl[2:] == (CORNERS["Top Left"][1], CORNERS["Top Left"][0])


def test_gec_exact_map_grid(tmp_path):
    path = write_csk_gec(str(tmp_path), rows=20, cols=30)
    p = open_cosmo(path)
    assert p.image == "/S01/SBI" and p.is_map_product
    res = amplitude(path, str(tmp_path / "gec.tif"))
    ds = gdal.Open(res["output"])
    # the grid of GDAL's autotest CSK_GEC.h5: origin 275592.5, 4998152.5, 2.5 m, UTM 33 N (central meridian 15)
    assert ds.GetGeoTransform() == (GEC_TOP_LEFT[0], 2.5, 0.0, GEC_TOP_LEFT[1], 0.0, -2.5)
    assert _epsg(res["output"]) == "32633" and ds.GetGCPCount() == 0 and res["georeferenced"]
    np.testing.assert_array_equal(read_band(res["output"]), np.arange(600).reshape(20, 30) + 1.0)
    assert ds.GetMetadataItem("GEOREFERENCING") == "map grid of the product"


def test_gec_column_spacing_is_the_x_step(tmp_path):
    path = write_csk_gec(str(tmp_path), column_spacing=2.0, line_spacing=3.0)
    gt = gdal.Open(amplitude(path, str(tmp_path / "g.tif"))["output"]).GetGeoTransform()
    assert gt[1] == 2.0 and gt[5] == -3.0


@pytest.mark.parametrize("kw, epsg", [
    ({"false_en": (500000.0, 10000000.0)}, "32733"),
    ({"centre": (0.0, 9.0)}, "32632"),
    ({"projection": "UPS", "centre": (90.0, 0.0), "scale": 0.994, "false_en": (2000000.0, 2000000.0)}, "32661"),
    ({"projection": "UPS", "centre": (-90.0, 0.0), "scale": 0.994, "false_en": (2000000.0, 2000000.0)}, "32761"),
])
def test_gec_projections_from_the_attributes(tmp_path, kw, epsg):
    path = write_csk_gec(str(tmp_path), **kw)
    assert _epsg(amplitude(path, str(tmp_path / "g.tif"))["output"]) == epsg


@pytest.mark.parametrize("kw, message", [
    ({"projection": "LAMBERT"}, "Projection ID 'LAMBERT'"),
    ({"centre": (0.0, 14.0)}, "not a standard UTM"),
    ({"scale": 0.9999}, "not a standard UTM"),
    ({"projection": "UPS", "centre": (90.0, 0.0)}, "not a standard UPS"),
])
def test_unmappable_gec_is_refused_and_nothing_written(tmp_path, kw, message):
    path = write_csk_gec(str(tmp_path), **kw)
    before = open(path, "rb").read()
    with pytest.raises(InputError, match=message):
        amplitude(path, str(tmp_path / "g.tif"))
    assert not (tmp_path / "g.tif").exists() and open(path, "rb").read() == before


def test_second_generation_gec_and_its_name_zone(tmp_path):
    out = amplitude(write_csg_gec(str(tmp_path)), str(tmp_path / "a.tif"))["output"]
    assert gdal.Open(out).GetGeoTransform() == (GEC_TOP_LEFT[0], 5.0, 0.0, GEC_TOP_LEFT[1], 0.0, -5.0)
    assert _epsg(out) == "32633"
    # no Map Projection parameters: the zone and hemisphere of the name (Z33, 45N)
    bare = write_csg_gec(str(tmp_path), name=CSG_GEC_NAME.replace("_45N_", "_45S_"), map_parameters=False)
    assert _epsg(amplitude(bare, str(tmp_path / "b.tif"))["output"]) == "32733"
    wrong = write_csg_gec(str(tmp_path), name=CSG_GEC_NAME.replace("_Z33_", "_Z32_"))
    with pytest.raises(InputError, match="EPSG:32633 but the file name's zone gives EPSG:32632"):
        amplitude(wrong, str(tmp_path / "c.tif"))
    assert not (tmp_path / "c.tif").exists()


def test_gec_warps_on_its_grid(tmp_path):
    path = write_csk_gec(str(tmp_path))
    out = amplitude(path, str(tmp_path / "ll.tif"), target_crs="EPSG:4326")["output"]
    gt = gdal.Open(out).GetGeoTransform()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(srs, wgs)
    x0, y0 = GEC_TOP_LEFT
    pts = [ct.TransformPoint(x0 + dx, y0 - dy)[:2] for dx in (0, 30 * 2.5) for dy in (0, 20 * 2.5)]
    # the warped grid's west and north edges are the grid footprint's, to within one output pixel
    assert gt[0] == pytest.approx(min(p[0] for p in pts), abs=abs(gt[1]))
    assert gt[3] == pytest.approx(max(p[1] for p in pts), abs=abs(gt[5]))


def _hand_sigma0(power, col, cols, near=INCIDENCE[0], far=INCIDENCE[1], f=RADIOMETRY["Rescaling Factor"]):
    theta = near + (far - near) * (col + 0.5) / cols
    return (power * RADIOMETRY["Reference Slant Range"] ** (2 * RADIOMETRY["Reference Slant Range Exponent"])
            * math.sin(math.radians(theta)) / (f ** 2 * RADIOMETRY["Calibration Constant"]))


def test_scs_sigma0_against_hand_computation(tmp_path):
    path = write_csk(str(tmp_path), rows=40, cols=50)
    lin = amplitude(path, str(tmp_path / "s0.tif"), calibration="sigma0")["output"]
    db = amplitude(path, str(tmp_path / "db.tif"), calibration="sigma0_db")["output"]
    # pixel (30, 10): I=3, Q=4 -> P = 25; theta = 30 + 4 * 10.5 / 50 = 30.84 deg
    expected = 25 * 4.9e11 * math.sin(math.radians(30.84)) / (4.0 * 1.6e13)
    assert expected == pytest.approx(_hand_sigma0(25, 10, 50))
    assert read_band(lin)[30, 10] == pytest.approx(expected, rel=1e-6)
    assert read_band(lin)[5, 49] == pytest.approx(_hand_sigma0(100, 49, 50), rel=1e-6)  # |6+8i|^2, far range
    assert read_band(db)[30, 10] == pytest.approx(10 * math.log10(expected), abs=1e-4)
    ds = gdal.Open(db)
    assert ds.GetRasterBand(1).GetDescription() == "SIGMA0_HH_DB" and np.isnan(ds.GetRasterBand(1).GetNoDataValue())
    assert "Handbook" in ds.GetMetadataItem("CALIBRATION")
    assert gdal.Open(lin).GetRasterBand(1).GetDescription() == "SIGMA0_HH"


def test_dgm_sigma0_with_and_without_incidence_compensation(tmp_path):
    os.makedirs(tmp_path / "a")
    path = write_csk_dgm(str(tmp_path / "a"), rows=4, cols=8)
    s0 = read_band(amplitude(path, str(tmp_path / "s0.tif"), calibration="sigma0")["output"])
    np.testing.assert_allclose(s0[2], [_hand_sigma0((10.0 + c) ** 2, c, 8) for c in range(8)], rtol=1e-6)
    os.makedirs(tmp_path / "b")
    comp = write_csk_dgm(str(tmp_path / "b"), rows=4, cols=8, incidence_compensated=True)
    s1 = read_band(amplitude(comp, str(tmp_path / "s1.tif"), calibration="sigma0")["output"])
    # compensated products: the handbook's sin(reference incidence angle), the same for every column
    expected = [(10.0 + c) ** 2 * 4.9e11 * math.sin(math.radians(30.0)) / (4.0 * 1.6e13) for c in range(8)]
    np.testing.assert_allclose(s1[0], expected, rtol=1e-6)


def test_second_generation_names_and_incidence_from_the_root(tmp_path):
    path = write_csg(str(tmp_path), rows=30, cols=20)
    p = open_cosmo(path)
    assert p.polarisation == "VV" and p.incidence == (25.0, 29.0) and p.product_type == "DGM_B"
    out = amplitude(path, str(tmp_path / "s0.tif"), calibration="sigma0")["output"]
    assert gdal.Open(out).GetRasterBand(1).GetDescription() == "SIGMA0_VV"
    assert read_band(out)[0, 3] == pytest.approx(_hand_sigma0(2.5 ** 2, 3, 20, 25.0, 29.0), rel=1e-6)


def test_calibration_refusals_leave_nothing(tmp_path):
    import h5py

    gec = write_csk_gec(str(tmp_path))
    with pytest.raises(InputError, match="offered for SCS and DGM"):
        amplitude(gec, str(tmp_path / "o.tif"), calibration="sigma0")
    with pytest.raises(ParameterError, match="Unknown calibration 'gamma0'"):
        amplitude(gec, str(tmp_path / "o.tif"), calibration="gamma0")
    csk = write_csk(str(tmp_path))
    with h5py.File(csk, "r+") as f:
        del f["S01"].attrs["Calibration Constant"]
        del f.attrs["Rescaling Factor"]
    with pytest.raises(InputError, match="lacks Rescaling Factor, Calibration Constant"):
        amplitude(csk, str(tmp_path / "o.tif"), calibration="sigma0_db")
    assert not (tmp_path / "o.tif").exists()
    assert read_band(amplitude(csk, str(tmp_path / "o.tif"))["output"])[30, 10] == pytest.approx(5.0)
