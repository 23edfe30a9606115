"""sensetrack:timeseriesreport — HTML report of a displacement time series."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.timeseries.report import build_timeseries_report
from .param_values import layer_path
from .timeseries_base import TimeSeriesAlgorithm


class TimeSeriesReportAlgorithm(TimeSeriesAlgorithm):
    NAME = "timeseriesreport"
    DISPLAY_NAME = "Time series report (HTML)"
    REQUIRES = ("matplotlib",)
    INPUT = "INPUT"
    POINTS = "POINTS"
    POLYGON = "POLYGON"
    OUTPUT = "OUTPUT"
    HELP = (
        "<p>Writes a self-contained HTML report (figures embedded) of a time series made by sensetrack:timeseries: "
        "a summary table, then for each chosen point (and the median over the polygon; by default the pixel with "
        "the fastest mean motion) the cumulative displacement against time with its 1-sigma band, the velocity "
        "per interval, and the inverse velocity used to spot a slope accelerating towards failure (Fukuzono: "
        "1/v falling on a line towards zero); a map of the mean velocity; the pair network with the pairs the "
        "robust weighting rejected; the residual of every pair.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Time series (the PREFIX_dx.tif file)"))
        p.setHelp(self.tr("Any file of the time series written by sensetrack:timeseries (usually DX); its sibling "
                          "files (PREFIX_dy.tif, PREFIX_sigma_*.tif, PREFIX_summary.tif, PREFIX_pairs.csv) are read "
                          "too."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.POINTS, self.tr("Points"), [QgsProcessing.TypeVectorPoint],
                                                optional=True)
        p.setHelp(self.tr("Points whose histories are plotted (a 'name' field labels them)."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.POLYGON, self.tr("Polygon (median over it)"),
                                                [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("The median history over the pixels inside these polygons is plotted too."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Report"), "HTML (*.html)")
        p.setHelp(self.tr("The HTML report (one file, figures embedded)."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber("SITES", self.tr("Histories plotted")))

    def _source(self, parameters, name, context) -> str:
        if parameters.get(name) in (None, ""):
            return ""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            return ""
        return layer_path(layer)

    def run_core(self, parameters, context, monitor):
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        info = build_timeseries_report(layer_path(layer),
                                       self.parameterAsFileOutput(parameters, self.OUTPUT, context),
                                       self._source(parameters, self.POINTS, context),
                                       self._source(parameters, self.POLYGON, context), monitor=monitor)
        return {self.OUTPUT: info["output"], "SITES": info["sites"]}
