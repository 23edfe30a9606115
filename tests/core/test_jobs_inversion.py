"""The time-series inversion as job tasks (weight, blocks of output tiles, assembly) against invert_products."""
import datetime as dt
import hashlib
import json
import os
import re
import shutil

import numpy as np
import pytest
import yaml
from osgeo import gdal

from jobs_support import assert_same_outputs, partial_files, read_outputs, run_cli, sample_images
from sensetrack.core.jobs import JobFailed, read_job, run_job, run_tasks
from sensetrack.core.jobs.inversionwork import block_count, inversion_tasks, window_group
from sensetrack.core.jobs.tasks import clean_partials, clean_scratch, plan
from sensetrack.core.timeseries import simulate as S
from sensetrack.core.timeseries.inversion import KINDS, invert_products

DATES = S.dates_every(dt.datetime(2023, 1, 5), [0, 30, 75, 120, 200])
SHAPE = (40, 600)  # three 256-px output tiles across: three blocks of one tile at the smallest block size
SMALLEST = 256 * 256


@pytest.fixture(scope="module")
def products(tmp_path_factory):
    folder = tmp_path_factory.mktemp("products")
    truth = S.truth_stack(DATES, SHAPE)
    rng = np.random.default_rng(3)
    paths = []
    for i in range(len(DATES)):
        for j in range(i + 1, min(i + 4, len(DATES))):
            dx, dy = S.pair_displacement(truth, i, j, 1.0, rng, gross=25.0 if (i, j) == (1, 3) else 0.0)
            dx[(slice(5, 9), slice(300, 340))] = np.nan  # holes: pixels with fewer pairs
            paths.append(S.write_pair(str(folder / f"{DATES[i]:%Y%m%d}_{DATES[j]:%Y%m%d}.tif"), dx, dy, DATES[i],
                                      DATES[j], sigma=0.5 + 0.1 * (j - i)))
    return paths


def _csv(path):
    return open(path, encoding="utf-8").read()


def _same_series(a_prefix, b_prefix):
    """Every raster (pixels, band names, metadata) and the pairs table identical."""
    a, b = os.path.dirname(a_prefix), os.path.dirname(b_prefix)
    assert_same_outputs({k: v for k, v in read_outputs(a).items() if k.startswith(os.path.basename(a_prefix))},
                        {k: v for k, v in read_outputs(b).items() if k.startswith(os.path.basename(b_prefix))})
    assert _csv(a_prefix + "_pairs.csv") == _csv(b_prefix + "_pairs.csv")


@pytest.mark.parametrize("weight, order", [(0.1, 1), (0.0, 1), (1, 2), (None, 1), (None, 2)])
def test_block_tasks_equal_invert_products_bitwise(tmp_path, products, weight, order):
    single = invert_products(products, str(tmp_path / "one" / "ts"), weight=weight, order=order)
    prefix = str(tmp_path / "tasks" / "ts")
    tasks = inversion_tasks(products, prefix, prefix + ".done.json", SHAPE, weight=weight, order=order,
                            block_pixels=SMALLEST)
    names = ["inversion block 1/3", "inversion block 2/3", "inversion block 3/3", "inversion assemble"]
    assert [t.name for t in tasks] == (["inversion weight"] if weight is None else []) + names
    report = run_tasks(tasks)
    assert report.done == [t.name for t in tasks]
    _same_series(str(tmp_path / "one" / "ts"), prefix)
    info = json.loads(gdal.Open(single["dx"]).GetMetadataItem("SENSETRACK_TIMESERIES"))
    if weight is None:  # the weight task's GCV choice is the one invert_products makes
        assert info["weight"] > 0 and info["order"] == order
    with open(prefix + ".done.json") as fh:
        marker = json.load(fh)
    assert marker["outputs"] == {k: os.path.join(str(tmp_path / "tasks"), f"ts_{k}.tif") for k in KINDS} | \
        {"pairs": prefix + "_pairs.csv"}
    assert marker["weight"] == info["weight"]
    assert sorted(os.listdir(tmp_path / "tasks")) == sorted([f"ts_{k}.tif" for k in KINDS] +
                                                            ["ts.done.json", "ts_pairs.csv"])  # blocks are gone


def test_blocks_are_runs_of_whole_output_tiles_and_a_sensible_number():
    assert block_count((40, 600), SMALLEST) == 3
    assert block_count((1000, 1000)) == 4  # 1 Mpx: 16 output tiles, 4 per block
    assert block_count((10980, 10980)) == 463  # a Sentinel-2 tile: 1849 tiles
    assert block_count((10, 10)) == 1
    windows = list(range(10))
    groups = [window_group(windows, k, 3) for k in range(3)]
    assert groups == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert [window_group([0], k, 3) for k in range(3)] == [[], [], [0]]  # fewer tiles than planned: empty blocks


def test_an_interrupted_inversion_resumes_from_its_block_files_and_ends_identical(tmp_path, products):
    invert_products(products, str(tmp_path / "one" / "ts"))
    prefix = str(tmp_path / "timeseries" / "ts")  # as in a job's output folder
    tasks = inversion_tasks(products, prefix, prefix + ".done.json", SHAPE, block_pixels=SMALLEST)
    first = run_tasks(tasks[:3])  # weight, block 1, block 2: then "killed"
    assert first.done == ["inversion weight", "inversion block 1/3", "inversion block 2/3"]
    folder = os.path.dirname(tasks[1].outputs[0])
    done = {p: (os.stat(p).st_mtime_ns, hashlib.sha1(open(p, "rb").read()).hexdigest())
            for t in tasks[:3] for p in t.outputs}
    leftover = os.path.join(folder, ".block_00003.part-1234abcd.npz")  # what a killed writer leaves
    open(leftover, "wb").write(b"half")
    assert clean_partials(str(tmp_path)) == [leftover]
    again = inversion_tasks(products, prefix, prefix + ".done.json", SHAPE, block_pixels=SMALLEST)
    assert [t.outputs for t in again] == [t.outputs for t in tasks]  # a rerun plans the same files
    for path, (mtime, digest) in done.items():  # nothing done is touched before the rerun uses it
        assert os.stat(path).st_mtime_ns == mtime and hashlib.sha1(open(path, "rb").read()).hexdigest() == digest
    report = run_tasks(again)
    assert report.skipped == ["inversion weight", "inversion block 1/3", "inversion block 2/3"]
    assert report.done == ["inversion block 3/3", "inversion assemble"]
    _same_series(str(tmp_path / "one" / "ts"), prefix)
    assert run_tasks(again).skipped == [t.name for t in again]  # complete: nothing runs
    assert not os.path.exists(folder) and not os.path.exists(os.path.dirname(folder))  # blocks removed
    os.makedirs(folder)  # as left by a run killed after the marker, before the blocks were removed
    for t in tasks[:4]:
        open(t.outputs[0], "wb").write(b"block")
    assert sorted(clean_scratch(again)) == sorted(t.outputs[0] for t in tasks[:4])
    assert not os.path.exists(os.path.dirname(folder))
    other = inversion_tasks(products, prefix + "2", prefix + "2.done.json", SHAPE, weight=0.5, block_pixels=SMALLEST)
    assert os.path.dirname(other[0].outputs[0]) != folder  # other settings never reuse these blocks


def _damage_tile(path, band, tile_x):
    """Overwrite one compressed tile of a band with zeros: GDAL fails to decode it, the rest reads."""
    ds = gdal.Open(path)
    offset = int(ds.GetRasterBand(band).GetMetadataItem(f"BLOCK_OFFSET_{tile_x}_0", "TIFF"))
    size = int(ds.GetRasterBand(band).GetMetadataItem(f"BLOCK_SIZE_{tile_x}_0", "TIFF"))
    ds = None
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(b"\xff" * size)


def test_a_damaged_product_fails_its_block_by_name_and_leaves_no_output(tmp_path, products):
    folder = tmp_path / "in"
    folder.mkdir()
    copies = []
    for p in products:
        copies.append(str(folder / os.path.basename(p)))
        shutil.copyfile(p, copies[-1])
    _damage_tile(copies[2], 1, 2)  # DX, third tile across: only the last block reads it
    before = {p: open(p, "rb").read() for p in copies}
    prefix = str(tmp_path / "out" / "ts")
    tasks = inversion_tasks(copies, prefix, prefix + ".done.json", SHAPE, weight=0.1, block_pixels=SMALLEST)
    with pytest.raises(JobFailed) as exc:
        run_tasks(tasks)
    assert list(exc.value.failures) == ["inversion block 3/3"]
    message = exc.value.failures["inversion block 3/3"]
    assert f"Cannot read band DX of the pair product '{os.path.basename(copies[2])}'" in message
    assert "columns 512..599" in message and "make the pair product again" in message
    assert exc.value.not_run == ["inversion assemble"]
    assert str(exc.value).startswith("Task 'inversion block 3/3' failed: Cannot read band DX")
    out = sorted(n for _, _, ns in os.walk(tmp_path / "out") for n in ns)
    assert out == ["block_00001.npz", "block_00002.npz"]  # the blocks that worked; no output, nothing partial
    assert partial_files(str(tmp_path)) == []
    assert all(open(p, "rb").read() == data for p, data in before.items())  # inputs untouched


def images_job(folder, images_dir, **execution):
    """A time-series job on the sample images (4 dates, 5 farneback pairs, 400² products: four output tiles)."""
    images = sample_images(images_dir)
    days = ["2023-06-01", "2023-06-21", "2023-07-11", "2023-08-10"]
    data = {"output": "out", "images": [{"path": p, "date": d} for p, d in zip(images, days)],
            "network": {"max_baseline": 50}, "tracker": {"method": "farneback"},
            "inversion": {"order": 1}, "execution": {"inversion_block_pixels": SMALLEST, **execution}}
    path = os.path.join(folder, "job.yaml")
    with open(path, "w") as fh:
        yaml.safe_dump(data, fh)
    return path


INVERSION_TASKS = ["inversion weight"] + [f"inversion block {k}/4" for k in range(1, 5)] + ["inversion assemble"]


@pytest.fixture(scope="module")
def in_process_job(tmp_path_factory):
    folder = tmp_path_factory.mktemp("job")
    images = str(folder / "images")
    job = read_job(images_job(str(folder), images))
    report = run_job(job)
    assert report.done[-6:] == INVERSION_TASKS and len(report.done) == 11
    return images, read_outputs(job.output)


def test_dry_run_lists_the_inversion_tasks(tmp_path, in_process_job):
    images, expected = in_process_job
    path = images_job(str(tmp_path), images)
    lines = run_cli("run", path, "--dry-run", check=True).stdout.splitlines()
    names = [re.match(r"todo  (.+?)  -> ", line).group(1) for line in lines[:-1]]
    assert names[-6:] == INVERSION_TASKS and len(names) == 11
    blocks = os.path.join(str(tmp_path), "out", "timeseries", "blocks")
    assert lines[-2].endswith(os.path.join(str(tmp_path), "out", "timeseries", "timeseries.done.json"))
    assert all(os.path.join(blocks, "timeseries-") in line for line in lines[5:10])
    assert lines[-1].startswith("11 task(s), 11 to run")
    assert sorted(k for k in expected if k.startswith("timeseries")) == \
        sorted(f"timeseries/timeseries_{k}.tif" for k in KINDS)


def test_job_with_inversion_on_two_worker_processes_equals_in_process(tmp_path, in_process_job):
    pytest.importorskip("distributed", reason="Dask is not installed (Debian: python3-distributed)")
    images, expected = in_process_job
    res = run_cli("run", images_job(str(tmp_path), images), "--scheduler", "local:2")
    assert res.returncode == 0, res.stderr
    assert "2 worker(s)" in res.stderr and "11/11 tasks" in res.stderr
    assert_same_outputs(expected, read_outputs(str(tmp_path / "out")))
    assert not os.path.exists(tmp_path / "out" / "timeseries" / "blocks")
    assert partial_files(str(tmp_path / "out")) == []


def test_job_block_size_is_validated(tmp_path):
    images = str(tmp_path / "images")
    path = images_job(str(tmp_path), images, inversion_block_pixels=1000)
    res = run_cli("run", path, "--dry-run")
    assert res.returncode == 2 and "'execution.inversion_block_pixels' must be at least 65536" in res.stderr
