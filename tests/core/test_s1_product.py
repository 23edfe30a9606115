"""Sentinel-1 product reading on REAL metadata (/work/shared/data/sentinel1)."""
import os
import json
import xml.etree.ElementTree as ET

import pytest

from helpers import needs_shared_data
from s1_fixture import S1_DATA, GRD, SLC
from sensetrack.core.errors import InputError
from sensetrack.core.sentinel1.naming import parse_product_name, relative_orbit
from sensetrack.core.sentinel1.product import open_product

pytestmark = needs_shared_data


def _manifest_relative_orbit(safe):
    root = ET.parse(os.path.join(safe, "manifest.safe")).getroot()
    el = root.find(".//{http://www.esa.int/safe/sentinel-1.0}relativeOrbitNumber")
    return int(el.text)


@pytest.mark.parametrize("name", [
    "S1C_IW_GRDH_1SDV_20250401T052623_20250401T052648_001269_002297_ECC8.zip",
    "S1D_EW_GRDM_1SDH_20251201T052623_20251201T052648_000269_002297_ABCD.SAFE.zip",
    "S1A_WV_SLC__1SSV_20210403T083025_20210403T084452_037286_046484_8152.SAFE",
])
def test_new_platforms_and_plain_zip_names(name):
    n = parse_product_name(name)
    assert n.platform == name[:3] and n.name == name.split(".")[0]
    assert n.start.year == int(name[17:21])


def test_bad_name_is_a_clear_error():
    with pytest.raises(InputError, match="not a Sentinel-1 product name"):
        parse_product_name("S2A_MSIL1C_20210401T101021_N0300_R022_T32TNR_20210401T121616.zip")


SAFES = sorted(f for f in os.listdir(S1_DATA) if f.endswith(".SAFE")) if os.path.isdir(S1_DATA) else []


@pytest.mark.parametrize("safe", SAFES)
def test_every_real_product_opens_and_orbits_agree(safe):
    path = os.path.join(S1_DATA, safe)
    p = open_product(path)
    d = p.to_dict()
    json.dumps(d)  # serialisable
    truth = _manifest_relative_orbit(path)
    assert d["relative_orbit"] == truth
    # naming's formula agrees with the manifest for S1A/S1B
    assert relative_orbit(p.name.platform, p.name.absolute_orbit) == truth
    assert d["pass"] in ("ASCENDING", "DESCENDING")
    assert d["footprint_wkt"].startswith("POLYGON ((")
    assert d["ascending_node_time"][:4] == "2021" or d["ascending_node_time"][:4] == "2022"


def test_grd_metadata():
    p = open_product(os.path.join(S1_DATA, GRD + ".SAFE", "manifest.safe"))
    assert p.name.product_type == "GRD" and p.manifest["platform"] == "S1B"
    assert p.manifest["pass"] == "DESCENDING" and p.manifest["relative_orbit"] == 168
    assert p.manifest["ascending_node_time"] == "2021-04-01T04:49:55.637823"
    assert p.polarisations == ["VV", "VH"] and p.swaths == ["IW"]
    assert p.range_pixel_spacing == 10.0 and p.azimuth_pixel_spacing == 10.0
    assert p.mean_incidence_angle == pytest.approx(38.92921583041158)
    inc = p.incidence_angles
    assert 29 < inc["near"] < inc["mid"] < inc["far"] < 47
    # footprint: gml lat,lon pairs turned into lon lat
    assert "12.040968 45.614502" in p.manifest["footprint_wkt"]
    # the real GRD subset has no calibration files
    assert all(a.calibration is None for a in p.annotations)


def test_ew_hh_hv_and_sm_and_wv():
    ew = open_product(os.path.join(S1_DATA, "S1A_EW_SLC__1SDH_20210403T122536_20210403T122630_037286_046484_8152.SAFE"))
    assert ew.name.mode == "EW" and ew.polarisations == ["HH", "HV"] and ew.swaths == ["EW1"]
    assert {a.polarisation for a in ew.annotations} == {"HH", "HV"}
    assert ew.azimuth_pixel_spacing > ew.range_pixel_spacing > 0
    sm = open_product(os.path.join(S1_DATA, "S1A_S3_SLC__1SDV_20210401T152855_20210401T152914_037258_04638E_6001.SAFE"))
    assert sm.swaths == ["S3"] and sm.manifest["pass"] == "ASCENDING"
    wv = open_product(os.path.join(S1_DATA, "S1B_WV_SLC__1SSV_20210403T083025_20210403T084452_026300_032390_D542.SAFE"))
    assert wv.name.mode == "WV" and wv.polarisations == ["VV"] and wv.manifest["relative_orbit"] == 24
    assert wv.to_dict()["mean_incidence_angle_deg"] is None  # no annotation in the subset


def test_zip_equals_folder():
    z = open_product(os.path.join(S1_DATA, SLC + ".zip")).to_dict()
    f = open_product(os.path.join(S1_DATA, SLC + ".SAFE")).to_dict()
    for key in ("relative_orbit", "pass", "swaths", "polarisations", "incidence_angles_deg", "footprint_wkt"):
        assert z[key] == f[key]
    assert z["swaths"] == ["IW1", "IW2"]


def test_truncated_zip_is_a_clear_error(tmp_path):
    src = os.path.join(S1_DATA, SLC + ".zip")
    bad = tmp_path / (SLC + ".zip")
    data = open(src, "rb").read()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated or corrupt"):
        open_product(str(bad)).to_dict()


def test_not_a_product(tmp_path):
    with pytest.raises(InputError, match="no manifest.safe"):
        open_product(str(tmp_path))
    with pytest.raises(InputError, match="does not exist"):
        open_product(str(tmp_path / "nothing.zip"))
