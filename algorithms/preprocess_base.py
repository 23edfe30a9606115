"""Base class of the single-image preprocessing algorithms: INPUT band in, one GeoTIFF out."""
from __future__ import annotations

from typing import Any, Dict

from qgis.core import (
    QgsProcessingParameterBand,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
)

from ..core.preprocess import STEPS, apply_step
from .base import SenseTrackAlgorithm, parameter_from_spec, set_advanced, values_from_specs
from .param_values import RasterInputParameter, layer_source

COMMON_HELP = (
    "<p>Nodata pixels (the file's nodata value or mask, or NODATA) are left out of every statistic and "
    "neighbourhood and stay nodata in the output (NaN in float32). The scene is processed block by block "
    "with the overlap the filter needs, so memory stays bounded and the result does not depend on the "
    "block size. The output is on the input grid; chain it into a tracker or use the trackers' "
    "PREPROCESSING option.</p>"
)


class RasterStepAlgorithm(SenseTrackAlgorithm):
    """INPUT / BAND / NODATA / OUTPUT plus the step's own parameters (from its core ParamSpecs)."""

    GROUP_ID = "preprocessing"
    INPUT = "INPUT"
    BAND = "BAND"
    NODATA = "NODATA"
    OUTPUT = "OUTPUT"
    STEP = ""
    DESCRIPTION = ""
    REFERENCE = ""
    FIXED: Dict[str, Any] = {}  # core parameters fixed by the subclass (not shown)

    def shortHelpString(self) -> str:  # noqa: N802
        return self.described_help(self.DESCRIPTION, COMMON_HELP, self.REFERENCE)

    def add_input(self) -> None:
        p = RasterInputParameter(self.INPUT, self.tr("Input image"))
        p.setHelp(self.tr("Any raster GDAL reads (8/16-bit, integer or float)."))
        self.addParameter(p)
        p = QgsProcessingParameterBand(self.BAND, self.tr("Band"), 1, self.INPUT, optional=True)
        p.setHelp(self.tr("Band to process (1 = first)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.NODATA, self.tr("Nodata value (overrides the file's)"),
                                         QgsProcessingParameterNumber.Double, optional=True)
        p.setHelp(self.tr("Leave empty to use the nodata value or mask declared in the file."))
        self.addParameter(set_advanced(p))

    def add_output(self) -> None:
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr(self.DISPLAY_NAME))
        p.setHelp(self.tr("GeoTIFF on the input grid."))
        self.addParameter(p)
        self.add_cog_parameter()

    def specs(self):
        return tuple(s for s in STEPS[self.STEP].specs if s.name not in self.FIXED)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        for spec in self.specs():
            self.addParameter(parameter_from_spec(spec))
        self.add_output()

    def input_path(self, parameters, context) -> str:
        return layer_source(self, parameters, self.INPUT, context, "input raster")

    def run_core(self, parameters, context, monitor):
        values = values_from_specs(self, self.specs(), parameters, context)
        values.update(self.FIXED)
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        result = apply_step(self.input_path(parameters, context), out, self.STEP,
                            band=self.parameterAsInt(parameters, self.BAND, context) or 1,
                            nodata=self.optional_double(parameters, self.NODATA, context), monitor=monitor, **values)
        for key, value in result["statistics"].items():
            monitor.log(f"{key}: {value:.6g}")
        return {self.OUTPUT: result["output"]}
