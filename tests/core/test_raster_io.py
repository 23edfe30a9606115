"""GDAL-backed raster model: nodata honoured, values untouched, atomic writes."""
import os

import numpy as np
import pytest
from helpers import band_names, read_band, write_tif
from osgeo import gdal, ogr

from sensetrack.core.errors import Cancelled, InputError, OutputError
from sensetrack.core.output import RasterWriter, check_output_path, write_geopackage, write_points, write_raster
from sensetrack.core.raster import Raster


def test_nodata_from_file_and_negative_values_kept(tmp_path):
    a = np.array([[-5.0, 0.0], [-9999.0, 3.5]], dtype=np.float32)
    p = write_tif(tmp_path / "a.tif", a, nodata=-9999.0)
    r = Raster(p)
    data, ok = r.read(1)
    np.testing.assert_array_equal(ok, [[True, True], [False, True]])
    assert data[0, 0] == -5.0 and data[0, 1] == 0.0  # negatives and zero are data (the original zeroed them)
    assert r.bands[0].nodata == -9999.0


def test_nodata_override_and_nan(tmp_path):
    a = np.array([[1.0, np.nan], [7.0, 7.0]], dtype=np.float32)
    p = write_tif(tmp_path / "a.tif", a)
    data, ok = Raster(p, nodata=7.0).read(1)
    np.testing.assert_array_equal(ok, [[True, False], [False, False]])


def test_window_read_and_geometry(tmp_path):
    a = np.arange(12, dtype=np.uint16).reshape(3, 4)
    p = write_tif(tmp_path / "a.tif", a, dtype=gdal.GDT_UInt16)
    r = Raster(p)
    assert r.shape == (3, 4) and r.pixel_size == (10.0, 10.0)
    assert r.bounds == (500000.0, 4999970.0, 500040.0, 5000000.0)
    assert r.is_georeferenced and r.crs_label == "EPSG:32632"
    data, ok = r.read(1, (1, 1, 2, 2))
    np.testing.assert_array_equal(data, [[5, 6], [9, 10]])
    assert ok.all()
    assert sum(w[2] * w[3] for w in r.windows(2)) == 12


def test_mask_band_is_honoured(tmp_path):
    p = str(tmp_path / "m.tif")
    ds = gdal.GetDriverByName("GTiff").Create(p, 2, 2, 1, gdal.GDT_Byte)
    ds.GetRasterBand(1).WriteArray(np.array([[1, 2], [3, 4]]))
    ds.CreateMaskBand(gdal.GMF_PER_DATASET)
    ds.GetRasterBand(1).GetMaskBand().WriteArray(np.array([[255, 0], [255, 255]], dtype=np.uint8))
    ds = None
    _, ok = Raster(p).read(1)
    np.testing.assert_array_equal(ok, [[True, False], [True, True]])


def test_unreadable_and_missing_files_and_bands(tmp_path):
    bad = tmp_path / "corrupt.tif"
    bad.write_bytes(b"II*\x00garbage" * 10)
    with pytest.raises(InputError, match="Cannot read raster"):
        Raster(str(bad))
    with pytest.raises(InputError, match="does not exist"):
        Raster(str(tmp_path / "nope.tif"))
    p = write_tif(tmp_path / "a.tif", np.ones((2, 2)))
    with pytest.raises(InputError, match="Band 2 does not exist"):
        Raster(p).band(2)


def test_write_raster_declares_nan_nodata_names_and_units(tmp_path):
    out = write_raster(str(tmp_path / "o.tif"), {"DX": np.zeros((3, 3)), "DY": np.full((3, 3), np.nan)},
                       (0, 1, 0, 0, 0, -1), "", units=["m", "m"], metadata={"K": "V"})
    ds = gdal.Open(out)
    assert np.isnan(ds.GetRasterBand(1).GetNoDataValue())
    assert band_names(out) == ["DX", "DY"]
    assert ds.GetRasterBand(1).GetUnitType() == "m"
    assert ds.GetMetadata()["K"] == "V"
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert read_band(out, 1)[0, 0] == 0.0


def test_cog_output(tmp_path):
    out = write_raster(str(tmp_path / "c.tif"), {"DX": np.ones((300, 300))}, (0, 1, 0, 0, 0, -1), cog=True)
    ds = gdal.Open(out)
    assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".")]


def test_failed_write_leaves_nothing_and_keeps_old_file(tmp_path):
    final = tmp_path / "out.tif"
    final.write_bytes(b"previous result")
    with pytest.raises(RuntimeError):
        with RasterWriter(str(final), 4, 4, ["DX"], (0, 1, 0, 0, 0, -1)) as w:
            w.write(1, np.ones((2, 2)))
            raise RuntimeError("boom")
    assert final.read_bytes() == b"previous result"
    assert os.listdir(tmp_path) == ["out.tif"]


def test_output_equal_to_input_is_refused(tmp_path):
    p = write_tif(tmp_path / "a.tif", np.ones((2, 2)))
    with pytest.raises(InputError, match="also an input"):
        check_output_path(p, [p])
    with pytest.raises(InputError, match="also an input"):
        check_output_path(str(tmp_path / "." / "a.tif"), [p])


def test_points_geopackage(tmp_path):
    out = write_points(str(tmp_path / "p.gpkg"), np.array([1.0, 2.0]), np.array([3.0, 4.0]),
                       {"DX": np.array([0.5, np.nan]), "N": np.array([1, 2])}, "", layer_name="displacements")
    ds = ogr.Open(out)
    lyr = ds.GetLayerByName("displacements")
    feats = list(lyr)
    assert len(feats) == 2 and feats[0]["DX"] == 0.5 and feats[1].IsFieldNull("DX")
    assert feats[1].GetGeometryRef().GetX() == 2.0


@pytest.mark.parametrize("error, raised", [(RuntimeError("GDAL says no"), OutputError), (Cancelled("stop"), Cancelled)])
def test_failed_geopackage_leaves_nothing_and_keeps_old_file(tmp_path, error, raised):
    """A fill that fails half-way (a GDAL error becomes the write-failure message; anything else, e.g. Cancel,
    passes through): the datasource is closed, the temporary file and its journal are gone."""
    final = tmp_path / "out.gpkg"
    final.write_bytes(b"previous result")

    def fill(ds):
        lyr = ds.CreateLayer("points")
        lyr.CreateField(ogr.FieldDefn("N", ogr.OFTInteger))
        raise error

    with pytest.raises(raised):
        write_geopackage(str(final), fill)
    assert final.read_bytes() == b"previous result"
    assert os.listdir(tmp_path) == ["out.gpkg"]
