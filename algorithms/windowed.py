"""Base class of the windowed trackers (phase correlation, NCC): shared parameters and outputs."""
from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterVectorDestination,
)

from ..core.tracking import track_windows_file
from ..core.tracking.windowed.engine import SPECS
from .base import parameter_from_spec
from .pair import PairAlgorithm

CONVENTIONS = (
    "<p><b>Output</b>: a float32 GeoTIFF with one pixel per window, on the STEP grid: each output pixel is "
    "centred on its window's centre (window top-left corners at 0, STEP, 2*STEP... pixels of the reference). "
    "Bands DX (positive east), DY (positive north), MAGNITUDE (&ge; 0), DIRECTION (azimuth of the motion, "
    "degrees clockwise from north) in the map units of the reference CRS, COL_SHIFT / ROW_SHIFT in pixels "
    "(right / down), and the quality bands PEAK (normalised correlation at the peak, -1..1), SNR and, for "
    "phase correlation, NRMS. Displacement is the position in the target minus the position in the "
    "reference, as for the dense trackers. NaN is nodata: a window touching nodata in either image has no "
    "result (never 0); a textureless window has NaN offsets and PEAK 0. The optional point layer holds the "
    "same values at the window centres.</p>"
    "<p>Both rasters must be on the same grid (same CRS, extent and pixel size). Large scenes are processed "
    "by tiles with bounded memory on two threads.</p>"
)


class WindowedTrackerAlgorithm(PairAlgorithm):
    """Pair in; step-grid raster (+ optional points) out; METHOD ("phase" or "ncc") picks the core engine."""

    METHOD = ""
    WINDOW_SIZE = "WINDOW_SIZE"
    STEP = "STEP"
    OUTPUT = "OUTPUT"
    OUTPUT_VECTORS = "OUTPUT_VECTORS"
    DESCRIPTION = ""
    REFERENCES = ""
    REQUIRES = ("scipy",)

    @property
    def specs(self):
        return SPECS[self.METHOD]

    def shortHelpString(self) -> str:  # noqa: N802
        return (self.tr(self.DESCRIPTION) + self.tr(CONVENTIONS) + "<p>" + self.tr("References: ")
                + self.REFERENCES + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_pair_parameters()
        p = QgsProcessingParameterNumber(self.WINDOW_SIZE, self.tr("Window size (pixels)"),
                                         QgsProcessingParameterNumber.Integer, defaultValue=64, minValue=8)
        p.setHelp(self.tr("Side of the square correlation window (chip), pixels. Larger windows are more robust "
                          "on noisy or weakly textured images and blur the motion more; 32-128 is usual."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.STEP, self.tr("Grid step (pixels)"),
                                         QgsProcessingParameterNumber.Integer, defaultValue=16, minValue=1)
        p.setHelp(self.tr("Spacing of the window centres, pixels: one output pixel (and point) per step. "
                          "A step of a quarter of the window is usual."))
        self.addParameter(p)
        for spec in self.specs:
            self.addParameter(parameter_from_spec(spec))
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Displacement"))
        p.setHelp(self.tr("GeoTIFF on the step grid: DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT and the "
                          "quality bands."))
        self.addParameter(p)
        self.add_cog_parameter()
        p = QgsProcessingParameterVectorDestination(self.OUTPUT_VECTORS, self.tr("Displacement points"),
                                                    QgsProcessing.TypeVectorPoint, optional=True,
                                                    createByDefault=False)
        p.setHelp(self.tr("Optional GeoPackage point layer at the window centres with the same values "
                          "(fields DX, DY, MAGNITUDE, DIRECTION, COL_SHIFT, ROW_SHIFT, PEAK, SNR[, NRMS])."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputString("UNITS", self.tr("Units of DX, DY and MAGNITUDE")))
        self.addOutput(QgsProcessingOutputNumber("VALID_FRACTION", self.tr("Fraction of windows with a result")))

    def run_core(self, parameters, context, monitor):
        pair = self.pair_inputs(parameters, context, monitor)
        values = self.tuning_values(parameters, context, self.specs)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        vectors = None
        if parameters.get(self.OUTPUT_VECTORS) not in (None, ""):
            vectors = self.parameterAsOutputLayer(parameters, self.OUTPUT_VECTORS, context) or None
        result = track_windows_file(
            output=output,
            output_vectors=vectors,
            method=self.METHOD,
            window=self.parameterAsInt(parameters, self.WINDOW_SIZE, context),
            step=self.parameterAsInt(parameters, self.STEP, context),
            monitor=monitor,
            **pair,
            **values,
        )
        monitor.log(self.tr("Units: {0}; windows with a result: {1:.1%} of {2}").format(
            result["UNITS"], result["VALID_FRACTION"], result["WINDOWS"]))
        out = {self.OUTPUT: result["OUTPUT"], "UNITS": result["UNITS"], "VALID_FRACTION": result["VALID_FRACTION"]}
        if result["OUTPUT_VECTORS"]:
            out[self.OUTPUT_VECTORS] = result["OUTPUT_VECTORS"]
        return out
