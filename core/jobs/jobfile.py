"""Job files (YAML or JSON): a whole run described in one file, validated with messages naming the bad key.

A job lists either ``images`` (a pair network is built from their dates, see
``core.timeseries``) or explicit ``pairs``, the ``tracker`` and its preset,
optional ``filtering``, ``stable_mask`` and ``inversion``, and the ``output``
folder. Relative paths are relative to the job file. Example::

    output: results/                      # folder; created if missing
    pairs:                                # or: images: [a.tif, {path: b.tif, date: 2023-03-06}]
      - [2023-01-05.tif, 2023-03-06.tif]
      - {reference: a.tif, target: b.tif, name: ab, reference_date: 2023-01-05, target_date: 2023-03-06}
    network: {max_baseline: 120, max_per_image: 3}      # with images only
    tracker: {method: phasecorrelation, preset: preset.yaml, parameters: {window: 64, step: 16}}
    filtering: {median_threshold: 2}      # or true for the defaults
    stable_mask: {path: stable.gpkg, invert: true}
    inversion: {order: 1, robust: true}   # with a network only
    execution: {tile_budget: 16000000, retries: 2, inversion_block_pixels: 262144}

The schema is checked here with plain Python (no extra dependency); the
tracker parameters are checked against the trackers' own parameter specs, so
a typo fails before any task starts.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ..errors import ParameterError
from ..tracking.flow import METHODS as DENSE_METHODS
from ..params import load_preset, preset_parameters, validate
from ..tracking.windowed.engine import SPECS as WINDOWED_SPECS

WINDOWED = {"phasecorrelation": "phase", "ncc": "ncc"}
TRACKERS = tuple(WINDOWED) + tuple(DENSE_METHODS)
DEFAULT_TILE_BUDGET = 4096 * 4096  # pixels of a pair above which a windowed pair is split into tile tasks
DEFAULT_RETRIES = 2
DEFAULT_INVERSION_BLOCK = 4 * 256 * 256  # output pixels per inversion block task (4 output tiles)

# key -> (accepted types, required, nested schema or None); types name what the message says
SCHEMA: Dict[str, Tuple[tuple, bool, Optional[dict]]] = {
    "output": ((str,), True, None),
    "images": ((list,), False, None),
    "pairs": ((list,), False, None),
    "dates": ((dict,), False, None),
    "network": ((dict,), False, {
        "min_baseline": ((int, float), False, None), "max_baseline": ((int, float, type(None)), False, None),
        "max_per_image": ((int, type(None)), False, None), "consecutive": ((bool,), False, None),
        "season_window": ((int, float, type(None)), False, None)}),
    "tracker": ((dict,), True, {
        "method": ((str,), True, None), "preset": ((str,), False, None), "parameters": ((dict,), False, None),
        "reference_band": ((int,), False, None), "target_band": ((int,), False, None)}),
    "filtering": ((dict, bool), False, None),
    "stable_mask": ((str, dict), False, {"path": ((str,), True, None), "invert": ((bool,), False, None)}),
    "inversion": ((dict, bool), False, {
        "order": ((int,), False, None), "weight": ((int, float, type(None)), False, None),
        "robust": ((bool,), False, None), "prefix": ((str,), False, None)}),
    "execution": ((dict,), False, {
        "tile_budget": ((int,), False, None), "tile_windows": ((int,), False, None),
        "retries": ((int,), False, None), "scheduler": ((str, type(None)), False, None),
        "threads": ((int,), False, None), "inversion_block_pixels": ((int,), False, None)}),
}
_TYPE_NAMES = {str: "a text", list: "a list", dict: "a mapping", int: "a whole number", float: "a number",
               bool: "true or false", type(None): "null"}


@dataclass(frozen=True)
class PairSpec:
    """One pair to track: paths, product stem and optional ISO dates."""

    reference: str
    target: str
    name: str
    reference_date: Optional[str] = None
    target_date: Optional[str] = None


@dataclass
class Job:
    """A validated job (absolute paths; tracker parameters complete and checked)."""

    source: str
    output: str
    method: str
    parameters: Dict[str, Any]
    pairs: List[PairSpec] = field(default_factory=list)
    images: List[Tuple[str, Optional[str]]] = field(default_factory=list)
    dates: Dict[str, str] = field(default_factory=dict)
    network: Dict[str, Any] = field(default_factory=dict)
    reference_band: int = 1
    target_band: int = 1
    filtering: Optional[Dict[str, Any]] = None
    stable_mask: Optional[str] = None
    stable_invert: bool = False
    inversion: Optional[Dict[str, Any]] = None
    tile_budget: int = DEFAULT_TILE_BUDGET
    tile_windows: int = 48
    retries: int = DEFAULT_RETRIES
    scheduler: Optional[str] = None
    inversion_block_pixels: int = DEFAULT_INVERSION_BLOCK
    threads: Optional[int] = None

    @property
    def windowed(self) -> bool:
        return self.method in WINDOWED


def _type_ok(value: Any, types: tuple) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # YAML true is not a number here
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def _check(data: Mapping[str, Any], schema: dict, where: str = "") -> None:
    """Check keys and types of ``data`` against ``schema``; ``where`` is the dotted key of ``data`` ("" = top)."""
    prefix = f"{where}." if where else ""
    for key in data:
        if key not in schema:
            raise ParameterError(f"Unknown key '{prefix}{key}' in the job. Known keys"
                                 f"{' of ' + repr(where) if where else ''}: {', '.join(schema)}.")
    for key, (types, required, nested) in schema.items():
        if key not in data:
            if required:
                raise ParameterError(f"The job needs the key '{prefix}{key}'.")
            continue
        value = data[key]
        if not _type_ok(value, types):
            names = " or ".join(_TYPE_NAMES[t] for t in types)
            raise ParameterError(f"'{prefix}{key}' must be {names}, not {value!r}.")
        if nested is not None and isinstance(value, dict):
            _check(value, nested, prefix + key)


def read_job(path: str) -> Job:
    """Read and validate a job file (YAML for .yml/.yaml, otherwise JSON); raise ParameterError naming the key."""
    if not os.path.isfile(path):
        raise ParameterError(f"Job file '{path}' does not exist.")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        if path.lower().endswith((".yml", ".yaml")):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # the parser's message says where
        raise ParameterError(f"Job file '{path}' is not valid {'YAML' if path.endswith(('yml', 'yaml')) else 'JSON'}: "
                             f"{' '.join(str(exc).split())}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"Job file '{path}' must hold a mapping of keys (output, pairs or images, tracker, …).")
    return job_from_dict(data, os.path.dirname(os.path.abspath(path)), source=path)


def job_from_dict(data: Mapping[str, Any], base: str = ".", source: str = "job") -> Job:
    """Validate a job given as a mapping; relative paths are taken from ``base``."""
    _check(data, SCHEMA)
    if not data.get("pairs") and not data.get("images"):
        raise ParameterError("The job needs 'pairs' (a list of [reference, target]) or 'images' (a list of images "
                             "to build a pair network from).")
    if data.get("pairs") and data.get("images"):
        raise ParameterError("Give either 'pairs' or 'images', not both.")

    def here(p: str, key: str) -> str:
        full = os.path.normpath(os.path.join(base, os.path.expanduser(p)))
        if not os.path.exists(full):
            raise ParameterError(f"'{key}': the file '{p}' does not exist (looked for {full}).")
        return full

    tracker = data["tracker"]
    method = tracker["method"]
    if method not in TRACKERS:
        raise ParameterError(f"'tracker.method' must be one of {', '.join(TRACKERS)}, not {method!r}.")
    params = dict(tracker.get("parameters") or {})
    if tracker.get("preset"):
        params.update(preset_parameters(load_preset(here(tracker["preset"], "tracker.preset")), method))
    parameters = _tracker_parameters(method, params)
    job = Job(source=os.path.abspath(source), output=os.path.normpath(os.path.join(base, data["output"])),
              method=method, parameters=parameters,
              reference_band=int(tracker.get("reference_band", 1)), target_band=int(tracker.get("target_band", 1)))
    job.dates = {os.path.normpath(os.path.join(base, k)): _iso(v, f"dates.{k}") for k, v in
                 (data.get("dates") or {}).items()}
    for i, entry in enumerate(data.get("pairs") or []):
        job.pairs.append(_pair(entry, i, here))
    names = [p.name for p in job.pairs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ParameterError(f"'pairs': two pairs have the product name {dupes[0]!r}; give them distinct 'name's.")
    for i, entry in enumerate(data.get("images") or []):
        if isinstance(entry, str):
            job.images.append((here(entry, f"images[{i}]"), None))
        elif isinstance(entry, dict) and set(entry) <= {"path", "date"} and isinstance(entry.get("path"), str):
            job.images.append((here(entry["path"], f"images[{i}].path"),
                               _iso(entry["date"], f"images[{i}].date") if "date" in entry else None))
        else:
            raise ParameterError(f"'images[{i}]' must be a path or {{path: ..., date: YYYY-MM-DD}}, not {entry!r}.")
    job.network = dict(data.get("network") or {})
    if job.network and not job.images:
        raise ParameterError("'network' needs 'images' (with explicit 'pairs' there is no network to build).")
    filt = data.get("filtering")
    if filt:
        from ..postprocess.steps import FILTER_SPECS

        try:
            job.filtering = validate(FILTER_SPECS, filt if isinstance(filt, dict) else {})
        except ParameterError as exc:
            raise ParameterError(f"'filtering': {exc}") from None
    mask = data.get("stable_mask")
    if mask:
        spec = {"path": mask} if isinstance(mask, str) else mask
        job.stable_mask = here(spec["path"], "stable_mask.path" if isinstance(mask, dict) else "stable_mask")
        job.stable_invert = bool(spec.get("invert", False))
    inv = data.get("inversion")
    if inv:
        if not job.images:
            raise ParameterError("'inversion' needs 'images' and a pair network (a time series of dates).")
        job.inversion = dict(inv) if isinstance(inv, dict) else {}
    ex = data.get("execution") or {}
    for key, low in (("tile_budget", 65536), ("tile_windows", 1), ("retries", 0), ("threads", 1),
                     ("inversion_block_pixels", 65536)):
        if key in ex and ex[key] < low:
            raise ParameterError(f"'execution.{key}' must be at least {low} (got {ex[key]}).")
    job.tile_budget = int(ex.get("tile_budget", DEFAULT_TILE_BUDGET))
    job.tile_windows = int(ex.get("tile_windows", 48))
    job.retries = int(ex.get("retries", DEFAULT_RETRIES))
    job.scheduler = ex.get("scheduler")
    job.inversion_block_pixels = int(ex.get("inversion_block_pixels", DEFAULT_INVERSION_BLOCK))
    job.threads = ex.get("threads")
    return job


def _tracker_parameters(method: str, params: Dict[str, Any]) -> Dict[str, Any]:
    try:
        if method in WINDOWED:
            window, step = params.pop("window", 64), params.pop("step", 16)
            for key, v in (("window", window), ("step", step)):
                if isinstance(v, bool) or not isinstance(v, int) or v < (8 if key == "window" else 1):
                    raise ParameterError(f"'{key}' must be a whole number of pixels "
                                         f"(>= {8 if key == 'window' else 1}), not {v!r}.")
            return dict(validate(WINDOWED_SPECS[WINDOWED[method]], params), window=window, step=step)
        return validate(DENSE_METHODS[method].specs, params)
    except ParameterError as exc:
        raise ParameterError(f"'tracker.parameters': {exc}") from None


def _iso(value: Any, key: str) -> str:
    """A date as ISO YYYY-MM-DD (YAML may already have parsed it)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ParameterError(f"'{key}' must be a date YYYY-MM-DD, not {value!r}.") from None


def _pair(entry: Any, i: int, here) -> PairSpec:
    key = f"pairs[{i}]"
    if isinstance(entry, (list, tuple)):
        if len(entry) != 2 or not all(isinstance(p, str) for p in entry):
            raise ParameterError(f"'{key}' must be [reference, target] (two paths), not {entry!r}.")
        entry = {"reference": entry[0], "target": entry[1]}
    if not isinstance(entry, dict):
        raise ParameterError(f"'{key}' must be [reference, target] or a mapping with reference and target.")
    known = {"reference", "target", "name", "reference_date", "target_date"}
    extra = sorted(set(entry) - known)
    if extra:
        raise ParameterError(f"'{key}': unknown key '{key}.{extra[0]}'. Known keys here: {', '.join(sorted(known))}.")
    for k in ("reference", "target"):
        if not isinstance(entry.get(k), str):
            raise ParameterError(f"'{key}.{k}' is required (a path).")
    ref, tar = here(entry["reference"], f"{key}.reference"), here(entry["target"], f"{key}.target")
    name = entry.get("name") or (f"{_stem(ref)}__{_stem(tar)}")
    if not isinstance(name, str) or os.sep in name or name.startswith("."):
        raise ParameterError(f"'{key}.name' must be a plain file stem, not {name!r}.")
    dates = [_iso(entry[k], f"{key}.{k}") if entry.get(k) is not None else None
             for k in ("reference_date", "target_date")]
    return PairSpec(ref, tar, name, *dates)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]
