"""Shared test set-up: import the repository as the package ``sensetrack``.

The repository root is the plugin folder, so tests import it through a
symlink ``.build/plugins/sensetrack`` (the same one QGIS_PLUGINPATH uses).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # for tests/helpers.py

from helpers import PLUGINS, ROOT, SAMPLE  # noqa: E402

os.makedirs(PLUGINS, exist_ok=True)
_link = os.path.join(PLUGINS, "sensetrack")
if not os.path.lexists(_link):
    os.symlink(ROOT, _link)
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
