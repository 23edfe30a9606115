"""The core never writes beside its inputs: not even a GDAL .aux.xml statistics file."""
import os
import shutil

from helpers import SAMPLE

from sensetrack.core.preprocess import apply_step
from sensetrack.core.tracking import track_dense, track_windows_file


def test_tracking_and_preprocessing_leave_the_input_folder_untouched(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("reference.tif", "target.tif"):
        shutil.copy(os.path.join(SAMPLE, name), inputs / name)
    before = {p.name: p.stat().st_mtime_ns for p in inputs.iterdir()}
    ref, tar = str(inputs / "reference.tif"), str(inputs / "target.tif")
    out = tmp_path / "out"
    track_dense(ref, tar, str(out / "dense.tif"))
    track_windows_file(ref, tar, str(out / "win.tif"), str(out / "win.gpkg"), method="phase", window=32, step=16)
    apply_step(ref, str(out / "eq.tif"), "equalize")
    after = {p.name: p.stat().st_mtime_ns for p in inputs.iterdir()}
    assert after == before
