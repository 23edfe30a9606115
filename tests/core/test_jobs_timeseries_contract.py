"""The job's network and pair calls follow the time-series contract (core.timeseries, helper 13).

These tests put a stand-in that has exactly the contracted signatures (and records its calls) in sys.modules,
so a renamed argument on either side fails here. The inversion runs as the job's own tasks
(core.jobs.inversionwork) on the real core.timeseries.inversion, which stays in place.
"""
import datetime as dt
import json
import os
import sys
import types

import pytest
import yaml

from jobs_support import PAIR
from sensetrack.core.jobs import plan, read_job, run_job
from sensetrack.core.jobs.pairwork import run_pair
from sensetrack.core.timeseries import inversion as real_inversion
from sensetrack.core.timeseries.network import Pair  # the real record: the stand-in's calls return it

CALLS = []


def image_date(path, table=None):
    CALLS.append(("image_date", os.path.basename(path), dict(table or {})))
    return dt.datetime.fromisoformat((table or {})[os.path.basename(path)])


def build_network(images, min_baseline=0, max_baseline=None, max_per_image=None, consecutive=True,
                  season_window=None):
    CALLS.append(("build_network", [(os.path.basename(p), d.date().isoformat()) for p, d in images],
                  dict(min_baseline=min_baseline, max_baseline=max_baseline, max_per_image=max_per_image)))
    images = sorted(images, key=lambda x: x[1])
    return [Pair(a[0], b[0], a[1], b[1]) for i, a in enumerate(images) for b in images[i + 1:]
            if max_baseline is None or (b[1] - a[1]).days <= max_baseline]


def track_pair(reference, target, output, method, parameters=None, filter_parameters=None, stable_mask=None,
               reference_date=None, target_date=None, monitor=None):
    CALLS.append(("track_pair", method, reference_date, target_date, bool(filter_parameters)))
    return run_pair(reference, target, output, method, parameters, filter_parameters, stable_mask,
                    reference_date, target_date, monitor)


def is_complete(path):
    return os.path.exists(path)


@pytest.fixture
def timeseries(monkeypatch):
    CALLS.clear()
    base = "sensetrack.core.timeseries"
    pkg = types.ModuleType(base)
    pkg.__path__ = []
    mods = {"": pkg,
            ".dates": dict(image_date=image_date),
            ".network": dict(Pair=Pair, build_network=build_network, connected_groups=lambda pairs: []),
            ".batch": dict(track_pair=track_pair, is_complete=is_complete),
            ".inversion": real_inversion}
    for suffix, attrs in mods.items():
        mod = attrs if not isinstance(attrs, dict) else types.ModuleType(base + suffix)
        if isinstance(attrs, dict):
            mod.__dict__.update(attrs)
        monkeypatch.setitem(sys.modules, base + suffix, mod)
    return CALLS


def _images_job(tmp_path, **extra):
    images = [{"path": PAIR[0], "date": "2023-06-01"}, PAIR[1]]
    data = {"output": "out", "images": images, "dates": {"target.tif": "2023-09-01"},
            "network": {"max_baseline": 200}, "tracker": {"method": "phasecorrelation",
                                                          "parameters": {"window": 32, "step": 8}},
            "filtering": True, "inversion": {"order": 1, "robust": True}}
    data.update(extra)
    path = tmp_path / "job.yaml"
    path.write_text(yaml.safe_dump(data))
    return str(path)


def test_images_network_pairs_and_inversion_use_the_contracted_calls(tmp_path, timeseries):
    job = read_job(_images_job(tmp_path))
    tasks = plan(job)
    names = ["pair 20230601_20230901", "inversion weight", "inversion block 1/1", "inversion assemble"]
    assert [t.name for t in tasks] == names
    assert tasks[0].func is track_pair and tasks[1].deps == ("pair 20230601_20230901",)
    assert tasks[1].kwargs["products"] == [os.path.join(job.output, "pairs", "20230601_20230901.tif")]
    timeseries.clear()
    report = run_job(job)
    assert report.done == names
    kinds = [c[0] for c in timeseries]
    assert kinds == ["image_date", "build_network", "track_pair"]
    assert timeseries[0][2]["target.tif"] == "2023-09-01"  # the job's dates table reaches image_date
    assert timeseries[1][1] == [("reference.tif", "2023-06-01"), ("target.tif", "2023-09-01")]
    assert timeseries[2] == ("track_pair", "phasecorrelation", "2023-06-01", "2023-09-01", True)
    marker = os.path.join(job.output, "timeseries", "timeseries.done.json")
    with open(marker) as fh:
        assert set(json.load(fh)["outputs"]) == set(real_inversion.KINDS) | {"pairs"}
    timeseries.clear()
    assert run_job(read_job(_images_job(tmp_path))).skipped == names
    assert [c[0] for c in timeseries] == ["image_date", "build_network"]  # planning only: nothing recomputed


def test_options_the_contract_cannot_carry_are_refused(tmp_path, timeseries):
    job = read_job(_images_job(tmp_path, stable_mask={"path": PAIR[0], "invert": True}))
    with pytest.raises(Exception, match="'stable_mask.invert' is not supported by the time-series pair tracker"):
        plan(job)


def _write(output, text):
    with open(output, "w") as fh:
        fh.write(text)
    return output


def test_task_runner_is_the_runner_track_pairs_accepts(tmp_path):
    """runner([(name, function, kwargs)]) -> results in order; outputs already there are not recomputed."""
    from sensetrack.core.jobs import task_runner

    items = [(f"p{i}", _write, {"output": str(tmp_path / f"p{i}.txt"), "text": str(i)}) for i in range(3)]
    runner = task_runner()
    assert runner(items) == [str(tmp_path / f"p{i}.txt") for i in range(3)]
    os.remove(tmp_path / "p1.txt")
    stamp = os.stat(tmp_path / "p0.txt").st_mtime_ns
    assert runner(items) == [str(tmp_path / f"p{i}.txt") for i in range(3)]
    assert os.stat(tmp_path / "p0.txt").st_mtime_ns == stamp and (tmp_path / "p1.txt").read_text() == "1"
