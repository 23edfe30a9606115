"""Shared machinery of every SenseTrack Processing algorithm.

Subclasses declare ``NAME``, ``DISPLAY_NAME``, ``GROUP_ID``, ``REQUIRES``
(import names of optional packages) and implement ``initAlgorithm`` and
``run_core``; this base turns core errors into ``QgsProcessingException``,
bridges progress and cancel, and generates QGIS parameters from the core's
:class:`~..core.params.ParamSpec` declarations so that each tuning
parameter is declared exactly once.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Optional, Sequence

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.deps import install_hint, missing
from ..core.errors import Cancelled, ParameterError, SenseTrackError
from ..core.params import ParamSpec
from ..core.progress import Monitor
from .styling import style_outputs

GROUPS = {
    "tracking": "Offset tracking",
    "preprocessing": "Preprocessing",
    "postprocessing": "Post-processing",
    "sentinel1": "Sentinel-1",
    "cosmo": "COSMO-SkyMed",
    "prisma": "PRISMA",
    "snap": "SNAP",
    "timeseries": "Time series",
}


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
        p = QgsProcessingParameterEnum(spec.qgis_name, label, options=list(spec.choices),
                                       defaultValue=spec.default)
        p.setUsesStaticStrings(True)
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


class SenseTrackAlgorithm(QgsProcessingAlgorithm):
    """Base class: naming, grouping, help, dependency check and error bridging."""

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

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(self.HELP)

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
        ok, message = self.canExecute()
        if not ok:
            raise QgsProcessingException(message)
        monitor = FeedbackMonitor(feedback)
        try:
            results = self.run_core(parameters, context, monitor)
            style_outputs(self, results, context, feedback)
            return results
        except Cancelled as exc:
            raise QgsProcessingException(str(exc)) from None
        except SenseTrackError as exc:
            raise QgsProcessingException(str(exc)) from None
        except MemoryError:
            raise QgsProcessingException(
                self.tr("Not enough memory. Try a smaller area or fewer bands.")) from None
        finally:
            self.cleanup()

    def cleanup(self) -> None:
        """Remove what the run kept in temporary folders (called after success, failure or cancel)."""

    def run_core(self, parameters, context, monitor: FeedbackMonitor) -> Dict[str, Any]:
        raise NotImplementedError
