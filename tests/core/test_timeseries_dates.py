"""Acquisition dates for time series: metadata, sensor names, dates in names, date table."""
import datetime as dt

import numpy as np
import pytest
from helpers import write_tif
from osgeo import gdal

from sensetrack.core.errors import InputError
from sensetrack.core.timeseries.dates import convention_date, image_date, image_date_with_source, read_date_table

NAMES = [
    # the convention's acquisition date differs from the other dates in the name (processing, generation)
    ("S1A_IW_GRDH_1SDV_20230105T170012_20230105T170037_046651_059767_1A2B.zip", dt.datetime(2023, 1, 5, 17, 0, 12),
     "Sentinel-1"),
    ("S2B_MSIL2A_20230612T101559_N0509_R065_T32TMS_20230612T131040.SAFE", dt.datetime(2023, 6, 12, 10, 15, 59),
     "Sentinel-2"),
    ("T32TMS_20230612T101559_B04_10m.jp2", dt.datetime(2023, 6, 12, 10, 15, 59), "Sentinel-2 tile"),
    ("LC08_L2SP_193028_20230714_20230722_02_T1_SR_B4.TIF", dt.datetime(2023, 7, 14), "Landsat"),
    ("LC09_L1TP_193028_20221002_20230320_02_T1_B8.TIF", dt.datetime(2022, 10, 2), "Landsat"),
    ("CSKS2_DGM_B_HI_05_HH_RA_SF_20230301051500_20230301051507.h5", dt.datetime(2023, 3, 1, 5, 15), "COSMO-SkyMed"),
    ("CSG_SSAR1_DGM_B_0101_STR_003_HH_RA_F_20230302051500_20230302051507_1_F_11N_Z32_N00.h5",
     dt.datetime(2023, 3, 2, 5, 15), "COSMO-SkyMed"),
    ("PRS_L2D_STD_20230405101112_20230405101116_0001.he5", dt.datetime(2023, 4, 5, 10, 11, 12), "PRISMA"),
    ("PRS_L1_STD_OFFL_20230406101112_20230406101116_0001.he5", dt.datetime(2023, 4, 6, 10, 11, 12), "PRISMA"),
    ("20230807_093012_1034_3B_AnalyticMS_SR.tif", dt.datetime(2023, 8, 7, 9, 30, 12), "PlanetScope"),
    ("20230808_093012_64_2405_3B_AnalyticMS_SR_8b.tif", dt.datetime(2023, 8, 8, 9, 30, 12), "PlanetScope"),
]


@pytest.mark.parametrize("name,expected,label", NAMES)
def test_sensor_name_conventions(name, expected, label):
    d, origin = convention_date(name)
    assert d == expected
    assert origin.startswith(label)
    assert image_date("/nonexistent/" + name) == expected


@pytest.mark.parametrize("name,expected", [("slope_20230105.tif", dt.datetime(2023, 1, 5)),
                                           ("slope_2023-01-05.tif", dt.datetime(2023, 1, 5)),
                                           ("img_20230105T101010.tif", dt.datetime(2023, 1, 5, 10, 10, 10))])
def test_dates_in_names(tmp_path, name, expected):
    path = write_tif(tmp_path / name, np.ones((4, 4)))
    d, origin = image_date_with_source(path)
    assert d == expected and origin == "date in the file name"


def test_metadata_comes_first(tmp_path):
    path = write_tif(tmp_path / "S2B_MSIL2A_20230612T101559_x.tif", np.ones((4, 4)))
    ds = gdal.Open(path, gdal.GA_Update)
    ds.SetMetadata({"SENSETRACK_ACQUISITION_DATE": "2021-02-03T04:05:06", "TIFFTAG_DATETIME": "2024:01:01 00:00:00"})
    ds = None
    d, origin = image_date_with_source(path)
    assert d == dt.datetime(2021, 2, 3, 4, 5, 6)
    assert "SENSETRACK_ACQUISITION_DATE" in origin


def test_tiff_datetime_is_not_an_acquisition_date(tmp_path):
    path = write_tif(tmp_path / "nodate.tif", np.ones((4, 4)))
    ds = gdal.Open(path, gdal.GA_Update)
    ds.SetMetadata({"TIFFTAG_DATETIME": "2024:01:01 00:00:00"})
    ds = None
    with pytest.raises(InputError, match="nodate.tif"):
        image_date(path)


def test_date_table(tmp_path):
    a = write_tif(tmp_path / "alpha.tif", np.ones((4, 4)))
    b = write_tif(tmp_path / "beta.tif", np.ones((4, 4)))
    table = tmp_path / "dates.csv"
    table.write_text(f"path,date\n{a},2022-05-01\nbeta,2022-06-01\n")
    t = read_date_table(str(table))
    assert image_date(a, t) == dt.datetime(2022, 5, 1)
    assert image_date(b, t) == dt.datetime(2022, 6, 1)  # matched by the stem
    (tmp_path / "nohead.csv").write_text("alpha.tif;2022-05-02\n")
    assert image_date(a, read_date_table(str(tmp_path / "nohead.csv"))) == dt.datetime(2022, 5, 2)


def test_no_date_names_the_file(tmp_path):
    path = write_tif(tmp_path / "mystery.tif", np.ones((4, 4)))
    with pytest.raises(InputError, match="mystery.tif.*date table"):
        image_date(path)
    with pytest.raises(InputError, match="mystery.tif"):
        image_date(path, {"other.tif": "2022-01-01"})


def test_bad_date_table(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("path,date\na.tif,2022-01-01\nb.tif,yesterday\n")
    with pytest.raises(InputError, match="Line 3.*yesterday"):
        read_date_table(str(bad))
    with pytest.raises(InputError, match="does not exist"):
        read_date_table(str(tmp_path / "none.csv"))
