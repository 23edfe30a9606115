"""QGIS plugin class: registers the SenseTrack Processing provider.

Works headless: nothing here touches ``iface`` while loading, so the
provider is available in ``qgis_process`` as well as in the desktop.
"""
from __future__ import annotations

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .provider.provider import SenseTrackProvider

PLUGIN_DIR = os.path.dirname(__file__)


class SenseTrackPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.translator = None
        self._install_translator()

    def _install_translator(self) -> None:
        locale = (QSettings().value("locale/userLocale") or QLocale().name() or "en")[:2]
        qm = os.path.join(PLUGIN_DIR, "i18n", f"sensetrack_{locale}.qm")
        if os.path.exists(qm):
            self.translator = QTranslator()
            if self.translator.load(qm):
                QCoreApplication.installTranslator(self.translator)

    def initProcessing(self) -> None:  # noqa: N802
        # keep a reference: an unreferenced provider is garbage-collected
        self.provider = SenseTrackProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
