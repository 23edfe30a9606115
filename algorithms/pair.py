"""Base class for algorithms that compare a reference and a target raster."""
from __future__ import annotations

from typing import Any, Dict, Optional

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBand,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..core.params import load_preset, preset_parameters, validate
from .base import SenseTrackAlgorithm, set_advanced


class PairAlgorithm(SenseTrackAlgorithm):
    """Declares REFERENCE/TARGET layers, their bands and nodata overrides, and an optional PRESET."""

    REFERENCE = "REFERENCE"
    REFERENCE_BAND = "REFERENCE_BAND"
    TARGET = "TARGET"
    TARGET_BAND = "TARGET_BAND"
    REFERENCE_NODATA = "REFERENCE_NODATA"
    TARGET_NODATA = "TARGET_NODATA"
    PRESET = "PRESET"

    def add_pair_parameters(self) -> None:
        self.addParameter(QgsProcessingParameterRasterLayer(self.REFERENCE, self.tr("Reference (earlier) image")))
        # optional with default 1: qgis_process 3.22 treats a mandatory band as unspecified
        self.addParameter(QgsProcessingParameterBand(self.REFERENCE_BAND, self.tr("Reference band"), 1,
                                                     self.REFERENCE, optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer(self.TARGET, self.tr("Target (later) image")))
        self.addParameter(QgsProcessingParameterBand(self.TARGET_BAND, self.tr("Target band"), 1, self.TARGET,
                                                     optional=True))
        for name, label in ((self.REFERENCE_NODATA, "Reference nodata value (overrides the file's)"),
                            (self.TARGET_NODATA, "Target nodata value (overrides the file's)")):
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Double,
                                             optional=True)
            p.setHelp(self.tr("Leave empty to use the nodata value or mask declared in the file."))
            self.addParameter(set_advanced(p))
        p = QgsProcessingParameterFile(self.PRESET, self.tr("Parameter preset (JSON or YAML)"),
                                       QgsProcessingParameterFile.File, optional=True,
                                       fileFilter="Presets (*.json *.yaml *.yml)")
        p.setHelp(self.tr("A preset file with tuning parameters; its values replace the ones set here."))
        self.addParameter(set_advanced(p))
        for name in (self.REFERENCE, self.REFERENCE_BAND, self.TARGET, self.TARGET_BAND):
            self.parameterDefinition(name).setHelp(self._pair_help(name))

    def _pair_help(self, name: str) -> str:
        return {
            self.REFERENCE: self.tr("The earlier image. Displacement is measured from it to the target."),
            self.REFERENCE_BAND: self.tr("Band of the reference image to track (1 = first)."),
            self.TARGET: self.tr("The later image, on the same grid as the reference (same CRS, extent and pixel size)."),
            self.TARGET_BAND: self.tr("Band of the target image to track (1 = first)."),
        }[name]

    def pair_inputs(self, parameters, context) -> Dict[str, Any]:
        """Source paths, bands and nodata overrides as core keyword arguments."""
        out: Dict[str, Any] = {}
        for key, pname, bname, ndname in (
            ("reference", self.REFERENCE, self.REFERENCE_BAND, self.REFERENCE_NODATA),
            ("target", self.TARGET, self.TARGET_BAND, self.TARGET_NODATA),
        ):
            layer = self.parameterAsRasterLayer(parameters, pname, context)
            if layer is None or not layer.isValid():
                raise QgsProcessingException(self.tr("The {0} layer is missing or cannot be read.").format(key))
            out[key] = layer.source().split("|")[0]
            out[f"{key}_band"] = self.parameterAsInt(parameters, bname, context) or 1
            out[f"{key}_nodata"] = self._optional_double(parameters, ndname, context)
        return out

    def _optional_double(self, parameters, name, context) -> Optional[float]:
        value = parameters.get(name)
        if value is None or value == "":
            return None
        return self.parameterAsDouble(parameters, name, context)

    def apply_preset(self, parameters, context, method: str, specs, values: Dict[str, Any]) -> Dict[str, Any]:
        path = self.parameterAsFile(parameters, self.PRESET, context)
        if not path:
            return values
        merged = dict(values)
        merged.update(preset_parameters(load_preset(path), method))
        return validate(specs, merged)
