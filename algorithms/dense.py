"""Base class of the three dense optical-flow trackers."""
from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterRasterDestination,
)

from ..core.tracking import track_dense
from ..core.tracking.flow import METHODS
from .base import parameter_from_spec, set_advanced
from .pair import PairAlgorithm

CONVENTIONS = (
    "<p><b>Output</b>: a float32 GeoTIFF on the reference grid with bands DX (positive east), DY (positive "
    "north), MAGNITUDE (&ge; 0) and DIRECTION (azimuth of the motion, degrees clockwise from north), in the "
    "map units of the reference CRS (metres for projected CRS). Displacement is the position in the target "
    "minus the position in the reference. NaN is nodata, wherever either input is nodata. When neither "
    "raster is georeferenced the results are in pixels (DY positive up the image).</p>"
    "<p>Both rasters must be on the same grid (same CRS, extent and pixel size).</p>"
)


class DenseTrackerAlgorithm(PairAlgorithm):
    """Reference/target pair in, DX/DY/MAGNITUDE/DIRECTION raster out; METHOD picks the core tracker."""

    METHOD = ""
    OUTPUT = "OUTPUT"
    PIXEL_OFFSETS = "PIXEL_OFFSETS"
    MATCH = "MATCH"
    DESCRIPTION = ""

    @property
    def method(self):
        return METHODS[self.METHOD]

    @property
    def REQUIRES(self):  # noqa: N802 - class-constant style kept for the base
        return self.method.requires

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(self.DESCRIPTION) + self.tr(CONVENTIONS) + "<p>" + self.tr("Reference: ") + self.method.reference + "</p>"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_pair_parameters()
        for spec in self.method.specs:
            self.addParameter(parameter_from_spec(spec))
        p = QgsProcessingParameterBoolean(self.PIXEL_OFFSETS, self.tr("Add pixel offset bands (COL_SHIFT, ROW_SHIFT)"),
                                          defaultValue=False)
        p.setHelp(self.tr("Also write the offsets in pixels: COL_SHIFT to the right, ROW_SHIFT down the image."))
        self.addParameter(set_advanced(p))
        p = QgsProcessingParameterBoolean(self.MATCH, self.tr("Add the matching quality band (MATCH)"),
                                          defaultValue=True, optional=True)
        p.setHelp(self.tr(
            "MATCH: correlation (-1..1) of the fine texture of the reference and the motion-compensated target "
            "in a 7x7 window; low values flag vectors where the images do not match (used by the post-processing "
            "filters and the uncertainty model). Turn it off for a faster run."))
        self.addParameter(set_advanced(p))
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Displacement"))
        p.setHelp(self.tr("GeoTIFF with bands DX, DY, MAGNITUDE, DIRECTION (and MATCH). Large rasters are "
                          "processed in overlapping blocks, so memory does not grow with the scene."))
        self.addParameter(p)
        self.add_cog_parameter()
        self.addOutput(QgsProcessingOutputString("UNITS", self.tr("Units of DX, DY and MAGNITUDE")))
        self.addOutput(QgsProcessingOutputNumber("VALID_FRACTION", self.tr("Fraction of pixels with a result")))

    def run_core(self, parameters, context, monitor):
        pair = self.pair_inputs(parameters, context, monitor)
        values = self.tuning_values(parameters, context, self.method.specs)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        result = track_dense(
            output=output,
            method=self.METHOD,
            parameters=values,
            pixel_offsets=self.parameterAsBoolean(parameters, self.PIXEL_OFFSETS, context),
            match=self.parameterAsBoolean(parameters, self.MATCH, context),
            monitor=monitor,
            **pair,
        )
        monitor.log(self.tr("Units: {0}; pixels with a result: {1:.1%}").format(result.units, result.valid_fraction))
        if result.valid_fraction == 0:
            monitor.log(self.tr("No pixel has a result: the images have no texture in common (constant or "
                                "nodata), so there is nothing to track. Check the bands and the nodata values."))
        if result.statistics:
            monitor.log(self.tr("Median DX {0:.4g}, median DY {1:.4g}, maximum magnitude {2:.4g} ({3})").format(
                result.statistics["median_dx"], result.statistics["median_dy"],
                result.statistics["max_magnitude"], result.units))
        return {self.OUTPUT: result.output, "UNITS": result.units, "VALID_FRACTION": result.valid_fraction}
