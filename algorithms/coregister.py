"""sensetrack:coregister — the target on the reference grid, with an optional global sub-pixel shift removed."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterRasterDestination,
)

from ..core.preprocess.coregister import RESAMPLING, coregister
from .base import set_advanced
from .param_values import EnumParameter
from .pair import PairAlgorithm


class CoregisterAlgorithm(PairAlgorithm):
    NAME = "coregister"
    DISPLAY_NAME = "Co-register target to reference"
    GROUP_ID = "preprocessing"
    REQUIRES = ("skimage",)
    RESAMPLING = "RESAMPLING"
    ESTIMATE_SHIFT = "ESTIMATE_SHIFT"
    STABLE_AREA = "STABLE_AREA"
    INVERT_STABLE = "INVERT_STABLE"
    OUTPUT = "OUTPUT"
    HELP = (
        "<p>Puts the target (later) image on the grid of the reference: same CRS, extent and pixel size, with "
        "GDAL warping from any CRS and the chosen resampling. All bands of the target are written (float32, "
        "NaN nodata); its metadata (acquisition date) is kept. Nothing is written beside the inputs.</p>"
        "<p>With <b>Estimate and remove a global shift</b> the remaining sub-pixel offset between the two images "
        "is measured by phase correlation (1/100 px) over their common valid area, or only over the stable "
        "ground (STABLE_AREA polygons, or outside them with INVERT_STABLE), and removed in the same single "
        "resampling. The shift found is reported as SHIFT_COL / SHIFT_ROW (pixels, target minus reference, "
        "columns right, rows down) and SHIFT_X / SHIFT_Y (map units, east / north). Do not use it when most "
        "of the area moves: give the stable ground instead.</p>"
        "<p>Reference: Guizar-Sicairos, M., Thurman, S. T. & Fienup, J. R. (2008) Efficient subpixel image "
        "registration algorithms. Optics Letters 33(2).</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_pair_parameters()
        for name in (self.PRESET, self.PREPROCESSING):
            self.removeParameter(name)
        self.parameterDefinition(self.TARGET).setHelp(self.tr("The image to put on the reference grid; any CRS."))
        for name in (self.REFERENCE_BAND, self.TARGET_BAND):
            self.parameterDefinition(name).setHelp(self.tr("Band used to estimate the shift (1 = first)."))
            set_advanced(self.parameterDefinition(name))
        p = EnumParameter(self.RESAMPLING, self.tr("Resampling"), options=list(RESAMPLING),
                                       defaultValue="bilinear")
        p.setHelp(self.tr("GDAL resampling: near (keeps values), bilinear, cubic, cubicspline, lanczos (sharpest) "
                          "or average (for a much coarser reference)."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.ESTIMATE_SHIFT, self.tr("Estimate and remove a global shift"),
                                          defaultValue=False)
        p.setHelp(self.tr("Measure the residual sub-pixel offset between the images and remove it."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(self.STABLE_AREA, self.tr("Stable ground (polygons)"),
                                                [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("Polygons of ground that did not move; the shift is measured there only."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.INVERT_STABLE, self.tr("Stable ground is outside the polygons"),
                                          defaultValue=False)
        p.setHelp(self.tr("Use everything outside the polygons (e.g. outside a landslide outline) as stable."))
        self.addParameter(p)
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Co-registered target"))
        p.setHelp(self.tr("The target on the reference grid (GeoTIFF, float32, NaN nodata)."))
        self.addParameter(p)
        for name, label in (("SHIFT_COL", "Shift, columns (pixels)"), ("SHIFT_ROW", "Shift, rows (pixels)"),
                            ("SHIFT_X", "Shift east (map units)"), ("SHIFT_Y", "Shift north (map units)"),
                            ("VALID_FRACTION", "Fraction of valid pixels in the output")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def run_core(self, parameters, context, monitor):
        pair = self.pair_inputs(parameters, context, monitor)
        stable = None
        if parameters.get(self.STABLE_AREA):
            stable = self.parameterAsCompatibleSourceLayerPath(parameters, self.STABLE_AREA, context, ["gpkg", "shp"],
                                                               "gpkg", feedback=None)
        result = coregister(
            pair["reference"], pair["target"], self.parameterAsOutputLayer(parameters, self.OUTPUT, context),
            resampling=self.parameterAsEnumString(parameters, self.RESAMPLING, context),
            estimate=self.parameterAsBoolean(parameters, self.ESTIMATE_SHIFT, context),
            stable_area=stable, invert_stable=self.parameterAsBoolean(parameters, self.INVERT_STABLE, context),
            reference_band=pair["reference_band"], target_band=pair["target_band"],
            reference_nodata=pair["reference_nodata"], target_nodata=pair["target_nodata"], monitor=monitor)
        return {self.OUTPUT: result["output"], "SHIFT_COL": result["shift_col"], "SHIFT_ROW": result["shift_row"],
                "SHIFT_X": result["shift_x"], "SHIFT_Y": result["shift_y"],
                "VALID_FRACTION": result["valid_fraction"]}
