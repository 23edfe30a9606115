"""COSMO-SkyMed and PRISMA algorithms: metadata, footprints, quicklooks, image export."""
from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ..core.errors import ParameterError
from .base import SenseTrackAlgorithm, parse_numbers, set_advanced
from .param_values import EnumParameter


class ProductAlgorithm(SenseTrackAlgorithm):
    """INPUT product file, optional TARGET_CRS / PIXEL_SIZE, and helpers shared by the product readers."""

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    FILE_FILTER = ""
    INPUT_LABEL = ""

    def add_input(self) -> None:
        p = QgsProcessingParameterFile(self.INPUT, self.tr(self.INPUT_LABEL), QgsProcessingParameterFile.File,
                                       fileFilter=self.FILE_FILTER)
        p.setHelp(self.tr("The product file as delivered."))
        self.addParameter(p)

    def add_projection(self) -> None:
        p = QgsProcessingParameterCrs("TARGET_CRS", self.tr("Warp to CRS (optional)"), optional=True)
        p.setHelp(self.tr("Leave empty to keep the product geometry; otherwise the image is warped to a "
                          "north-up grid in this CRS, which the trackers need."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber("PIXEL_SIZE", self.tr("Pixel size (CRS units, 0 = automatic)"),
                                         QgsProcessingParameterNumber.Double, 0.0, minValue=0.0)
        p.setHelp(self.tr("Output pixel size when warping; 0 lets GDAL choose one close to the product's."))
        self.addParameter(set_advanced(p))

    def projection(self, parameters, context):
        crs = self.parameterAsCrs(parameters, "TARGET_CRS", context)
        return (crs.authid() or crs.toWkt()) if crs.isValid() else "", \
            self.parameterAsDouble(parameters, "PIXEL_SIZE", context)

    def write_json(self, parameters, context, name, payload, inputs=()):
        path = self.parameterAsFileOutput(parameters, name, context) if parameters.get(name) else ""
        if path:
            from ..core.output import atomic_path, check_output_path

            path = check_output_path(path, list(inputs))
            with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=2, default=str)
        return path


COSMO_REF = "ASI (2019) COSMO-SkyMed SAR Products Handbook; ASI COSMO-SkyMed Second Generation Products Specification."
PRISMA_REF = "ASI PRISMA Products Specification Document (PRS-SY-PSD)."


class CosmoInfoAlgorithm(ProductAlgorithm):
    NAME = "cosmoinfo"
    DISPLAY_NAME = "COSMO-SkyMed metadata and footprints"
    GROUP_ID = "cosmo"
    HELP = (
        "<p>Reads one or many COSMO-SkyMed files, first (CSK) or second (CSG) generation: the full decoding of "
        "the file name (satellite, product type, mode, swath, polarisation, look side, orbit direction, "
        "delivery, looks, orbit quality, squint...), sensing times, near/far incidence angles, image size and "
        "the footprint from the corner coordinates. Writes the footprints as a polygon layer (EPSG:4326) with "
        "those attributes, and everything as JSON.</p><p>Reference: " + COSMO_REF + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterMultipleLayers(self.INPUT, self.tr("COSMO-SkyMed files (.h5)"),
                                                 QgsProcessing.TypeFile)
        p.setHelp(self.tr("One or more CSK/CSG HDF5 files."))
        self.addParameter(p)
        p = QgsProcessingParameterVectorDestination(self.OUTPUT, self.tr("Footprints"),
                                                    QgsProcessing.TypeVectorPolygon)
        p.setHelp(self.tr("Polygon layer (GeoPackage, EPSG:4326), one feature per file."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination("OUTPUT_JSON", self.tr("Metadata (JSON)"), "JSON (*.json)",
                                                  optional=True, createByDefault=False)
        p.setHelp(self.tr("All metadata of every file as JSON (optional)."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Number of files read")))

    def run_core(self, parameters, context, monitor):
        from ..core.cosmo import open_cosmo
        from ..core.gdal_utils import wgs84
        from ..core.output import write_polygons

        paths = self.parameterAsFileList(parameters, self.INPUT, context)
        if not paths:
            raise ParameterError("Give at least one COSMO-SkyMed file.")
        records = []
        for i, path in enumerate(paths):  # read everything before writing anything
            records.append(open_cosmo(path).to_dict())
            monitor.report((i + 1) / len(paths), f"Read {records[-1]['file']}")
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        results = {self.OUTPUT: write_polygons(out, records, wgs84().ExportToWkt()), "COUNT": len(records)}
        json_path = self.write_json(parameters, context, "OUTPUT_JSON", records, paths)
        if json_path:
            results["OUTPUT_JSON"] = json_path
        return results


class CosmoQuicklookAlgorithm(ProductAlgorithm):
    NAME = "cosmoquicklook"
    DISPLAY_NAME = "COSMO-SkyMed quicklook"
    GROUP_ID = "cosmo"
    INPUT_LABEL = "COSMO-SkyMed file (.h5)"
    FILE_FILTER = "HDF5 (*.h5 *.H5)"
    HELP = ("<p>Exports the quicklook image stored in the product (/S01/QLK): PNG when the output name ends in "
            ".png, otherwise GeoTIFF with the product corners as ground control points.</p><p>Reference: "
            + COSMO_REF + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Quicklook"),
                                                  "PNG (*.png);;GeoTIFF (*.tif)")
        p.setHelp(self.tr("PNG picture or GeoTIFF with corner GCPs."))
        self.addParameter(p)

    def run_core(self, parameters, context, monitor):
        from ..core.cosmo import quicklook

        res = quicklook(self.parameterAsFile(parameters, self.INPUT, context),
                        self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        return {self.OUTPUT: res["output"]}


class CosmoAmplitudeAlgorithm(ProductAlgorithm):
    NAME = "cosmoamplitude"
    DISPLAY_NAME = "COSMO-SkyMed amplitude to GeoTIFF"
    GROUP_ID = "cosmo"
    INPUT_LABEL = "COSMO-SkyMed file (.h5)"
    FILE_FILTER = "HDF5 (*.h5 *.H5)"
    CALIBRATIONS = ("none", "sigma0", "sigma0_db")
    HELP = (
        "<p>Writes the amplitude sqrt(I&sup2; + Q&sup2;) of a complex SCS product, or the detected image of a "
        "DGM/GEC/GTC product (first or second generation), as a float32 GeoTIFF, block by block. GEC and GTC "
        "products are placed on their exact map grid (top-left easting/northing, line and column spacing, UTM or "
        "UPS from the product's projection attributes). SCS and DGM products are geo-referenced with their four "
        "corner coordinates as ground control points at the image's outer corners: exact at the corners, "
        "approximate inside (no orbit model, no DEM). Give a CRS to warp it to a north-up grid for the trackers; "
        "compare only images of the same orbit geometry. The sensing times are kept in the metadata for the "
        "velocity step.</p>"
        "<p>Calibration (SCS and DGM): sigma0 = P R_ref<sup>2n</sup> sin(&theta;) / (F&sup2; K) with P the pixel "
        "power, F the Rescaling Factor, K the Calibration Constant, R_ref and n the Reference Slant Range and "
        "its exponent, &theta; the reference incidence angle of incidence-compensated products, otherwise the "
        "incidence angle interpolated from near to far range across the columns (ASI COSMO-SkyMed SAR Products "
        "Handbook). sigma0_db is 10 log10(sigma0); zero power is nodata.</p>"
        "<p>Reference: " + COSMO_REF + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = EnumParameter("CALIBRATION", self.tr("Calibration"), options=list(self.CALIBRATIONS),
                          defaultValue="none")
        p.setHelp(self.tr("none: amplitude / detected values as stored. sigma0 or sigma0_db: calibrated "
                          "backscatter (SCS and DGM products only; the product's calibration attributes are "
                          "needed)."))
        self.addParameter(p)
        self.add_projection()
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Amplitude"))
        p.setHelp(self.tr("Float32 GeoTIFF."))
        self.addParameter(p)

    def run_core(self, parameters, context, monitor):
        from ..core.cosmo import amplitude

        crs, size = self.projection(parameters, context)
        res = amplitude(self.parameterAsFile(parameters, self.INPUT, context),
                        self.parameterAsOutputLayer(parameters, self.OUTPUT, context), crs, size, monitor,
                        self.parameterAsEnumString(parameters, "CALIBRATION", context) or "none")
        return {self.OUTPUT: res["output"]}


class PrismaInfoAlgorithm(ProductAlgorithm):
    NAME = "prismainfo"
    DISPLAY_NAME = "PRISMA metadata and wavelengths"
    GROUP_ID = "prisma"
    INPUT_LABEL = "PRISMA file (.he5)"
    FILE_FILTER = "PRISMA HE5 (*.he5 *.h5)"
    HELP = ("<p>Reports a PRISMA product's level, identifiers, times, EPSG code, cloud cover and cube sizes, and "
            "writes the table of the VNIR and SWIR bands actually delivered (cube, 1-based band, centre "
            "wavelength and FWHM in nm, ordered by wavelength) as CSV.</p><p>Reference: " + PRISMA_REF + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Wavelength table"), "CSV (*.csv)")
        p.setHelp(self.tr("CSV: cube, band, wavelength_nm, fwhm_nm."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination("OUTPUT_JSON", self.tr("Metadata (JSON)"), "JSON (*.json)",
                                                  optional=True, createByDefault=False)
        p.setHelp(self.tr("Product metadata as JSON (optional)."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputString("LEVEL", self.tr("Processing level")))

    def run_core(self, parameters, context, monitor):
        import csv

        from ..core.output import atomic_path, check_output_path
        from ..core.prisma import open_prisma

        source = self.parameterAsFile(parameters, self.INPUT, context)
        product = open_prisma(source)
        info, table = product.info(), product.wavelength_table()
        out = check_output_path(self.parameterAsFileOutput(parameters, self.OUTPUT, context), [source])
        with atomic_path(out) as tmp, open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["cube", "band", "wavelength_nm", "fwhm_nm"])
            writer.writeheader()
            writer.writerows(table)
        for key, value in info.items():
            monitor.log(f"{key}: {value}")
        results = {self.OUTPUT: out, "LEVEL": product.level}
        json_path = self.write_json(parameters, context, "OUTPUT_JSON", {"info": info, "bands": table}, [source])
        if json_path:
            results["OUTPUT_JSON"] = json_path
        return results


class PrismaExtractAlgorithm(ProductAlgorithm):
    NAME = "prismaextract"
    DISPLAY_NAME = "PRISMA cube to GeoTIFF"
    GROUP_ID = "prisma"
    INPUT_LABEL = "PRISMA file (.he5)"
    FILE_FILTER = "PRISMA HE5 (*.he5 *.h5)"
    LEVELS = ("any", "1", "2B", "2C", "2D", "1G")
    HELP = (
        "<p>Writes the VNIR, SWIR or PAN cube of a PRISMA product (L1, L1G/L1G2, L2B, L2C or L2D), or chosen bands "
        "(1-based cube index) or the bands nearest chosen wavelengths (nm), as a multi-band float32 GeoTIFF. "
        "Values are scaled to physical units: L1 radiance (DN / ScaleFactor - Offset), L2 at-surface radiance "
        "or reflectance (Min + DN (Max - Min) / 65535); DN 0 is nodata. Flagged bands (wavelength 0) are "
        "dropped and bands are ordered by wavelength; each band's description carries its wavelength "
        "(e.g. VNIR_0497.3nm) and its metadata WAVELENGTH/FWHM/CUBE_INDEX.</p>"
        "<p>Geo-referencing: L2D from its EPSG code and upper-left corner coordinate, which is the centre of the "
        "upper-left pixel (origin half a pixel further out), with the nominal pixel size (30 m; PAN 5 m, same rule "
        "assumed); the other levels from their latitude/longitude arrays (L1G: fill values 65535 masked) with "
        "GDAL geolocation warping (EPSG:4326 unless a CRS is given).</p>"
        "<p>Reference: " + PRISMA_REF + "</p>")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = EnumParameter("CUBE", self.tr("Cube"), options=["vnir", "swir", "pan"], defaultValue="vnir")
        p.setHelp(self.tr("vnir (about 400-1010 nm), swir (about 920-2500 nm) or pan (panchromatic, 5 m)."))
        self.addParameter(p)
        p = QgsProcessingParameterString("BANDS", self.tr("Bands (1-based cube indices, optional)"), optional=True)
        p.setHelp(self.tr("Comma-separated band numbers as stored in the cube, e.g. 20, 31, 45. Empty: all."))
        self.addParameter(p)
        p = QgsProcessingParameterString("WAVELENGTHS", self.tr("Wavelengths in nm (optional)"), optional=True)
        p.setHelp(self.tr("Comma-separated wavelengths; the nearest delivered band of each is written."))
        self.addParameter(p)
        p = EnumParameter("EXPECTED_LEVEL", self.tr("Expected processing level"),
                                       options=list(self.LEVELS), defaultValue="any")
        p.setHelp(self.tr("Refuse the file when its level is not this one (any = accept every level; 1G = L1G "
                          "or L1G2)."))
        self.addParameter(set_advanced(p))
        self.add_projection()
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Extracted bands"))
        p.setHelp(self.tr("Multi-band float32 GeoTIFF."))
        self.addParameter(p)

    def run_core(self, parameters, context, monitor):
        from ..core.prisma import extract

        level = self.parameterAsEnumString(parameters, "EXPECTED_LEVEL", context)
        crs, size = self.projection(parameters, context)
        res = extract(self.parameterAsFile(parameters, self.INPUT, context),
                      self.parameterAsOutputLayer(parameters, self.OUTPUT, context),
                      self.parameterAsEnumString(parameters, "CUBE", context),
                      _numbers(self.parameterAsString(parameters, "BANDS", context), int),
                      _numbers(self.parameterAsString(parameters, "WAVELENGTHS", context), float),
                      None if level in ("", "any") else level, crs, size, monitor)
        return {self.OUTPUT: res["output"]}


PRODUCT_ALGORITHMS = (CosmoInfoAlgorithm, CosmoQuicklookAlgorithm, CosmoAmplitudeAlgorithm, PrismaInfoAlgorithm,
                      PrismaExtractAlgorithm)


def _numbers(text: str, kind) -> list:
    return parse_numbers(text, kind, f"'{text}' is not a comma-separated list of numbers.")
