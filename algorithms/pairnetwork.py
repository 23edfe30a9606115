"""sensetrack:pairnetwork — a network of pairs from a set of dated images."""
from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
)

from ..core.timeseries.network import write_pair_table
from ..core.timeseries.plots import network_png
from .timeseries_base import DATES_HELP, NetworkRulesMixin, TimeSeriesAlgorithm


class PairNetworkAlgorithm(NetworkRulesMixin, TimeSeriesAlgorithm):
    NAME = "pairnetwork"
    DISPLAY_NAME = "Pair network from dated images"
    REQUIRES = ("matplotlib",)
    OUTPUT = "OUTPUT"
    NETWORK_PNG = "NETWORK_PNG"
    HELP = (
        "<p>Chooses the pairs of images to track for a displacement time series: every pair within the minimum "
        "and maximum temporal baseline, optionally from the same season only and at most N per image, always "
        "with the consecutive pairs. Writes the pair table (CSV: name, reference, target, reference_date, "
        "target_date, baseline_days; the input of sensetrack:trackpairs, loadable as a table layer) and a "
        "picture of the network (dates on the time axis, one arc per pair, coloured by connected group).</p>"
        + DATES_HELP +
        "<p>When the pairs split the dates into several disconnected groups, a warning names them: the time "
        "series cannot measure the motion between groups, only bridge it through its regularisation.</p>"
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_inputs()
        self.add_rules()
        p = QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Pair table"), "CSV (*.csv)")
        p.setHelp(self.tr("CSV table of the pairs (one row per pair), the input of sensetrack:trackpairs."))
        self.addParameter(p)
        p = QgsProcessingParameterFileDestination(self.NETWORK_PNG, self.tr("Network picture"), "PNG (*.png)",
                                                  optional=True, createByDefault=True)
        p.setHelp(self.tr("PNG of the network: dates on the time axis, pairs as arcs (height = baseline)."))
        self.addParameter(p)
        for name, label in (("PAIRS", "Number of pairs"), ("DATES", "Number of dates"),
                            ("GROUPS", "Number of disconnected groups of dates (1 = fully connected)")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def run_core(self, parameters, context, monitor):
        paths = self.input_paths(parameters, context)
        pairs = self.network_from(paths, self.date_table(parameters, context), parameters, context, monitor)
        groups = self.report_groups(pairs, monitor)
        table = write_pair_table(pairs, self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        results = {self.OUTPUT: table, "PAIRS": len(pairs), "DATES": len(paths), "GROUPS": groups}
        png = self.parameterAsFileOutput(parameters, self.NETWORK_PNG, context) \
            if parameters.get(self.NETWORK_PNG) is not None else ""
        if png:
            network_png(pairs, png)
            results[self.NETWORK_PNG] = png
        monitor.log(self.tr("{0} pairs between {1} images, {2} group(s)").format(len(pairs), len(paths), groups))
        return results
