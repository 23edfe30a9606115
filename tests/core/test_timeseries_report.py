"""The time-series HTML report: self-contained, the sites asked for, the bad pair named."""
import datetime as dt
import os
import re

import numpy as np
import pytest
from helpers import polygon_gpkg

from sensetrack.core.errors import InputError
from sensetrack.core.output import write_points
from sensetrack.core.timeseries import simulate as S
from sensetrack.core.timeseries.inversion import invert_products
from sensetrack.core.timeseries.report import build_timeseries_report, failure_hint


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ts")
    dates = S.dates_every(dt.datetime(2023, 1, 5), [0, 30, 75, 120, 200, 260, 330])
    truth = S.truth_stack(dates, (30, 40))
    rng = np.random.default_rng(0)
    paths = []
    for i in range(len(dates)):
        for j in range(i + 1, min(i + 4, len(dates))):
            dx, dy = S.pair_displacement(truth, i, j, 0.3, rng)
            if (i, j) == (1, 3):
                dx = dx + 30.0  # a mismatched pair everywhere
            paths.append(S.write_pair(str(tmp / f"p{i}{j}.tif"), dx, dy, dates[i], dates[j]))
    return invert_products(paths, str(tmp / "ts"), weight=0.01)


def test_report_with_points_and_polygon(series, tmp_path):
    x0, y0 = S.GT[0], S.GT[3]
    pts = write_points(str(tmp_path / "pts.gpkg"), np.array([x0 + 200.0, x0 + 15.0]), np.array([y0 - 150.0, y0 - 15.0]),
                       {"name": np.array(["lobe", "stable"], dtype=object)}, S.utm_wkt())
    poly = polygon_gpkg(tmp_path / "poly.gpkg", f"POLYGON(({x0 + 150} {y0 - 100},{x0 + 250} {y0 - 100},"
                                                f"{x0 + 250} {y0 - 200},{x0 + 150} {y0 - 200},{x0 + 150} {y0 - 100}))")
    info = build_timeseries_report(series["dx"], str(tmp_path / "r.html"), pts, poly)
    text = open(info["output"], encoding="utf-8").read()
    assert info["sites"] == 3
    assert "lobe" in text and "stable" in text and "polygon median" in text
    assert len(re.findall(r"src='data:image/png;base64,", text)) == 6
    assert "http" not in text.replace("http-equiv", "")  # nothing fetched from elsewhere
    assert info["rejected_pairs"] == ["20230204_20230505"]


def test_report_defaults_to_the_fastest_pixel_and_refuses_other_files(series, tmp_path):
    info = build_timeseries_report(series["summary"], str(tmp_path / "r.html"))
    assert "fastest pixel" in open(info["output"], encoding="utf-8").read()
    with pytest.raises(InputError, match="not a file of a SenseTrack time series"):
        build_timeseries_report(str(tmp_path / "r.html"), str(tmp_path / "r2.html"))
    assert not os.path.exists(tmp_path / "r2.html")


def test_failure_hint_is_the_inverse_velocity_fit():
    """1/v falling linearly to 0 on day 40 (Fukuzono): the report's hint is core.forecast's fit of it."""
    start = dt.datetime(2023, 1, 1)
    t = np.array([0.0, 5, 10, 15, 20, 25, 30])
    when, sigma = failure_hint([start + dt.timedelta(days=d) for d in t], 1.0 / (40.0 - t))
    assert abs((when - (start + dt.timedelta(days=40))).total_seconds()) < 60 and sigma < 0.01
    assert failure_hint([start + dt.timedelta(days=d) for d in t], np.ones(7)) is None
