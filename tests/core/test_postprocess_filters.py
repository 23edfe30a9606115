"""Outlier filters and the filteroffsets step on synthetic products with known outliers."""
import csv

import numpy as np
import pytest
from osgeo import osr

from sensetrack.core.errors import InputError
from sensetrack.core.output import write_points, write_raster
from sensetrack.core.postprocess import outliers, steps
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.postprocess.simulate import GT, make_product


def _wkt():
    s = osr.SpatialReference()
    s.ImportFromEPSG(32632)
    return s.ExportToWkt()


@pytest.fixture
def synthetic(tmp_path):
    sp = make_product(seed=3)
    path = write_raster(str(tmp_path / "in.tif"), sp.bands, GT, _wkt(), metadata={"SENSETRACK_UNITS": "m"})
    return sp, path


def test_median_test_flags_an_isolated_spike():
    u = np.zeros((9, 9)) + np.random.default_rng(0).normal(0, 0.05, (9, 9))
    v = np.zeros((9, 9))
    u[4, 4] = 3.0
    bad = outliers.median_test(u, v, threshold=2.0)
    assert bad[4, 4] and bad.sum() == 1


def test_median_test_keeps_a_smooth_gradient():
    rows, cols = np.mgrid[0:20, 0:20].astype(float)
    # interior and edges (one-sided stencils) of a 0.1 px/cell gradient pass the test
    assert not outliers.median_test(0.1 * cols, 0.05 * rows).any()


def test_filter_removes_outliers_and_few_good_vectors(synthetic, tmp_path):
    sp, path = synthetic
    table = tmp_path / "counts.csv"
    info = steps.filter_file(path, str(tmp_path / "f.tif"), str(table))
    prod = read_product(info["output"])
    removed = ~prod.valid
    recall = (removed & sp.outliers).sum() / sp.outliers.sum()
    loss = (removed & ~sp.outliers).sum() / (~sp.outliers).sum()
    assert recall > 0.95 and loss < 0.05
    # the MASK band flags every removed vector with the median-test bit
    assert np.all(prod.bands["MASK"][removed] == outliers.FLAGS["median_test"])
    assert np.all(prod.bands["MASK"][~removed] == 0)
    # DX/DY/MAGNITUDE recomputed, quality bands carried over
    assert np.allclose(prod.bands["MAGNITUDE"][~removed], np.hypot(prod.bands["DX"], prod.bands["DY"])[~removed],
                       atol=1e-4)
    assert "PEAK" in prod.bands and np.isfinite(prod.bands["PEAK"][removed]).all()
    rows = list(csv.reader(open(table)))
    assert rows[0] == ["filter", "removed", "fraction"]
    assert dict((r[0], int(r[1])) for r in rows[1:])["median_test"] == int(removed.sum())


def test_quality_and_max_displacement_filters_count_separately(synthetic, tmp_path):
    sp, path = synthetic
    info = steps.filter_file(path, str(tmp_path / "f.tif"), min_peak=0.6, max_displacement=4.0,
                             median_threshold=0)
    peak = sp.bands["PEAK"]
    assert info["counts"]["peak"] == int((peak < 0.6).sum())
    mag = np.hypot(sp.bands["COL_SHIFT"], sp.bands["ROW_SHIFT"])
    assert info["counts"]["max_displacement"] == int(((mag > 4.0) & (peak >= 0.6)).sum())


def test_clumps_and_hole_filling_are_flagged():
    dcol = np.full((30, 30), np.nan)
    dcol[2:20, 2:20] = 1.0
    dcol[25, 25] = 1.0  # isolated vector
    drow = np.where(np.isfinite(dcol), 0.5, np.nan)
    dcol[10, 10] = 9.0  # spike inside the good area
    res = outliers.filter_offsets(dcol, drow, min_clump=5, max_hole=4)
    assert res.counts["clump"] == 1 and np.isnan(res.dcol[25, 25])
    assert res.mask[10, 10] == outliers.FLAGS["median_test"] + outliers.FLAGS["interpolated"]
    assert res.dcol[10, 10] == pytest.approx(1.0) and res.counts["interpolated"] == 1
    assert np.isnan(res.mask[0, 0])  # no input vector: no flag


def test_direction_filter_removes_a_reversed_vector():
    dcol = np.full((15, 15), 2.0)
    drow = np.zeros((15, 15))
    dcol[7, 7] = -2.0
    res = outliers.filter_offsets(dcol, drow, median_threshold=0, direction_angle=60)
    assert res.counts["direction"] == 1 and np.isnan(res.dcol[7, 7])


def test_points_are_filtered_on_their_grid(synthetic, tmp_path):
    sp, _ = synthetic
    h, w = sp.bands["DX"].shape
    rows, cols = np.mgrid[0:h, 0:w]
    x, y = GT[0] + (cols + 0.5) * GT[1], GT[3] + (rows + 0.5) * GT[5]
    pts = write_points(str(tmp_path / "p.gpkg"), x, y, {k: v for k, v in sp.bands.items()}, _wkt())
    info = steps.filter_file(pts, str(tmp_path / "pf.gpkg"))
    out = read_product(info["output"])
    assert out.kind == "points" and "MASK" in out.bands
    assert (np.isnan(out.bands["DX"]) & sp.outliers).sum() / sp.outliers.sum() > 0.95


def test_not_a_sensetrack_result_is_refused(tmp_path):
    from helpers import write_tif

    path = write_tif(tmp_path / "dem.tif", np.zeros((5, 5), np.float32))
    with pytest.raises(InputError, match="not a SenseTrack displacement result"):
        steps.filter_file(path, str(tmp_path / "o.tif"))
    assert not (tmp_path / "o.tif").exists()


def test_median_stride_catches_a_blob_in_a_dense_field():
    rng = np.random.default_rng(2)
    dcol = 1.0 + rng.normal(0, 0.03, (60, 60))
    drow = rng.normal(0, 0.03, (60, 60))
    dcol[20:26, 30:36] += 4.0  # a 6x6 patch of mismatches, smooth inside like optical flow gives
    blob = np.zeros(dcol.shape, bool)
    blob[20:26, 30:36] = True
    adjacent = outliers.median_test(dcol, drow)
    spread = outliers.median_test(dcol, drow, stride=7)
    assert adjacent[blob].mean() < 0.5  # adjacent neighbours are the blob itself: its inside passes
    assert spread[blob].all() and spread[~blob].mean() < 0.01


def test_blockwise_filters_equal_whole_array(monkeypatch):
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.1, (300, 120))
    b = rng.normal(0, 0.1, (300, 120))
    a[rng.random(a.shape) < 0.05] = 5
    a[rng.random(a.shape) < 0.05] = np.nan
    monkeypatch.setattr(outliers, "BLOCK_ROWS", 10 ** 6)
    whole = outliers.median_test(a, b, stride=3), outliers.direction_test(a + 1, b, 30, 2, 0.5)
    monkeypatch.setattr(outliers, "BLOCK_ROWS", 37)
    blocks = outliers.median_test(a, b, stride=3), outliers.direction_test(a + 1, b, 30, 2, 0.5)
    assert whole[0].sum() > 500
    assert np.array_equal(whole[0], blocks[0]) and np.array_equal(whole[1], blocks[1])


def test_unset_parameters_take_the_starting_point_of_the_kind_of_result(synthetic, tmp_path):
    import json

    sp, path = synthetic
    logged = []
    windowed = steps.filter_product(read_product(path), log=logged.append)
    assert windowed["parameters"]["median_radius"] == 2 and windowed["parameters"]["median_epsilon"] == 0.2
    assert windowed["parameters"]["min_peak"] == 0 and windowed["parameters"]["min_clump"] == 0
    assert any("windowed result" in m and "MEDIAN_RADIUS=2" in m for m in logged)
    dense = write_raster(str(tmp_path / "dense.tif"), {k: v for k, v in sp.bands.items() if k != "SNR"}, GT,
                         _wkt(), metadata={"SENSETRACK_UNITS": "m", "SENSETRACK_METHOD": "farneback"})
    info = steps.filter_product(read_product(dense))
    p = info["parameters"]
    assert (p["min_peak"], p["median_stride"], p["median_epsilon"], p["min_clump"]) == (0.25, 10, 0.3, 20)
    # what the user sets wins; the history records what was used
    info = steps.filter_file(dense, str(tmp_path / "f.tif"), min_peak=0.0, median_stride=None)
    hist = json.loads(read_product(info["output"]).metadata["SENSETRACK_HISTORY"])[-1]
    assert hist["parameters"]["min_peak"] == 0.0 and hist["parameters"]["median_stride"] == 10
