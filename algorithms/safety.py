"""Run-time safety of every algorithm: destinations vs inputs, interruption, unexpected errors.

Used by :class:`~.base.SenseTrackAlgorithm.processAlgorithm` so that each
rule is enforced once for all algorithms:

- :func:`check_destinations`: no destination (primary or secondary: tables,
  points, JSON, folders) may be an input, the folder of an input, inside an
  input folder, or another destination; paths are compared after resolving
  symbolic links, ``..`` and case (:func:`..core.output.same_path`).
- :class:`InterruptGuard`: SIGTERM/SIGINT cancel the run like the Cancel
  button, so temporary files and folders are removed on the way out.
- :func:`unexpected_error_message`: any other exception becomes one message
  naming the algorithm and its inputs; the traceback goes to the log.
"""
from __future__ import annotations

import os
import signal
import threading
import traceback
from typing import Callable, Iterable, List, Optional, Tuple

from qgis.core import QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProviderRegistry

from ..core.errors import InputError, Interrupted, ParameterError, os_error_message, quote
from ..core.output import same_path

LAYER_TYPES = ("raster", "vector", "layer", "mesh", "pointcloud", "source")
DESTINATION_TYPES = ("rasterDestination", "vectorDestination", "fileDestination", "folderDestination", "sink")
Named = Tuple[str, str]  # (parameter name, path)


def _strip_layer_options(text: str) -> str:
    """The file of a layer source such as ``a.gpkg|layername=x``: the whole text when that file exists."""
    text = text.strip()
    if not text or os.path.exists(text) or "|" not in text:
        return text
    return text.split("|")[0]


def _layer_path(layer) -> str:
    if layer is None:
        return ""
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        path = parts.get("path") or ""
    except Exception:  # a provider without decodeUri support
        path = ""
    return path or _strip_layer_options(layer.source())


def _value_paths(value) -> List[str]:
    """File paths named directly by a parameter value (strings, layers, lists of them)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _value_paths(v)]
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsMapLayer):
        return [_layer_path(value)]
    if isinstance(value, str):
        return [_strip_layer_options(value)]
    return []


def input_paths(alg, parameters, context) -> List[Named]:
    """Every file an algorithm reads: layer sources, files, multiple layers, plus ``alg.extra_inputs``."""
    out: List[Named] = []
    for definition in alg.parameterDefinitions():
        name = definition.name()
        kind = definition.type()
        if definition.isDestination() or kind in DESTINATION_TYPES or parameters.get(name) in (None, ""):
            continue
        paths: List[str] = []
        if kind in LAYER_TYPES:
            value = parameters.get(name)
            raw = _value_paths(value)
            paths = [p for p in raw if p and os.path.exists(p)]
            if not paths:  # a layer id or a project layer name: ask QGIS for the layer
                layer = alg.parameterAsLayer(parameters, name, context)
                paths = [_layer_path(layer)]
        elif kind == "multilayer":
            paths = _value_paths(parameters.get(name))
            for layer in alg.parameterAsLayerList(parameters, name, context) or []:
                paths.append(_layer_path(layer))
        elif kind == "file":
            paths = [alg.parameterAsFile(parameters, name, context)]
        out += [(name, p) for p in paths if p]
    extra = getattr(alg, "extra_inputs", None)
    if extra is not None:
        out += [(n, p) for n, p in extra(parameters, context) if p]
    return out


def destination_paths(alg, parameters, context) -> List[Tuple[str, str, bool]]:
    """(name, path, is_folder) of every destination the run will write (skipped optional ones excluded)."""
    out = []
    for definition in alg.parameterDefinitions():
        name = definition.name()
        if not (definition.isDestination() or definition.type() in DESTINATION_TYPES):
            continue
        value = parameters.get(name)
        if value is None or value == "":
            continue
        kind = definition.type()
        if kind in ("rasterDestination", "vectorDestination", "sink"):
            path = alg.parameterAsOutputLayer(parameters, name, context)
        else:
            path = alg.parameterAsFileOutput(parameters, name, context)
        path = _strip_layer_options(path or "")
        if path and not path.startswith(("memory:", "ogr:")) and "TEMPORARY_OUTPUT" not in path:
            out.append((name, path, kind == "folderDestination"))
    return out


def _inside(path: str, folder: str) -> bool:
    path, folder = os.path.normcase(os.path.realpath(path)), os.path.normcase(os.path.realpath(folder))
    return path != folder and path.startswith(folder.rstrip(os.sep) + os.sep)


def check_destinations(alg, parameters, context) -> None:
    """Raise InputError when a destination would overwrite an input or another destination."""
    inputs = input_paths(alg, parameters, context)
    destinations = destination_paths(alg, parameters, context)
    # an output FOLDER that merely holds inputs is allowed: its files get new names
    for i, (dname, dpath, _) in enumerate(destinations):
        for iname, ipath in inputs:
            clash = same_path(dpath, ipath)
            if not clash and os.path.isdir(ipath):
                clash = _inside(dpath, ipath)  # writing into an input folder (a .SAFE product...) changes it
            if clash:
                where = f"inside the input folder {iname}" if os.path.isdir(ipath) else f"also an input ({iname})"
                raise InputError(f"The output {dname} = {quote(dpath, 200)} is {where}. Choose another output "
                                 "file: inputs are never overwritten.")
        for oname, opath, _ in destinations[i + 1:]:
            if same_path(dpath, opath):
                raise InputError(f"The outputs {dname} and {oname} are the same file {quote(dpath, 200)}: one "
                                 "would overwrite the other. Give them different names.")


def check_numbers(alg, parameters) -> None:
    """Refuse NaN, infinite and (for whole-number parameters) out-of-range values in every number parameter,
    before any work (``param_values.check_number`` words the message; a NaN nodata override is meaningful).

    QGIS's own range check lets NaN through (every comparison with NaN is
    false) and turns an integer beyond 32 bits into -2147483648; the values
    would then reach the libraries as nonsense (a warp that never ends, a
    silently all-NaN result).
    """
    from qgis.core import QgsProcessingParameterNumber

    from .param_values import check_number

    for d in alg.parameterDefinitions():
        raw = parameters.get(d.name())
        if d.type() != "number" or raw in (None, "") or not isinstance(raw, (str, int, float)):
            continue  # an expression or a model input: QGIS evaluates and checks it
        if d.name().endswith("NODATA") and str(raw).strip().lower() == "nan":
            continue
        check_number(d, d.name(), raw, integer=d.dataType() == QgsProcessingParameterNumber.Integer)


class InterruptGuard:
    """SIGTERM and SIGINT cancel the run (``feedback.cancel()`` and :class:`Interrupted` raised).

    Installed only in the main thread (Python's rule for signal handlers);
    QGIS runs algorithms in worker threads, where its Cancel button does
    the same. A second signal during the clean-up only cancels, so the
    clean-up itself is not interrupted. Previous handlers are restored on
    exit.
    """

    SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGINT", None)) if s)

    def __init__(self, cancel: Callable[[], None]):
        self.cancel = cancel
        self.received: Optional[str] = None
        self._saved = {}

    def __enter__(self) -> "InterruptGuard":
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                try:
                    self._saved[sig] = signal.signal(sig, self._handle)
                except (ValueError, OSError):  # not allowed here (embedded interpreter)
                    pass
        return self

    def _handle(self, signum, frame) -> None:  # noqa: ARG002
        self.cancel()
        if self.received is None:
            self.received = signal.Signals(signum).name
            raise Interrupted(f"The run was interrupted ({self.received}).")

    def __exit__(self, *exc) -> None:
        for sig, previous in self._saved.items():
            try:
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
            except (ValueError, OSError):
                pass
        self._saved.clear()


def completed_outputs(alg, parameters, context, committed: Iterable[str]) -> List[str]:
    """The run's destinations among the files completed during the run (not its intermediate files)."""
    try:
        destinations = [p for _, p, _ in destination_paths(alg, parameters, context)]
    except Exception:  # noqa: BLE001 - only for the message
        destinations = []
    return [c for c in committed if os.path.exists(c) and any(same_path(c, d) for d in destinations)]


def cancel_message(received: Optional[str], written: Iterable[str]) -> str:
    """What a cancelled or interrupted run tells the user: true about which outputs exist."""
    what = f"interrupted ({received})" if received else "cancelled"
    written = list(written)
    if written:
        names = ", ".join(quote(p, 120) for p in written[:5])
        return (f"The run was {what} after these outputs were complete: {names}; they were kept. Nothing "
                "partial was left and temporary files were removed.")
    return f"The run was {what}; no output was written and temporary files were removed."


DEBUG_VARIABLE = "SENSETRACK_DEBUG"


def _console() -> bool:
    """True in qgis_process, whose console is both the message and the log."""
    from qgis.core import QgsApplication

    return QgsApplication.platform() == "qgis_process" and not os.environ.get(DEBUG_VARIABLE)


def log_traceback(exc: BaseException, feedback) -> None:
    """The traceback of an unexpected error, for whoever investigates: never in the user's message.

    It goes to the QGIS message log (tab "SenseTrack") and the algorithm's log
    (``pushDebugInfo``); in qgis_process, whose log is the console, only when
    SENSETRACK_DEBUG is set.
    """
    from qgis.core import Qgis, QgsMessageLog

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    QgsMessageLog.logMessage(text, "SenseTrack", Qgis.Warning)
    if not _console():
        feedback.pushDebugInfo(text)


def unexpected_error_message(alg, inputs: List[Named], exc: BaseException) -> str:
    """One clear message for an exception SenseTrack did not expect (the traceback goes to the log)."""
    specific = os_error_message(exc)
    if specific:
        return specific
    names = ", ".join(f"{n}={quote(os.path.basename(p) or p, 60)}" for n, p in inputs[:6]) or "no file input"
    return (f"{alg.displayName()} (sensetrack:{alg.name()}) failed on {names}: {type(exc).__name__}: "
            f"{quote(str(exc), 300) if str(exc) else 'no detail'}. The input may be corrupt or of an "
            "unexpected kind; check it opens in QGIS. If it does, please report this with the details: "
            + (f"run again with {DEBUG_VARIABLE}=1 to print them." if _console() else "they are in the log."))
