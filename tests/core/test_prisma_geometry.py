"""PRISMA geometry as real products have it: L2D corner attributes are pixel centres; L1G geolocation without
suffix and with 65535 fill values (fixtures in tests/product_fixtures.py)."""
import numpy as np
import pytest
from helpers import read_band
from osgeo import gdal, osr
from product_fixtures import REAL_L2D_UL_CENTRE, write_prisma, write_prisma_l2d_real

from sensetrack.core.errors import InputError
from sensetrack.core.prisma import extract, open_prisma
from sensetrack.core.prisma.product import normalise_level

pytest.importorskip("h5py", reason="h5py writes the HDF5 fixtures")


def _centre(gt, col, row):
    return gt[0] + (col + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5]


def test_l2d_real_shaped_product_tables_and_level(tmp_path):
    p = open_prisma(write_prisma_l2d_real(str(tmp_path)))
    assert p.level == "2D"
    vnir, swir = p.bands("vnir"), p.bands("swir")
    assert len(vnir) == 63 and len(swir) == 171  # 3 and 2 flagged bands dropped
    assert vnir[0].wavelength == pytest.approx(402.4) and vnir[0].index == 65  # ascending; last stored first
    assert swir[-1].wavelength == pytest.approx(2496.9) and swir[-1].index == 0
    assert p.scale("vnir") == pytest.approx((1.0 / 65535, 0.0))


@pytest.mark.parametrize("cube, px", [("vnir", 30.0), ("swir", 30.0), ("pan", 5.0)])
def test_l2d_geotransform_to_the_centimetre(tmp_path, cube, px):
    rows, cols = 6, 7
    path = write_prisma_l2d_real(str(tmp_path), rows, cols)
    out = extract(path, str(tmp_path / f"{cube}.tif"), cube)["output"]
    ds = gdal.Open(out)
    gt = ds.GetGeoTransform()
    ul_x, ul_y = REAL_L2D_UL_CENTRE
    # centre rule: origin = upper-left centre - half the nominal pixel; nominal pixel, north-up
    assert gt == pytest.approx((ul_x - px / 2, px, 0.0, ul_y + px / 2, 0.0, -px), abs=0.01)
    assert _centre(gt, 0, 0) == pytest.approx(REAL_L2D_UL_CENTRE, abs=0.01)
    if cube != "pan":  # the four corner attributes are the centres of the four corner pixels
        attrs = open_prisma(path).root
        for corner, (c, r) in {"UR": (cols - 1, 0), "LL": (0, rows - 1), "LR": (cols - 1, rows - 1)}.items():
            assert _centre(gt, c, r) == pytest.approx(
                (attrs[f"Product_{corner}corner_easting"], attrs[f"Product_{corner}corner_northing"]), abs=0.01)
    assert osr.SpatialReference(wkt=ds.GetProjection()).GetAuthorityCode(None) == "32633"
    assert "pixel centres" in ds.GetMetadataItem("GEOREFERENCING")


def test_l2d_values_in_reflectance(tmp_path):
    out = extract(write_prisma_l2d_real(str(tmp_path)), str(tmp_path / "s.tif"), "swir",
                  wavelengths=[2200])["output"]
    assert read_band(out)[2, 3] == pytest.approx(20000 * 0.6 / 65535, rel=1e-6)


@pytest.mark.parametrize("text, name, level", [
    ("1G", "", "1G"), ("L1G2", "", "1G"), ("1G2", "", "1G"), ("1", "PRS_L1G_STD_OFFL_2023.he5", "1G"),
    ("1", "PRS_L1_STD_OFFL_2023.he5", "1"), ("L2D", "", "2D"), ("2c", "", "2C")])
def test_level_strings(text, name, level):
    assert normalise_level(text, name) == level


def test_l1g_geolocation_masks_fill_values(tmp_path):
    path = write_prisma(str(tmp_path), level="1G", rows=12, cols=15, name="PRS_L1G_STD_OFFL_20230101", fill_rows=3)
    p = open_prisma(path)
    assert p.level == "1G" and p.swath == "L1"
    lat_path, lon_path = p.geolocation_paths("vnir")
    assert lat_path.endswith("PRS_L1_HCO/Geolocation Fields/Latitude") and lon_path.endswith("/Longitude")
    lat, lon = p.geolocation("vnir")
    assert np.isnan(lat[:3]).all() and np.isnan(lon[:3]).all() and np.isfinite(lat[3:]).all()
    out = extract(path, str(tmp_path / "g.tif"), "vnir", bands=[4])["output"]
    ds = gdal.Open(out)
    gt = ds.GetGeoTransform()
    # the extent comes from the valid rows only: a fill value read as a coordinate would put a corner at 65535
    north = 45.0 - 0.0003 * 3 + 0.00005 * 14  # northernmost valid pixel centre
    assert 9.99 < gt[0] < 10.01 and north - 0.001 < gt[3] < north + 0.001
    assert gt[0] + gt[1] * ds.RasterXSize < 10.02 and gt[3] + gt[5] * ds.RasterYSize > 44.99
    assert np.nanmax(read_band(out)) == pytest.approx((4000 + 14) / 100.0, rel=0.02)  # L1 radiance DN / 100


def test_l1g_level_1_with_l1g_name(tmp_path):
    import h5py

    path = write_prisma(str(tmp_path), level="1G", name="PRS_L1G2_STD_OFFL_20230101", fill_rows=1)
    with h5py.File(path, "r+") as f:
        f.attrs["Processing_Level"] = np.bytes_("1")
    assert open_prisma(path).level == "1G"
    assert open_prisma(path, expected_level="L1G").level == "1G"


def test_geolocation_all_fill_and_unknown_level_are_clear(tmp_path):
    import h5py

    path = write_prisma(str(tmp_path), level="1G", rows=4, cols=5, name="PRS_L1G_STD_OFFL_x", fill_rows=4)
    with pytest.raises(InputError, match="only fill values"):
        extract(path, str(tmp_path / "o.tif"), "vnir")
    assert not (tmp_path / "o.tif").exists()
    with h5py.File(path, "r+") as f:
        f.attrs["Processing_Level"] = np.bytes_("3X")
    with pytest.raises(InputError, match="Processing_Level '3X'"):
        open_prisma(path)
