"""Inverse-velocity failure time on synthetic Fukuzono series with a known failure time; table, plot, bad inputs."""
import csv
import datetime as dt

import numpy as np
import pytest
import terrain_fixtures as tf
from helpers import polygon_gpkg

from sensetrack.core.errors import InputError
from sensetrack.core.forecast import inverse_velocity as iv
from sensetrack.core.forecast.plot import figure_png, html_page
from sensetrack.core.forecast.run import inverse_velocity_file

T0, ONSET, FAILURE, END, B = tf.T0, tf.ONSET, tf.FAILURE, tf.END, tf.B
fukuzono, _dates = tf.fukuzono, tf.days_to_dates


def test_noise_free_inverse_velocity_gives_the_failure_time_exactly():
    t = np.arange(0, 200, 5.0)
    v = np.where(t < ONSET, 1 / (B * (FAILURE - ONSET)), 1 / (B * (FAILURE - np.maximum(t, ONSET))))
    res = iv.inverse_velocity(_dates(t), v)
    assert res.accelerating
    assert iv.from_days(res.failure_time) == pytest.approx(T0 + dt.timedelta(days=FAILURE), abs=dt.timedelta(
        seconds=1))
    assert res.b == pytest.approx(B, rel=1e-6)
    # v at ONSET is also on the creep line: either side of it is an exact breakpoint
    assert res.times[res.onset_index] - iv.to_days([T0])[0] in (ONSET, ONSET + 5)


def test_noisy_series_recovered_within_the_stated_uncertainty():
    t, d = fukuzono(seed=1)
    tm, v = iv.velocities_from_displacement(_dates(t), d)
    res = iv.inverse_velocity(tm, v)
    truth = iv.to_days([T0])[0] + FAILURE
    assert res.accelerating and res.p_value < 0.05
    assert abs(res.failure_time - truth) < 2 * res.failure_sigma
    assert res.failure_ci95[0] < truth < res.failure_ci95[1]
    assert 0 < res.failure_sigma < 15
    assert "indicator" in res.warning and "not a prediction" in res.warning


def test_stated_uncertainty_is_calibrated_over_many_series():
    truth = iv.to_days([T0])[0] + FAILURE
    z = []
    for seed in range(60):
        t, d = fukuzono(seed=100 + seed)
        res = iv.inverse_velocity(*iv.velocities_from_displacement(_dates(t), d))
        if res.accelerating:
            z.append((res.failure_time - truth) / res.failure_sigma)
    z = np.array(z)
    assert z.size >= 55  # acceleration found in nearly every series
    assert 0.6 <= np.mean(np.abs(z) < 1) <= 0.95  # 1 sigma covers about 68 % (conservative side allowed)
    assert np.mean(np.abs(z) < 2) >= 0.93
    assert abs(np.median(z)) < 0.4  # no large bias


def test_steady_creep_has_no_failure_time():
    rng = np.random.default_rng(3)
    t = np.arange(0, 200, 6.0)
    d = 0.02 * t + rng.normal(0, 0.05, t.size)
    res = iv.inverse_velocity(*iv.velocities_from_displacement(_dates(t), d))
    assert not res.accelerating and np.isnan(res.failure_time)
    assert "not" in res.message or "no accelerating" in res.message


def test_too_short_series():
    res = iv.inverse_velocity([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    assert not res.accelerating and "at least" in res.message


def test_plot_png_and_html():
    t, d = fukuzono(seed=1)
    res = iv.inverse_velocity(*iv.velocities_from_displacement(_dates(t), d))
    png = figure_png(res)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    page = html_page(res, where="test")
    assert "data:image/png;base64," in page and "not a prediction to act on alone" in page


_series_files = tf.write_fukuzono_series


def test_file_at_a_point_and_over_a_polygon(tmp_path):
    (dxp, dyp), dates = _series_files(tmp_path)
    x, y = tf.X0 + 300, tf.Y0 - 200
    info = inverse_velocity_file(dxp, str(tmp_path / "iv.csv"), str(tmp_path / "iv.png"), point=(x, y))
    rows = list(csv.reader(open(info["table"])))
    assert rows[0][:3] == ["date", "velocity_m_per_day", "inverse_velocity_day_per_m"]
    summary = {r[0][2:]: r[1] for r in rows if r[0].startswith("# ")}
    assert summary["accelerating"] == "True" and summary["failure_time"].startswith("2023-0")
    assert open(info["plot"], "rb").read(4) == b"\x89PNG"
    truth = iv.to_days([T0])[0] + FAILURE
    res = info["result"]
    assert abs(res.failure_time - truth) < 2.5 * res.failure_sigma
    poly = polygon_gpkg(tmp_path / "area.gpkg", f"POLYGON(({x} {y}, {x + 200} {y}, {x + 200} {y - 100}, {x} {y - 100}, "
                        f"{x} {y}))")
    info = inverse_velocity_file(dyp, str(tmp_path / "ivp.csv"), str(tmp_path / "ivp.html"), polygon=poly)
    assert "median over 50 cells" in info["where"]
    assert abs(info["result"].failure_time - truth) < 2 * info["result"].failure_sigma
    assert "not a prediction" in open(info["plot"], encoding="utf-8").read()


def test_bad_inputs_leave_no_output(tmp_path):
    (dxp, _), _ = _series_files(tmp_path)
    with pytest.raises(InputError, match="outside"):
        inverse_velocity_file(dxp, str(tmp_path / "out.csv"), str(tmp_path / "out.png"), point=(0.0, 0.0))
    far = polygon_gpkg(tmp_path / "far.gpkg", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
    with pytest.raises(InputError, match="area polygon"):
        inverse_velocity_file(dxp, str(tmp_path / "out.csv"), polygon=far)
    with pytest.raises(InputError, match="either a point or a polygon"):
        inverse_velocity_file(dxp, str(tmp_path / "out.csv"))
    with pytest.raises(InputError, match="either a point or a polygon"):
        inverse_velocity_file(dxp, str(tmp_path / "out.csv"), point=(tf.X0 + 10, tf.Y0 - 10), polygon=far)
    prod = tf.write_product(tmp_path / "pair.tif", tf.product_bands(np.ones(tf.SHAPE), np.ones(tf.SHAPE)))
    with pytest.raises(InputError, match="time series"):
        inverse_velocity_file(prod, str(tmp_path / "out.csv"), point=(tf.X0 + 10, tf.Y0 - 10))
    assert not [p for p in tmp_path.iterdir() if "out" in p.name]


def test_analyse_gives_the_report_figure(tmp_path):
    from sensetrack.core.forecast.run import analyse

    (dxp, _), _ = _series_files(tmp_path)
    res, history = analyse(dxp, point=(tf.X0 + 300, tf.Y0 - 200))
    assert res.accelerating and history["units"] == "m"
    assert figure_png(res, history["units"], "point")[:4] == b"\x89PNG"


def test_bands_without_dates_are_refused(tmp_path):
    z = np.zeros(tf.SHAPE)
    dxp, _ = tf.write_series(tmp_path, [z, z], [z, z], ["2023-01-01", "later"])
    with pytest.raises(InputError, match="Band 2 .* has no date"):
        inverse_velocity_file(dxp, str(tmp_path / "out.csv"), point=(tf.X0 + 10, tf.Y0 - 10))
