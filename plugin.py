"""QGIS plugin class: registers the SenseTrack Processing provider.

Works headless: nothing here touches ``iface`` while loading, so the
provider is available in ``qgis_process`` as well as in the desktop.
"""
from __future__ import annotations

import os

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .provider.provider import SenseTrackProvider

PLUGIN_DIR = os.path.dirname(__file__)


def dependency_report() -> str:
    """A message naming the missing optional packages and the algorithms they disable ("" if none)."""
    from .algorithms import algorithm_classes
    from .core.deps import install_hint, missing

    from .core.deps import jpeg2000_driver, jpeg2000_hint

    disabled, jp2_users = {}, []
    for cls in algorithm_classes():
        alg = cls()
        for module in missing(tuple(getattr(alg, "REQUIRES", ()))):
            disabled.setdefault(module, []).append(alg.name())
        if getattr(alg, "NEEDS_JPEG2000", False):
            jp2_users.append(alg.name())
    messages = []
    if disabled:
        parts = [f"{m} (needed by {', '.join(sorted(a))})" for m, a in sorted(disabled.items())]
        messages.append(QCoreApplication.translate(
            "SenseTrack", "SenseTrack: missing Python package(s): {0}. Those algorithms are disabled; the others "
            "work. {1}").format("; ".join(parts), install_hint(sorted(disabled))))
    if jp2_users and jpeg2000_driver() is None:
        # not disabled: products delivered as GeoTIFF still work
        messages.append(QCoreApplication.translate(
            "SenseTrack", "SenseTrack: {0} cannot read JPEG 2000 products. {1}").format(
                ", ".join(sorted(jp2_users)), jpeg2000_hint()))
    return " ".join(messages)


class SenseTrackPlugin:
    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.missing_message = ""
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
        if self.provider is not None:
            return
        # keep a reference: an unreferenced provider is garbage-collected
        self.provider = SenseTrackProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)
        self.missing_message = dependency_report()
        if self.missing_message:
            QgsMessageLog.logMessage(self.missing_message, "SenseTrack", Qgis.Warning)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.missing_message and self.iface is not None:
            self.iface.messageBar().pushWarning("SenseTrack", self.missing_message)

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
