"""sensetrack:grayscale — several bands to one."""
from qgis.core import QgsProcessingParameterBand, QgsProcessingParameterString

from ..core.preprocess import grayscale
from .base import parse_numbers
from .preprocess_base import RasterStepAlgorithm


class GrayscaleAlgorithm(RasterStepAlgorithm):
    NAME = "grayscale"
    DISPLAY_NAME = "Multi-band to grayscale"
    BANDS = "BANDS"
    WEIGHTS = "WEIGHTS"
    DESCRIPTION = (
        "<p>Combines bands into one band to track. With no BANDS chosen: the luminance of bands 1-3 taken as "
        "red, green, blue (0.299 R + 0.587 G + 0.114 B, ITU-R BT.601; the mean of the bands when there are "
        "fewer than three). With BANDS: their weighted sum (WEIGHTS, comma-separated, one per band) or their "
        "mean. A pixel is nodata where any band used is nodata.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        self.removeParameter(self.BAND)
        p = QgsProcessingParameterBand(self.BANDS, self.tr("Bands"), None, self.INPUT, optional=True,
                                       allowMultiple=True)
        p.setHelp(self.tr("Bands to combine; leave empty for the luminance of bands 1-3."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.WEIGHTS, self.tr("Weights"), optional=True)
        p.setHelp(self.tr("Comma-separated weights, one per chosen band (e.g. 0.5, 0.5); empty = equal weights."))
        self.addParameter(p)
        self.add_output()

    def run_core(self, parameters, context, monitor):
        bands = self.parameterAsInts(parameters, self.BANDS, context) or []
        text = self.parameterAsString(parameters, self.WEIGHTS, context).strip()
        weights = parse_numbers(text, float, self.tr("WEIGHTS must be numbers separated by commas, e.g. 0.5, 0.5."))
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        result = grayscale(self.input_path(parameters, context), out, bands, weights,
                           nodata=self.optional_double(parameters, self.NODATA, context), monitor=monitor)
        return {self.OUTPUT: result["output"]}
