"""sensetrack:velocity — displacement to velocity from the acquisition dates."""
from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterString,
)

from ..core.postprocess.steps import velocity_file
from ..core.postprocess.velocity import UNITS
from .postprocess import PostprocessAlgorithm
from .param_values import EnumParameter


class VelocityAlgorithm(PostprocessAlgorithm):
    NAME = "velocity"
    DISPLAY_NAME = "Displacement to velocity"
    REFERENCE_DATE = "REFERENCE_DATE"
    TARGET_DATE = "TARGET_DATE"
    UNIT = "UNIT"
    DESCRIPTION = (
        "<p>Divides the displacement by the time between the two acquisitions and adds the bands VX (east), VY "
        "(north), VELOCITY (&ge; 0) in metres (map units) per day or per year (365.25 days), UNIT = m/day | "
        "m/year; DIRECTION is carried over, and SIGMA_DX/SIGMA_DY/ERROR (from the stable-ground correction) "
        "become SIGMA_VX, SIGMA_VY, VELOCITY_ERROR. All input bands are kept.</p>"
        "<p>Dates (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS) are taken from the parameters, else from the result's "
        "SENSETRACK_REFERENCE_DATE/SENSETRACK_TARGET_DATE metadata, else from the acquisition metadata or the "
        "names of the tracked files (e.g. …_20230105T170012_…). The reference date must be the earlier.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        for name, label in ((self.REFERENCE_DATE, "Reference (earlier) acquisition date"),
                            (self.TARGET_DATE, "Target (later) acquisition date")):
            p = QgsProcessingParameterString(name, self.tr(label), optional=True)
            p.setHelp(self.tr("YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS. Leave empty to read it from the result's "
                              "metadata or the tracked file names."))
            self.addParameter(p)
        p = EnumParameter(self.UNIT, self.tr("Velocity unit"), options=list(UNITS),
                                       defaultValue="m/year")
        p.setHelp(self.tr("m/day or m/year (map units per day or per 365.25-day year)."))
        self.addParameter(p)
        self.add_outputs("Velocity")
        self.addOutput(QgsProcessingOutputNumber("DAYS", self.tr("Days between the acquisitions")))
        self.addOutput(QgsProcessingOutputNumber("MEDIAN_VELOCITY", self.tr("Median velocity")))
        self.addOutput(QgsProcessingOutputString("UNITS", self.tr("Velocity units")))

    def run_core(self, parameters, context, monitor):
        source = self.input_path(parameters, context)
        outs = self.output_paths(parameters, context)
        info = velocity_file(source, outs[0][1],
                             self.parameterAsString(parameters, self.REFERENCE_DATE, context) or "",
                             self.parameterAsString(parameters, self.TARGET_DATE, context) or "",
                             self.parameterAsEnumString(parameters, self.UNIT, context), monitor=monitor)
        results = {"DAYS": info["days"], "MEDIAN_VELOCITY": info["median_velocity"], "UNITS": info["units"]}
        self.write_copies(info["output"], outs, results)
        return results
