"""Reading Processing parameter values without QGIS's silent conversions.

QGIS turns ``NaN`` into -2147483648 and ``1e12`` into 0 in
``parameterAsInt``, returns the default for an enum index given to a
static-string enum (and refuses it at the check, although ``qgis_process
help`` lists the indices), and a layer source cut at ``|`` loses the rest of
a file name such as ``x|y.tif``. The pieces here read the raw value first:

* :class:`ParameterReading` (mixed into every SenseTrack algorithm) checks
  numbers before converting them and maps enum indices to their strings;
* :class:`EnumParameter` is a static-string enum that also accepts the index;
* :class:`FileLayerParameter` (and :class:`RasterInputParameter`) let a file
  through to the core reader, which says what is wrong with it (empty,
  text, not a SenseTrack product) instead of QGIS's "Unable to load mesh";
* :func:`layer_path` is the file behind a layer, decoded by its data provider.
"""
from __future__ import annotations

import math
import os
from typing import Any, Optional

from qgis.core import (
    QgsMapLayer,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProviderRegistry,
)

from ..core.errors import InputError, ParameterError

INT_LIMIT = 2**31 - 1  # QgsProcessingParameters::parameterAsInt returns a C int


def layer_path(layer: Optional[QgsMapLayer]) -> str:
    """The file (or GDAL dataset name) behind ``layer``, as its data provider decodes the source URI.

    ``layer.source().split("|")[0]`` would turn ``x|y.tif`` into ``x``; the
    provider knows which ``|`` starts an option (``|layername=``...).
    """
    if layer is None:
        return ""
    source = layer.source()
    provider = layer.providerType() if hasattr(layer, "providerType") else ""
    if provider:
        parts = QgsProviderRegistry.instance().decodeUri(provider, source)
        path = parts.get("path") if parts else None
        if path:
            return str(path)
    return source


def _raw(parameters, name: str) -> Any:
    value = parameters.get(name) if parameters is not None else None
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _is_nan(value: Any) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _range(definition) -> str:
    if not isinstance(definition, QgsProcessingParameterNumber):
        return ""
    lo, hi = definition.minimum(), definition.maximum()
    # QGIS stores "no bound" as the extreme double
    parts = []
    if lo > -1e300:
        parts.append(f"at least {lo:g}")
    if hi < 1e300:
        parts.append(f"at most {hi:g}")
    return " (" + " and ".join(parts) + ")" if parts else ""


def check_number(definition, name: str, value: Any, integer: bool) -> None:
    """Raise ParameterError for a value that is not a finite number (or too large for an integer)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    what = "a whole number" if integer else "a number"
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ParameterError(f"{name} = {str(value)[:60]!r} is not a number; give {what}{_range(definition)}.") \
            from None
    if not math.isfinite(number):
        raise ParameterError(f"{name} = {str(value)[:60]} is not a finite number; give {what}{_range(definition)}.")
    if integer and abs(number) > INT_LIMIT:
        raise ParameterError(f"{name} = {str(value)[:60]} is too large for a whole number; give {what}"
                             f"{_range(definition)}.")


def enum_index_to_string(definition, value: Any) -> Any:
    """The option string for an index (``1`` or ``"1"``) of a static-string enum; other values unchanged."""
    if not isinstance(definition, QgsProcessingParameterEnum) or not definition.usesStaticStrings():
        return value
    options = definition.options()
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if text is None or text in options or not text.isdigit():
        return value
    index = int(text)
    return options[index] if index < len(options) else value


class ParameterReading:
    """Mixin for QgsProcessingAlgorithm: checked numbers, enum indices accepted."""

    def parameterAsInt(self, parameters, name, context):  # noqa: N802 - QGIS API
        check_number(self.parameterDefinition(name), name, _raw(parameters, name), integer=True)
        return super().parameterAsInt(parameters, name, context)

    def parameterAsDouble(self, parameters, name, context):  # noqa: N802 - QGIS API
        raw = _raw(parameters, name)
        if name.endswith("NODATA") and _is_nan(raw):
            return float("nan")  # "NaN is the nodata value" is meaningful (and already how NaN is read)
        check_number(self.parameterDefinition(name), name, raw, integer=False)
        return super().parameterAsDouble(parameters, name, context)

    def parameterAsEnumString(self, parameters, name, context):  # noqa: N802 - QGIS API
        definition = self.parameterDefinition(name)
        raw = parameters.get(name) if parameters is not None else None
        text = enum_index_to_string(definition, raw)
        if text is not raw:
            return text
        return super().parameterAsEnumString(parameters, name, context)


class EnumParameter(QgsProcessingParameterEnum):
    """Static-string enum that also accepts the option's index, as ``qgis_process help`` lists them."""

    def __init__(self, name: str, description: str, options, defaultValue=None, optional: bool = False,  # noqa: N803
                 allowMultiple: bool = False):  # noqa: N803 - QGIS keyword names
        super().__init__(name, description, options=list(options), allowMultiple=allowMultiple,
                         defaultValue=defaultValue, optional=optional)
        self.setUsesStaticStrings(True)

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS API
        return super().checkValueIsAcceptable(enum_index_to_string(self, value), context)

    def clone(self):
        p = EnumParameter(self.name(), self.description(), self.options(), self.defaultValue(),
                          bool(self.flags() & QgsProcessingParameterDefinition.FlagOptional), self.allowMultiple())
        p.setFlags(self.flags())
        p.setHelp(self.help())
        return p


class FileLayerParameter(QgsProcessingParameterMapLayer):
    """Map layer parameter that passes an existing file on to the core reader (which explains a bad one)."""

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS API
        if isinstance(value, str) and os.path.isfile(value):
            return True
        return super().checkValueIsAcceptable(value, context)

    def clone(self):
        p = FileLayerParameter(self.name(), self.description(), self.defaultValue(),
                                  bool(self.flags() & QgsProcessingParameterDefinition.FlagOptional), self.dataTypes())
        p.setFlags(self.flags())
        p.setHelp(self.help())
        return p


class RasterInputParameter(QgsProcessingParameterRasterLayer):
    """Raster layer parameter that passes an existing file on to the core, which says why it cannot be read
    (permission, empty, truncated, not a raster) where QGIS only says "Incorrect parameter value"."""

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS API
        if isinstance(value, str) and os.path.isfile(value):
            return True
        return super().checkValueIsAcceptable(value, context)

    def clone(self):
        p = RasterInputParameter(self.name(), self.description(), self.defaultValue(),
                                 bool(self.flags() & QgsProcessingParameterDefinition.FlagOptional))
        p.setFlags(self.flags())
        p.setHelp(self.help())
        return p


def layer_source(alg, parameters, name: str, context, what: str = "displacement result") -> str:
    """Path of a layer parameter: a file given by name is used as is (never loaded by QGIS), else the layer's file."""
    raw = parameters.get(name) if parameters is not None else None
    if isinstance(raw, str) and os.path.isfile(raw):
        return raw
    layer = alg.parameterAsLayer(parameters, name, context)
    if layer is None or not layer.isValid():
        raise InputError(f"The {what} ({name} = {str(raw)[:200]!r}) could not be loaded as a layer. Check the "
                         "path, or that the layer is still in the project.")
    return layer_path(layer)


def product_source(alg, parameters, name: str, context) -> str:
    """Path of a post-processing INPUT (see :func:`layer_source`)."""
    return layer_source(alg, parameters, name, context, "displacement result")
