"""Bad optical inputs: a clear message, no output (not even a partial one), inputs unchanged."""
import hashlib
import os
import zipfile

import numpy as np
import pytest

from helpers import SHARED_DATA
from optical_fixtures import (L1C_N0301, L2A_N0509, L9_L2SP, LANDSAT_DATA, S2_DATA, make_landsat, make_s2,
                              s2_image_stem, s2_tile_grid, texture)
from sensetrack.core.errors import InputError
from sensetrack.core.optical import Aoi, read_landsat, read_sentinel2

pytestmark = pytest.mark.skipif(not (os.path.isdir(S2_DATA) and os.path.isdir(LANDSAT_DATA)),
                                reason="../shared/data is missing")


def _digest(path):
    h = hashlib.sha256()
    for base, _, names in sorted(os.walk(path)) if os.path.isdir(path) else [("", None, [path])]:
        for n in sorted(names):
            with open(os.path.join(base, n), "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def _fails(tmp_path, reader, product, match, **kw):
    out = tmp_path / "out" / "x.tif"
    before = _digest(product)
    with pytest.raises(InputError, match=match):
        reader(product, str(out), **kw)
    assert not out.parent.exists() or os.listdir(out.parent) == []  # no output, no .part left behind
    assert _digest(product) == before


def test_another_mission(tmp_path):
    ls = make_landsat(str(tmp_path / "l"), L9_L2SP, level=1)
    _fails(tmp_path, read_sentinel2, ls, "not a Sentinel-2")
    mtl = os.path.join(ls, [f for f in os.listdir(ls) if f.endswith("MTL.txt")][0])
    _fails(tmp_path, read_sentinel2, mtl, "Landsat MTL")
    s2 = make_s2(str(tmp_path / "s"), L2A_N0509)
    _fails(tmp_path, read_landsat, s2, "not a Landsat")
    _fails(tmp_path, read_landsat, os.path.join(s2, "MTD_MSIL2A.xml"), "Sentinel-2 metadata")
    s1 = os.path.join(SHARED_DATA, "sentinel1",
                      "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4.zip")
    if os.path.exists(s1):
        _fails(tmp_path, read_sentinel2, s1, "MTD_MSIL1C.xml or MTD_MSIL2A.xml")
    # a Landsat 7 MTL
    l7 = make_landsat(str(tmp_path / "l7"), L9_L2SP, mtl_edit=lambda t: t.replace('"LANDSAT_9"', '"LANDSAT_7"'))
    _fails(tmp_path, read_landsat, l7, "Landsat 8 and 9")


def test_another_level(tmp_path):
    safe = make_s2(str(tmp_path / "s"), L1C_N0301)
    mtd = os.path.join(safe, "MTD_MSIL1C.xml")
    text = open(mtd, encoding="utf-8").read().replace("<PRODUCT_TYPE>S2MSI1C<", "<PRODUCT_TYPE>S2MSI1B<")
    os.remove(mtd)
    with open(os.path.join(safe, "MTD_MSIL1B.xml"), "w", encoding="utf-8") as fh:
        fh.write(text.replace("Level-1C", "Level-1B"))
    _fails(tmp_path, read_sentinel2, safe, "Level-1C .S2MSI1C. and Level-2A")
    ls = make_landsat(str(tmp_path / "l"), L9_L2SP, level=2)
    _fails(tmp_path, read_landsat, ls, "no panchromatic band 8", bands=["8"])
    _fails(tmp_path, read_landsat, ls, "no reflective band 10", bands=["10"])


def test_zip_without_the_band(tmp_path):
    zipped = make_s2(str(tmp_path / "z"), L2A_N0509, as_zip=True, skip=("B08",))
    _fails(tmp_path, read_sentinel2, zipped, "lacks the file of band B08")
    _fails(tmp_path, read_sentinel2, zipped, "has no band B10", bands=["B10"])
    tar = make_landsat(str(tmp_path / "t"), L9_L2SP, level=1, as_tar=True, skip=("B8",))
    _fails(tmp_path, read_landsat, tar, "lacks LC09_L1TP_010065_20220129_20220129_02_T1_B8.TIF")


def test_truncated_zip(tmp_path):
    zipped = make_s2(str(tmp_path / "z"), L2A_N0509, as_zip=True)
    data = open(zipped, "rb").read()
    with open(zipped, "wb") as fh:
        fh.write(data[: len(data) // 2])
    _fails(tmp_path, read_sentinel2, zipped, "truncated or corrupt")


def test_corrupt_jpeg2000(tmp_path):
    safe = make_s2(str(tmp_path / "s"), L2A_N0509, {"B08": texture(60, 60)})
    jp2 = os.path.join(safe, s2_image_stem(L2A_N0509, "B08") + ".jp2")
    data = open(jp2, "rb").read()
    with open(jp2, "wb") as fh:  # header kept, code stream cut and scrambled
        fh.write(data[: len(data) // 2] + bytes(range(256)) * 4)
    _fails(tmp_path, read_sentinel2, safe, "corrupt or truncated")
    with open(jp2, "wb") as fh:
        fh.write(b"not a jpeg 2000 file")
    _fails(tmp_path, read_sentinel2, safe, "corrupt or truncated")


def test_metadata_not_matching_the_band_files(tmp_path):
    wrong_zone = make_landsat(str(tmp_path / "z"), L9_L2SP, level=1,
                              mtl_edit=lambda t: t.replace("UTM_ZONE = 17", "UTM_ZONE = 18"))
    _fails(tmp_path, read_landsat, wrong_zone, r"does not match the product metadata.*EPSG:32618")
    moved = make_landsat(str(tmp_path / "m"), L9_L2SP, level=1, mtl_edit=lambda t: t.replace(
        "CORNER_UL_PROJECTION_X_PRODUCT = 492000.000", "CORNER_UL_PROJECTION_X_PRODUCT = 492007.000"))
    _fails(tmp_path, read_landsat, moved, "is not on the metadata grid")
    other = make_landsat(str(tmp_path / "o"), L9_L2SP, level=1, mtl_edit=lambda t: t.replace(
        "LC09_L1TP_010065_20220129_20220129_02_T1_B8.TIF", "LC09_L1TP_010066_20220129_20220129_02_T1_B8.TIF"))
    _fails(tmp_path, read_landsat, other, "MTL belongs to another product")
    # Sentinel-2: a band file on another tile's grid
    safe = make_s2(str(tmp_path / "s"), L2A_N0509)
    tl = [os.path.join(b, "MTD_TL.xml") for b, _, n in os.walk(safe) if "MTD_TL.xml" in n][0]
    text = open(tl, encoding="utf-8").read().replace("<ULX>99960</ULX>", "<ULX>99965</ULX>")
    with open(tl, "w", encoding="utf-8") as fh:
        fh.write(text)
    _fails(tmp_path, read_sentinel2, safe, "is not on the metadata grid")


def test_fully_clouded_aoi_and_aoi_not_touched(tmp_path):
    scl = np.full((30, 30), 4, np.uint8)
    scl[:15, :15] = 9
    scl[15:, :15] = 3
    safe = make_s2(str(tmp_path / "s"), L2A_N0509, scl=scl)
    epsg, ulx, uly = s2_tile_grid(L2A_N0509)
    x0, y0 = ulx + 1200, uly - 600
    clouded = Aoi.from_extent((x0 + 10, y0 - 590, x0 + 290, y0 - 10), f"EPSG:{epsg}")
    _fails(tmp_path, read_sentinel2, safe, "fully clouded", aoi=clouded)
    far = Aoi.from_extent((x0 + 5000, y0 - 5000, x0 + 6000, y0 - 4000), f"EPSG:{epsg}")
    _fails(tmp_path, read_sentinel2, safe, "does not touch the area of interest", aoi=far)
    nodata = make_s2(str(tmp_path / "n"), L2A_N0509, {"B08": np.zeros((60, 60), np.uint16)})
    _fails(tmp_path, read_sentinel2, nodata, "has no data in the area of interest")
    qa = np.full((20, 20), 21824 | 8, np.uint16)
    ls = make_landsat(str(tmp_path / "l"), L9_L2SP, level=1, qa=qa)
    _fails(tmp_path, read_landsat, ls, "fully clouded")


def test_output_equal_to_input_is_refused(tmp_path):
    zipped = make_s2(str(tmp_path / "z"), L2A_N0509, as_zip=True)
    before = _digest(zipped)
    with pytest.raises(InputError, match="also an input"):
        read_sentinel2(zipped, zipped)
    assert _digest(zipped) == before
    assert zipfile.is_zipfile(zipped)


def test_without_a_jpeg2000_driver_jp2_products_say_what_to_install(tmp_path, monkeypatch):
    from osgeo import gdal

    from sensetrack.core import deps
    from sensetrack.core.errors import MissingDependencyError
    from optical_fixtures import L2A_N0400

    assert deps.jpeg2000_driver() == "JP2OpenJPEG"  # Debian's GDAL
    jp2 = make_s2(str(tmp_path / "j"), L2A_N0509)
    tif = make_s2(str(tmp_path / "t"), L2A_N0400)
    real = gdal.GetDriverByName
    monkeypatch.setattr(gdal, "GetDriverByName", lambda n: None if n.startswith("JP2") else real(n))
    assert deps.jpeg2000_driver() is None
    with pytest.raises(MissingDependencyError, match="JP2OpenJPEG.*OpenJPEG"):
        read_sentinel2(jp2, str(tmp_path / "j.tif"))
    assert not (tmp_path / "j.tif").exists()
    # a product delivered as GeoTIFF needs no JPEG 2000 driver
    assert os.path.exists(read_sentinel2(tif, str(tmp_path / "t.tif"))["output"])
