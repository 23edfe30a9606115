"""Shared machinery of every SenseTrack Processing algorithm.

Subclasses declare ``NAME``, ``DISPLAY_NAME``, ``GROUP_ID``, ``REQUIRES``
(import names of optional packages) and implement ``initAlgorithm`` and
``run_core``; this base turns core errors into ``QgsProcessingException``,
bridges progress and cancel, and generates QGIS parameters from the core's
:class:`~..core.params.ParamSpec` declarations so that each tuning
parameter is declared exactly once.
"""
from __future__ import annotations

import os
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.deps import install_hint, missing
from ..core.errors import Cancelled, ParameterError, SenseTrackError
from ..core.output import cleanup_temps, committed_count, committed_since
from ..core.params import ParamSpec
from ..core.progress import Monitor
from ..core.raster_profile import cog_outputs
from .param_values import EnumParameter, ParameterReading
from .safety import (InterruptGuard, cancel_message, check_destinations, check_numbers, completed_outputs,
                     input_paths, log_traceback, unexpected_error_message)
from .styling import style_outputs

GROUPS = {
    "tracking": "Offset tracking",
    "preprocessing": "Preprocessing",
    "postprocessing": "Post-processing",
    "sentinel1": "Sentinel-1",
    "optical": "Optical (Sentinel-2, Landsat)",
    "cosmo": "COSMO-SkyMed",
    "prisma": "PRISMA",
    "snap": "SNAP",
    "timeseries": "Time series",
}


ICONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icons")


def group_icon(group_id: str) -> str:
    """The SVG icon of a toolbox group (resources/icons/<group>.svg), or the plugin's icon."""
    path = os.path.join(ICONS, f"{group_id}.svg")
    return path if os.path.exists(path) else os.path.join(os.path.dirname(ICONS), "icon.svg")


def tr(text: str, context: str = "SenseTrack") -> str:
    """Translate with one fixed context, so pylupdate5 and runtime agree."""
    return QCoreApplication.translate(context, text)


class FeedbackMonitor(Monitor):
    """Adapts ``QgsProcessingFeedback`` to the core's :class:`Monitor`."""

    def __init__(self, feedback: QgsProcessingFeedback | None):
        super().__init__(None)
        self.feedback = feedback or QgsProcessingFeedback()
        self._last_message = ""

    @property
    def cancelled(self) -> bool:
        return self.feedback.isCanceled()

    def cancel(self) -> None:
        self.feedback.cancel()

    def report(self, fraction: float, message: str = "") -> None:
        self.feedback.setProgress(100.0 * min(max(fraction, 0.0), 1.0))
        if message and message != self._last_message:
            self._last_message = message
            self.feedback.setProgressText(message)
        self.check()

    def log(self, message: str) -> None:
        self.feedback.pushInfo(message)

    def check(self) -> None:
        if self.feedback.isCanceled():
            raise Cancelled("The run was cancelled; no output was written.")


def parse_numbers(text: str, kind, message: str) -> list:
    """Numbers separated by commas (or semicolons) in ``text``; ParameterError(``message``) if one is not."""
    try:
        return [kind(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ParameterError(message) from None


def set_advanced(param: QgsProcessingParameterDefinition) -> QgsProcessingParameterDefinition:
    param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return param


def parameter_from_spec(spec: ParamSpec) -> QgsProcessingParameterDefinition:
    """The QGIS parameter (UPPER_CASE name) for a core ParamSpec."""
    label = tr(spec.label)
    if spec.kind == "bool":
        p = QgsProcessingParameterBoolean(spec.qgis_name, label, defaultValue=bool(spec.default))
    elif spec.kind == "enum":
        p = EnumParameter(spec.qgis_name, label, spec.choices, spec.default)
    else:
        ptype = QgsProcessingParameterNumber.Integer if spec.kind == "int" else QgsProcessingParameterNumber.Double
        kwargs = {"defaultValue": spec.default}
        if spec.minimum is not None:
            kwargs["minValue"] = spec.minimum
        if spec.maximum is not None:
            kwargs["maxValue"] = spec.maximum
        p = QgsProcessingParameterNumber(spec.qgis_name, label, ptype, **kwargs)
    p.setHelp(tr(spec.help or spec.label))
    return set_advanced(p) if spec.advanced else p


def values_from_specs(alg: QgsProcessingAlgorithm, specs: Sequence[ParamSpec], parameters: Dict[str, Any],
                      context) -> Dict[str, Any]:
    """Read the spec-declared parameters back as a core keyword dict."""
    out: Dict[str, Any] = {}
    for spec in specs:
        n = spec.qgis_name
        if spec.kind == "bool":
            out[spec.name] = alg.parameterAsBoolean(parameters, n, context)
        elif spec.kind == "enum":
            out[spec.name] = alg.parameterAsEnumString(parameters, n, context)
        elif spec.kind == "int":
            out[spec.name] = alg.parameterAsInt(parameters, n, context)
        else:
            out[spec.name] = alg.parameterAsDouble(parameters, n, context)
    return out


_ID = re.compile(r"(?<![\w'])(\()?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)(\))?(?![\w'])")


def label_parameter_ids(text: str, parameters) -> str:
    """Name each parameter id in a help text by the label the dialog shows: ``'Coarse-to-fine levels'
    (PYRAMID_LEVELS)``; ids already next to their label, and text inside HTML tags, are left alone."""
    labels = {p.name(): p.description() for p in parameters}
    if not labels or not text:
        return text
    return "".join(part if part.startswith("<") else _sub_ids(part, labels) for part in re.split(r"(<[^>]*>)", text))


def _sub_ids(text: str, labels: Dict[str, str]) -> str:
    def one(match):
        opened, name, closed = match.groups()
        label = labels.get(name)
        if not label or label in text[max(0, match.start() - len(label) - 4):match.start()]:
            return match.group(0)
        if opened and closed:  # "(ID)" -> "('Label', ID)"
            return f"('{label}', {name})"
        return f"{opened or ''}'{label}' ({name}){closed or ''}"

    return _ID.sub(one, text)


class SenseTrackAlgorithm(ParameterReading, QgsProcessingAlgorithm):
    """Base class: naming, grouping, help, dependency check and error bridging."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("shortHelpString")
        if own is not None and not getattr(own, "_labels_ids", False):
            def labelled(self, _own=own):
                return label_parameter_ids(_own(self), self.parameterDefinitions())

            labelled._labels_ids = True
            cls.shortHelpString = labelled

    NAME = ""
    DISPLAY_NAME = ""
    GROUP_ID = "tracking"
    REQUIRES: Sequence[str] = ()
    HELP = ""

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def name(self) -> str:
        return self.NAME

    def displayName(self) -> str:  # noqa: N802
        return self.tr(self.DISPLAY_NAME)

    def group(self) -> str:
        return self.tr(GROUPS[self.GROUP_ID])

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP_ID

    def icon(self) -> QIcon:
        return QIcon(group_icon(self.GROUP_ID))

    def svgIconPath(self) -> str:  # noqa: N802
        return group_icon(self.GROUP_ID)

    def shortHelpString(self) -> str:  # noqa: N802
        return label_parameter_ids(self.tr(self.HELP), self.parameterDefinitions())

    def described_help(self, description: str, common: str = "", reference: str = "") -> str:
        """Help text from a description, a paragraph shared by a family of algorithms and a reference."""
        text = self.tr(description) + (self.tr(common) if common else "")
        if reference:
            text += "<p>" + self.tr("Reference: ") + reference + "</p>"
        return text

    def optional_double(self, parameters, name: str, context) -> Optional[float]:
        """A number parameter that may be left empty (None then)."""
        value = parameters.get(name)
        if value is None or value == "":
            return None
        return self.parameterAsDouble(parameters, name, context)

    def missing_dependencies(self) -> Iterable[str]:
        return missing(self.REQUIRES)

    def canExecute(self):  # noqa: N802
        absent = list(self.missing_dependencies())
        if absent:
            return False, self.tr("Missing Python package(s): {0}. {1}").format(", ".join(absent), install_hint(absent))
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Run :meth:`run_core` under the rules every algorithm shares.

        Before any work, no destination may be an input (:func:`.safety.check_destinations`).
        SIGTERM/SIGINT cancel like the Cancel button; temporary files go on every
        exit. SenseTrack's errors keep their message; any other exception becomes
        one message naming the algorithm and its inputs, the traceback going to
        the log only.
        """
        ok, message = self.canExecute()
        if not ok:
            raise QgsProcessingException(message)
        feedback = feedback or QgsProcessingFeedback()
        monitor = FeedbackMonitor(feedback)
        mark = committed_count()
        guard = InterruptGuard(feedback.cancel)
        with guard:  # also over the clean-up: a second signal then only cancels
            try:
                check_numbers(self, parameters)
                check_destinations(self, parameters, context)
                with cog_outputs(self.wants_cog(parameters, context)):
                    results = self.run_core(parameters, context, monitor)
                style_outputs(self, results, context, feedback)
                return results
            except Exception as exc:  # noqa: BLE001 - the one place that turns every failure into a message
                raise QgsProcessingException(
                    self.failure_message(exc, guard, mark, parameters, context, feedback)) from None
            finally:
                self.cleanup()

    def failure_message(self, exc: BaseException, guard: InterruptGuard, mark: int, parameters, context,
                        feedback) -> str:
        """The single message for a failed run (the traceback of an unexpected error goes to the log)."""
        if isinstance(exc, Cancelled) or guard.received:  # a signal may surface wrapped in another error
            if guard.received:  # the process is going away: also what another writer left (not on a plain
                cleanup_temps()  # Cancel, where other runs of this QGIS may be writing in other threads)
            done = completed_outputs(self, parameters, context, committed_since(mark))
            return cancel_message(guard.received, done)
        if isinstance(exc, QgsProcessingException):
            return str(exc)
        if isinstance(exc, SenseTrackError):
            return str(exc)
        if isinstance(exc, MemoryError):
            return self.tr("Not enough memory. Try a smaller area or fewer bands.")
        log_traceback(exc, feedback)
        return self.unexpected_error(parameters, context, exc)

    def unexpected_error(self, parameters, context, exc: BaseException) -> str:
        try:
            inputs = input_paths(self, parameters, context)
        except Exception:  # noqa: BLE001 - naming the inputs must not hide the error
            inputs = []
        return unexpected_error_message(self, inputs, exc)

    def extra_inputs(self, parameters, context) -> List[Tuple[str, str]]:
        """Files read that are not input parameters (e.g. files named in a SNAP graph's values).

        Returns (parameter name, path) pairs; destinations are checked against them too.
        """
        return []

    COG = "COG"

    def add_cog_parameter(self) -> None:
        """The advanced COG option of the algorithms that write rasters (one call per family's base class)."""
        p = QgsProcessingParameterBoolean(self.COG, self.tr("Write Cloud Optimized GeoTIFF (COG)"),
                                          defaultValue=False, optional=True)
        p.setHelp(self.tr(
            "Write the raster output(s) as Cloud Optimized GeoTIFF (GDAL COG driver, ZSTD, with overviews) for "
            "object storage or a web map. Slower to write (the overviews and a second pass); the values are the "
            "same."))
        self.addParameter(set_advanced(p))

    def wants_cog(self, parameters, context) -> bool:
        return self.parameterDefinition(self.COG) is not None and self.parameterAsBoolean(
            parameters, self.COG, context)

    def cleanup(self) -> None:
        """Remove what the run kept in temporary folders (called after success, failure or cancel)."""

    def run_core(self, parameters, context, monitor: FeedbackMonitor) -> Dict[str, Any]:
        raise NotImplementedError
