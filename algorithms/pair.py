"""Base class for algorithms that compare a reference and a target raster."""
from __future__ import annotations

import tempfile
from typing import Any, Dict

from qgis.core import (
    QgsProcessingParameterBand,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from ..core.params import load_preset, preset_parameters, validate
from ..core.preprocess import PAIR_CHOICES, preprocess_pair
from .base import SenseTrackAlgorithm, set_advanced, values_from_specs
from .param_values import EnumParameter, RasterInputParameter, layer_source


class PairAlgorithm(SenseTrackAlgorithm):
    """Declares REFERENCE/TARGET layers, their bands and nodata overrides, and an optional PRESET."""

    REFERENCE = "REFERENCE"
    REFERENCE_BAND = "REFERENCE_BAND"
    TARGET = "TARGET"
    TARGET_BAND = "TARGET_BAND"
    REFERENCE_NODATA = "REFERENCE_NODATA"
    TARGET_NODATA = "TARGET_NODATA"
    PRESET = "PRESET"
    PREPROCESSING = "PREPROCESSING"

    def add_pair_parameters(self) -> None:
        self.addParameter(RasterInputParameter(self.REFERENCE, self.tr("Reference (earlier) image")))
        # optional with default 1: qgis_process 3.22 treats a mandatory band as unspecified
        self.addParameter(QgsProcessingParameterBand(self.REFERENCE_BAND, self.tr("Reference band"), 1,
                                                     self.REFERENCE, optional=True))
        self.addParameter(RasterInputParameter(self.TARGET, self.tr("Target (later) image")))
        self.addParameter(QgsProcessingParameterBand(self.TARGET_BAND, self.tr("Target band"), 1, self.TARGET,
                                                     optional=True))
        for name, label in ((self.REFERENCE_NODATA, "Reference nodata value (overrides the file's)"),
                            (self.TARGET_NODATA, "Target nodata value (overrides the file's)")):
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Double,
                                             optional=True)
            p.setHelp(self.tr("Leave empty to use the nodata value or mask declared in the file."))
            self.addParameter(set_advanced(p))
        p = EnumParameter(self.PREPROCESSING, self.tr("Preprocessing of both images"),
                                       options=list(PAIR_CHOICES), defaultValue="none", optional=True)
        p.setHelp(self.tr(
            "Applied to both images before tracking, with its default settings, exactly as running the step "
            "(sensetrack:normalize, equalize, clahe, wallis, highpass or denoise) on each image first: "
            "normalize_minmax / normalize_zscore / normalize_percentile / db (10 log10, SAR intensity), "
            "equalize, clahe, wallis (autoRIFT's pre-filter), highpass, lee (speckle filter). Run the step "
            "separately to change its settings."))
        self.addParameter(p)
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

    def pair_inputs(self, parameters, context, monitor=None) -> Dict[str, Any]:
        """Source paths, bands and nodata overrides as core keyword arguments.

        With a PREPROCESSING choice the paths point to preprocessed copies in
        a temporary folder that lives until the run ends (:meth:`cleanup`).
        """
        out: Dict[str, Any] = {}
        for key, pname, bname, ndname in (
            ("reference", self.REFERENCE, self.REFERENCE_BAND, self.REFERENCE_NODATA),
            ("target", self.TARGET, self.TARGET_BAND, self.TARGET_NODATA),
        ):
            out[key] = layer_source(self, parameters, pname, context, f"{key} raster")
            out[f"{key}_band"] = self.parameterAsInt(parameters, bname, context) or 1
            out[f"{key}_nodata"] = self.optional_double(parameters, ndname, context)
        choice = self.parameterAsEnumString(parameters, self.PREPROCESSING, context) or "none"
        if choice != "none":
            self._workdir = tempfile.TemporaryDirectory(prefix="sensetrack-prep-")
            ref, tar, overrides = preprocess_pair(
                out["reference"], out["target"], choice, self._workdir.name, out["reference_band"],
                out["target_band"], out["reference_nodata"], out["target_nodata"],
                monitor.sub(0.0, 0.0) if monitor is not None else None)
            out.update(overrides, reference=ref, target=tar)
            if monitor is not None:
                monitor.log(self.tr("Both images preprocessed with '{0}'").format(choice))
        return out

    def cleanup(self) -> None:
        workdir = getattr(self, "_workdir", None)
        if workdir is not None:
            workdir.cleanup()
            self._workdir = None

    def tuning_values(self, parameters, context, specs) -> Dict[str, Any]:
        """The tracker's tuning parameters, overridden by the PRESET file's values for ``self.METHOD``."""
        values = values_from_specs(self, specs, parameters, context)
        path = self.parameterAsFile(parameters, self.PRESET, context)
        if not path:
            return values
        merged = dict(values)
        merged.update(preset_parameters(load_preset(path), self.METHOD))
        return validate(specs, merged)
