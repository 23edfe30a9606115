"""COSMO-SkyMed and PRISMA readers on specification-faithful fixtures (tests/product_fixtures.py)."""
import json

import numpy as np
import pytest
from helpers import band_names, read_band
from osgeo import gdal
from product_fixtures import CSG_NAME, CSK_NAME, write_csg, write_csk, write_prisma

from sensetrack.core.cosmo import amplitude, open_cosmo, parse_cosmo_name, quicklook
from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.prisma import extract, open_prisma

pytest.importorskip("h5py", reason="h5py writes the HDF5 fixtures (apt: python3-h5py, installed by make test)")


def test_csk_name_decoding():
    info = parse_cosmo_name(f"/data/{CSK_NAME}.h5")
    assert info["mission"] == "CSK" and info["satellite"] == "S2" and info["product_type"] == "SCS_B"
    assert info["mode"] == "Himage" and info["polarisation"] == "HH"
    assert info["look_side"] == "Right" and info["orbit_direction"] == "Ascending"
    assert info["delivery_mode"] == "Standard" and info["selective_availability"] == "OFF"
    assert info["start"] == "2020-01-01T05:25:12"


def test_csg_name_decoding_keeps_both_squint_digits():
    info = parse_cosmo_name(CSG_NAME)
    assert info["mission"] == "CSG" and info["range_looks"] == 1 and info["azimuth_looks"] == 1
    assert info["mode"] == "Stripmap" and info["orbit_quality"] == "Filtered"
    assert info["east_location"] == "UTM zone 32" and info["scene_centre_latitude"] == 44
    assert info["squint_angle"] == 12 and "12 deg" in info["squint"]  # the original said 1
    with pytest.raises(InputError, match="Z00-Z61"):
        parse_cosmo_name(CSG_NAME.replace("_Z32_", "_Z77_"))
    with pytest.raises(InputError, match="not a COSMO-SkyMed"):
        parse_cosmo_name("S1A_IW_GRDH_1SDV_20210401T052623_20210401T052648_026269_032297_ECC8")


def test_csk_metadata_footprint_and_amplitude(tmp_path):
    path = write_csk(str(tmp_path))
    p = open_cosmo(path)
    assert p.mission == "CSK" and p.complex and (p.rows, p.cols) == (40, 50)
    assert p.mean_incidence_angle == pytest.approx(32.0)
    assert p.footprint_wkt().startswith("POLYGON((10.00000000 45.00000000, 10.20000000 45.00000000")
    res = amplitude(path, str(tmp_path / "amp.tif"))
    amp = read_band(res["output"])
    assert amp[30, 10] == pytest.approx(5.0) and amp[5, 10] == pytest.approx(10.0)  # |3+4i|, |6+8i|
    ds = gdal.Open(res["output"])
    assert ds.GetGCPCount() == 4 and ds.GetMetadataItem("ACQUISITION_START_TIME") == "2020-01-01T05:25:12"
    warped = amplitude(path, str(tmp_path / "utm.tif"), target_crs="EPSG:32632", pixel_size=500.0)["output"]
    gt = gdal.Open(warped).GetGeoTransform()
    assert gt[1] == pytest.approx(500.0) and 570000 < gt[0] < 600000  # 10.0 E is ~578 km east in UTM 32


def test_csg_detected_image_and_incidence_from_root(tmp_path):
    path = write_csg(str(tmp_path))
    p = open_cosmo(path)
    assert p.mission == "CSG" and not p.complex and p.incidence == (25.0, 29.0)
    assert np.all(read_band(amplitude(path, str(tmp_path / "a.tif"))["output"]) == 2.5)


def test_quicklook_png_and_geotiff(tmp_path):
    path = write_csk(str(tmp_path))
    png = quicklook(path, str(tmp_path / "q.png"))["output"]
    assert gdal.Open(png).GetDriver().ShortName == "PNG"
    np.testing.assert_array_equal(read_band(png), np.arange(500, dtype=np.uint8).reshape(20, 25))
    tif = quicklook(path, str(tmp_path / "q.tif"))["output"]
    assert gdal.Open(tif).GetGCPCount() == 4


def test_hdf5_of_another_mission_is_refused(tmp_path):
    path = write_prisma(str(tmp_path))
    with pytest.raises(InputError, match="not a COSMO-SkyMed product"):
        open_cosmo(path)
    csk = write_csk(str(tmp_path))
    with pytest.raises(InputError, match="not a PRISMA product"):
        open_prisma(csk)
    broken = tmp_path / "broken.h5"
    broken.write_bytes(open(csk, "rb").read()[:600])
    with pytest.raises(InputError):
        amplitude(str(broken), str(tmp_path / "o.tif"))
    assert not (tmp_path / "o.tif").exists()


def test_prisma_wavelengths_sorted_flagged_dropped(tmp_path):
    p = open_prisma(write_prisma(str(tmp_path)))
    assert p.level == "2D"
    assert [b.wavelength for b in p.bands("vnir")] == [410.0, 498.0, 502.0]
    assert [b.index for b in p.bands("vnir")] == [3, 2, 1]
    table = p.wavelength_table()
    assert {"cube": "swir", "band": 2, "wavelength_nm": 1650.0, "fwhm_nm": 11.0} in table
    json.dumps(p.info())


def test_prisma_l2d_extract_scaled_and_georeferenced(tmp_path):
    path = write_prisma(str(tmp_path), rows=12, cols=15)
    out = extract(path, str(tmp_path / "v.tif"), "vnir", wavelengths=[500.5, 410])["output"]
    assert band_names(out) == ["VNIR_0502.0nm", "VNIR_0410.0nm"]
    band = read_band(out, 1)  # cube index 1 (0-based): DN = 2000 + column; reflectance = DN * 1e-5
    assert band[3, 4] == pytest.approx((2000 + 4) * 1e-5, rel=1e-5)
    ds = gdal.Open(out)
    assert ds.GetGeoTransform() == pytest.approx((600000.0, 30.0, 0.0, 5000360.0, 0.0, -30.0))
    assert ds.GetRasterBand(1).GetMetadataItem("WAVELENGTH") == "502.000"
    pan = extract(path, str(tmp_path / "p.tif"), "pan")["output"]  # PAN always failed in the original
    assert read_band(pan)[0, 0] == pytest.approx(700 * 1e-5, rel=1e-5)
    assert gdal.Open(pan).GetGeoTransform()[1] == pytest.approx(5.0)


@pytest.mark.parametrize("level", ["1", "2B", "2C"])
def test_prisma_sensor_geometry_levels_are_geolocated(tmp_path, level):
    path = write_prisma(str(tmp_path), level=level, name=f"PRS_L{level}_STD")
    out = extract(path, str(tmp_path / "s.tif"), "vnir", bands=[4])["output"]
    ds = gdal.Open(out)
    gt = ds.GetGeoTransform()
    assert 9.99 < gt[0] < 10.01 and 44.99 < gt[3] < 45.01  # lon/lat of the first pixel
    data = read_band(out)
    expected = (4000 + np.arange(15)) * (1e-2 if level == "1" else 1e-5)  # L1 radiance = DN / 100
    assert np.nanmax(data) == pytest.approx(expected.max(), rel=0.02)


def test_prisma_bad_requests(tmp_path):
    path = write_prisma(str(tmp_path))
    with pytest.raises(InputError, match="level 2D product, not 2C"):
        extract(path, str(tmp_path / "o.tif"), expected_level="2C")
    with pytest.raises(ParameterError, match="not delivered"):
        extract(path, str(tmp_path / "o.tif"), "vnir", bands=[1])  # band 1 is flagged (wavelength 0)
    with pytest.raises(ParameterError, match="No VNIR band near"):
        extract(path, str(tmp_path / "o.tif"), "vnir", wavelengths=[900])
    assert not (tmp_path / "o.tif").exists()
