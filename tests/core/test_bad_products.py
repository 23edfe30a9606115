"""Damaged sensor products and SNAP inputs end in a clear message naming the file and field (issue 19)."""
import os
import shutil

import numpy as np
import pytest
from helpers import S1_DATA, needs_shared_data
from product_fixtures import write_csk, write_prisma

from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.sentinel1.product import open_product
from sensetrack.core.snap import Graph
from sensetrack.core.snap.runner import check_gpt_options, run_graph

h5py = pytest.importorskip("h5py")


def _prisma(tmp_path, change, level="2D", **kw):
    path = write_prisma(str(tmp_path), level, **kw)
    with h5py.File(path, "a") as f:
        change(f)
    return path


def _extract(path, out):
    from sensetrack.core.prisma import extract

    return extract(path, str(out))


def _no_output(out):
    folder = os.path.dirname(str(out))
    return not os.path.exists(out) and not [n for n in os.listdir(folder) if ".part" in n]


@pytest.mark.parametrize("change,message", [
    (lambda f: f.attrs.__delitem__("Epsg_Code"), r"\(L2D\) has no Epsg_Code attribute"),
    (lambda f: f.attrs.__setitem__("Epsg_Code", np.int32(99999)), "Epsg_Code .* is 99999, which is not a known EPSG"),
    (lambda f: f.attrs.__setitem__("Product_ULcorner_northing", np.nan),
     "Product_ULcorner_northing .* is nan, not a finite number"),
    (lambda f: f.attrs.__setitem__("L2ScaleVnirMax", np.bytes_("abc")), "L2ScaleVnirMax .* is not numeric"),
    (lambda f: f.attrs.__setitem__("List_Cw_Vnir", np.array([502.0, 498.0], np.float32)),
     r"lists 2 VNIR wavelengths \(List_Cw_Vnir\) but its VNIR cube holds 4 bands"),
    (lambda f: f.attrs.__setitem__("List_Cw_Vnir", np.arange(400, 406, dtype=np.float32)),
     "lists 6 VNIR wavelengths .* holds 4 bands"),
])
def test_damaged_prisma_is_refused_before_writing(tmp_path, change, message):
    path = _prisma(tmp_path, change)
    out = tmp_path / "o.tif"
    with pytest.raises(InputError, match=message):
        _extract(path, out)
    assert _no_output(out)


def test_prisma_l1_text_scale_factor_is_refused(tmp_path):
    path = _prisma(tmp_path, lambda f: f.attrs.__setitem__("ScaleFactor_Vnir", np.bytes_("x")), level="1",
                   name="PRS_L1_STD_OFFL_20230101101010_0001")
    with pytest.raises(InputError, match="ScaleFactor_Vnir .* is not numeric"):
        _extract(path, tmp_path / "o.tif")


def test_prisma_cube_with_no_rows_is_refused(tmp_path):
    path = _prisma(tmp_path, lambda f: None, rows=0)
    with pytest.raises(InputError, match=r"VNIR cube of '.*' is empty \(0 rows x 15 columns\)"):
        _extract(path, tmp_path / "o.tif")


def test_valid_prisma_still_extracts(tmp_path):
    path = _prisma(tmp_path, lambda f: None)
    res = _extract(path, tmp_path / "o.tif")
    assert res["bands"] == ["VNIR_0410.0nm", "VNIR_0498.0nm", "VNIR_0502.0nm"]


@pytest.mark.parametrize("data,message", [
    (np.arange(10, dtype=np.int16), r"has shape \(10,\); a COSMO-SkyMed image is \(rows, columns\)"),
    (np.zeros((0, 5, 2), np.int16), r"is empty \(0 x 5 pixels\)"),
])
def test_cosmo_image_of_wrong_shape_is_refused(tmp_path, data, message):
    from sensetrack.core.cosmo import amplitude, open_cosmo

    path = write_csk(str(tmp_path))
    with h5py.File(path, "a") as f:
        del f["S01/SBI"]
        f["S01"].create_dataset("SBI", data=data)
    with pytest.raises(InputError, match=message):
        open_cosmo(path)
    with pytest.raises(InputError, match=message):
        amplitude(path, str(tmp_path / "a.tif"))
    assert _no_output(tmp_path / "a.tif")


def _grd_copy(tmp_path, old, new):
    src = next(os.path.join(S1_DATA, n) for n in sorted(os.listdir(S1_DATA))
               if n.startswith("S1B_IW_GRDH") and n.endswith(".SAFE"))
    dst = tmp_path / os.path.basename(src)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("measurement"))
    manifest = dst / "manifest.safe"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(dst)


@needs_shared_data
@pytest.mark.parametrize("old,new,message", [
    ("45.614502,12.040968", "45.6a,12.04", "gml:coordinates = '45.6a,12.04 .*not latitude,longitude pairs"),
    ('<safe:orbitNumber type="start">26269', '<safe:orbitNumber type="start">abc',
     r"orbitNumber\[@type='start'\] = 'abc', not a whole number"),
])
def test_sentinel1_manifest_with_text_numbers_is_refused(tmp_path, old, new, message):
    with pytest.raises(InputError, match=message + ".*download it again"):
        open_product(_grd_copy(tmp_path, old, new))


GRAPH_WITH_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graph [ <!ENTITY folder "/data/"> ]>
<graph id="g"><version>1.0</version>
<node id="Read"><operator>Read</operator><parameters><file>&folder;${input}</file></parameters></node>
<node id="Write"><operator>Write</operator><sources><sourceProduct refid="Read"/></sources>
<parameters><file>${output}</file></parameters></node>
</graph>
"""


def test_snap_graph_with_a_custom_entity_is_refused(tmp_path):
    path = tmp_path / "g.xml"
    path.write_text(GRAPH_WITH_ENTITY, encoding="utf-8")
    with pytest.raises(InputError, match=r"'g\.xml' uses the entity reference\(s\) &folder;.*remove the DOCTYPE"):
        Graph(str(path))


@pytest.mark.parametrize("threads,cache,memory,message", [
    (float("nan"), "", "", "THREADS = nan is not a valid number"),
    (-2, "", "", "THREADS = -2 is not a valid number"),
    (2.5, "", "", "THREADS = 2.5"),
    (0, "", "1G -XX:OnOutOfMemoryError=touch /tmp/x", "MEMORY = .* is not a memory size"),
    (0, "", "8 G", "MEMORY = '8 G' is not a memory size"),
    (0, "2048M; rm", "", "CACHE = .* is not a memory size"),
    (0, "", "0G", "MEMORY = 0G is zero"),
])
def test_gpt_options_accept_only_sizes_and_counts(tmp_path, threads, cache, memory, message):
    with pytest.raises(ParameterError, match=message):
        check_gpt_options(threads, cache, memory)
    # run_graph checks them before anything else: no gpt needed, nothing written
    with pytest.raises(ParameterError, match=message):
        run_graph("/nonexistent.xml", {}, str(tmp_path / "o.tif"), gpt="/bin/false", threads=threads, cache=cache,
                  memory=memory)
    assert os.listdir(tmp_path) == []


def test_valid_gpt_options_are_normalised():
    assert check_gpt_options(4, "2048m", "8G") == (4, "2048M", "8G")
    assert check_gpt_options(0, "1000000", "") == (0, "1000000", "")


# ---- Sentinel-1 GRD: the real cause instead of "check the AOI" ----------------------------------------------
def _annotation():
    from s1_fixture import GRD

    return open_product(os.path.join(S1_DATA, GRD + ".SAFE")).annotation("VV")


@needs_shared_data
def test_s1grd_geographic_crs_default_pixel_size_is_in_degrees():
    from osgeo import osr

    from sensetrack.core.sentinel1.grd import output_pixel_size

    ann = _annotation()
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    assert output_pixel_size(ann, wgs, 0.0, None) == pytest.approx(ann.range_pixel_spacing / 111320.0)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32632)
    assert output_pixel_size(ann, utm, 0.0, None) == pytest.approx(ann.range_pixel_spacing)


@needs_shared_data
@pytest.mark.parametrize("crs,size,message", [
    ("EPSG:4326", 5.0, "PIXEL_SIZE 5 degrees leaves fewer than 2 pixels across the scene, which spans about 3.663 x "
                       "1.898 degrees.*about 0.0001 is 10 m"),
    ("", 1e6, "PIXEL_SIZE 1e\\+06 CRS units leaves fewer than 2 pixels across the scene"),
])
def test_s1grd_pixel_size_larger_than_the_scene_is_named(tmp_path, crs, size, message):
    from s1_fixture import make_grd_safe

    from sensetrack.core.sentinel1.grd import grd_to_geotiff

    safe = make_grd_safe(str(tmp_path))
    out = tmp_path / "o.tif"
    with pytest.raises(InputError, match=message) as err:
        grd_to_geotiff(safe, str(out), target_crs=crs, pixel_size=size)
    assert "AOI" not in str(err.value)
    assert _no_output(out)


@needs_shared_data
def test_s1grd_geographic_crs_with_a_pixel_size_in_degrees_works(tmp_path):
    from s1_fixture import make_grd_safe

    from sensetrack.core.sentinel1.grd import grd_to_geotiff

    res = grd_to_geotiff(make_grd_safe(str(tmp_path)), str(tmp_path / "o.tif"), target_crs="EPSG:4326",
                         pixel_size=0.02)
    assert res["pixel_size"] == 0.02 and res["width"] > 100


def test_s1grd_write_failure_is_not_blamed_on_the_aoi():
    from sensetrack.core.sentinel1.grd import _warp_error

    full = _warp_error(RuntimeError("Free disk space available is 1024 bytes, whereas 40000 are at least "
                                    "necessary. / No space left on device"), "/out/o.tif", (0, 0, 1, 1), "POLYGON()")
    assert "Free space in the output folder" in str(full) and "AOI" not in str(full)
    other = _warp_error(RuntimeError("Attempt to create 0x0 dataset"), "/out/o.tif", None, "POLYGON()")
    assert "AOI" not in str(other)
    aoi = _warp_error(RuntimeError("Attempt to create 0x0 dataset"), "/out/o.tif", (0, 0, 1, 1), "POLYGON()")
    assert "Check the AOI overlaps" in str(aoi)
