"""Tracking every pair of a network: products with dates, restart after an interruption."""
import os

import numpy as np
import pytest
from helpers import band_names, write_tif
from osgeo import gdal

from sensetrack.core.errors import Cancelled
from sensetrack.core.progress import Monitor
from sensetrack.core.synthetic import Texture
from sensetrack.core.timeseries.batch import is_complete, track_pair, track_pairs
from sensetrack.core.timeseries.dates import image_date
from sensetrack.core.timeseries.network import build_network

SHAPE = (96, 96)


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    """Four dated images of one texture moved uniformly 0.5 px east per date."""
    folder = tmp_path_factory.mktemp("stack")
    tex = Texture.natural(5)
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]].astype(float)
    out = []
    for k, day in enumerate(["20230105", "20230204", "20230306", "20230405"]):
        img = 1000 + 400 * tex(rows, cols - 0.5 * k)
        out.append(write_tif(folder / f"scene_{day}.tif", img))
    return out


def network(images):
    return build_network([(p, image_date(p)) for p in images], max_baseline=60)


def test_track_pair_writes_dates_and_marker(images, tmp_path):
    out = track_pair(images[0], images[2], str(tmp_path / "p.tif"), "farneback", filter_parameters={})
    assert is_complete(out)
    ds = gdal.Open(out)
    assert ds.GetMetadataItem("SENSETRACK_REFERENCE_DATE") == "2023-01-05T00:00:00"
    assert ds.GetMetadataItem("SENSETRACK_TARGET_DATE") == "2023-03-06T00:00:00"
    assert {"DX", "DY", "MASK"} <= set(band_names(out))
    dx = ds.GetRasterBand(band_names(out).index("DX") + 1).ReadAsArray()
    assert abs(np.nanmedian(dx[20:-20, 20:-20]) - 10.0) < 0.5  # 1 px east at 10 m
    assert [f for f in os.listdir(tmp_path)] == ["p.tif"]


def test_track_pair_windowed(images, tmp_path):
    out = track_pair(images[0], images[1], str(tmp_path / "w.tif"), "phasecorrelation",
                     {"window": 32, "step": 16})
    assert is_complete(out)
    assert "PEAK" in band_names(out)


class CancelAt(Monitor):
    """Cancels when the progress message announces the given pair."""

    def __init__(self, text):
        super().__init__()
        self.text = text

    def report(self, fraction, message=""):
        if self.text in message:
            self.cancel()
        super().report(fraction, message)


def test_restart_after_an_interrupted_pair(images, tmp_path):
    pairs = network(images)
    assert len(pairs) == 5
    folder = tmp_path / "pairs"
    with pytest.raises(Cancelled):
        track_pairs(pairs, str(folder), "farneback", monitor=CancelAt("Pair 3/"))
    done = sorted(os.listdir(folder))
    assert done == sorted(p.name + ".tif" for p in pairs[:2])  # nothing partial, not even a scratch file
    stamps = {f: os.stat(folder / f).st_mtime_ns for f in done}
    # a product left by something else without the completion marker is redone, not trusted
    write_tif(folder / f"{pairs[3].name}.tif", np.zeros(SHAPE))
    assert not is_complete(str(folder / f"{pairs[3].name}.tif"))
    seen = []
    info = track_pairs(pairs, str(folder), "farneback", runner=lambda tasks: [
        seen.append(name) or func(**kw) for name, func, kw in tasks])
    assert info["skipped"] == 2 and info["tracked"] == 3
    assert seen == [p.name for p in pairs[2:]]
    assert all(is_complete(p) for p in info["products"])
    assert {f: os.stat(folder / f).st_mtime_ns for f in done} == stamps
    again = track_pairs(pairs, str(folder), "farneback")
    assert again["tracked"] == 0 and again["skipped"] == 5


def test_inputs_are_never_outputs(images, tmp_path):
    from sensetrack.core.errors import InputError

    pairs = network(images)
    folder = os.path.dirname(images[0])
    odd = [p.__class__(p.reference, os.path.join(folder, p.name + ".tif"), p.reference_date, p.target_date)
           for p in pairs[:1]]
    with pytest.raises(InputError, match="overwrite an input"):
        track_pairs(odd, folder, "farneback")
