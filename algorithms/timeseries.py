"""sensetrack:timeseries — invert pair displacement products into a displacement history."""
import contextlib
import json
import os

from osgeo import gdal
from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputRasterLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import ParameterError
from ..core.jobs.inversionwork import inversion_tasks
from ..core.jobs.runner import run_tasks
from ..core.timeseries.inversion import KINDS, invert_products, open_inversion
from .param_values import EnumParameter
from .timeseries_base import TimeSeriesAlgorithm

ORDERS = {"velocity": 1, "acceleration": 2}
OUTPUT_LABELS = {
    "dx": "Cumulative DX per date", "dy": "Cumulative DY per date", "sigma_dx": "1-sigma of DX per date",
    "sigma_dy": "1-sigma of DY per date", "vx": "VX per interval", "vy": "VY per interval",
    "summary": "Summary: mean velocity, residual RMS, pairs used, groups",
}


class TimeSeriesInversionAlgorithm(TimeSeriesAlgorithm):
    NAME = "timeseries"
    DISPLAY_NAME = "Displacement time series (inversion)"
    INPUTS_LABEL = "Pair displacement products"
    INPUTS_HELP = ("Pair products of sensetrack:trackpairs, or any rasters with bands DX and DY whose dates are in "
                   "their metadata, their names (YYYYMMDD_YYYYMMDD) or the date table; all on one grid.")
    REGULARISATION = "REGULARISATION"
    WEIGHT = "WEIGHT"
    ROBUST = "ROBUST"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    PREFIX = "PREFIX"
    HELP = (
        "<p>Turns many pair measurements into one displacement history per pixel. The unknowns are the "
        "displacements between consecutive dates; each pair measures the sum of those it spans. Per pixel only the "
        "pairs with a value there are used, in a least-squares fit weighted by the pairs' SIGMA_DX/SIGMA_DY when "
        "every product has them (uniform otherwise), with a Tikhonov regularisation that prefers a smooth velocity "
        "(changes of velocity cost) or a smooth acceleration, and a robust re-weighting (Tukey biweight) that "
        "ignores pairs that disagree with the others (a mismatched or mis-registered pair).</p>"
        "<p><b>Weight</b>: empty = chosen automatically by generalised cross-validation; 0 = no regularisation "
        "(dates the pairs do not link to the first date are then NaN); larger = smoother. The regularisation also "
        "bridges a network split into disconnected groups: the GROUPS band says where that happened (&gt; 1).</p>"
        "<p><b>Outputs</b> in the output folder, named PREFIX_*.tif (float32, NaN nodata, map units): cumulative "
        "DX and DY at every date (one band per date, the ISO date as band name, 0 at the first date), their "
        "1-sigma (from the weights and the residuals), VX and VY per interval (per year), a summary (MEAN_VX, "
        "MEAN_VY, MEAN_VELOCITY per year from the first to the last date, RESIDUAL_RMS, PAIRS_USED, GROUPS) and "
        "PREFIX_pairs.csv (residual and rejected share per pair). Pixels sharing the same valid pairs are solved "
        "together and the scene goes block by block, so memory stays bounded.</p>"
        "<p><b>Scheduler</b> (advanced): empty = here in QGIS; local:N (worker processes) or the address of a "
        "Dask cluster runs the inversion there as tasks (the automatic weight, blocks of output tiles, their "
        "assembly) with identical results; an interrupted run into the same folder reuses the finished "
        "blocks.</p>"
    )
    REFERENCE_TEXT = ("Bontemps, N. et al. (2018) Rigorous inversion of optical image time series, Remote Sensing "
                      "10, 1868; Charrier, L. et al. (2022) TICOI, IEEE TGRS; Golub, G. et al. (1979) Generalized "
                      "cross-validation, Technometrics 21, 215-223.")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.described_help(self.HELP, reference=self.REFERENCE_TEXT)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_inputs()
        p = EnumParameter(self.REGULARISATION, self.tr("Regularisation prefers"),
                          options=list(ORDERS), defaultValue="velocity")
        p.setHelp(self.tr("velocity: a constant velocity costs nothing (first order, changes of velocity are "
                          "penalised); acceleration: a constant acceleration costs nothing (second order)."))
        self.addParameter(p)
        p = QgsProcessingParameterNumber(self.WEIGHT, self.tr("Regularisation weight (empty = automatic, 0 = none)"),
                                         QgsProcessingParameterNumber.Double, optional=True, minValue=0.0)
        p.setHelp(self.tr("Strength of the smoothness term relative to the pair measurements (1 = as strong as the "
                          "data on average). Empty: chosen by generalised cross-validation on a sample of pixels."))
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(self.ROBUST, self.tr("Robust against bad pairs (Tukey biweight)"),
                                          defaultValue=True)
        p.setHelp(self.tr("Iteratively down-weight pairs whose residual is large compared with the pixel's other "
                          "pairs, so that a few bad pairs do not bend the history."))
        self.addParameter(p)
        self.add_scheduler("Run the inversion on (Dask scheduler)",
                           "block after block, each solved on two threads")
        p = QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        p.setHelp(self.tr("Folder of the time-series files."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.PREFIX, self.tr("File name prefix"), defaultValue="timeseries")
        p.setHelp(self.tr("Output files are PREFIX_dx.tif, PREFIX_dy.tif, ... in the output folder."))
        self.addParameter(p)
        for kind in KINDS:
            self.addOutput(QgsProcessingOutputRasterLayer(kind.upper(), self.tr(OUTPUT_LABELS[kind])))
        self.addOutput(QgsProcessingOutputFile("PAIRS_TABLE", self.tr("Per-pair residuals (CSV)")))
        self.addOutput(QgsProcessingOutputNumber("DATES", self.tr("Number of dates")))
        self.addOutput(QgsProcessingOutputNumber("WEIGHT_USED", self.tr("Regularisation weight used")))

    def run_core(self, parameters, context, monitor):
        products = self.input_paths(parameters, context)
        weight_value = parameters.get(self.WEIGHT)
        weight = None if weight_value in (None, "") else self.parameterAsDouble(parameters, self.WEIGHT, context)
        prefix = (self.parameterAsString(parameters, self.PREFIX, context) or "timeseries").strip()
        if os.sep in prefix or "/" in prefix:
            raise ParameterError("The prefix is a file name start, not a path; choose the folder separately.")
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        os.makedirs(folder, exist_ok=True)
        settings = dict(dates_table=self.date_table(parameters, context),
                        order=ORDERS[self.parameterAsEnumString(parameters, self.REGULARISATION, context)],
                        weight=weight, robust=self.parameterAsBoolean(parameters, self.ROBUST, context))
        scheduler = self.scheduler(parameters, context)
        if scheduler:
            paths = self.invert_as_tasks(products, os.path.join(folder, prefix), settings, scheduler, monitor)
        else:
            paths = invert_products(products, os.path.join(folder, prefix), monitor=monitor, **settings)
        ds = gdal.Open(paths["dx"])
        info = json.loads(ds.GetMetadataItem("SENSETRACK_TIMESERIES"))
        results = {k.upper(): paths[k] for k in KINDS}
        results.update({self.OUTPUT_FOLDER: folder, "PAIRS_TABLE": paths["pairs"], "DATES": ds.RasterCount,
                        "WEIGHT_USED": info["weight"]})
        return results

    def invert_as_tasks(self, products, prefix, settings, scheduler, monitor):
        """The inversion as weight, block and assembly tasks (core.jobs) on ``scheduler``; {kind: path}."""
        stack, _ = open_inversion(products, settings["dates_table"], settings["order"], settings["weight"], monitor)
        marker = prefix + ".done.json"
        with contextlib.suppress(OSError):
            os.remove(marker)  # an earlier run's outputs are made again, as without a scheduler
        tasks = inversion_tasks(products, prefix, marker, (stack.height, stack.width), fingerprint=True, **settings)
        stack.close()
        report = run_tasks(tasks, scheduler, monitor=monitor, log=monitor.log)
        with open(marker, encoding="utf-8") as fh:
            done = json.load(fh)
        os.remove(marker)
        if settings["weight"] is None:
            monitor.log(self.tr("Regularisation weight chosen by generalised cross-validation: {0:.3g}")
                        .format(done["weight"]))
        monitor.log(self.tr("{0} tasks run on {1} in {2:.1f} s ({3} already complete)").format(
            len(report.done), report.scheduler, report.elapsed, len(report.skipped)))
        return done["outputs"]
