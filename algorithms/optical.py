"""sensetrack:s2read and sensetrack:landsatread — optical products to cloud-masked, dated reflectance GeoTIFFs."""
from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
)

from ..core.errors import ParameterError
from ..core.optical import RESAMPLINGS, Aoi, read_landsat, read_sentinel2
from .base import SenseTrackAlgorithm, set_advanced
from .param_values import EnumParameter

_WKT = QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL

_COMMON_HELP = (
    "<p><b>Area of interest</b>: an extent or polygon layer in any CRS; the output covers its bounding box "
    "(pixels outside the polygons are kept: the stable ground around a landslide or glacier is needed for "
    "co-registration). A product that covers the area only partly is read for the part it covers (NaN "
    "elsewhere) and the covered fraction is logged; an area the product does not touch is an error. Without a "
    "target CRS the output is on the product's own UTM grid, so all products of one tile (or WRS path/row) "
    "read with one area share a grid; with a target CRS and pixel size, pixel edges fall on multiples of the "
    "pixel size, so products of different tiles share a grid too.</p><p><b>Output</b>: float32 GeoTIFF, one "
    "band per requested band (named like B08 for Sentinel-2, B8 for Landsat), reflectance (1 = 100 %), NaN "
    "where there is no data or a mask applies. The metadata holds the acquisition date and time (UTC), "
    "platform, tile, relative orbit, processing baseline/level, cloud cover, the covered and valid fractions "
    "and the formula used; sensetrack:velocity and the time-series tools read the date from it. Works in "
    "batch mode (a folder of products becomes a stack of dated images) and in the modeler.</p>"
)


class OpticalReadAlgorithm(SenseTrackAlgorithm):
    """Parameters and run shared by the Sentinel-2 and Landsat readers."""

    REQUIRES = ("lxml", "scipy")
    GROUP_ID = "optical"
    INPUT_LABEL = ""
    FILE_FILTER = ""
    INPUT_HELP = ""
    BANDS_DEFAULT = ""
    BANDS_HELP = ""

    def add_parameters(self) -> None:
        p = QgsProcessingParameterFile("INPUT", self.tr(self.INPUT_LABEL), QgsProcessingParameterFile.File,
                                       fileFilter=self.FILE_FILTER)
        p.setHelp(self.tr(self.INPUT_HELP))
        self.addParameter(p)
        p = QgsProcessingParameterString("BANDS", self.tr("Bands"), defaultValue=self.BANDS_DEFAULT)
        p.setHelp(self.tr(self.BANDS_HELP))
        self.addParameter(p)
        self.add_extra_parameters()
        p = QgsProcessingParameterBoolean("MASK_CLOUDS", self.tr("Mask clouds, cloud shadows and cirrus"),
                                          defaultValue=True)
        p.setHelp(self.tr("Set the pixels the product flags as cloud, cloud shadow or cirrus to NaN (no-data and "
                          "fill pixels, and Sentinel-2 saturated or defective ones, are always NaN)."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean("MASK_SNOW", self.tr("Mask snow and ice too"), defaultValue=False)
        p.setHelp(self.tr("Also mask snow/ice. Off by default: snow is useful texture on glaciers."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber("DILATION", self.tr("Grow the cloud mask by (pixels)"),
                                         QgsProcessingParameterNumber.Integer, 0, minValue=0, maxValue=200)
        p.setHelp(self.tr("Also mask every pixel within this distance (output pixels, Euclidean) of a cloud, "
                          "shadow or cirrus pixel: cloud edges are often missed by the product's masks. 0 = the "
                          "masks as delivered, not grown."))
        self.addParameter(p)
        p = QgsProcessingParameterExtent("AOI", self.tr("Area of interest (extent)"), optional=True)
        p.setHelp(self.tr("Extent to read, in any CRS. Empty: the whole product."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource("AOI_LAYER", self.tr("Area of interest (polygons)"),
                                                [QgsProcessing.TypeVectorPolygon], optional=True)
        p.setHelp(self.tr("Polygons (any CRS) whose bounding box is read; used instead of the extent."))
        self.addParameter(p)
        p = QgsProcessingParameterCrs("TARGET_CRS", self.tr("Target CRS (optional)"), optional=True)
        p.setHelp(self.tr("Empty: the product's UTM grid. Otherwise the bands are warped to this CRS."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber("PIXEL_SIZE", self.tr("Pixel size (target CRS units, 0 = native)"),
                                         QgsProcessingParameterNumber.Double, 0.0, minValue=0.0)
        p.setHelp(self.tr("Output pixel size; 0 keeps the native one (10 m Sentinel-2, 15 m Landsat band 8). "
                          "Required for a geographic target CRS."))
        self.addParameter(set_advanced(p))
        p = EnumParameter("RESAMPLING", self.tr("Resampling"), options=list(RESAMPLINGS),
                          defaultValue="bilinear")
        p.setHelp(self.tr("Used for bands whose pixel size or CRS differs from the output's (masks always take "
                          "any overlapping flagged pixel)."))
        self.addParameter(set_advanced(p))
        p = QgsProcessingParameterRasterDestination("OUTPUT", self.tr("Reflectance"))
        p.setHelp(self.tr("Float32 GeoTIFF, NaN nodata, one band per requested band, dated metadata."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber("COVERED_FRACTION",
                                                 self.tr("Fraction of the output covered by the product")))
        self.addOutput(QgsProcessingOutputNumber("VALID_FRACTION",
                                                 self.tr("Fraction of the output left valid after masking")))
        self.addOutput(QgsProcessingOutputString("ACQUISITION_DATE", self.tr("Acquisition date and time (UTC)")))

    def add_extra_parameters(self) -> None:
        """Reader-specific parameters (after BANDS)."""

    def aoi(self, parameters, context):
        if parameters.get("AOI_LAYER"):
            source = self.parameterAsSource(parameters, "AOI_LAYER", context)
            geoms = [f.geometry() for f in source.getFeatures() if f.hasGeometry()]
            if not geoms:
                raise ParameterError("The area-of-interest layer has no polygon.")
            return Aoi(QgsGeometry.unaryUnion(geoms).asWkt(), source.sourceCrs().toWkt(_WKT))
        if parameters.get("AOI"):
            rect = self.parameterAsExtent(parameters, "AOI", context)
            if rect.isNull() or rect.width() <= 0 or rect.height() <= 0:
                return None
            crs = self.parameterAsExtentCrs(parameters, "AOI", context)
            return Aoi.from_extent((rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()),
                                   crs.toWkt(_WKT) if crs.isValid() else "")
        return None

    def common_options(self, parameters, context, monitor) -> dict:
        crs = self.parameterAsCrs(parameters, "TARGET_CRS", context)
        bands = [b.strip() for b in self.parameterAsString(parameters, "BANDS", context).replace(";", ",")
                 .split(",") if b.strip()]
        if not bands:
            raise ParameterError("Give at least one band (e.g. B08).")
        return {"bands": bands, "aoi": self.aoi(parameters, context),
                "target_crs": crs.toWkt(_WKT) if crs.isValid() else "",
                "pixel_size": self.parameterAsDouble(parameters, "PIXEL_SIZE", context),
                "resampling": self.parameterAsEnumString(parameters, "RESAMPLING", context),
                "mask_clouds": self.parameterAsBoolean(parameters, "MASK_CLOUDS", context),
                "mask_snow": self.parameterAsBoolean(parameters, "MASK_SNOW", context),
                "dilation": self.parameterAsInt(parameters, "DILATION", context), "monitor": monitor}

    def extra_options(self, parameters, context) -> dict:
        """Reader-specific keyword arguments."""
        return {}

    def read(self, product: str, output: str, options: dict) -> dict:
        raise NotImplementedError

    def run_core(self, parameters, context, monitor):
        product = self.parameterAsFile(parameters, "INPUT", context)
        output = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        options = self.common_options(parameters, context, monitor)
        options.update(self.extra_options(parameters, context))
        info = self.read(product, output, options)
        monitor.log(f"{', '.join(info['bands'])}: {info['width']} x {info['height']} pixels, acquired "
                    f"{info['acquisition']}")
        return {"OUTPUT": info["output"], "COVERED_FRACTION": info["covered_fraction"],
                "VALID_FRACTION": info["valid_fraction"], "ACQUISITION_DATE": info["acquisition"]}


class S2ReadAlgorithm(OpticalReadAlgorithm):
    NAME = "s2read"
    DISPLAY_NAME = "Sentinel-2 L1C/L2A to reflectance GeoTIFF"
    NEEDS_JPEG2000 = True
    INPUT_LABEL = "Sentinel-2 product (.zip or MTD_MSIL1C.xml / MTD_MSIL2A.xml)"
    FILE_FILTER = "Sentinel-2 product (*.zip *.ZIP MTD_MSIL1C.xml MTD_MSIL2A.xml);;All files (*)"
    INPUT_HELP = ("The product as downloaded (.zip), or the MTD_MSIL1C.xml / MTD_MSIL2A.xml of an unzipped .SAFE "
                  "folder (a .SAFE folder path typed in qgis_process works too). Level-1C and Level-2A, "
                  "Sentinel-2A/B/C.")
    BANDS_DEFAULT = "B08"
    BANDS_HELP = ("Comma-separated bands, e.g. B08 (10 m near infrared, the default) or B04,B08,B8A. Written in "
                  "this order at the finest resolution among them.")
    HELP = (
        "<p>Turns a Sentinel-2 Level-1C or Level-2A product into a cloud-free, dated reflectance GeoTIFF ready "
        "for the trackers, in one step and without SNAP. The band files (JPEG 2000, or GeoTIFF for products "
        "delivered so) are read directly with GDAL; JPEG 2000 needs GDAL's JP2OpenJPEG driver (shipped with "
        "QGIS; the plugin reports it if missing).</p>"
        "<p><b>Radiometry</b>: reflectance = (DN + offset) / quantification value, both read from the product "
        "metadata: from processing baseline 04.00 (products after 25 January 2022) the offset is RADIO_ADD_OFFSET "
        "(L1C) or BOA_ADD_OFFSET (L2A), −1000; older baselines have none. DN 0 (no data) and 65535 (saturated) "
        "are NaN.</p>"
        "<p><b>Masks</b>: Level-2A scene classification (SCL): no data, saturated/defective, cloud shadow, cloud "
        "medium and high probability, thin cirrus (snow optional). Level-1C: the MSK_CLASSI raster (baseline "
        "04.00 on: opaque clouds, cirrus; snow optional) or the older MSK_CLOUDS GML polygons where present. "
        "The cloud mask can be grown by a number of pixels.</p>" + _COMMON_HELP +
        "<p>Reference: ESA, Sentinel-2 Products Specification Document (S2-PDGS-TAS-DI-PSD), and ESA's "
        "announcement of processing baseline 04.00 (January 2022).</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_parameters()

    def add_extra_parameters(self) -> None:
        p = QgsProcessingParameterBoolean("RESAMPLE_10M", self.tr("Resample 20 m and 60 m bands to 10 m"),
                                          defaultValue=False)
        p.setHelp(self.tr("Put every band on the 10 m grid (e.g. B8A or B11 alone at 10 m); otherwise the output "
                          "has the finest resolution among the bands asked for."))
        self.addParameter(p)

    def extra_options(self, parameters, context) -> dict:
        return {"resample_10m": self.parameterAsBoolean(parameters, "RESAMPLE_10M", context)}

    def read(self, product, output, options):
        return read_sentinel2(product, output, **options)


class LandsatReadAlgorithm(OpticalReadAlgorithm):
    NAME = "landsatread"
    DISPLAY_NAME = "Landsat 8/9 to reflectance GeoTIFF"
    INPUT_LABEL = "Landsat product (.tar or *_MTL.txt / *_MTL.xml)"
    FILE_FILTER = "Landsat product (*.tar *.TAR *_MTL.txt *_MTL.xml);;All files (*)"
    INPUT_HELP = ("The Collection 2 product as downloaded (.tar), or the *_MTL.txt / *_MTL.xml in its unpacked "
                  "folder (a folder path typed in qgis_process works too). Landsat 8 and 9, Level-1 and Level-2.")
    BANDS_DEFAULT = "8"
    BANDS_HELP = ("Comma-separated band numbers: 8 (15 m panchromatic, Level-1 only; the default) or any "
                  "reflective band (1-9 Level-1, 1-7 Level-2). Several bands are put on the grid of the finest.")
    HELP = (
        "<p>Turns a Landsat 8 or 9 Collection 2 product (Level-1 or Level-2) into a cloud-free, dated "
        "reflectance GeoTIFF ready for the trackers. The GeoTIFF bands are read directly from the .tar or "
        "folder.</p>"
        "<p><b>Radiometry</b>: Level-1: top-of-atmosphere reflectance = (REFLECTANCE_MULT_BAND_n · DN + "
        "REFLECTANCE_ADD_BAND_n) / sin(SUN_ELEVATION), from the MTL. Level-2: surface reflectance = "
        "MULT · DN + ADD of the MTL's surface-reflectance group (2.75e-05 and −0.2). DN 0 (fill) is NaN.</p>"
        "<p><b>Masks</b> from QA_PIXEL bits: fill, dilated cloud, cirrus, cloud, cloud shadow (snow optional); "
        "from QA_RADSAT: saturation in the bands read and terrain occlusion. "
        "For band 8 the 30 m QA pixels are brought onto the 15 m grid: a 15 m pixel is masked when any QA pixel "
        "it overlaps is. The cloud mask can be grown by a number of pixels.</p>" + _COMMON_HELP +
        "<p>Reference: USGS, Landsat 8-9 OLI/TIRS Collection 2 Level-1 Data Format Control Book (LSDS-1822) "
        "and Level-2 Science Product Guide (LSDS-1619).</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_parameters()

    def read(self, product, output, options):
        return read_landsat(product, output, **options)


OPTICAL_ALGORITHMS = [S2ReadAlgorithm, LandsatReadAlgorithm]
