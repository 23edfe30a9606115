"""Shared parameters of the time-series algorithms: dated images and the rules of the pair network."""
from __future__ import annotations

import glob
import os
from typing import List, Optional

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import InputError
from ..core.timeseries.dates import image_date_with_source, read_date_table
from ..core.timeseries.network import Pair, build_network, connected_groups, describe_groups
from .base import SenseTrackAlgorithm, set_advanced
from .param_values import layer_path

DATES_HELP = (
    "<p><b>Dates</b> come, in this order, from the metadata SenseTrack's readers write (e.g. "
    "SENSETRACK_ACQUISITION_DATE, ACQUISITION_START_TIME), from the Sentinel-1/2, Landsat, COSMO-SkyMed, "
    "PRISMA or PlanetScope file-name conventions, from a YYYYMMDD or YYYY-MM-DD in the file name, or from the "
    "optional date table (CSV: path or file name, date). An image without a date stops the run with its name.</p>"
)


SCHEDULER_HELP = ("local:N = N worker processes on this machine; tcp://host:port = a running Dask "
                  "cluster whose workers have the sensetrack package installed (pip install .) and see "
                  "the same files. Without Dask (python3-distributed) local:N runs here and says how to "
                  "install it.")


class TimeSeriesAlgorithm(SenseTrackAlgorithm):
    """Group "Time series"; inputs given as layers and/or a folder with a file pattern; a date table."""

    GROUP_ID = "timeseries"
    INPUTS = "INPUTS"
    FOLDER = "FOLDER"
    PATTERN = "PATTERN"
    DATE_TABLE = "DATE_TABLE"
    SCHEDULER = "SCHEDULER"
    INPUTS_LABEL = "Images"
    INPUTS_HELP = "Dated raster images of the same area, on one grid."

    def add_inputs(self, pattern: str = "*.tif") -> None:
        p = QgsProcessingParameterMultipleLayers(self.INPUTS, self.tr(self.INPUTS_LABEL), QgsProcessing.TypeRaster,
                                                 optional=True)
        p.setHelp(self.tr(self.INPUTS_HELP + " Give layers here and/or a folder below."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.FOLDER, self.tr("Folder"), QgsProcessingParameterFile.Folder,
                                       optional=True)
        p.setHelp(self.tr("A folder whose files matching the pattern are added to the inputs."))
        self.addParameter(p)
        p = QgsProcessingParameterString(self.PATTERN, self.tr("File pattern in the folder"), defaultValue=pattern,
                                         optional=True)
        p.setHelp(self.tr("Shell-style pattern of the files to take from the folder, e.g. *.tif or S2*_B04.jp2."))
        self.addParameter(p)
        p = QgsProcessingParameterFile(self.DATE_TABLE, self.tr("Date table (CSV: path, date)"),
                                       QgsProcessingParameterFile.File, optional=True, fileFilter="CSV (*.csv)")
        p.setHelp(self.tr("Optional CSV with a file path (or file name) and its date (YYYY-MM-DD) per line, for "
                          "files whose date is neither in their metadata nor in their name."))
        self.addParameter(p)

    def input_paths(self, parameters, context) -> List[str]:
        paths = [layer_path(layer)
                 for layer in self.parameterAsLayerList(parameters, self.INPUTS, context) or []]
        folder = self.parameterAsFile(parameters, self.FOLDER, context)
        if folder:
            if not os.path.isdir(folder):
                raise InputError(f"The folder '{folder}' does not exist.")
            pattern = self.parameterAsString(parameters, self.PATTERN, context) or "*.tif"
            paths += sorted(glob.glob(os.path.join(folder, pattern)))
        seen, out = set(), []
        for p in paths:
            a = os.path.abspath(p)
            if a not in seen:
                seen.add(a)
                out.append(a)
        if not out:
            raise InputError("No input: choose layers or a folder whose files match the pattern.")
        return out

    def add_scheduler(self, label: str, in_qgis: str) -> None:
        """The advanced SCHEDULER parameter (where the tasks run); ``in_qgis`` says what empty means."""
        p = QgsProcessingParameterString(self.SCHEDULER, self.tr(label), "", optional=True)
        p.setHelp(self.tr(f"Empty = in this QGIS, {in_qgis}; {SCHEDULER_HELP}"))
        self.addParameter(set_advanced(p))

    def scheduler(self, parameters, context) -> str:
        """The SCHEDULER value ("" = in this QGIS as before); core.jobs.run_tasks understands it."""
        return (self.parameterAsString(parameters, self.SCHEDULER, context) or "").strip()

    def date_table(self, parameters, context):
        return read_date_table(self.parameterAsFile(parameters, self.DATE_TABLE, context)) or None


class NetworkRulesMixin:
    """The rules of sensetrack:pairnetwork, shared by trackpairs when it builds the network itself."""

    MIN_BASELINE = "MIN_BASELINE"
    MAX_BASELINE = "MAX_BASELINE"
    MAX_PER_IMAGE = "MAX_PER_IMAGE"
    CONSECUTIVE = "CONSECUTIVE"
    SEASON_WINDOW = "SEASON_WINDOW"

    def add_rules(self, advanced: bool = False) -> None:
        specs = (
            (self.MIN_BASELINE, "Minimum temporal baseline, days", 0.0,
             "Pairs closer in time than this are not made (0 = no minimum)."),
            (self.MAX_BASELINE, "Maximum temporal baseline, days (0 = no limit)", 0.0,
             "Pairs further apart in time than this are not made; long pairs decorrelate on changing surfaces."),
            (self.SEASON_WINDOW, "Same season only: maximum day-of-year difference, days (0 = off)", 0.0,
             "Keep only pairs whose days of the year are within this many days (across the new year), which avoids "
             "the illumination (shadow) bias of cross-season pairs on mountain slopes."),
        )
        for name, label, default, help_text in specs:
            p = QgsProcessingParameterNumber(name, self.tr(label), QgsProcessingParameterNumber.Double,
                                             defaultValue=default, minValue=0.0)
            p.setHelp(self.tr(help_text))
            self.addParameter(set_advanced(p) if advanced else p)
        p = QgsProcessingParameterNumber(self.MAX_PER_IMAGE, self.tr("At most N pairs per image (0 = no limit)"),
                                         QgsProcessingParameterNumber.Integer, defaultValue=0, minValue=0)
        p.setHelp(self.tr("Limit the pairs each image takes part in; the shortest baselines are kept first."))
        self.addParameter(set_advanced(p) if advanced else p)
        p = QgsProcessingParameterBoolean(self.CONSECUTIVE, self.tr("Always include consecutive pairs"),
                                          defaultValue=True)
        p.setHelp(self.tr("Pair every image with the next one whatever the other rules, so that every date is "
                          "linked to the others."))
        self.addParameter(set_advanced(p) if advanced else p)

    def network_from(self, paths: List[str], table, parameters, context, monitor) -> List[Pair]:
        images = []
        for path in paths:
            d, origin = image_date_with_source(path, table)
            monitor.log(self.tr("{0}: {1} ({2})").format(os.path.basename(path), d.isoformat(), origin))
            images.append((path, d))
        num = lambda n: self.parameterAsDouble(parameters, n, context)  # noqa: E731
        max_b = num(self.MAX_BASELINE)
        per = self.parameterAsInt(parameters, self.MAX_PER_IMAGE, context)
        season = num(self.SEASON_WINDOW)
        return build_network(images, num(self.MIN_BASELINE), max_b or None, per or None,
                             self.parameterAsBoolean(parameters, self.CONSECUTIVE, context), season or None)

    def report_groups(self, pairs: List[Pair], monitor) -> int:
        groups = connected_groups(pairs)
        if len(groups) > 1:
            message = self.tr("The network splits into {0} disconnected groups of dates: {1}. The time series can "
                              "only link them through its regularisation; add pairs between the groups (a longer "
                              "maximum baseline) if you can.").format(len(groups), describe_groups(groups))
            monitor.feedback.pushWarning(message) if hasattr(monitor, "feedback") else monitor.log(message)
        return len(groups)


def optional_path(alg, parameters, name, context) -> Optional[str]:
    value = alg.parameterAsFile(parameters, name, context)
    return value or None
