"""SNAP algorithms: any graph, and the shipped Sentinel-1, COSMO-SkyMed and Sentinel-2 graphs."""
from __future__ import annotations

import os
from typing import Dict

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ..core.errors import MissingDependencyError
from ..core.files import check_readable
from ..core.snap import extent_to_wgs84_wkt, find_gpt, run_graph, shipped_graphs, to_wgs84_wkt
from .base import SenseTrackAlgorithm, set_advanced
from .param_values import EnumParameter

SNAP_SETTING = "SENSETRACK_SNAP_GPT"
SNAP_HELP = (
    "<p>Needs ESA SNAP: SenseTrack looks for gpt in Processing > Options > Providers > SenseTrack > 'SNAP gpt "
    "executable', then the SNAP_GPT environment variable, then PATH and the standard install folders. gpt runs "
    "as a separate process: progress is shown, Cancel stops it (and its Java children), its error message is "
    "reported, and the output appears only when gpt succeeded. Java memory: MEMORY (e.g. 8G, passed as "
    "_JAVA_OPTIONS -Xmx); tile cache: CACHE (gpt -c); threads: THREADS (gpt -q).</p>"
)


def gpt_setting() -> str:
    try:
        from processing.core.ProcessingConfig import ProcessingConfig

        return ProcessingConfig.getSetting(SNAP_SETTING) or ""
    except Exception:  # noqa: BLE001 - Processing not initialised (plain scripts)
        return ""


class SnapAlgorithm(SenseTrackAlgorithm):
    """gpt discovery (canExecute), gpt options, AOI, projection and OUTPUT shared by the SNAP algorithms."""

    GROUP_ID = "snap"
    OUTPUT = "OUTPUT"

    REQUIRES = ("lxml",)  # graphs are read with lxml

    def canExecute(self):  # noqa: N802
        ok, message = super().canExecute()
        if not ok:
            return ok, message
        try:
            find_gpt(gpt_setting() or None)
        except MissingDependencyError as exc:
            return False, str(exc)
        return True, ""

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(self.HELP) + self.tr(SNAP_HELP)

    def add_gpt_options(self) -> None:
        for name, label, help_text in (
                ("THREADS", "gpt threads (0 = SNAP's default)", "Number of threads gpt uses (gpt -q)."),):
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Integer, 0,
                                             minValue=0)
            p.setHelp(self.tr(help_text))
            self.addParameter(set_advanced(p))
        for name, label, help_text in (
                ("CACHE", "Tile cache (e.g. 2048M, empty = SNAP's default)", "gpt -c: memory for SNAP's tile cache."),
                ("MEMORY", "Java heap (e.g. 8G, empty = SNAP's default)",
                 "Maximum Java heap for gpt, passed as _JAVA_OPTIONS=-Xmx<value>.")):
            p = QgsProcessingParameterString(name, self.tr(label), optional=True)
            p.setHelp(self.tr(help_text))
            self.addParameter(set_advanced(p))

    def add_aoi(self) -> None:
        p = QgsProcessingParameterExtent("AOI", self.tr("Area of interest (extent)"), optional=True)
        p.setHelp(self.tr("Extent to keep (any CRS; converted to a lon/lat polygon for SNAP's Subset)."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource("AOI_LAYER", self.tr("Area of interest (polygons)"),
                                                [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("Polygons to keep (their union); used instead of the extent when given."))
        self.addParameter(p)

    def add_projection(self, pixel_default: float = 10.0) -> None:
        p = QgsProcessingParameterCrs("TARGET_CRS", self.tr("Output map projection"), optional=True)
        p.setHelp(self.tr("CRS of the terrain-corrected output; empty = the UTM zone of the scene (SNAP AUTO:42001)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber("PIXEL_SIZE", self.tr("Pixel spacing (m)"),
                                         QgsProcessingParameterNumber.Double, pixel_default, minValue=0.1)
        p.setHelp(self.tr("Output pixel spacing of the terrain correction, in metres."))
        self.addParameter(p)

    def add_output(self) -> None:
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("SNAP output (GeoTIFF)"))
        p.setHelp(self.tr("GeoTIFF written by gpt's Write node."))
        self.addParameter(p)

    def aoi_wkt(self, parameters, context) -> str:
        if parameters.get("AOI_LAYER"):
            source = self.parameterAsSource(parameters, "AOI_LAYER", context)
            geoms = [f.geometry() for f in source.getFeatures() if f.hasGeometry()]
            if not geoms:
                raise QgsProcessingException(self.tr("The area-of-interest layer has no polygon."))
            return to_wgs84_wkt(QgsGeometry.unaryUnion(geoms).asWkt(), source.sourceCrs().toWkt())
        if parameters.get("AOI"):
            rect = self.parameterAsExtent(parameters, "AOI", context)
            crs = self.parameterAsExtentCrs(parameters, "AOI", context)
            return extent_to_wgs84_wkt((rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()),
                                       crs.toWkt() if crs.isValid() else "EPSG:4326")
        return ""

    def map_projection(self, parameters, context) -> str:
        crs: QgsCoordinateReferenceSystem = self.parameterAsCrs(parameters, "TARGET_CRS", context)
        return crs.authid() or crs.toWkt() if crs.isValid() else "AUTO:42001"

    def run_snap(self, graph: str, values: Dict[str, object], parameters, context, monitor,
                 inputs=(), out: str = "") -> Dict[str, object]:
        out = out or self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        res = run_graph(graph, values, out, gpt=find_gpt(gpt_setting() or None),
                        threads=self.parameterAsInt(parameters, "THREADS", context),
                        cache=self.parameterAsString(parameters, "CACHE", context).strip(),
                        memory=self.parameterAsString(parameters, "MEMORY", context).strip(),
                        monitor=monitor, inputs=list(inputs))
        return {self.OUTPUT: res["output"]}


class SnapGraphAlgorithm(SnapAlgorithm):
    NAME = "snapgraph"
    DISPLAY_NAME = "Run a SNAP graph"
    HELP = ("<p>Runs any SNAP graph XML with gpt. Give a value for each of the graph's ${name} placeholders in "
            "the PARAMETERS table (name, value); they are inserted as plain text, never evaluated. The graph's "
            "Write node must write ${output}: SenseTrack sets it to the OUTPUT file. The log lists the graph's "
            "nodes and placeholders.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFile("GRAPH", self.tr("SNAP graph (XML)"), QgsProcessingParameterFile.File,
                                       fileFilter="SNAP graph (*.xml)")
        p.setHelp(self.tr("A graph saved by SNAP's Graph Builder, with ${...} placeholders."))
        self.addParameter(p)
        p = QgsProcessingParameterMatrix("PARAMETERS", self.tr("Placeholder values"), numberRows=0,
                                         hasFixedNumberRows=False, headers=["name", "value"], optional=True)
        p.setHelp(self.tr("One row per placeholder: its name (without ${ }) and its value."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("SNAP output"), "GeoTIFF (*.tif)")
        p.setHelp(self.tr("The file the graph's Write node writes (${output})."))
        self.addParameter(p)
        self.add_gpt_options()

    def run_core(self, parameters, context, monitor):
        from ..core.snap import Graph

        graph = self.parameterAsFile(parameters, "GRAPH", context)
        g = Graph(graph)
        monitor.log("Nodes: " + ", ".join(f"{n.id} ({n.operator})" for n in g.nodes()))
        monitor.log("Placeholders: " + ", ".join(g.placeholders()))
        values = self.placeholder_values(parameters, context)
        return self.run_snap(graph, values, parameters, context, monitor,
                             out=self.parameterAsFileOutput(parameters, self.OUTPUT, context))


    def placeholder_values(self, parameters, context) -> Dict[str, object]:
        """The PARAMETERS table as {placeholder name: value}."""
        cells = self.parameterAsMatrix(parameters, "PARAMETERS", context) or []
        if len(cells) % 2:
            raise QgsProcessingException(self.tr("The placeholder table must have two columns: name, value."))
        return {str(cells[i]).strip().strip("${}"): cells[i + 1] for i in range(0, len(cells), 2)}

    def extra_inputs(self, parameters, context):
        """Files named by placeholder values (gpt reads them): OUTPUT must not be one of them."""
        out = []
        for name, value in self.placeholder_values(parameters, context).items():
            text = str(value).strip()
            if text and (os.path.exists(text) or "/" in text or os.sep in text):
                out.append((f"PARAMETERS ${{{name}}}", text))
        return out


class SnapSarAlgorithm(SnapAlgorithm):
    """Shipped SAR graphs: product, graph choice, AOI, projection, looks."""

    GRAPHS = ()
    LOOKS = ""  # name of the looks estimator in core.snap.multilook
    PRODUCT_LABEL = ""

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFile("INPUT", self.tr(self.PRODUCT_LABEL), QgsProcessingParameterFile.File)
        p.setHelp(self.tr("The product file as downloaded."))
        self.addParameter(p)
        p = EnumParameter("GRAPH", self.tr("Processing graph"), options=list(self.GRAPHS),
                                       defaultValue=self.GRAPHS[0])
        p.setHelp(self.tr("Shipped graph (see resources/snap/graphs/README.md for nodes and parameters)."))
        self.addParameter(p)
        self.add_aoi()
        self.add_projection()
        for name, label in (("RANGE_LOOKS", "Range looks (0 = estimate)"),
                            ("AZIMUTH_LOOKS", "Azimuth looks (0 = estimate)")):
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Integer, 0,
                                             minValue=0)
            p.setHelp(self.tr("0: estimated from the mean incidence angle for square ground pixels."))
            self.addParameter(set_advanced(p))
        self.add_output()
        self.add_gpt_options()

    def looks(self, product: str):
        from ..core.snap import multilook

        return getattr(multilook, self.LOOKS)(product)

    def run_core(self, parameters, context, monitor):
        product = self.parameterAsFile(parameters, "INPUT", context)
        check_readable(product, "product", folder_ok=True)
        name = self.parameterAsEnumString(parameters, "GRAPH", context)
        graph = shipped_graphs()[name]
        from ..core.snap import Graph

        needed = Graph(graph).placeholders()
        values: Dict[str, object] = {"input": product, "geoRegion": self.aoi_wkt(parameters, context),
                                     "mapProjection": self.map_projection(parameters, context),
                                     "pixelSpacing": self.parameterAsDouble(parameters, "PIXEL_SIZE", context)}
        if "nRgLooks" in needed:
            rg = self.parameterAsInt(parameters, "RANGE_LOOKS", context)
            az = self.parameterAsInt(parameters, "AZIMUTH_LOOKS", context)
            if not rg or not az:
                est = self.looks(product)
                monitor.log(f"Estimated looks: {est.range_looks} x {est.azimuth_looks} "
                            f"({est.ground_range_resolution:.1f} m x {est.azimuth_resolution:.1f} m)")
                rg, az = rg or est.range_looks, az or est.azimuth_looks
            values.update(nRgLooks=rg, nAzLooks=az)
        values = {k: v for k, v in values.items() if k in needed}
        return self.run_snap(graph, values, parameters, context, monitor, [product])


class SnapS1Algorithm(SnapSarAlgorithm):
    NAME = "snaps1"
    DISPLAY_NAME = "Sentinel-1 preprocessing with SNAP"
    GRAPHS = ("s1_iw_slc", "s1_iw_slc_nosf", "s1_iw_slc_ratio", "s1_iw_slc_ratio_nosf", "s1_grd")
    PRODUCT_LABEL = "Sentinel-1 product (.zip or manifest.safe)"
    HELP = ("<p>Sentinel-1 IW SLC or GRD to a calibrated, terrain-corrected GeoTIFF with SNAP and the shipped "
            "graphs (orbit, thermal noise, calibration, deburst, multilook, optional speckle filter, terrain "
            "correction on SRTM, optional VH/VV ratio band, subset to the area of interest). Multilook factors "
            "are estimated from the product's mean incidence angle for square ground pixels (nominal IW "
            "resolution 2.3 m x 14.1 m) unless given.</p>")
    LOOKS = "s1_looks"


class SnapCosmoAlgorithm(SnapSarAlgorithm):
    NAME = "snapcosmo"
    DISPLAY_NAME = "COSMO-SkyMed preprocessing with SNAP"
    GRAPHS = ("cosmo_scs_b",)
    PRODUCT_LABEL = "COSMO-SkyMed SCS_B product (.h5)"
    HELP = ("<p>COSMO-SkyMed (CSK or CSG) SCS_B to a calibrated, multilooked, terrain-corrected GeoTIFF in dB "
            "with SNAP (dB after multilooking, so averaging is done on intensities). Looks are estimated from the "
            "near/far incidence angles for square ground pixels (2 azimuth looks) unless given.</p>")
    LOOKS = "cosmo_looks"


class SnapS2Algorithm(SnapAlgorithm):
    NAME = "snaps2"
    DISPLAY_NAME = "Sentinel-2 L2A resampling with SNAP"
    HELP = ("<p>Sentinel-2 L2A (.zip or .SAFE's MTD_MSIL2A.xml) resampled to 10 m, chosen bands kept, subset to "
            "the area of interest, written as a multi-band GeoTIFF with SNAP.</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFile("INPUT", self.tr("Sentinel-2 L2A product"), QgsProcessingParameterFile.File)
        p.setHelp(self.tr("The product as downloaded (.zip) or its MTD_MSIL2A.xml."))
        self.addParameter(p)
        p = QgsProcessingParameterString("BANDS", self.tr("Bands"), defaultValue="B2,B3,B4,B8")
        p.setHelp(self.tr("Comma-separated Sentinel-2 band names to keep."))
        self.addParameter(p)
        self.add_aoi()
        self.add_output()
        self.add_gpt_options()

    def run_core(self, parameters, context, monitor):
        product = self.parameterAsFile(parameters, "INPUT", context)
        values = {"input": product, "bands": self.parameterAsString(parameters, "BANDS", context).replace(" ", ""),
                  "geoRegion": self.aoi_wkt(parameters, context)}
        return self.run_snap(shipped_graphs()["s2_l2a"], values, parameters, context, monitor, [product])


SNAP_ALGORITHMS = (SnapGraphAlgorithm, SnapS1Algorithm, SnapCosmoAlgorithm, SnapS2Algorithm)
