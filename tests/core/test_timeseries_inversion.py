"""Time-series inversion against exact answers on small stacks."""
import datetime as dt
import os

import numpy as np
import pytest
from helpers import write_tif
from osgeo import gdal

from sensetrack.core.errors import GridMismatchError, InputError, ParameterError
from sensetrack.core.timeseries import simulate as S
from sensetrack.core.timeseries.inversion import invert_products
from sensetrack.core.timeseries.solver import Design, solve_block

DAYS = [0, 30, 75, 120, 200, 260, 330]
DATES = S.dates_every(dt.datetime(2023, 1, 5), DAYS)
SHAPE = (24, 30)


def stack(tmp_path, spans, truth, noise=0.0, seed=0, sigma=None, edit=None):
    rng = np.random.default_rng(seed)
    paths = []
    for i, j in spans:
        dx, dy = S.pair_displacement(truth, i, j, noise, rng)
        if edit:
            dx, dy = edit(i, j, dx, dy)
        s = sigma(i, j) if callable(sigma) else sigma
        paths.append(S.write_pair(str(tmp_path / f"{DATES[i]:%Y%m%d}_{DATES[j]:%Y%m%d}.tif"), dx, dy, DATES[i],
                                  DATES[j], sigma=s))
    return paths


def redundant(n=len(DATES), reach=3):
    return [(i, j) for i in range(n) for j in range(i + 1, min(i + reach + 1, n))]


def read(path):
    ds = gdal.Open(path)
    return ds.ReadAsArray().astype(np.float64), ds


@pytest.mark.parametrize("weight,order", [(0.0, 1), (None, 1), (1.0, 1), (1.0, 2)])
def test_constant_velocity_recovered_exactly(tmp_path, weight, order):
    truth = S.truth_stack(DATES, SHAPE, acceleration=0.0, velocity=36.5)
    out = invert_products(stack(tmp_path, redundant(), truth), str(tmp_path / "ts"), weight=weight, order=order)
    for comp in ("DX", "DY"):
        c, ds = read(out[comp.lower()])
        np.testing.assert_allclose(c, truth[comp], atol=1e-4)
        assert ds.GetMetadataItem("SENSETRACK_KIND") == "timeseries"
        assert ds.GetMetadataItem("SENSETRACK_COMPONENT") == comp
        for k, d in enumerate(DATES, start=1):
            band = ds.GetRasterBand(k)
            assert band.GetDescription() == d.strftime("%Y-%m-%d") == band.GetMetadataItem("DATE")
            assert np.isnan(band.GetNoDataValue())
        assert ds.GetRasterBand(1).DataType == gdal.GDT_Float32
        assert np.all(c[0] == 0.0)
    summary, ds = read(out["summary"])
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    lobe = truth["lobe"]
    np.testing.assert_allclose(summary[names.index("MEAN_VX")], 36.5 * 0.8 * lobe, atol=1e-4)
    np.testing.assert_allclose(summary[names.index("MEAN_VY")], -36.5 * 0.6 * lobe, atol=1e-4)
    assert np.all(summary[names.index("PAIRS_USED")] == len(redundant()))
    assert np.all(summary[names.index("GROUPS")] == 1)
    assert np.nanmax(summary[names.index("RESIDUAL_RMS")]) < 1e-4
    vx, ds = read(out["vx"])
    assert ds.GetRasterBand(1).GetDescription() == "2023-01-05/2023-02-04"
    np.testing.assert_allclose(vx, np.broadcast_to(36.5 * 0.8 * lobe, vx.shape), atol=1e-3)


def test_disconnected_network_with_and_without_regularisation(tmp_path):
    truth = S.truth_stack(DATES, SHAPE, acceleration=0.0, velocity=20.0)
    spans = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (5, 6), (4, 6)]  # dates 0-2 | 3-6
    paths = stack(tmp_path, spans, truth)
    plain = invert_products(paths, str(tmp_path / "plain"), weight=0.0, robust=False)
    c, _ = read(plain["dx"])
    np.testing.assert_allclose(c[:3], truth["DX"][:3], atol=1e-4)
    assert np.all(np.isnan(c[3:]))  # not linked to the first date: unknown without regularisation
    v, _ = read(plain["vx"])
    assert np.all(np.isnan(v[2]))  # the interval between the groups
    np.testing.assert_allclose(v[3:], np.broadcast_to(20 * 0.8 * truth["lobe"], v[3:].shape), atol=1e-3)
    summary, _ = read(plain["summary"])
    assert np.all(summary[5] == 2)
    bridged = invert_products(paths, str(tmp_path / "bridged"), weight=1.0, order=1, robust=False)
    c, _ = read(bridged["dx"])
    # a constant velocity costs nothing to the order-1 regularisation: the gap is bridged exactly
    np.testing.assert_allclose(c, truth["DX"], atol=1e-3)
    summary, _ = read(bridged["summary"])
    assert np.all(summary[5] == 2)


def test_nan_pixels_in_some_pairs(tmp_path):
    truth = S.truth_stack(DATES, SHAPE, acceleration=0.0, velocity=36.5)

    def holes(i, j, dx, dy):
        if (i, j) in ((0, 1), (2, 4)):
            dx[5:10, 5:12] = np.nan
            dy[5:10, 5:12] = np.nan
        if i == 0:  # every pair from the first date: pixel (0, 0) loses the first date entirely
            dx[0, 0] = np.nan
        if (i, j) == (3, 4):
            dx[:, :] = np.nan  # a whole pair without data
        return dx, dy

    out = invert_products(stack(tmp_path, redundant(), truth, edit=holes), str(tmp_path / "ts"), weight=0.0)
    c, _ = read(out["dx"])
    np.testing.assert_allclose(c[:, 1:, 1:], truth["DX"][:, 1:, 1:], atol=1e-4)
    assert np.all(np.isnan(c[1:, 0, 0]))
    summary, _ = read(out["summary"])
    n = len(redundant())
    assert summary[4, 7, 7] == n - 3 and summary[4, 20, 20] == n - 1
    with open(out["pairs"]) as f:
        rows = f.read().splitlines()
    assert any(r.startswith("20230505_20230724") and ",0,0," in r for r in rows)


def test_weights_pull_towards_the_precise_pair():
    # dates 0, 1, 2; pairs (0,1), (1,2) and (0,2); the long pair disagrees by +1
    design = Design(np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.0, 0.1, 0.2]))
    d = np.array([[1.0], [1.0], [3.0]])
    plain = solve_block(design, d, -d, robust=False)["c"][2, 0, 0]
    assert plain == pytest.approx(8 / 3)  # the misclosure is shared equally: u0 = u1 = 4/3
    sigma = lambda long: np.array([[1.0], [1.0], [long]])  # noqa: E731
    precise = solve_block(design, d, -d, sigma(0.1), sigma(0.1), robust=False)["c"][2, 0, 0]
    vague = solve_block(design, d, -d, sigma(10.0), sigma(10.0), robust=False)["c"][2, 0, 0]
    assert 3.0 - precise < 0.02 and 3.0 - plain > 0.3
    assert vague - 2.0 < 0.02


def test_robust_weighting_ignores_a_bad_pair(tmp_path):
    truth = S.truth_stack(DATES, SHAPE)

    def gross(i, j, dx, dy):
        return (dx + 25.0, dy) if (i, j) == (1, 3) else (dx, dy)

    paths = stack(tmp_path, redundant(), truth, noise=0.5, edit=gross)
    rob = invert_products(paths, str(tmp_path / "rob"), weight=0.0, robust=True)
    lsq = invert_products(paths, str(tmp_path / "lsq"), weight=0.0, robust=False)
    err_r = read(rob["dx"])[0] - truth["DX"]
    err_l = read(lsq["dx"])[0] - truth["DX"]
    assert np.sqrt(np.mean(err_r ** 2)) < 0.5
    assert np.sqrt(np.mean(err_l ** 2)) > 1.5
    with open(rob["pairs"]) as f:
        bad = [r for r in f.read().splitlines() if r.startswith("20230204_20230505")][0]
    assert float(bad.split(",")[7]) > 0.95  # rejected almost everywhere


def test_sigma_covers_the_errors(tmp_path):
    truth = S.truth_stack(DATES, (60, 60))
    paths = stack(tmp_path, redundant(), truth, noise=1.0, seed=3)
    out = invert_products(paths, str(tmp_path / "ts"), weight=0.0, robust=False)
    err = read(out["dx"])[0][1:] - truth["DX"][1:]
    sig = read(out["sigma_dx"])[0][1:]
    cover = np.mean(np.abs(err) <= sig)
    assert 0.6 < cover < 0.76
    assert np.all(read(out["sigma_dx"])[0][0] == 0)


def test_bad_inputs_leave_nothing(tmp_path):
    truth = S.truth_stack(DATES, SHAPE)
    good = stack(tmp_path, [(0, 1), (1, 2)], truth)
    before = sorted(os.listdir(tmp_path))
    (tmp_path / "g").mkdir()
    other = S.write_pair(str(tmp_path / "g" / "20230505_20230724.tif"), np.zeros((10, 10), np.float32),
                         np.zeros((10, 10), np.float32), DATES[3], DATES[4])
    with pytest.raises(GridMismatchError, match="20230505_20230724.tif.*one grid"):
        invert_products(good + [other], str(tmp_path / "ts"))
    nodate = write_tif(tmp_path / "g" / "anonymous.tif", [np.zeros(SHAPE)] * 2)
    ds = gdal.Open(nodate, gdal.GA_Update)
    ds.GetRasterBand(1).SetDescription("DX")
    ds.GetRasterBand(2).SetDescription("DY")
    ds = None
    with pytest.raises(InputError, match="anonymous.tif.*no dates"):
        invert_products(good + [nodate], str(tmp_path / "ts"))
    notdx = write_tif(tmp_path / "g" / "20230505_20230724b.tif", np.zeros(SHAPE))
    with pytest.raises(InputError, match="no bands named DX"):
        invert_products(good + [notdx], str(tmp_path / "ts"))
    dup = S.write_pair(str(tmp_path / "g" / "again.tif"), np.zeros(SHAPE, np.float32), np.zeros(SHAPE, np.float32),
                       DATES[0], DATES[1])
    with pytest.raises(InputError, match="same pair"):
        invert_products(good + [dup], str(tmp_path / "ts"))
    with pytest.raises(ParameterError, match="order"):
        invert_products(good, str(tmp_path / "ts"), order=3)
    clash = S.write_pair(str(tmp_path / "g" / "ts_dx.tif"), np.zeros(SHAPE, np.float32), np.zeros(SHAPE, np.float32),
                         DATES[2], DATES[3])
    with pytest.raises(InputError, match="also an input"):
        invert_products(good + [clash], str(tmp_path / "g" / "ts"))
    assert sorted(os.listdir(tmp_path)) == sorted(before + ["g"])
    assert sorted(os.listdir(tmp_path / "g")) == ["20230505_20230724.tif", "20230505_20230724b.tif",
                                                  "again.tif", "anonymous.tif", "ts_dx.tif"]


def test_result_does_not_depend_on_tiles_and_chunks(tmp_path):
    dates = DATES[:5]
    truth = S.truth_stack(dates, (20, 300))
    rng = np.random.default_rng(5)
    paths = []
    for i in range(5):
        for j in range(i + 1, 5):
            dx, dy = S.pair_displacement(truth, i, j, 1.0, rng, gross=30.0 if (i, j) == (1, 3) else 0.0)
            paths.append(S.write_pair(str(tmp_path / f"{i}{j}.tif"), dx, dy, dates[i], dates[j]))
    a = invert_products(paths, str(tmp_path / "a"), weight=0.1)  # two 256-px tiles across
    b = invert_products(paths, str(tmp_path / "b"), weight=0.1, block_pixels=700)
    for kind in ("dx", "sigma_dy", "vx", "summary"):
        np.testing.assert_allclose(read(a[kind])[0], read(b[kind])[0], rtol=1e-5, atol=1e-5, equal_nan=True)
    assert open(a["pairs"]).read().replace(str(tmp_path / "a"), "") == open(b["pairs"]).read().replace(
        str(tmp_path / "b"), "")
