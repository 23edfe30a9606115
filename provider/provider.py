"""The SenseTrack Processing provider (id ``sensetrack``)."""
from __future__ import annotations

import configparser
import glob
import os

from qgis.core import QgsApplication, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..algorithms import algorithm_classes

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
ICON = os.path.join(PLUGIN_DIR, "resources", "icon.svg")
MODELS_DIR = os.path.join(PLUGIN_DIR, "resources", "models")


def plugin_version() -> str:
    """The version declared in metadata.txt."""
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8")
    return cfg.get("general", "version", fallback="0")


class SenseTrackProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "sensetrack"

    def name(self) -> str:
        return "SenseTrack"

    def longName(self) -> str:  # noqa: N802
        return f"SenseTrack {self.versionInfo()}"

    def versionInfo(self) -> str:  # noqa: N802
        return plugin_version()

    def icon(self) -> QIcon:
        return QIcon(ICON)

    def svgIconPath(self) -> str:  # noqa: N802
        return ICON

    def load(self) -> bool:
        """Register the Processing setting for SNAP's gpt (Options > Processing > Providers > SenseTrack)."""
        try:
            from processing.core.ProcessingConfig import ProcessingConfig, Setting

            from ..algorithms.snap import SNAP_SETTING

            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(Setting(self.name(), SNAP_SETTING, "SNAP gpt executable", "",
                                                valuetype=Setting.FILE))
            ProcessingConfig.readSettings()
        except ImportError:  # Processing's Python plugin is absent (e.g. a bare QgsApplication)
            pass
        # The registry adds a provider only after loading it, so the models' steps (our own algorithms) are
        # resolved once the provider is in the registry.
        QgsApplication.processingRegistry().providerAdded.connect(self._attach_model_steps)
        self.refreshAlgorithms()
        return True

    def unload(self) -> None:
        QgsApplication.processingRegistry().providerAdded.disconnect(self._attach_model_steps)
        try:
            from processing.core.ProcessingConfig import ProcessingConfig

            from ..algorithms.snap import SNAP_SETTING

            ProcessingConfig.removeSetting(SNAP_SETTING)
        except ImportError:
            pass

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        self.load_models()

    def load_models(self) -> None:
        """Register the example models shipped in resources/models as sensetrack:<model name>."""
        for path in sorted(glob.glob(os.path.join(MODELS_DIR, "*.model3"))):
            model = QgsProcessingModelAlgorithm()
            if model.fromFile(path):
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage(f"Cannot load the model {path}", "SenseTrack")

    def _attach_model_steps(self, provider_id: str) -> None:
        if provider_id != self.id():
            return
        for alg in self.algorithms():
            if isinstance(alg, QgsProcessingModelAlgorithm):
                for child_id in alg.childAlgorithms():
                    alg.childAlgorithm(child_id).reattach()
                # outputs exist only once the steps resolve: without this, help and qgis_process list none
                alg.updateDestinationParameters()

    def defaultRasterFileExtension(self) -> str:  # noqa: N802
        return "tif"

    def supportedOutputRasterLayerExtensions(self):  # noqa: N802
        return ["tif"]

    def defaultVectorFileExtension(self, hasGeometry: bool = True) -> str:  # noqa: N802,N803
        return "gpkg"

    def supportedOutputVectorLayerExtensions(self):  # noqa: N802
        return ["gpkg"]
