#!/usr/bin/env python3
"""Build the example models shipped in ``resources/models`` (``make models``).

The ``.model3`` files are generated, not drawn by hand, so that they always
use the current algorithm ids and parameter names: each model is declared
below as data (inputs, then steps wired to inputs, to other steps' outputs or
to fixed values), assembled with the QGIS model API, validated against the
registered SenseTrack algorithms and written with ``toFile``. Re-run after
renaming anything (which the API rules forbid anyway); a test checks that
the shipped files equal what this script builds.

Usage: ``scripts/build_models.py [output_dir]``
"""
from __future__ import annotations

import os
import sys
from typing import Dict, List

from sensetrack_path import ROOT, start_qgis
MODELS_DIR = os.path.join(ROOT, "resources", "models")
GROUP = "Example models"


# ---- declarations -------------------------------------------------------------------------------------------
# input: (name, kind, description, help, extra) ; step: (child id, algorithm id, description, {param: source},
# {model output name: (child output, description)}[, {"configuration": {...}, "depends": (child id, branch)}]).
# A source is ("input", name), ("step", child id, output) or ("value", v). A step that depends on a branch of a
# native:condition step runs only when that branch's expression is true (an optional step).

def _in(name, kind, description, help_text, **extra):
    return {"name": name, "kind": kind, "description": description, "help": help_text, **extra}


LANDSLIDE = {
    "file": "landslide_displacement.model3",
    "name": "Landslide displacement from two optical images",
    "help": (
        "<p>From two optical images of a landslide (any CRS and pixel size) to a filtered, bias-corrected velocity "
        "map with error bars. Steps: percentile normalisation of both images, co-registration of the later image "
        "on the earlier one, windowed phase correlation, outlier filtering, stable-ground correction outside the "
        "landslide polygon, velocity from the two dates.</p>"
        "<p><b>Inputs</b>: the earlier (reference) and later (target) image, their band, a polygon of the "
        "landslide (the ground outside it is taken as stable), the two acquisition dates (YYYY-MM-DD) and the "
        "correlation window size in pixels (64 suits most 3-10 m images).</p>"
        "<p><b>Outputs</b>: the velocity raster (VX/VY east/north, VELOCITY, DIRECTION, SIGMA_VX/SIGMA_VY, "
        "m/year) and the corrected displacement (DX/DY, m) with its uncertainty.</p>"
        "<p><b>Optional DEM step</b>: with a DEM (any CRS and resolution), the velocity is also projected on the "
        "slope assuming motion parallel to the surface (sensetrack:slopeprojection: VZ/DZ, 3-D and along-slope "
        "velocity, flags for flat ground and motion off the downslope direction). Without a DEM that step is "
        "skipped.</p>"
    ),
    "inputs": [
        _in("REFERENCE", "raster", "Reference (earlier) image", "The earlier optical image."),
        _in("TARGET", "raster", "Target (later) image", "The later optical image, any CRS and pixel size."),
        _in("BAND", "number", "Band to track", "Band of both images to track (1 = first).", default=1),
        _in("LANDSLIDE", "polygon", "Landslide polygon",
            "Polygon(s) around the moving area; everything outside is used as stable ground."),
        _in("REFERENCE_DATE", "date", "Reference acquisition date", "Date of the earlier image (YYYY-MM-DD)."),
        _in("TARGET_DATE", "date", "Target acquisition date", "Date of the later image (YYYY-MM-DD)."),
        _in("WINDOW_SIZE", "number", "Correlation window (pixels)", "Size of the phase-correlation window.",
            default=64),
        _in("DEM", "raster", "DEM (optional)", "Digital elevation model for the slope-parallel 3-D velocity; "
            "leave empty to skip that step.", optional=True),
    ],
    "steps": [
        ("normalize_reference", "sensetrack:normalize", "Normalise the reference (percentile stretch)",
         {"INPUT": ("input", "REFERENCE"), "BAND": ("input", "BAND"), "METHOD": ("value", "percentile")}, {}),
        ("normalize_target", "sensetrack:normalize", "Normalise the target (percentile stretch)",
         {"INPUT": ("input", "TARGET"), "BAND": ("input", "BAND"), "METHOD": ("value", "percentile")}, {}),
        ("coregister", "sensetrack:coregister", "Co-register the target, removing the shift of the stable ground",
         {"REFERENCE": ("step", "normalize_reference", "OUTPUT"), "TARGET": ("step", "normalize_target", "OUTPUT"),
          "RESAMPLING": ("value", "cubic"), "ESTIMATE_SHIFT": ("value", True),
          "STABLE_AREA": ("input", "LANDSLIDE"), "INVERT_STABLE": ("value", True)}, {}),
        ("track", "sensetrack:phasecorrelation", "Windowed phase correlation",
         {"REFERENCE": ("step", "normalize_reference", "OUTPUT"), "TARGET": ("step", "coregister", "OUTPUT"),
          "WINDOW_SIZE": ("input", "WINDOW_SIZE")}, {}),
        ("filter", "sensetrack:filteroffsets", "Remove outliers",
         {"INPUT": ("step", "track", "OUTPUT")}, {}),  # the filter's recommended starting point
        ("correct", "sensetrack:stablegroundcorrection", "Remove the bias measured outside the landslide",
         {"INPUT": ("step", "filter", "OUTPUT"), "MASK": ("input", "LANDSLIDE"), "INVERT": ("value", True)},
         {"DISPLACEMENT": ("OUTPUT", "Landslide displacement",
                           "Displacement between the two dates after outlier filtering and stable-ground "
                           "correction: DX (east), DY (north), MAGNITUDE, DIRECTION in metres, with SIGMA_DX, "
                           "SIGMA_DY and ERROR (1 sigma).")}),
        ("velocity", "sensetrack:velocity", "Velocity from the two dates",
         {"INPUT": ("step", "correct", "OUTPUT"), "REFERENCE_DATE": ("input", "REFERENCE_DATE"),
          "TARGET_DATE": ("input", "TARGET_DATE"), "UNIT": ("value", "m/year")},
         {"VELOCITY": ("OUTPUT", "Landslide velocity",
                       "Velocity in m/year: VX (east), VY (north), VELOCITY, DIRECTION, with SIGMA_VX, SIGMA_VY "
                       "and VELOCITY_ERROR (1 sigma).")}),
        ("has_dem", "native:condition", "Is there a DEM?", {}, {},
         {"configuration": {"conditions": [{"name": "DEM given", "expression": "@DEM IS NOT NULL"}]}}),
        ("slope", "sensetrack:slopeprojection", "Slope-parallel 3-D velocity (only with a DEM)",
         {"INPUT": ("step", "velocity", "OUTPUT"), "DEM": ("input", "DEM"), "SMOOTHING": ("value", 0.0)},
         {"VELOCITY_3D": ("OUTPUT", "Landslide 3-D velocity",
                          "Slope-parallel 3-D velocity (only with a DEM): the velocity bands plus VZ, "
                          "VELOCITY_3D, VELOCITY_ALONG_SLOPE and their 1-sigma, SLOPE, ASPECT and MASK.")},
         {"depends": ("has_dem", "DEM given")}),
    ],
}


GLACIER = {
    "file": "glacier_velocity_s1.model3",
    "name": "Glacier velocity from two Sentinel-1 GRD products",
    "help": (
        "<p>From two Sentinel-1 GRD products (.SAFE folder's manifest.safe or the .zip) to a filtered glacier "
        "velocity map, with no SNAP. Steps: calibration to sigma0 in dB with thermal-noise removal and "
        "geocoding from the products' tie points (sensetrack:s1grd, twice), co-registration of the later "
        "image on the earlier one's grid, normalised cross-correlation, outlier filtering, velocity from the "
        "products' acquisition times.</p>"
        "<p><b>Inputs</b>: the earlier and later product, the polarisation (VV or HH for most glaciers), the "
        "output CRS and pixel size (e.g. a UTM zone and 20 m), the correlation window and the search range in "
        "pixels (larger than the expected motion between the two dates), and optionally the two dates "
        "(YYYY-MM-DD) when the products' own times should not be used.</p>"
        "<p><b>Output</b>: velocity (VX east, VY north, VELOCITY, DIRECTION, m/year). Geocoding uses the "
        "products' tie points without a DEM: in steep terrain use products of the same orbit.</p>"
    ),
    "inputs": [
        _in("REFERENCE_PRODUCT", "file", "Reference (earlier) Sentinel-1 GRD product",
            "manifest.safe of the .SAFE folder, or the zipped product."),
        _in("TARGET_PRODUCT", "file", "Target (later) Sentinel-1 GRD product",
            "manifest.safe of the .SAFE folder, or the zipped product."),
        _in("POLARISATION", "string", "Polarisation", "VV, VH, HH or HV (must be in both products).",
            default="VV"),
        _in("TARGET_CRS", "crs", "Output CRS (optional)",
            "Map projection of the geocoded images; empty = the UTM zone of the reference scene's centre.",
            optional=True),
        _in("PIXEL_SIZE", "float", "Pixel size (CRS units)", "Pixel size of the geocoded images (0 = product).",
            default=0.0),
        _in("WINDOW_SIZE", "number", "Correlation window (pixels)", "Size of the NCC chip.", default=32),
        _in("SEARCH_RANGE", "number", "Search range (pixels)", "How far the chip is searched in every "
            "direction; larger than the expected motion.", default=8),
        _in("REFERENCE_DATE", "date", "Reference date (optional)", "Overrides the product's time (YYYY-MM-DD).",
            optional=True),
        _in("TARGET_DATE", "date", "Target date (optional)", "Overrides the product's time (YYYY-MM-DD).",
            optional=True),
    ],
    "steps": [
        *[(f"grd_{which}", "sensetrack:s1grd", f"Calibrate and geocode the {which} product",
           {"INPUT": ("input", f"{which.upper()}_PRODUCT"), "POLARISATION": ("input", "POLARISATION"),
            "CALIBRATION": ("value", "sigma0"), "NOISE_REMOVAL": ("value", True), "DB": ("value", True),
            "TARGET_CRS": ("input", "TARGET_CRS"), "PIXEL_SIZE": ("input", "PIXEL_SIZE")}, {})
          for which in ("reference", "target")],
        ("coregister", "sensetrack:coregister", "Put the target on the reference grid",
         {"REFERENCE": ("step", "grd_reference", "OUTPUT"), "TARGET": ("step", "grd_target", "OUTPUT"),
          "RESAMPLING": ("value", "bilinear"), "ESTIMATE_SHIFT": ("value", False)}, {}),
        ("track", "sensetrack:ncc", "Normalised cross-correlation",
         {"REFERENCE": ("step", "grd_reference", "OUTPUT"), "TARGET": ("step", "coregister", "OUTPUT"),
          "WINDOW_SIZE": ("input", "WINDOW_SIZE"), "SEARCH_RANGE": ("input", "SEARCH_RANGE")}, {}),
        ("filter", "sensetrack:filteroffsets", "Remove outliers",
         {"INPUT": ("step", "track", "OUTPUT")}, {}),  # the filter's recommended starting point
        ("velocity", "sensetrack:velocity", "Velocity from the acquisition times",
         {"INPUT": ("step", "filter", "OUTPUT"), "REFERENCE_DATE": ("input", "REFERENCE_DATE"),
          "TARGET_DATE": ("input", "TARGET_DATE"), "UNIT": ("value", "m/year")},
         {"VELOCITY": ("OUTPUT", "Glacier velocity",
                       "Glacier surface velocity in m/year (VX east, VY north, VELOCITY, DIRECTION) from the NCC "
                       "offsets, outliers removed.")}),
    ],
}


SENTINEL2 = {
    "file": "velocity_sentinel2.model3",
    "name": "Velocity from two Sentinel-2 products",
    "help": (
        "<p>From two Sentinel-2 products (.zip as downloaded or the MTD_MSIL1C.xml / MTD_MSIL2A.xml of the .SAFE "
        "folders) of the same tile to a filtered, bias-corrected velocity map and an HTML report, with no SNAP. "
        "Steps: reflectance of the chosen band with clouds, shadows and cirrus masked (sensetrack:s2read, "
        "twice), co-registration of the later image with the global shift measured on the stable ground and "
        "removed, windowed phase correlation, outlier filtering, stable-ground correction, velocity from the "
        "acquisition dates in the products' metadata, report.</p>"
        "<p><b>Inputs</b>: the earlier (reference) and later (target) product, the area to read (extent, any "
        "CRS), a polygon of the moving area (a landslide, a glacier; everything outside is stable ground), the "
        "band (B08, 10 m, by default), the cloud-mask growth in pixels, the correlation window in pixels, and "
        "optionally the two dates (YYYY-MM-DD) to override the products' own.</p>"
        "<p><b>Outputs</b>: the corrected displacement (DX/DY, m, with uncertainty), the velocity (VX/VY, "
        "VELOCITY, DIRECTION, m/year) and the HTML report.</p>"
    ),
    "inputs": [
        _in("REFERENCE_PRODUCT", "file", "Reference (earlier) Sentinel-2 product",
            "The .zip as downloaded, or MTD_MSIL1C.xml / MTD_MSIL2A.xml of the .SAFE folder."),
        _in("TARGET_PRODUCT", "file", "Target (later) Sentinel-2 product",
            "The .zip as downloaded, or MTD_MSIL1C.xml / MTD_MSIL2A.xml of the .SAFE folder; same tile."),
        _in("AOI", "extent", "Area of interest (optional)", "Extent to read, any CRS; empty = the whole tile.",
            optional=True),
        _in("MOVING_AREA", "polygon", "Moving area polygon",
            "Polygon(s) around the moving ground; everything outside is used as stable ground."),
        _in("BANDS", "string", "Band", "Sentinel-2 band to track (B08, 10 m near infrared, by default).",
            default="B08"),
        _in("DILATION", "number", "Grow the cloud mask by (pixels)", "Cloud, shadow and cirrus masks are "
            "grown by this many pixels.", default=2),
        _in("WINDOW_SIZE", "number", "Correlation window (pixels)", "Size of the phase-correlation window.",
            default=32),
        _in("REFERENCE_DATE", "date", "Reference date (optional)",
            "Overrides the reference product's acquisition date (YYYY-MM-DD).", optional=True),
        _in("TARGET_DATE", "date", "Target date (optional)",
            "Overrides the target product's acquisition date (YYYY-MM-DD).", optional=True),
    ],
    "steps": [
        *[(f"s2_{which}", "sensetrack:s2read", f"Reflectance of the {which} product, clouds masked",
           {"INPUT": ("input", f"{which.upper()}_PRODUCT"), "BANDS": ("input", "BANDS"), "AOI": ("input", "AOI"),
            "DILATION": ("input", "DILATION")}, {})
          for which in ("reference", "target")],
        ("coregister", "sensetrack:coregister", "Co-register the target, removing the shift of the stable ground",
         {"REFERENCE": ("step", "s2_reference", "OUTPUT"), "TARGET": ("step", "s2_target", "OUTPUT"),
          "RESAMPLING": ("value", "cubic"), "ESTIMATE_SHIFT": ("value", True),
          "STABLE_AREA": ("input", "MOVING_AREA"), "INVERT_STABLE": ("value", True)}, {}),
        ("track", "sensetrack:phasecorrelation", "Windowed phase correlation",
         {"REFERENCE": ("step", "s2_reference", "OUTPUT"), "TARGET": ("step", "coregister", "OUTPUT"),
          "WINDOW_SIZE": ("input", "WINDOW_SIZE")}, {}),
        ("filter", "sensetrack:filteroffsets", "Remove outliers",
         {"INPUT": ("step", "track", "OUTPUT")}, {}),  # the filter's recommended starting point
        ("correct", "sensetrack:stablegroundcorrection", "Remove the bias measured on the stable ground",
         {"INPUT": ("step", "filter", "OUTPUT"), "MASK": ("input", "MOVING_AREA"), "INVERT": ("value", True)},
         {"DISPLACEMENT": ("OUTPUT", "Sentinel-2 displacement",
                           "Displacement between the two acquisitions after co-registration, outlier filtering and "
                           "stable-ground correction: DX (east), DY (north), MAGNITUDE, DIRECTION in metres, with "
                           "SIGMA_DX, SIGMA_DY and ERROR (1 sigma); windows touching clouds are NaN.")}),
        ("velocity", "sensetrack:velocity", "Velocity from the acquisition dates",
         {"INPUT": ("step", "correct", "OUTPUT"), "REFERENCE_DATE": ("input", "REFERENCE_DATE"),
          "TARGET_DATE": ("input", "TARGET_DATE"), "UNIT": ("value", "m/year")},
         {"VELOCITY": ("OUTPUT", "Sentinel-2 velocity",
                       "Velocity in m/year from the acquisition dates: VX (east), VY (north), VELOCITY, "
                       "DIRECTION, with SIGMA_VX, SIGMA_VY and VELOCITY_ERROR (1 sigma).")}),
        ("report", "sensetrack:displacementreport", "HTML report",
         {"INPUT": ("step", "velocity", "OUTPUT"), "MASK": ("input", "MOVING_AREA"), "INVERT": ("value", True)},
         {"REPORT": ("OUTPUT", "Displacement report",
                     "Self-contained HTML report: summary of the motion in the moving area, map, quality "
                     "figures, histograms and provenance.")}),
    ],
}


TIMESERIES = {
    "file": "displacement_time_series.model3",
    "name": "Displacement time series from a folder of dated images",
    "help": (
        "<p>From a folder of dated images of one slope (on one grid) to a displacement history per pixel and its "
        "HTML report. Steps: pair network (all pairs up to the maximum baseline, consecutive pairs always), "
        "windowed phase correlation of every pair with outlier filtering and stable-ground correction outside "
        "the landslide polygon, time-series inversion (automatic regularisation, robust against bad pairs), "
        "report with the median history over the polygon.</p>"
        "<p><b>Inputs</b>: the folder and a file pattern (dates from the images' metadata or names), the "
        "maximum temporal baseline in days, the correlation window in pixels and a polygon of the landslide "
        "(outside it the ground is taken as stable).</p>"
        "<p><b>Outputs</b>: the time-series folder (PREFIX_dx.tif, _dy.tif: cumulative displacement per date; "
        "sigma, velocity, summary, pairs.csv) and the report.</p>"
    ),
    "inputs": [
        _in("FOLDER", "folder", "Folder of dated images", "Folder holding the images (one per date, one grid)."),
        _in("PATTERN", "string", "File pattern", "Which files of the folder to use, e.g. *.tif.", default="*.tif"),
        _in("MAX_BASELINE", "float", "Maximum temporal baseline (days)", "Longest pair in days (0 = no limit).",
            default=365.0),
        _in("WINDOW_SIZE", "number", "Correlation window (pixels)", "Size of the phase-correlation window.",
            default=64),
        _in("LANDSLIDE", "polygon", "Landslide polygon",
            "Polygon(s) around the moving area; everything outside is used as stable ground."),
    ],
    "steps": [
        ("network", "sensetrack:pairnetwork", "Pair network",
         {"FOLDER": ("input", "FOLDER"), "PATTERN": ("input", "PATTERN"), "MAX_BASELINE": ("input", "MAX_BASELINE")},
         {}),
        ("pairs", "sensetrack:trackpairs", "Track every pair (filter, stable-ground correction)",
         {"PAIRS": ("step", "network", "OUTPUT"), "METHOD": ("value", "phasecorrelation"),
          "WINDOW_SIZE": ("input", "WINDOW_SIZE"), "FILTER": ("value", True), "MASK": ("input", "LANDSLIDE"),
          "INVERT": ("value", True)}, {}),
        ("series", "sensetrack:timeseries", "Invert the pairs into a time series",
         {"FOLDER": ("step", "pairs", "OUTPUT_FOLDER")},
         {"SERIES": ("OUTPUT_FOLDER", "Time-series folder",
                     "Folder of the time-series files: cumulative DX and DY per date (one band per date, 0 at "
                     "the first), velocities per interval and mean, 1-sigma, residual RMS, pairs used, groups.")}),
        ("report", "sensetrack:timeseriesreport", "Time-series report",
         {"INPUT": ("step", "series", "DX"), "POLYGON": ("input", "LANDSLIDE")},
         {"REPORT": ("OUTPUT", "Time-series report",
                     "Self-contained HTML: cumulative displacement and velocity against time with 1-sigma, "
                     "inverse velocity, the pair network and the residuals of the pairs.")}),
    ],
}


def model_specs() -> List[Dict]:
    """Every example model shipped with the plugin."""
    return [LANDSLIDE, GLACIER, SENTINEL2, TIMESERIES]


def build(spec: Dict) -> "QgsProcessingModelAlgorithm":  # noqa: F821
    """Assemble one model from its declaration."""
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildDependency,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterVectorLayer,
        QgsProcessingParameterNumber,
        QgsProcessingParameterRasterLayer,
        QgsProcessingParameterString,
        QgsProcessingParameterCrs,
        QgsProcessingParameterDateTime,
        QgsProcessingParameterExtent,
        QgsProcessingParameterFile,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm(spec["name"], GROUP, "sensetrack_examples")
    model.setHelpContent({"ALG_DESC": spec["help"], "ALG_CREATOR": "SenseTrack",
                          **{i["name"]: i["help"] for i in spec["inputs"]},
                          **{f"{step[0]}:{name}": out[2] for step in spec["steps"]
                             for name, out in step[4].items()}})
    for k, item in enumerate(spec["inputs"]):
        kind, name, desc = item["kind"], item["name"], item["description"]
        if kind == "raster":
            p = QgsProcessingParameterRasterLayer(name, desc, optional=item.get("optional", False))
        elif kind == "number":
            p = QgsProcessingParameterNumber(name, desc, QgsProcessingParameterNumber.Integer,
                                             defaultValue=item.get("default"))
        elif kind == "polygon":
            p = QgsProcessingParameterVectorLayer(name, desc, [QgsProcessing.TypeVectorPolygon])
        elif kind == "file":
            p = QgsProcessingParameterFile(name, desc, QgsProcessingParameterFile.File,
                                           extension=item.get("extension", ""))
        elif kind == "folder":
            p = QgsProcessingParameterFile(name, desc, QgsProcessingParameterFile.Folder)
        elif kind == "crs":
            p = QgsProcessingParameterCrs(name, desc, defaultValue=item.get("default"),
                                          optional=item.get("optional", False))
        elif kind == "date":
            p = QgsProcessingParameterDateTime(name, desc, QgsProcessingParameterDateTime.Date,
                                               optional=item.get("optional", False))
        elif kind == "extent":
            p = QgsProcessingParameterExtent(name, desc, optional=item.get("optional", False))
        elif kind == "float":
            p = QgsProcessingParameterNumber(name, desc, QgsProcessingParameterNumber.Double,
                                             defaultValue=item.get("default"), minValue=0.0)
        else:
            p = QgsProcessingParameterString(name, desc, defaultValue=item.get("default"),
                                             optional=item.get("optional", False))
        p.setHelp(item["help"])
        mp = QgsProcessingModelParameter(name)
        mp.setPosition(QPointF(120, 80 + 90 * k))
        model.addModelParameter(p, mp)
    for k, (cid, alg_id, desc, params, outputs, *extra) in enumerate(spec["steps"]):
        options = extra[0] if extra else {}
        child = QgsProcessingModelChildAlgorithm(alg_id)
        child.setChildId(cid)
        child.setDescription(desc)
        child.setPosition(QPointF(480, 80 + 110 * k))
        if "configuration" in options:
            child.setConfiguration(options["configuration"])
        if "depends" in options:
            child.setDependencies([QgsProcessingModelChildDependency(*options["depends"])])
        for pname, source in params.items():
            if source[0] == "input":
                src = QgsProcessingModelChildParameterSource.fromModelParameter(source[1])
            elif source[0] == "step":
                src = QgsProcessingModelChildParameterSource.fromChildOutput(source[1], source[2])
            else:
                src = QgsProcessingModelChildParameterSource.fromStaticValue(source[1])
            child.addParameterSources(pname, [src])
        _add_defaults(child)
        outs = {}
        for oname, (child_output, odesc, _help) in outputs.items():
            out = QgsProcessingModelOutput(oname, odesc)
            out.setChildId(cid)
            out.setChildOutputName(child_output)
            out.setPosition(QPointF(820, 80 + 110 * k))
            outs[oname] = out
        child.setModelOutputs(outs)
        model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    if hasattr(model, "setParameterOrder"):  # QGIS 3.22.x (late) and later; older ones list inputs alphabetically
        model.setParameterOrder([i["name"] for i in spec["inputs"]])
    return model


def _add_defaults(child) -> None:
    """Every parameter the step does not wire gets its default, as the modeler dialog does."""
    from qgis.core import QgsApplication, QgsProcessingDestinationParameter
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    alg = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
    if alg is None:
        raise SystemExit(f"Unknown algorithm {child.algorithmId()}: is the provider loaded?")
    for p in alg.parameterDefinitions():
        if p.name() in child.parameterSources() or isinstance(p, QgsProcessingDestinationParameter):
            continue
        child.addParameterSources(p.name(), [Source.fromStaticValue(p.defaultValue())])


def main(argv: List[str]) -> int:
    out_dir = argv[1] if len(argv) > 1 else MODELS_DIR
    start_qgis()
    from qgis.core import QgsApplication

    from qgis.analysis import QgsNativeAlgorithms

    from sensetrack.provider.provider import SenseTrackProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:  # the conditional branch of the optional steps
        registry.addProvider(QgsNativeAlgorithms())
    provider = SenseTrackProvider()
    registry.addProvider(provider)
    os.makedirs(out_dir, exist_ok=True)
    failed = False
    for spec in model_specs():
        model = build(spec)
        ok, issues = model.validate()
        if not ok:
            print(f"{spec['file']}: invalid model:\n  " + "\n  ".join(issues))
            failed = True
            continue
        path = os.path.join(out_dir, spec["file"])
        model.toFile(path)
        print(f"wrote {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
