"""filteroffsets' downslope-consistency test with a DEM: removes exactly the uphill vectors, counted and flagged."""
import csv

import numpy as np
import pytest
import terrain_fixtures as tf

from sensetrack.core.errors import ParameterError
from sensetrack.core.postprocess import outliers, steps
from sensetrack.core.postprocess.product import read_product


def _case(tmp_path, seed=4):
    """Vectors of 40-60 m in random directions on a 25-degree plane facing 120 degrees, in another CRS."""
    rng = np.random.default_rng(seed)
    gx, gy = tf.plane_gradient(25, 120)
    az = rng.uniform(0, 360, tf.SHAPE)
    # keep clear of the 90-degree threshold so that float rounding cannot decide a case
    off = np.abs(np.mod(az - 120 + 180, 360) - 180)
    az[np.abs(off - 90) < 1] += 3
    off = np.abs(np.mod(az - 120 + 180, 360) - 180)
    m = rng.uniform(40, 60, tf.SHAPE)
    dx, dy = m * np.sin(np.radians(az)), m * np.cos(np.radians(az))
    prod = tf.write_product(tmp_path / "p.tif", tf.product_bands(dx, dy))
    dem = tf.write_dem(tmp_path / "dem.tif", tf.plane(gx, gy), epsg=32633, res=9.0)
    return prod, dem, off > 90


def test_downslope_filter_removes_exactly_the_uphill_vectors(tmp_path):
    prod, dem, uphill = _case(tmp_path)
    assert 0.3 < uphill.mean() < 0.7
    table = tmp_path / "counts.csv"
    info = steps.filter_file(prod, str(tmp_path / "f.tif"), str(table), dem=dem, median_threshold=0,
                             max_downslope_angle=90)
    out = read_product(info["output"])
    removed = ~out.valid
    np.testing.assert_array_equal(removed, uphill)
    assert np.all(out.bands["MASK"][uphill] == outliers.FLAGS["downslope"]) and np.all(out.bands["MASK"][~uphill] == 0)
    rows = {r[0]: int(r[1]) for r in list(csv.reader(open(table)))[1:]}
    assert rows["downslope"] == uphill.sum() and rows["kept"] == (~uphill).sum()
    assert out.history()[-1]["parameters"]["dem"].endswith("dem.tif")


def test_downslope_filter_off_by_default_and_needs_a_dem(tmp_path):
    prod, dem, _ = _case(tmp_path)
    info = steps.filter_file(prod, str(tmp_path / "f.tif"), dem=dem, median_threshold=0)
    assert "downslope" not in info["counts"] and info["kept"] == info["input_vectors"]
    with pytest.raises(ParameterError, match="needs a DEM"):
        steps.filter_file(prod, str(tmp_path / "g.tif"), median_threshold=0, max_downslope_angle=60)
    assert not (tmp_path / "g.tif").exists()


def test_short_vectors_and_flat_ground_are_not_tested(tmp_path):
    prod, dem, uphill = _case(tmp_path)
    info = steps.filter_file(prod, str(tmp_path / "f.tif"), dem=dem, median_threshold=0, max_downslope_angle=90,
                             direction_min_magnitude=5.0)  # every vector (2-3 px) is shorter: none tested
    assert info["counts"]["downslope"] == 0
    info = steps.filter_file(prod, str(tmp_path / "g.tif"), dem=dem, median_threshold=0, max_downslope_angle=90,
                             downslope_min_slope=30.0)  # the plane is 25 degrees: flatter than the minimum
    assert info["counts"]["downslope"] == 0
