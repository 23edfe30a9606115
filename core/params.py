"""Declarative algorithm parameters with validation and dict/JSON/YAML presets.

Each tracking method declares its tuning parameters once, as a tuple of
:class:`ParamSpec`. The same declaration drives validation in ``core``, the
preset files (the original library's JSON/YAML presets, now round-trip
safe) and the parameters of the QGIS Processing algorithms, whose names are
the upper-cased spec names.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from .errors import InputError, ParameterError
from .files import check_readable

INT_LIMIT = 2**31 - 1  # what QGIS and the libraries (OpenCV, GDAL) hold in an int
# algorithm ids that name a core method differently: a preset saved for "phasecorrelation" is for "phase"
METHOD_ALIASES = {"phasecorrelation": "phase"}


@dataclass(frozen=True)
class ParamSpec:
    """One tuning parameter.

    Attributes
    ----------
    name : str
        snake_case key used in presets and Python calls.
    kind : {"int", "float", "bool", "enum"}
    default : Any
    minimum, maximum : float, optional
        Inclusive bounds for numbers.
    choices : tuple of str
        Allowed values for ``enum``.
    label : str
        Short human-readable description (also the QGIS dialog label).
    help : str
        Longer help text, with units.
    advanced : bool
        Shown under "Advanced parameters" in QGIS.
    """

    name: str
    kind: str
    default: Any
    label: str
    help: str = ""
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    choices: Tuple[str, ...] = field(default_factory=tuple)
    advanced: bool = True

    @property
    def qgis_name(self) -> str:
        return self.name.upper()

    def coerce(self, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParameterError."""
        name = self.name
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, (int,)) and value in (0, 1):
                return bool(value)
            if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no", "1", "0"):
                return value.strip().lower() in ("true", "yes", "1")
            raise ParameterError(f"Parameter '{name}' must be true or false, not {value!r}.")
        if self.kind == "enum":
            if str(value) not in self.choices:
                raise ParameterError(
                    f"Parameter '{name}' must be one of {', '.join(self.choices)}; got {value!r}."
                )
            return str(value)
        if isinstance(value, bool):
            raise ParameterError(f"Parameter '{name}' must be a number, not {value!r}.")
        try:
            num = float(value)
        except (TypeError, ValueError, OverflowError):
            raise ParameterError(f"Parameter '{name}' must be a number, not {_short(value)}.") from None
        if not math.isfinite(num):
            # NaN passes every "< minimum" test and reaches the libraries (all-NaN results, OpenCV asserts)
            raise ParameterError(f"Parameter '{name}' must be a finite number, not {_short(value)}; "
                                 f"{self.range_text()}.")
        if self.kind == "int":
            if num != int(num):
                raise ParameterError(f"Parameter '{name}' must be a whole number, not {value!r}.")
            if abs(num) > INT_LIMIT:
                raise ParameterError(f"Parameter '{name}' = {_short(value)} is too large; {self.range_text()}.")
            num = int(num)
        if self.minimum is not None and num < self.minimum:
            raise ParameterError(f"Parameter '{name}' = {value} is below its minimum {self.minimum:g}.")
        if self.maximum is not None and num > self.maximum:
            raise ParameterError(f"Parameter '{name}' = {value} is above its maximum {self.maximum:g}.")
        return num

    def range_text(self) -> str:
        """'give a whole number between 1 and 12' and the like, for messages."""
        what = "a whole number" if self.kind == "int" else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"give {what} between {self.minimum:g} and {self.maximum:g}"
        if self.minimum is not None:
            return f"give {what} of at least {self.minimum:g}"
        if self.maximum is not None:
            return f"give {what} of at most {self.maximum:g}"
        return f"give {what}"


def _short(value: Any, limit: int = 60) -> str:
    """repr() of a value cut to ``limit`` characters (a crafted preset must not make a huge message)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def validate(specs: Sequence[ParamSpec], values: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Complete ``values`` with defaults and validate every entry.

    Unknown keys are an error (not silently dropped, as in the original
    library). ``None`` values mean "use the default".
    """
    by_name = {s.name: s for s in specs}
    values = dict(values or {})
    unknown = sorted(k for k in values if k not in by_name)
    if unknown:
        raise ParameterError(
            f"Unknown parameter(s): {', '.join(unknown)}. Valid parameters are: {', '.join(by_name)}."
        )
    out = {}
    for spec in specs:
        v = values.get(spec.name)
        out[spec.name] = spec.default if v is None else spec.coerce(v)
    return out


def load_preset(path: str) -> Dict[str, Any]:
    """Read a preset (JSON, or YAML for .yml/.yaml) as a plain dict.

    A preset may be flat (``{"winsize": 15}``) or name the method
    (``{"method": "farneback", "parameters": {...}}``).
    """
    try:
        check_readable(path, "preset file")
    except InputError as exc:
        raise ParameterError(str(exc)) from None
    try:
        with open(path, "r", encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise ParameterError(f"Preset file '{path}' is not UTF-8 text (byte {exc.start} cannot be decoded). "
                             "Save it as UTF-8 JSON or YAML.") from None
    except OSError as exc:
        raise ParameterError(f"Preset file '{path}' cannot be read: {exc.strerror}. Check its permissions.") \
            from None
    try:
        if path.lower().endswith((".yml", ".yaml")):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:
        raise ParameterError(f"Preset file '{path}' is not valid: {exc}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"Preset file '{path}' must contain a mapping of parameter names to values.")
    return data


def save_preset(path: str, method: str, values: Mapping[str, Any]) -> None:
    """Write a preset (YAML for .yml/.yaml, JSON otherwise) naming its method."""
    data = {"method": method, "parameters": dict(values)}
    with open(path, "w", encoding="utf-8") as fh:
        if path.lower().endswith((".yml", ".yaml")):
            import yaml

            yaml.safe_dump(data, fh, sort_keys=False)
        else:
            json.dump(data, fh, indent=2)


def method_name(name: Any) -> str:
    """The core method a preset's ``method`` names: algorithm ids (``phasecorrelation``,
    ``sensetrack:phasecorrelation``) are accepted for the core names (``phase``)."""
    text = str(name).strip().lower()
    text = text.split(":", 1)[1] if text.startswith("sensetrack:") else text
    return METHOD_ALIASES.get(text, text)


def preset_parameters(data: Mapping[str, Any], method: str) -> Dict[str, Any]:
    """Extract the parameter dict for ``method`` from preset data, checking the method name."""
    if "parameters" in data:
        named = data.get("method")
        if named is not None and method_name(named) != method_name(method):
            raise ParameterError(f"This preset is for method '{named}', not '{method}'.")
        params = data["parameters"]
        if not isinstance(params, dict):
            raise ParameterError("The preset's 'parameters' entry must be a mapping.")
        return dict(params)
    return dict(data)
