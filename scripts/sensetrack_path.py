"""Make this checkout importable as the package ``sensetrack``, and start a headless QGIS when needed.

The repository root is the plugin folder, so Python imports it through a link
``.build/plugins/sensetrack`` (the same folder QGIS_PLUGINPATH points to). The
scripts in this folder and the test suite share this set-up.
"""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGINS = os.path.join(ROOT, ".build", "plugins")


def ensure_importable() -> str:
    """Create the ``sensetrack`` link if needed and put its folder on ``sys.path``; return that folder."""
    os.makedirs(PLUGINS, exist_ok=True)
    link = os.path.join(PLUGINS, "sensetrack")
    if not os.path.lexists(link):
        os.symlink(ROOT, link)
    if PLUGINS not in sys.path:
        sys.path.insert(0, PLUGINS)
    return PLUGINS


def start_qgis():
    """The running QgsApplication, or a new headless one (initialised once per process)."""
    ensure_importable()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance() or QgsApplication([], False)
    if not app.property("sensetrack_initialised"):
        QgsApplication.initQgis()
        app.setProperty("sensetrack_initialised", True)
    return app
