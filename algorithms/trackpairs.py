"""sensetrack:trackpairs — track every pair of a network into one product per pair (restartable)."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
)

from ..core.errors import InputError
from ..core.jobs.runner import task_runner
from ..core.params import load_preset, preset_parameters
from ..core.timeseries.batch import TRACKERS, track_pairs
from ..core.timeseries.network import read_pair_table
from .base import set_advanced
from .param_values import EnumParameter, layer_path
from .timeseries_base import DATES_HELP, NetworkRulesMixin, TimeSeriesAlgorithm, optional_path


class TrackPairsAlgorithm(NetworkRulesMixin, TimeSeriesAlgorithm):
    NAME = "trackpairs"
    DISPLAY_NAME = "Track all pairs of a network"
    PAIRS = "PAIRS"
    METHOD = "METHOD"
    WINDOW_SIZE = "WINDOW_SIZE"
    STEP = "STEP"
    PRESET = "PRESET"
    FILTER = "FILTER"
    FILTER_PRESET = "FILTER_PRESET"
    MASK = "MASK"
    INVERT = "INVERT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    HELP = (
        "<p>Runs one tracker (farneback, ilk, tvl1, phasecorrelation or ncc, tuned by an optional PRESET file) on "
        "every pair of a network, optionally followed by the outlier filter (sensetrack:filteroffsets) and the "
        "stable-ground correction (sensetrack:stablegroundcorrection, one mask for all pairs, which also adds the "
        "SIGMA_DX/SIGMA_DY bands the time series uses as weights). One product per pair is written into the "
        "output folder as YYYYMMDD_YYYYMMDD.tif, with both dates in its metadata.</p>"
        "<p>The network is the pair table of sensetrack:pairnetwork, or is built here from the images and the "
        "rules (same rules as sensetrack:pairnetwork).</p>"
        "<p><b>Restartable</b>: a product is written under a temporary name and marked complete only when "
        "finished, so running again into the same folder skips the complete pairs and redoes only what is "
        "missing or was interrupted. Progress is reported per pair; Cancel stops cleanly (the pair being tracked "
        "leaves nothing behind).</p>" + DATES_HELP
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        p = QgsProcessingParameterFile(self.PAIRS, self.tr("Pair table (from sensetrack:pairnetwork)"),
                                       QgsProcessingParameterFile.File, optional=True, fileFilter="CSV (*.csv)")
        p.setHelp(self.tr("CSV pair table (reference, target, reference_date, target_date). Leave empty to build "
                          "the network from the images below and the rules."))
        self.addParameter(p)
        self.add_inputs()
        self.add_rules(advanced=True)
        p = EnumParameter(self.METHOD, self.tr("Tracker"), options=list(TRACKERS), defaultValue="phasecorrelation")
        p.setHelp(self.tr("The tracker run on every pair: the dense optical-flow methods farneback, ilk, tvl1, or "
                          "the windowed phasecorrelation and ncc (one vector per window on a STEP grid)."))
        self.addParameter(p)
        for name, label, default, help_text in (
                (self.WINDOW_SIZE, "Window size, pixels (windowed trackers)", 64, "Correlation window side."),
                (self.STEP, "Step between windows, pixels (windowed trackers)", 16, "Spacing of the output grid.")):
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Integer,
                                             defaultValue=default, minValue=4)
            p.setHelp(self.tr(help_text + " Ignored by the dense trackers."))
            self.addParameter(p)
        p = QgsProcessingParameterFile(self.PRESET, self.tr("Tracker preset (JSON or YAML)"),
                                       QgsProcessingParameterFile.File, optional=True,
                                       fileFilter="Presets (*.json *.yaml *.yml)")
        p.setHelp(self.tr("Tuning parameters of the chosen tracker, as saved for its own algorithm."))
        self.addParameter(set_advanced(p))
        p = QgsProcessingParameterBoolean(self.FILTER, self.tr("Filter outliers in every pair"), defaultValue=False)
        p.setHelp(self.tr("Run sensetrack:filteroffsets on each pair (its default settings, or the filter preset)."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.FILTER_PRESET, self.tr("Filter settings (JSON or YAML)"),
                                       QgsProcessingParameterFile.File, optional=True,
                                       fileFilter="Presets (*.json *.yaml *.yml)")
        p.setHelp(self.tr("Settings of the outlier filter by their core names (e.g. {\"min_peak\": 0.25, "
                          "\"median_stride\": 10}); used when filtering is on."))
        self.addParameter(set_advanced(p))
        p = QgsProcessingParameterMapLayer(self.MASK, self.tr("Stable-ground mask (one for all pairs)"),
                                           optional=True,
                                           types=[QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeRaster])
        p.setHelp(self.tr("Polygons (or a raster) of stable ground: removes each pair's co-registration bias and "
                          "adds SIGMA_DX/SIGMA_DY. Leave empty for no correction."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.INVERT, self.tr("Stable ground is outside the mask"),
                                          defaultValue=False)
        p.setHelp(self.tr("Use everything outside the mask (e.g. outside the landslide polygon) as stable ground."))
        self.addParameter(p)
        self.add_scheduler("Run the pairs on (Dask scheduler)",
                           "one pair after the other (each tracker uses two threads)")
        p = QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        p.setHelp(self.tr("Folder of the pair products (YYYYMMDD_YYYYMMDD.tif). Reuse it to resume a run."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber("TRACKED", self.tr("Pairs tracked in this run")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", self.tr("Pairs already complete (skipped)")))

    def run_core(self, parameters, context, monitor):
        table = self.parameterAsFile(parameters, self.PAIRS, context)
        if table:
            pairs = read_pair_table(table)
        else:
            try:
                paths = self.input_paths(parameters, context)
            except InputError:
                raise InputError("Give a pair table, or the images (layers or a folder) to build the network "
                                 "from.") from None
            pairs = self.network_from(paths, self.date_table(parameters, context), parameters, context, monitor)
        self.report_groups(pairs, monitor)
        method = self.parameterAsEnumString(parameters, self.METHOD, context)
        tuning = {}
        preset = optional_path(self, parameters, self.PRESET, context)
        if preset:
            # presets saved by sensetrack:phasecorrelation name their method "phase"
            tuning = preset_parameters(load_preset(preset), {"phasecorrelation": "phase"}.get(method, method))
        if method in ("phasecorrelation", "ncc"):
            tuning.setdefault("window", self.parameterAsInt(parameters, self.WINDOW_SIZE, context))
            tuning.setdefault("step", self.parameterAsInt(parameters, self.STEP, context))
        filt = None
        if self.parameterAsBoolean(parameters, self.FILTER, context):
            fp = optional_path(self, parameters, self.FILTER_PRESET, context)
            filt = dict(load_preset(fp)) if fp else {}
        layer = self.parameterAsLayer(parameters, self.MASK, context)
        mask = layer_path(layer) or None
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        scheduler = self.scheduler(parameters, context)
        runner = task_runner(scheduler, monitor=monitor, log=monitor.log) if scheduler else None
        info = track_pairs(pairs, folder, method, tuning, filt, mask,
                           self.parameterAsBoolean(parameters, self.INVERT, context), runner=runner, monitor=monitor)
        monitor.log(self.tr("{0} pairs tracked, {1} already complete").format(info["tracked"], info["skipped"]))
        return {self.OUTPUT_FOLDER: folder, "TRACKED": info["tracked"], "SKIPPED": info["skipped"]}
