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

from .errors import InputError, ParameterError, quote
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
            raise ParameterError(f"Parameter '{name}' must be true or false, not {quote(value)}.")
        if self.kind == "enum":
            if str(value) not in self.choices:
                raise ParameterError(
                    f"Parameter '{name}' must be one of {', '.join(self.choices)}; got {quote(value)}."
                )
            return str(value)
        if isinstance(value, bool):
            raise ParameterError(f"Parameter '{name}' must be a number, not {quote(value)}.")
        try:
            num = float(value)
        except (TypeError, ValueError, OverflowError):
            raise ParameterError(f"Parameter '{name}' must be a number, not {quote(value)}.") from None
        if not math.isfinite(num):
            # NaN passes every "< minimum" test and reaches the libraries (all-NaN results, OpenCV asserts)
            raise ParameterError(f"Parameter '{name}' must be a finite number, not {quote(value)}; "
                                 f"{self.range_text()}.")
        if self.kind == "int":
            if num != int(num):
                raise ParameterError(f"Parameter '{name}' must be a whole number, not {value!r}.")
            if abs(num) > INT_LIMIT:
                raise ParameterError(f"Parameter '{name}' = {quote(value)} is too large; {self.range_text()}.")
            num = int(num)
        if self.minimum is not None and num < self.minimum:
            raise ParameterError(f"Parameter '{name}' = {quote(value)} is below its minimum {self.minimum:g}.")
        if self.maximum is not None and num > self.maximum:
            raise ParameterError(f"Parameter '{name}' = {quote(value)} is above its maximum {self.maximum:g}.")
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
            f"Unknown parameter(s): {quote(', '.join(map(str, unknown)), 200)}. "
            f"Valid parameters are: {', '.join(by_name)}."
        )
    out = {}
    for spec in specs:
        v = values.get(spec.name)
        out[spec.name] = spec.default if v is None else spec.coerce(v)
    return out


PRESET_MAX_BYTES = 1 << 20
"""A preset is a few hundred bytes; anything above 1 MiB is refused before parsing."""
YAML_MAX_ALIASES = 100
"""Aliases (``*name``) allowed in a YAML preset: enough for sharing a few blocks, not for an alias bomb."""


def load_preset(path: str) -> Dict[str, Any]:
    """Read a preset (JSON, or YAML for .yml/.yaml) as a plain dict.

    A preset may be flat (``{"winsize": 15}``) or name the method
    (``{"method": "farneback", "parameters": {...}}``). Files over
    :data:`PRESET_MAX_BYTES`, not in UTF-8, or YAML using more than
    :data:`YAML_MAX_ALIASES` aliases are refused with a ParameterError.
    """
    try:
        check_readable(path, "preset file")
    except InputError as exc:
        raise ParameterError(str(exc)) from None
    try:
        with open(path, "rb") as fh:
            raw = fh.read(PRESET_MAX_BYTES + 1)
    except OSError as exc:
        raise ParameterError(f"Preset file {quote(path, 200)} cannot be read ({exc.strerror}). Check its "
                             "permissions.") from None
    if len(raw) > PRESET_MAX_BYTES:
        raise ParameterError(f"Preset file {quote(path, 200)} is larger than {PRESET_MAX_BYTES // 1024} KiB: "
                             "a preset is a short JSON or YAML file of parameter names and values.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"Preset file {quote(path, 200)} is not UTF-8 text (byte {exc.start} cannot be "
                             "decoded). Save it as UTF-8 JSON or YAML.") from None
    try:
        if path.lower().endswith((".yml", ".yaml")):
            data = _safe_yaml(text)
        else:
            data = json.loads(text)
    except ParameterError:
        raise
    except Exception as exc:
        raise ParameterError(f"Preset file {quote(path, 200)} is not valid: {quote(str(exc), 300)}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"Preset file {quote(path, 200)} must contain a mapping of parameter names to values.")
    return data


def _safe_yaml(text: str) -> Any:
    """``yaml.safe_load`` that refuses alias bombs before building anything.

    Aliases share one node, so a 300-byte document can stand for billions of
    values once constructed or printed. The composed node graph is measured
    first (with memoisation, so measuring is cheap): more than
    :data:`YAML_MAX_ALIASES` aliases or more than :data:`YAML_MAX_NODES`
    values after expansion is refused.
    """
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):  # noqa: D102 - counts alias events as they are composed
            if self.check_event(yaml.AliasEvent):
                self.aliases = getattr(self, "aliases", 0) + 1
                if self.aliases > YAML_MAX_ALIASES:
                    raise _alias_error(f"more than {YAML_MAX_ALIASES} aliases (*name)")
            return super().compose_node(parent, index)

    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > YAML_MAX_NODES:
            raise _alias_error(f"aliases that expand to more than {YAML_MAX_NODES} values")
        return loader.construct_document(node)
    finally:
        loader.dispose()


YAML_MAX_NODES = 10_000


def _alias_error(what: str) -> ParameterError:
    return ParameterError(f"The YAML preset uses {what}: refused, as it may expand to an enormous document. "
                          "Write the values out.")


def _expanded_size(node, memo: Dict[int, int]) -> int:
    """Values the node stands for once aliases are expanded (memoised on shared nodes)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once instead of looping
    value = node.value
    if isinstance(value, list):
        total = 1
        for item in value:
            parts = item if isinstance(item, tuple) else (item,)
            total += sum(_expanded_size(p, memo) for p in parts)
            if total > YAML_MAX_NODES:
                break
    else:
        total = 1
    memo[key] = total
    return total


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
