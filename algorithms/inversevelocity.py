"""sensetrack:inversevelocity — Fukuzono inverse-velocity failure-time indicator from a time-series product."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterPoint,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
)

from ..core.forecast.inverse_velocity import WARNING
from ..core.forecast.run import inverse_velocity_file
from .base import SenseTrackAlgorithm
from .param_values import layer_path


class InverseVelocityAlgorithm(SenseTrackAlgorithm):
    NAME = "inversevelocity"
    DISPLAY_NAME = "Inverse velocity (failure-time indicator)"
    GROUP_ID = "postprocessing"
    REQUIRES = ("matplotlib",)
    INPUT = "INPUT"
    INPUT_DY = "INPUT_DY"
    POINT = "POINT"
    AREA = "AREA"
    MIN_POINTS = "MIN_POINTS"
    OUTPUT = "OUTPUT"
    PLOT = "PLOT"
    HELP = (
        "<p>Inverse-velocity analysis of an accelerating slope (Fukuzono 1985) from a SenseTrack time series "
        "(cumulative DX/DY rasters, one band per date): the displacement at a POINT, or its median over the "
        "polygons of AREA, gives the horizontal speed between consecutive dates; 1/speed is plotted against time "
        "and a straight line is fitted on the last accelerating part, whose start is chosen objectively (a "
        "one-breakpoint regression: steady creep, then 1/v linear in time). The time at which the line reaches "
        "1/v = 0 is the indicated failure time, given with its 1-sigma (from the fit's covariance) and 95 % "
        "interval. A part that does not accelerate significantly (F-test against a constant speed) gives no "
        "time.</p><p>Outputs: a CSV table (date, speed, 1/speed, whether fitted, the fitted line, then the "
        "results as '# key' rows) and a PNG or HTML plot.</p><p><b>Warning</b>: " + WARNING + "</p>"
        "<p>Reference: Fukuzono, T. (1985) A new method for predicting the failure time of a slope. Proc. 4th "
        "International Conference and Field Workshop on Landslides, Tokyo, 145-150.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Time series (DX or DY file)"))
        p.setHelp(self.tr("A SenseTrack time-series raster (SENSETRACK_KIND=timeseries), one band per date; the "
                          "other component is found beside it (DX <-> DY in the name) or given as INPUT_DY."))
        self.addParameter(p)
        p = QgsProcessingParameterRasterLayer(self.INPUT_DY, self.tr("The other component's file"), optional=True)
        p.setHelp(self.tr("The DY file when INPUT is the DX file (or the reverse), if not beside it."))
        self.addParameter(p)
        p = QgsProcessingParameterPoint(self.POINT, self.tr("Point"), optional=True)
        p.setHelp(self.tr("Where to read the time series (any CRS; the cell containing it is used). Give a point "
                          "or an area, not both."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorLayer(self.AREA, self.tr("Area (polygons)"),
                                              [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("Polygons over which the median displacement of every date is taken (any CRS)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.MIN_POINTS, self.tr("Minimum velocities in the fitted part"),
                                         QgsProcessingParameterNumber.Integer, defaultValue=5, minValue=3)
        p.setHelp(self.tr("The accelerating part must hold at least this many velocities (consecutive-date "
                          "intervals)."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Table"), "CSV (*.csv)")
        p.setHelp(self.tr("CSV: one row per velocity, then the results ('# failure_time', '# failure_sigma_days', "
                          "…, '# warning')."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.PLOT, self.tr("Plot"), "PNG (*.png);;HTML (*.html)",
                                                  optional=True, createByDefault=True)
        p.setHelp(self.tr("The speed and inverse-velocity plot with the fit, as PNG or a self-contained HTML page."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputString("FAILURE_TIME", self.tr("Indicated failure time (ISO, empty if "
                                                                         "none)")))
        self.addOutput(QgsProcessingOutputNumber("FAILURE_SIGMA_DAYS", self.tr("1-sigma of the failure time, days")))
        self.addOutput(QgsProcessingOutputString("ONSET", self.tr("Start of the fitted accelerating part")))
        self.addOutput(QgsProcessingOutputNumber("ACCELERATING", self.tr("1 if a significant acceleration was "
                                                                         "found, else 0")))
        self.addOutput(QgsProcessingOutputString("MESSAGE", self.tr("Result in words, with the warning")))

    def run_core(self, parameters, context, monitor):
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.tr("The time series could not be loaded as a raster layer."))
        other = self.parameterAsRasterLayer(parameters, self.INPUT_DY, context)
        area = self.parameterAsVectorLayer(parameters, self.AREA, context)
        point = None
        if parameters.get(self.POINT) not in (None, ""):
            pt = self.parameterAsPoint(parameters, self.POINT, context, layer.crs())
            point = (pt.x(), pt.y())
        table = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        plot = self.parameterAsFileOutput(parameters, self.PLOT, context) if parameters.get(self.PLOT) else None
        info = inverse_velocity_file(layer_path(layer), table, plot or None, point=point,
                                     polygon=layer_path(area) if area is not None else None,
                                     other=layer_path(other) if other is not None else None,
                                     min_points=self.parameterAsInt(parameters, self.MIN_POINTS, context),
                                     monitor=monitor)
        s = info["summary"]
        results = {self.OUTPUT: info["table"], "FAILURE_TIME": s["failure_time"],
                   "FAILURE_SIGMA_DAYS": s["failure_sigma_days"], "ONSET": s["onset"],
                   "ACCELERATING": int(bool(s["accelerating"])), "MESSAGE": s["message"] + " " + WARNING}
        if info["plot"]:
            results[self.PLOT] = info["plot"]
        return results
