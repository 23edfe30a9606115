"""Sentinel-1 products distributed as cloud-optimised GeoTIFF (``..._COG.SAFE``, ``-cog.tiff``).

The product is the real-metadata fixture of tests/s1_fixture.py renamed the way
the Copernicus Data Space Ecosystem's conversion renames it (eu-cdse/utilities
GRD2COG.sh): a new product id followed by ``_COG``, and ``-cog`` appended to the
measurement, annotation, calibration and noise file names.
"""
import os
import shutil
import zipfile

import numpy as np
import pytest
from osgeo import gdal

from helpers import needs_shared_data
from s1_fixture import GRD, cog_name, make_cog_safe, make_grd_safe
from sensetrack.core.errors import InputError
from sensetrack.core.sentinel1.grd import grd_to_geotiff
from sensetrack.core.sentinel1.naming import parse_product_name
from sensetrack.core.sentinel1.product import open_product
from sensetrack.core.snap import s1_output_name

pytestmark = needs_shared_data


@pytest.mark.parametrize("platform", ["S1A", "S1B", "S1C", "S1D"])
@pytest.mark.parametrize("suffix", [".SAFE", ".SAFE.zip", ".zip", ".SAFE/manifest.safe"])
def test_cog_names_of_every_platform(platform, suffix):
    stem = f"{platform}_IW_GRDH_1SDV_20231013T094921_20231013T094946_050745_061D71_554A_COG"
    n = parse_product_name(f"/data/{stem}{suffix}")
    assert n.cog and n.platform == platform and n.product_id == "554A" and n.name == stem
    assert n.datatake_id == "061D71" and n.absolute_orbit == 50745 and n.describe()["cog"] is True
    plain = parse_product_name(f"/data/{stem[:-4]}{suffix}")
    assert not plain.cog and plain.start == n.start


@pytest.mark.parametrize("bad", ["S1A_IW_GRDH_1SDV_20231013T094921_20231013T094946_050745_061D71_554A_COGX.zip",
                                 "S1A_IW_GRDH_1SDV_20231013T094921_20231013T094946_050745_061D71_COG.zip"])
def test_malformed_cog_names_are_refused(bad):
    with pytest.raises(InputError, match="not a Sentinel-1 product name.*_COG.SAFE"):
        parse_product_name(bad)


def test_cog_product_finds_every_companion_file(tmp_path):
    safe = make_cog_safe(str(tmp_path))
    assert os.path.basename(safe) == cog_name(GRD) + ".SAFE"
    with open_product(safe) as p:
        assert p.name.cog and p.name.product_type == "GRD"
        (entry,) = p.annotations
        assert entry.measurement.endswith("-001-cog.tiff") and entry.annotation.endswith("-001-cog.xml")
        assert entry.calibration.endswith("-cog.xml") and entry.noise.endswith("-cog.xml")
        assert p.manifest["relative_orbit"] == 168 and p.polarisations == ["VV", "VH"]


def test_cog_measurement_with_plain_annotation_names(tmp_path):
    """A product whose measurement alone carries -cog (companions not renamed) still reads."""
    safe = make_cog_safe(str(tmp_path))
    for sub in ("annotation", "annotation/calibration"):
        for f in os.listdir(os.path.join(safe, sub)):
            if f.endswith("-cog.xml"):
                os.rename(os.path.join(safe, sub, f), os.path.join(safe, sub, f.replace("-cog.xml", ".xml")))
    with open_product(safe) as p:
        (entry,) = p.annotations
        assert entry.measurement.endswith("-cog.tiff") and entry.calibration and entry.noise


def test_s1grd_on_cog_equals_the_plain_product(tmp_path):
    plain = make_grd_safe(str(tmp_path / "plain"))
    cog = make_cog_safe(str(tmp_path / "cog"))
    a = grd_to_geotiff(plain, str(tmp_path / "a.tif"), pixel_size=1000.0, db=True)
    b = grd_to_geotiff(cog, str(tmp_path / "b.tif"), pixel_size=1000.0, db=True)
    assert a["band"] == b["band"] == "SIGMA0_VV_DB"
    da, db_ = gdal.Open(a["output"]), gdal.Open(b["output"])
    assert da.GetGeoTransform() == db_.GetGeoTransform()
    np.testing.assert_array_equal(da.ReadAsArray(), db_.ReadAsArray())
    assert db_.GetMetadataItem("SENSETRACK_SOURCE") == cog_name(GRD)


def test_zipped_cog_product_and_snap_batch_name(tmp_path):
    safe = make_cog_safe(str(tmp_path / "x"))
    zpath = str(tmp_path / (cog_name(GRD) + ".SAFE.zip"))
    with zipfile.ZipFile(zpath, "w") as zf:
        for d, _, files in os.walk(safe):
            for f in files:
                full = os.path.join(d, f)
                zf.write(full, os.path.relpath(full, os.path.dirname(safe)))
    with open_product(zpath) as p:
        assert p.name.cog and p.annotations[0].measurement.endswith("-cog.tiff")
    plain = make_grd_safe(str(tmp_path / "y"))
    assert s1_output_name(zpath, "s1_grd", "aoi") == s1_output_name(plain, "s1_grd", "aoi")
    assert s1_output_name(zpath, "s1_grd", "aoi").startswith("D_aoi_168_20210401T")
    shutil.rmtree(safe)
