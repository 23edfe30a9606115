"""sensetrack:s1info — Sentinel-1 product metadata (JSON) and footprint (polygon layer)."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterVectorDestination,
)

from ..core.sentinel1.info import product_info
from .base import SenseTrackAlgorithm


def add_product_parameter(alg, name="INPUT"):
    """The Sentinel-1 product input shared by the s1* algorithms."""
    p = QgsProcessingParameterFile(name, alg.tr("Sentinel-1 product (.zip or manifest.safe)"),
                                   QgsProcessingParameterFile.File,
                                   fileFilter="Sentinel-1 product (*.zip *.ZIP manifest.safe);;All files (*.*)")
    p.setHelp(alg.tr("The product as downloaded: the zipped SAFE (.zip or .SAFE.zip) or, for an unzipped "
                     "product, the manifest.safe file inside its .SAFE folder (a .SAFE folder path typed in "
                     "qgis_process works too). S1A, S1B, S1C and S1D are accepted."))
    alg.addParameter(p)


class S1InfoAlgorithm(SenseTrackAlgorithm):
    REQUIRES = ("lxml",)
    NAME = "s1info"
    DISPLAY_NAME = "Sentinel-1 product information"
    GROUP_ID = "sentinel1"
    HELP = (
        "<p>Reads a Sentinel-1 product (any platform S1A-S1D; IW, EW, SM, WV; SLC or GRD; .zip or .SAFE, the "
        "cloud-optimised ..._COG.SAFE too) without SNAP and reports its metadata: the full decoding of the product name, pass direction, relative and "
        "absolute orbit, ascending-node time, polarisations, swaths, footprint, incidence angles (near, mid, far, "
        "degrees) and pixel spacing (metres).</p>"
        "<p>Outputs: a JSON file with everything, the footprint as a polygon GeoPackage layer (EPSG:4326) with the "
        "main fields, and the main values as algorithm outputs (usable in the graphical modeler).</p>"
        "<p>Sources: the manifest.safe (orbit, pass, footprint) and the annotation XMLs (image information, "
        "geolocation grid). Reference: ESA, Sentinel-1 Product Specification (S1-RS-MDA-52-7441).</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        add_product_parameter(self)
        p = QgsProcessingParameterFileDestination("OUTPUT_JSON", self.tr("Metadata (JSON)"), "JSON (*.json)",
                                                  optional=True)
        p.setHelp(self.tr("JSON file with all the metadata read from the product."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorDestination("OUTPUT_FOOTPRINT", self.tr("Footprint"),
                                                    QgsProcessing.TypeVectorPolygon, optional=True)
        p.setHelp(self.tr("Product footprint from the manifest, as a polygon GeoPackage in EPSG:4326."))
        self.addParameter(p)
        for name, label in (("PLATFORM", "Platform"), ("PASS", "Pass direction"),
                            ("ASCENDING_NODE_TIME", "Ascending node time"), ("POLARISATIONS", "Polarisations"),
                            ("FOOTPRINT_WKT", "Footprint (WKT)")):
            self.addOutput(QgsProcessingOutputString(name, self.tr(label)))
        for name, label in (("RELATIVE_ORBIT", "Relative orbit"), ("ABSOLUTE_ORBIT", "Absolute orbit"),
                            ("MEAN_INCIDENCE_ANGLE", "Mean incidence angle (degrees)"),
                            ("RANGE_PIXEL_SPACING", "Range pixel spacing (m)"),
                            ("AZIMUTH_PIXEL_SPACING", "Azimuth pixel spacing (m)")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def run_core(self, parameters, context, monitor):
        src = self.parameterAsFile(parameters, "INPUT", context)
        json_path = self.parameterAsFileOutput(parameters, "OUTPUT_JSON", context) or None
        fp = self.parameterAsOutputLayer(parameters, "OUTPUT_FOOTPRINT", context) or None
        info = product_info(src, json_path, fp)
        monitor.log(f"{info['name']['name']}: {info['pass']}, relative orbit {info['relative_orbit']}")
        results = {"PLATFORM": info["platform"], "PASS": info["pass"],
                   "ASCENDING_NODE_TIME": info["ascending_node_time"],
                   "POLARISATIONS": ",".join(info["polarisations"]), "FOOTPRINT_WKT": info["footprint_wkt"],
                   "RELATIVE_ORBIT": info["relative_orbit"], "ABSOLUTE_ORBIT": info["absolute_orbit"],
                   "MEAN_INCIDENCE_ANGLE": info["mean_incidence_angle_deg"],
                   "RANGE_PIXEL_SPACING": info["range_pixel_spacing_m"],
                   "AZIMUTH_PIXEL_SPACING": info["azimuth_pixel_spacing_m"]}
        if json_path:
            results["OUTPUT_JSON"] = json_path
        if fp:
            results["OUTPUT_FOOTPRINT"] = fp
        return results
