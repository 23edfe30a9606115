"""Pair networks: rules, connected groups, the pair table and the network picture."""
import datetime as dt

import pytest

from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.timeseries.network import (Pair, build_network, connected_groups, read_pair_table,
                                                write_pair_table)
from sensetrack.core.timeseries.plots import network_png

D0 = dt.datetime(2023, 1, 1)


def images(days):
    return [(f"/data/img{i}.tif", D0 + dt.timedelta(days=d)) for i, d in enumerate(days)]


def spans(pairs):
    return [((p.reference_date - D0).days, (p.target_date - D0).days) for p in pairs]


def test_pair_name_and_baseline():
    p = Pair("a.tif", "b.tif", dt.datetime(2023, 1, 5), dt.datetime(2023, 3, 6, 12))
    assert p.name == "20230105_20230306"
    assert p.baseline_days == pytest.approx(60.5)


def test_all_pairs_within_baselines():
    pairs = build_network(images([0, 10, 20, 40, 80]), min_baseline=15, max_baseline=30, consecutive=False)
    assert spans(pairs) == [(0, 20), (10, 40), (20, 40)]


def test_consecutive_pairs_always_included_and_sorted():
    pairs = build_network(images([80, 0, 10, 20, 40]), min_baseline=15, max_baseline=30, consecutive=True)
    assert spans(pairs) == [(0, 10), (0, 20), (10, 20), (10, 40), (20, 40), (40, 80)]


def test_max_pairs_per_image_keeps_the_shortest():
    pairs = build_network(images([0, 10, 20, 30, 40]), max_per_image=2, consecutive=False)
    count = {}
    for p in pairs:
        for d in (p.reference_date, p.target_date):
            count[d] = count.get(d, 0) + 1
    assert max(count.values()) <= 2
    # shortest first: the four 10-day pairs fill images 10, 20, 30; only (0, 40) still fits
    assert spans(pairs) == [(0, 10), (0, 40), (10, 20), (20, 30), (30, 40)]


def test_season_window():
    days = [0, 100, 365, 380, 730]  # 2023-01-01, 2023-04-11, 2024-01-01, 2024-01-16, 2024-12-31
    pairs = build_network(images(days), season_window=20, consecutive=False)
    assert spans(pairs) == [(0, 365), (0, 380), (0, 730), (365, 380), (365, 730), (380, 730)]


def test_one_image_and_duplicate_dates_are_refused():
    with pytest.raises(InputError, match="at least two"):
        build_network(images([0]))
    dup = [("/d/a.tif", D0), ("/d/b.tif", D0 + dt.timedelta(hours=3))]
    with pytest.raises(InputError, match="a.tif.*b.tif.*same date"):
        build_network(dup)
    with pytest.raises(ParameterError):
        build_network(images([0, 10]), min_baseline=20, max_baseline=10)


def test_connected_groups():
    pairs = build_network(images([0, 10, 200, 210]), max_baseline=50, consecutive=False)
    groups = connected_groups(pairs)
    assert [[(d - D0).days for d in g] for g in groups] == [[0, 10], [200, 210]]
    assert len(connected_groups(build_network(images([0, 10, 200, 210]), max_baseline=50))) == 1
    lone = connected_groups(pairs, dates=[D0 + dt.timedelta(days=500)])
    assert len(lone) == 3


def test_pair_table_round_trip_and_png(tmp_path):
    pairs = build_network(images([0, 10, 20]))
    path = write_pair_table(pairs, str(tmp_path / "pairs.csv"))
    assert read_pair_table(path) == pairs
    png = network_png(pairs, str(tmp_path / "net.png"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and (tmp_path / "net.png").read_bytes() == png
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="columns"):
        read_pair_table(str(tmp_path / "bad.csv"))
