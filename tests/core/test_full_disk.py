"""Issue 19 part 2: on a full disk every writer fails loudly, leaves nothing, and an earlier file survives.

Each test mounts a small tmpfs, writes a valid "previous" output, fills the disk to a few free bytes, then
writes again to the same name. Several free sizes hit the failure at different points (while writing
blocks, while flushing, while GDAL writes the TIFF directory at close).
"""
import json
import os

import numpy as np
import pytest
from fs_helpers import digest, fill, leftovers, tmpfs
from osgeo import gdal

from sensetrack.core.errors import OutputError, SenseTrackError
from sensetrack.core.output import atomic_path, write_points, write_polygons, write_raster
from sensetrack.core.output_checks import verify_file

GT = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)
FREE_SIZES = (0, 2_000, 30_000, 150_000)


@pytest.fixture
def disk(tmp_path):
    with tmpfs(tmp_path / "fs", 2048) as folder:
        yield folder


def _bands(n=400, smooth=False, seed=0):
    rng = np.random.default_rng(seed)
    if smooth:  # compresses to a few KB: the failure comes late, at flush or close
        yy, xx = np.mgrid[0:n, 0:n]
        return {"DX": (np.sin(xx / 30.0) * 2).astype("f4"), "DY": (np.cos(yy / 30.0)).astype("f4")}
    return {"DX": rng.random((n, n), dtype=np.float32), "DY": rng.random((n, n), dtype=np.float32)}


def _check_survived(folder, prev, before):
    assert digest(prev) == before, "the earlier file was changed"
    ds = gdal.Open(prev) if prev.endswith(".tif") else None
    if ds is not None:
        assert ds.RasterXSize == 40  # still the earlier 40x40 raster
    assert leftovers(folder, keep={os.path.basename(prev)}) == []


@pytest.mark.parametrize("smooth", [False, True])
def test_raster_on_full_disk_keeps_previous_file(disk, smooth):
    full_size = os.path.getsize(write_raster(os.path.join(disk, "probe.tif"), _bands(smooth=smooth), GT))
    os.remove(os.path.join(disk, "probe.tif"))
    prev = os.path.join(disk, "prev.tif")
    write_raster(prev, {"DX": np.ones((40, 40), "f4")}, GT)
    before = digest(prev)
    failures = 0
    # from nothing free to just short of the file's size: fails while writing blocks, flushing or closing
    for free in (0, full_size // 8, full_size // 2, full_size - 2000, full_size - 100):
        filler = fill(disk, free)
        try:
            write_raster(prev, _bands(smooth=smooth), GT)
        except SenseTrackError as exc:
            failures += 1
            assert "prev.tif" in str(exc) and "Traceback" not in str(exc)
            _check_survived(disk, prev, before)
        else:  # it fitted: then it must be complete and correct
            ds = gdal.Open(prev)
            assert np.array_equal(ds.GetRasterBand(1).ReadAsArray(), _bands(smooth=smooth)["DX"])
            before = digest(prev)
        os.remove(filler)
    assert failures >= 4


def test_cog_on_full_disk_keeps_previous_file(disk):
    prev = os.path.join(disk, "prev.tif")
    write_raster(prev, {"DX": np.ones((40, 40), "f4")}, GT)
    before = digest(prev)
    for free in FREE_SIZES:
        filler = fill(disk, free)
        with pytest.raises(SenseTrackError):
            write_raster(prev, _bands(), GT, cog=True)
        _check_survived(disk, prev, before)
        os.remove(filler)


def test_points_and_polygons_on_full_disk(disk):
    n = 20000
    x = np.arange(n, dtype=float)
    prev = os.path.join(disk, "prev.gpkg")
    write_points(prev, x[:3], x[:3], {"DX": x[:3]})
    before = digest(prev)
    for free in FREE_SIZES:
        filler = fill(disk, free)
        with pytest.raises(SenseTrackError):
            write_points(prev, x, x, {"DX": np.random.default_rng(1).random(n), "DY": x})
        assert digest(prev) == before and leftovers(disk, keep={"prev.gpkg"}) == []
        recs = [{"footprint_wkt": f"POLYGON (({i} 0, {i + 1} 0, {i + 1} 1, {i} 0))", "name": "x" * 200}
                for i in range(3000)]
        with pytest.raises(SenseTrackError):
            write_polygons(prev, recs)
        assert digest(prev) == before and leftovers(disk, keep={"prev.gpkg"}) == []
        os.remove(filler)


def test_tables_and_json_on_full_disk(disk):
    from sensetrack.core.postprocess.steps import _write_table

    prev = os.path.join(disk, "prev.csv")
    _write_table(prev, ("a", "b"), [(1, 2)])
    before = digest(prev)
    filler = fill(disk, 0)
    with pytest.raises(OSError):
        _write_table(prev, ("a", "b"), [(i, "y" * 100) for i in range(20000)])
    assert digest(prev) == before and leftovers(disk, keep={"prev.csv"}) == []
    with pytest.raises(OSError):
        with atomic_path(os.path.join(disk, "m.json")) as tmp, open(tmp, "w") as fh:
            json.dump({"x": "y" * 200000}, fh)
    assert leftovers(disk, keep={"prev.csv"}) == []
    os.remove(filler)


def test_cosmo_amplitude_on_full_disk_is_an_error_not_an_empty_file(disk, tmp_path):
    from product_fixtures import write_csk

    from sensetrack.core.cosmo.export import amplitude

    src = write_csk(str(tmp_path), rows=300, cols=300)
    size = os.path.getsize(amplitude(src, os.path.join(disk, "probe.tif"))["output"])
    os.remove(os.path.join(disk, "probe.tif"))
    for free in (0, size // 2, size - 500):  # it used to leave a 0-byte file and return normally
        filler = fill(disk, free)
        with pytest.raises(SenseTrackError, match="amp.tif"):
            amplitude(src, os.path.join(disk, "amp.tif"))
        assert leftovers(disk) == []
        os.remove(filler)


def test_preprocessing_engine_on_full_disk(disk, tmp_path):
    from helpers import write_tif

    from sensetrack.core.preprocess import apply_step

    src = write_tif(tmp_path / "in.tif", np.random.default_rng(3).random((400, 400)).astype("f4"))
    prev = os.path.join(disk, "prev.tif")
    write_raster(prev, {"DX": np.ones((40, 40), "f4")}, GT)
    before = digest(prev)
    for free in FREE_SIZES:
        filler = fill(disk, free)
        with pytest.raises(SenseTrackError):
            apply_step("highpass", src, prev)
        _check_survived(disk, prev, before)
        os.remove(filler)


def test_verify_file_refuses_cut_and_empty_files(tmp_path):
    good = write_raster(str(tmp_path / "g.tif"), _bands(300), GT)
    verify_file(good, "g.tif")
    data = open(good, "rb").read()
    cut = tmp_path / "cut.tif"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(OutputError, match="incomplete"):
        verify_file(str(cut), "cut.tif")
    (tmp_path / "empty.json").write_bytes(b"")
    with pytest.raises(OutputError, match="empty"):
        verify_file(str(tmp_path / "empty.json"), "empty.json")
    (tmp_path / "half.json").write_text('{"a": [1, 2')
    with pytest.raises(OutputError, match="incomplete"):
        verify_file(str(tmp_path / "half.json"), "half.json")


def test_read_only_and_directory_outputs_are_refused_before_any_work(tmp_path):
    from sensetrack.core.output import check_output_path

    (tmp_path / "adir.tif").mkdir()
    with pytest.raises(SenseTrackError, match="is a folder"):
        check_output_path(str(tmp_path / "adir.tif"), [])
    with tmpfs(tmp_path / "ro", 64, read_only=True) as ro:
        with pytest.raises(SenseTrackError, match="read-only"):
            check_output_path(os.path.join(ro, "x.tif"), [])


def test_verify_file_checks_the_expected_raster_shape(tmp_path):
    path = write_raster(str(tmp_path / "s.tif"), _bands(50), GT)
    verify_file(path, "s.tif", (50, 50, 2))
    with pytest.raises(OutputError, match="instead of"):
        verify_file(path, "s.tif", (50, 50, 3))
