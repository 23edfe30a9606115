"""sensetrack:displacementreport — HTML report of a displacement result."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
)

from ..core.postprocess.report import build_report
from .postprocess import PostprocessAlgorithm
from .param_values import FileLayerParameter, layer_source


class DisplacementReportAlgorithm(PostprocessAlgorithm):
    NAME = "displacementreport"
    DISPLAY_NAME = "Displacement report (HTML)"
    REQUIRES = ("matplotlib",)
    MASK = "MASK"
    INVERT = "INVERT"
    DESCRIPTION = (
        "<p>Writes a self-contained HTML report (figures embedded) of a displacement result: a map of the "
        "magnitude (or velocity) with arrows, histograms of DX and DY on stable ground (on all vectors when no "
        "stable-ground mask is given), the stable-ground statistics (median, NMAD, RMSE, count; before and after "
        "the correction when it was applied), the uncertainty summary, the parameters used and the provenance of "
        "the inputs (tracked files, method, every post-processing step).</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = FileLayerParameter(self.MASK, self.tr("Stable-ground mask (polygons or raster)"),
                               optional=True,
                               types=[QgsProcessing.TypeRaster, QgsProcessing.TypeVectorPolygon])
        p.setHelp(self.tr("Optional: the stable ground for the histograms and statistics."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.INVERT, self.tr("Stable ground is outside the mask"),
                                          defaultValue=False)
        p.setHelp(self.tr("Use everything outside the mask as stable ground."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Report"), "HTML (*.html)")
        p.setHelp(self.tr("The HTML report (one file, figures embedded)."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber("VECTORS", self.tr("Vectors with a value")))

    def run_core(self, parameters, context, monitor):
        source = self.input_path(parameters, context)
        mask = layer_source(self, parameters, self.MASK, context, "stable-ground mask") \
            if parameters.get(self.MASK) not in (None, "") else ""
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        info = build_report(source, output, mask, self.parameterAsBoolean(parameters, self.INVERT, context),
                            monitor=monitor)
        return {self.OUTPUT: info["output"], "VECTORS": info["vectors"]}
