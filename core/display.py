"""Numbers for people: rounded class edges, labels with units, the noise floor of a result.

Shared by the QGIS styles (``algorithms/styling.py``) and the HTML reports so that
a map legend, a report table and an arrow scale use the same rounded values.
No QGIS here.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Sequence

import numpy as np

#: Steps a class width or a scale bar may take, times a power of ten.
NICE = (1.0, 2.0, 2.5, 5.0)
#: A maximum this far above the 99.5th percentile is an outlier: the range is clipped there instead.
OUTLIER_RATIO = 1.5


def nice_step(value: float, most: int = 6) -> float:
    """The smallest nice step (1, 2, 2.5, 5 x 10^k) that covers ``value`` in at most ``most`` steps."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    raw = value / most
    k = math.floor(math.log10(raw))
    for base in NICE + (10.0,):
        step = base * 10.0 ** k
        if math.ceil(value / step - 1e-9) <= most:
            return step
    return 10.0 ** (k + 1)


def nice_length(value: float) -> float:
    """The largest nice number (1, 2, 2.5, 5 x 10^k) not above ``value`` (for arrow-length scales)."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    k = math.floor(math.log10(value))
    best = 10.0 ** k
    for base in NICE:
        if base * 10.0 ** k <= value * (1 + 1e-9):
            best = base * 10.0 ** k
    return best


def decimals(step: float) -> int:
    """Decimals needed to print multiples of ``step`` exactly (0 for 5, 1 for 2.5 or 0.5, 2 for 0.25)."""
    for d in range(0, 7):
        if abs(round(step * 10 ** d) - step * 10 ** d) < 1e-6:
            return d
    return 6


def fmt(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, no negative zero."""
    text = f"{value:.{digits}f}"
    return "0" if float(text) == 0 else text


@dataclass(frozen=True)
class Classes:
    """Rounded class edges of a non-negative quantity (magnitude, velocity).

    ``edges[0]`` is 0 and ``edges[-1]`` the top of the range; ``clipped`` says that
    the data go above it (a few outliers) and the last class is open-ended.
    """

    edges: tuple
    unit: str
    clipped: bool
    digits: int

    @property
    def top(self) -> float:
        return self.edges[-1]

    def label(self, i: int) -> str:
        """Label of class ``i``: ``0–5 m`` or ``> 25 m`` for the open last class."""
        a, b = self.edges[i], self.edges[i + 1]
        unit = f" {self.unit}" if self.unit else ""
        if self.clipped and i == len(self.edges) - 2:
            return f"> {fmt(a, self.digits)}{unit}"
        return f"{fmt(a, self.digits)}–{fmt(b, self.digits)}{unit}"

    def tick(self, value: float) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{fmt(value, self.digits)}{unit}"


def magnitude_classes(values: np.ndarray, unit: str = "", most: int = 8) -> Classes:
    """Rounded classes from 0 to a rounded maximum of ``values`` (NaN ignored).

    The range covers the real maximum, so the core of a landslide is not saturated;
    only when the maximum is an outlier (more than 1.5 x the 99.5th percentile) is the
    range cut at the rounded percentile, and the last class says so (``> x``).
    """
    v = np.abs(np.asarray(values, dtype=np.float64))
    v = v[np.isfinite(v)]
    if v.size == 0 or v.max() <= 0:
        return Classes((0.0, 1.0), unit, False, 0)
    top, clipped = float(v.max()), False
    p = float(np.percentile(v, 99.5))
    if p > 0 and top > OUTLIER_RATIO * p:
        top, clipped = p, True
    step = nice_step(top, most)
    n = max(1, math.ceil(top / step - 1e-9))
    edges = tuple(round(i * step, 10) for i in range(n + 1))
    if clipped:
        edges = edges + (round(float(v.max()), 10),)
    return Classes(edges, unit, clipped, decimals(step))


def stable_noise(metadata: Mapping[str, str]) -> Optional[float]:
    """Stable-ground noise of a result (mean NMAD of DX and DY after correction, map units), if recorded."""
    try:
        stats = json.loads(metadata.get("SENSETRACK_STABLE_STATS", "") or "{}").get("after", {})
        nmad = [float(stats[c]["nmad"]) for c in ("DX", "DY") if c in stats]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    nmad = [n for n in nmad if np.isfinite(n)]
    return float(np.mean(nmad)) if nmad else None


def input_pixel(spacing: float, metadata: Mapping[str, str]) -> float:
    """Pixel size of the tracked images from the output spacing (windowed results: spacing / STEP)."""
    try:
        step = float(json.loads(metadata.get("SENSETRACK_PARAMETERS", "") or "{}").get("step", 1) or 1)
    except (ValueError, TypeError, AttributeError):
        step = 1.0
    return spacing / step if step > 0 else spacing


def still_threshold(metadata: Mapping[str, str], spacing: float, ratio: float = 1.0) -> float:
    """Magnitude below which a vector is drawn as a dot: indistinguishable from no motion.

    With stable-ground statistics (after ``stablegroundcorrection``): 2.45 x their NMAD, the 95 % quantile
    of the magnitude of pure noise (Rayleigh). Otherwise 0.1 pixel of the tracked images, about the
    precision of the trackers. ``ratio`` converts a displacement into the styled quantity (velocity).
    """
    noise = stable_noise(metadata)
    base = 2.45 * noise if noise else 0.1 * input_pixel(spacing, metadata)
    return float(base * ratio)


def units_label(unit: str) -> str:
    """Axis and legend unit: ``m`` for metres, not "map units"."""
    return {"metre": "m", "meter": "m", "metres": "m", "meters": "m", "map units": ""}.get(unit, unit)


def quantiles(values: np.ndarray, q: Sequence[float]) -> List[float]:
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    return [float(x) for x in np.percentile(v, q)] if v.size else [float("nan")] * len(q)


def num(v: Any, noise: float = 0.0) -> str:
    """A number for people: 4 significant digits, no float noise, 0 when below ``noise / 100``."""
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}".replace(",", " ")
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not np.isfinite(f):
        return "–"
    if abs(f) < max(noise / 100.0, 1e-7):
        return "0"
    text = f"{f:.4g}" if 1e-3 <= abs(f) < 1e6 else f"{f:.3g}"
    return text.replace("e-0", "e-").replace("e+0", "e")
