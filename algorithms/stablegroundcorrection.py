"""sensetrack:stablegroundcorrection — remove the co-registration bias measured on stable ground."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
)

from ..core.postprocess.stable import MODELS
from ..core.postprocess.steps import correct_file
from .postprocess import PostprocessAlgorithm
from .param_values import EnumParameter, FileLayerParameter, layer_source


class StableGroundCorrectionAlgorithm(PostprocessAlgorithm):
    NAME = "stablegroundcorrection"
    DISPLAY_NAME = "Stable-ground correction and uncertainty"
    MASK = "MASK"
    INVERT = "INVERT"
    MODEL = "MODEL"
    DESCRIPTION = (
        "<p>Estimates the residual co-registration offset on ground that did not move and removes it from the "
        "whole result: a constant (median, the default), a plane or a quadratic surface (robust least squares, "
        "MODEL = median | plane | quadratic). The stable ground is inside the polygons of a polygon layer, or "
        "where a raster mask is non-zero; tick 'Stable ground is outside the mask' to use everything outside "
        "(e.g. outside the landslide).</p>"
        "<p>Reports the stable-ground median, NMAD (1.4826 x median absolute deviation), RMSE and count of DX and "
        "DY before and after (log, output numbers and optional table), and adds per-vector uncertainty bands "
        "SIGMA_DX, SIGMA_DY (1 sigma, map units) and ERROR = hypot(SIGMA_DX, SIGMA_DY). The error model takes "
        "the relative error of each vector from its correlation PEAK (sqrt(1-p^2)/p) or SNR (uniform for dense "
        "trackers) and scales it so that 68.27 % of the stable-ground errors fall inside +-1 sigma, plus the "
        "standard error of the removed bias.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = FileLayerParameter(self.MASK, self.tr("Stable-ground mask (polygons or raster)"),
                               types=[QgsProcessing.TypeRaster, QgsProcessing.TypeVectorPolygon])
        p.setHelp(self.tr("Polygons of stable ground, or a raster that is non-zero on stable ground. "
                          "Reprojected to the result's CRS when needed."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.INVERT, self.tr("Stable ground is outside the mask"),
                                          defaultValue=False)
        p.setHelp(self.tr("Use everything outside the mask as stable ground (e.g. the mask outlines the "
                          "moving area)."))
        self.addParameter(p)
        p = EnumParameter(self.MODEL, self.tr("Bias model"), options=list(MODELS),
                                       defaultValue="median")
        p.setHelp(self.tr("median: constant offset; plane / quadratic: surface in map coordinates, fitted "
                          "robustly on the stable ground (for a ramp left by orbit or attitude errors)."))
        self.addParameter(p)
        self.add_outputs("Corrected result", "Stable-ground statistics",
                         "CSV (or JSON) table: component, before/after, median, NMAD, RMSE, count.")
        for name, label in (("MEDIAN_DX_BEFORE", "Stable-ground median DX before"),
                            ("MEDIAN_DY_BEFORE", "Stable-ground median DY before"),
                            ("MEDIAN_DX_AFTER", "Stable-ground median DX after"),
                            ("MEDIAN_DY_AFTER", "Stable-ground median DY after"),
                            ("NMAD_DX", "Stable-ground NMAD of DX after"),
                            ("NMAD_DY", "Stable-ground NMAD of DY after"),
                            ("STABLE_COUNT", "Vectors on stable ground"),
                            ("SIGMA_SCALE_PX", "Uncertainty scale (pixels)")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def run_core(self, parameters, context, monitor):
        source = self.input_path(parameters, context)
        mask = layer_source(self, parameters, self.MASK, context, "stable-ground mask") \
            if parameters.get(self.MASK) not in (None, "") else ""
        outs = self.output_paths(parameters, context)
        table = self.table_path(parameters, context)
        info = correct_file(source, outs[0][1], mask, self.parameterAsBoolean(parameters, self.INVERT, context),
                            self.parameterAsEnumString(parameters, self.MODEL, context), table=table or None,
                            monitor=monitor)
        b, a = info["before"], info["after"]
        results = {"MEDIAN_DX_BEFORE": b["DX"]["median"], "MEDIAN_DY_BEFORE": b["DY"]["median"],
                   "MEDIAN_DX_AFTER": a["DX"]["median"], "MEDIAN_DY_AFTER": a["DY"]["median"],
                   "NMAD_DX": a["DX"]["nmad"], "NMAD_DY": a["DY"]["nmad"], "STABLE_COUNT": a["DX"]["count"],
                   "SIGMA_SCALE_PX": info["sigma_scale_px"]}
        if table:
            results[self.TABLE] = info["table"]
        self.write_copies(info["output"], outs, results)
        return results
