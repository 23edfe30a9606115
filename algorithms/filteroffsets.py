"""sensetrack:filteroffsets — remove outliers from a displacement result."""
from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterRasterLayer

from ..core.postprocess.steps import BY_KIND, FILTER_SPECS, RECOMMENDED, filter_file
from .base import parameter_from_spec, values_from_specs
from .param_values import layer_path
from .postprocess import PostprocessAlgorithm


class FilterOffsetsAlgorithm(PostprocessAlgorithm):
    NAME = "filteroffsets"
    DISPLAY_NAME = "Filter outliers"
    DESCRIPTION = (
        "<p>Removes outliers from a displacement result, in this order: minimum PEAK and SNR (windowed trackers), "
        "maximum plausible displacement (pixels) or velocity, the normalised median test over a neighbourhood, "
        "an optional direction-consistency filter, an optional downslope-consistency test with a DEM (vectors "
        "pointing uphill or across the slope by more than MAX_DOWNSLOPE_ANGLE degrees) and removal of isolated "
        "clumps. Thresholds of 0 switch a filter off; thresholds in pixels refer to pixels of the tracked "
        "images.</p>"
        "<p>Removed vectors become NaN (nodata). The MASK band/field records why, as bit flags: 1 PEAK, 2 SNR, "
        "4 maximum displacement/velocity, 8 median test, 16 direction, 32 clump, 64 interpolated (small holes "
        "filled when 'Interpolate holes' is set), 128 downslope test; 0 = kept, NaN = no input vector. The number removed by each "
        "filter is logged and written to the optional table.</p>"
        "<p>Left empty, 'Minimum correlation PEAK', 'Median test neighbourhood radius', 'Median test noise level', "
        "'Median test neighbour spacing' and 'Minimum clump size' take the starting point recommended for the kind "
        "of result (checked on benchmark pairs): windowed results (phase correlation, NCC) median test over the 5x5 "
        "neighbourhood, noise 0.2 px; dense results (Farnebäck, ILK, TV-L1) PEAK (MATCH) 0.25, neighbour spacing "
        "10, noise 0.3 px, clumps under 20 vectors removed. The log says which values were used.</p>"
    )
    REFERENCE = ("Westerweel, J. & Scarano, F. (2005) Universal outlier detection for PIV data. "
                 "Experiments in Fluids 39, 1096-1100.")

    DEM = "DEM"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_input()
        for spec in FILTER_SPECS:
            p = parameter_from_spec(spec)
            if spec.name in BY_KIND:
                # unset = the starting point for the kind of result; a fixed default would suit only one kind
                w, d = RECOMMENDED["windowed"][spec.name], RECOMMENDED["dense"][spec.name]
                p.setDefaultValue(None)
                p.setFlags(p.flags() | p.FlagOptional)
                p.setHelp(p.help() + self.tr(" Leave empty for the recommended starting point: {0} for windowed "
                                             "results (phase correlation, NCC), {1} for dense results "
                                             "(Farnebäck, ILK, TV-L1).").format(w, d))
            self.addParameter(p)
        p = QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM for the downslope test"), optional=True)
        p.setHelp(self.tr("Digital elevation model in any CRS and resolution (heights in metres), used only when "
                          "MAX_DOWNSLOPE_ANGLE > 0; resampled to the result's grid with averaging over each cell."))
        self.addParameter(p)
        self.add_outputs("Filtered result", "Vectors removed per filter",
                         "CSV (or JSON) table: filter, number of vectors removed, fraction of the input vectors.")
        self.addOutput(QgsProcessingOutputNumber("REMOVED", self.tr("Vectors removed")))
        self.addOutput(QgsProcessingOutputNumber("KEPT_FRACTION", self.tr("Fraction of input vectors kept")))

    def run_core(self, parameters, context, monitor):
        source = self.input_path(parameters, context)
        values = values_from_specs(self, FILTER_SPECS, parameters, context)
        for name in BY_KIND:
            values[name] = self.optional_double(parameters, name.upper(), context)
        outs = self.output_paths(parameters, context)
        table = self.table_path(parameters, context)
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        dem_path = layer_path(dem) if dem is not None else None
        info = filter_file(source, outs[0][1], table or None, monitor=monitor, dem=dem_path, **values)
        results = {"REMOVED": sum(v for k, v in info["counts"].items() if k != "interpolated"),
                   "KEPT_FRACTION": info["kept"] / max(info["input_vectors"], 1)}
        if table:
            results[self.TABLE] = info["table"]
        self.write_copies(info["output"], outs, results)
        return results
