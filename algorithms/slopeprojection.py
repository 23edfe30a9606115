"""sensetrack:slopeprojection — 3-D displacement with a DEM, assuming motion parallel to the surface."""
import json

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterRasterLayer,
)

from ..core.series_product import is_timeseries
from ..core.terrain.apply import TERRAIN_SPECS, slope_projection_file
from .base import parameter_from_spec, values_from_specs
from .param_values import layer_path
from .postprocess import PostprocessAlgorithm


class SlopeProjectionAlgorithm(PostprocessAlgorithm):
    NAME = "slopeprojection"
    DISPLAY_NAME = "Slope-parallel 3-D displacement (DEM)"
    DEM = "DEM"
    INPUT_DY = "INPUT_DY"
    DESCRIPTION = (
        "<p>Optical offset tracking measures horizontal motion. Assuming the ground slides parallel to its surface, "
        "a DEM gives the vertical component and the displacement along the slope. The DEM (any CRS and "
        "resolution) is put on the result's grid by averaging it over each cell, and its slope is smoothed over "
        "SMOOTHING map units (use about the tracking window).</p>"
        "<p>Added bands (all input bands are kept): SLOPE and ASPECT (downslope azimuth, degrees clockwise from "
        "north) of the DEM; DZ = DX*dz/dx + DY*dz/dy (map units, negative when moving downhill); MAGNITUDE_3D = "
        "sqrt(DX^2+DY^2+DZ^2); ALONG_SLOPE = displacement along the downslope line of the surface (positive "
        "downslope); PLUNGE (degrees below the horizontal); DOWNSLOPE_ANGLE (degrees between the motion and the "
        "downslope direction, 0 = downhill, 180 = uphill); SIGMA_DZ and SIGMA_MAGNITUDE_3D (1 sigma, from "
        "SIGMA_DX/SIGMA_DY and the DEM slope error) when the input has SIGMA_DX/SIGMA_DY. A velocity result also "
        "gets VZ, VELOCITY_3D, VELOCITY_ALONG_SLOPE, SIGMA_VZ, SIGMA_VELOCITY_3D.</p>"
        "<p>Where the model is not valid the MASK band says so per vector (bits added to those of "
        "filteroffsets): 256 slope below MIN_SLOPE (flat ground: the vertical component is meaningless), 512 "
        "motion more than MAX_ANGLE from downslope, 1024 no DEM value. Flagged vectors keep their values.</p>"
        "<p>Time series (one band per date, SENSETRACK_KIND=timeseries): give the DX or the DY file as INPUT (the "
        "other is found beside it, or give it as INPUT_DY); OUTPUT is the DZ time series, written with "
        "&lt;name&gt;_MAGNITUDE_3D, &lt;name&gt;_ALONG_SLOPE, &lt;name&gt;_MASK (one band per date) and "
        "&lt;name&gt;_TERRAIN (SLOPE, ASPECT) beside it.</p>"
        "<p>Validity: surface-parallel sliding fits translational slides on planar slip surfaces. It is wrong for "
        "rotational slides (the head moves down more steeply, the toe bulges up), flows that thicken or thin, "
        "subsidence, rock fall and glaciers (emergence/submergence velocity), and meaningless on flat ground.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        p = QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM"))
        p.setHelp(self.tr("Digital elevation model, any CRS and resolution, heights in metres (the unit of the "
                          "result's CRS). A DEM without a CRS is taken to be in the result's CRS."))
        self.addParameter(p)
        for spec in TERRAIN_SPECS:
            self.addParameter(parameter_from_spec(spec))
        p = QgsProcessingParameterRasterLayer(self.INPUT_DY, self.tr("Time series: the other component's file"),
                                              optional=True)
        p.setHelp(self.tr("Only for a time-series INPUT: the DY file when INPUT is the DX file (or the reverse), "
                          "if it is not beside it with DX replaced by DY in the name."))
        self.addParameter(p)
        self.add_outputs("Result with 3-D bands")
        self.addOutput(QgsProcessingOutputNumber("MEDIAN_DZ", self.tr("Median DZ of the unflagged vectors")))
        for key, label in (("FLAT", "Vectors flagged: flat ground"), ("OFF_DOWNSLOPE", "Vectors flagged: off "
                           "downslope"), ("DEM_NODATA", "Vectors flagged: no DEM value")):
            self.addOutput(QgsProcessingOutputNumber(f"FLAGGED_{key}", self.tr(label)))
        self.addOutput(QgsProcessingOutputString("OUTPUT_FILES", self.tr("Files written (JSON: kind -> path)")))

    def run_core(self, parameters, context, monitor):
        source = self.input_path(parameters, context)
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        if dem is None:
            raise QgsProcessingException(self.tr("The DEM could not be loaded as a raster layer."))
        other = self.parameterAsRasterLayer(parameters, self.INPUT_DY, context)
        values = values_from_specs(self, TERRAIN_SPECS, parameters, context)
        outs = self.output_paths(parameters, context)
        if is_timeseries(source) and outs[0][0] != self.OUTPUT:
            raise QgsProcessingException(self.tr("A time series is written as rasters: set OUTPUT (a .tif)."))
        info = slope_projection_file(source, outs[0][1], layer_path(dem),
                                     layer_path(other) if other is not None else None,
                                     monitor=monitor, **values)
        counts = info["counts"]
        results = {"MEDIAN_DZ": info.get("median_dz"), "FLAGGED_FLAT": counts["flat"],
                   "FLAGGED_OFF_DOWNSLOPE": counts["off_downslope"], "FLAGGED_DEM_NODATA": counts["dem_nodata"]}
        if info["kind"] == "timeseries":
            if any(name == self.OUTPUT_POINTS for name, _ in outs):
                monitor.log("A time series is written as rasters only: OUTPUT_POINTS was ignored.")
            results[outs[0][0]] = info["output"]
            results["OUTPUT_FILES"] = json.dumps(info["outputs"])
            return results
        self.write_copies(info["output"], outs, results)
        results["OUTPUT_FILES"] = json.dumps({name: path for name, path in outs})
        return results
