"""Shared test set-up: import the repository as the package ``sensetrack``.

The repository root is the plugin folder, so tests import it through a
symlink ``.build/plugins/sensetrack`` (the same one QGIS_PLUGINPATH uses).
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # for tests/helpers.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))

from helpers import SAMPLE, SHARED_DATA  # noqa: E402
from sensetrack_path import ensure_importable  # noqa: E402

ensure_importable()


def _snapshot(folder):
    out = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            st = os.stat(path)
            out[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="session", autouse=True)
def inputs_are_never_modified():
    """No run may write into or beside its inputs (not even a .aux.xml statistics file)."""
    folders = [SAMPLE] + [p for p in (SHARED_DATA,) if os.path.isdir(p)]
    before = {f: _snapshot(f) for f in folders}
    yield
    # QGIS itself (pytest-qgis, qgis_process) writes GDAL's .aux.xml statistics beside every raster it loads as
    # a layer: not our code, so not counted here; tests/core/test_no_sidecars.py holds core to it strictly.
    for folder in folders:
        after = {k: v for k, v in _snapshot(folder).items() if not k.endswith(".aux.xml")}
        was = {k: v for k, v in before[folder].items() if not k.endswith(".aux.xml")}
        assert after == was, f"the test run changed files in {folder}: " + ", ".join(
            sorted(set(after) ^ set(was) or [k for k in after if after[k] != was.get(k)]))
