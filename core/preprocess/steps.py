"""The preprocessing steps: parameters, output bands, and how each is computed on a block.

A :class:`Step` says what statistics it needs from the whole image
(``stats``: none, the range/moments, or also the fine histogram), how far
its neighbourhood reaches (``halo``) and on what grid its tiles must be
aligned (``align``), so the engine can run it block by block on any scene
size and get the same result as on the whole image.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Dict, Sequence, Tuple

import numpy as np

from ..errors import ParameterError
from ..params import ParamSpec
from . import filters, intensity

OUTPUT_TYPE = ParamSpec(
    "output_type", "enum", "float32", "Output data type",
    "float32 (NaN nodata) keeps every value; uint8 (nodata 0, values 1-255) is smaller, for steps whose result "
    "is 0-1 (min-max, percentile stretch, equalisation, CLAHE).", choices=("float32", "uint8"))

NORMALIZE_METHODS = ("minmax", "zscore", "percentile", "log", "db")


@dataclass(frozen=True)
class Step:
    """One preprocessing step."""

    name: str
    label: str
    specs: Tuple[ParamSpec, ...]
    stats: str  # "none", "moments" (count, mean, std, range) or "histogram" (also percentiles/CDF)
    compute: Callable  # (values, valid, hist, **params) -> array or tuple of arrays
    bands: Callable  # (**params) -> band names
    halo: Callable = lambda **p: 0  # pixels of neighbourhood needed around a block
    align: Callable = lambda **p: 1  # block offsets must be multiples of this
    unit_range: Callable = lambda **p: False  # result is within 0..1 (allows uint8 output)
    check: Callable = lambda **p: None  # raises ParameterError for settings that are valid alone but not together


def _check_percentiles(method="percentile", low_percentile=2.0, high_percentile=98.0, **_):
    if method == "percentile" and not low_percentile < high_percentile:
        raise ParameterError(f"The low percentile ({low_percentile:g}) must be below the high percentile "
                             f"({high_percentile:g}); with low >= high every pixel would map to one value.")


def _normalize(values, valid, hist, method="minmax", low_percentile=2.0, high_percentile=98.0, **_):
    if method == "minmax":
        return intensity.minmax(values, valid, hist)
    if method == "zscore":
        return intensity.zscore(values, valid, hist)
    if method == "percentile":
        return intensity.percentile_stretch(values, valid, hist, low_percentile, high_percentile)
    return intensity.log_transform(values, valid, decibel=(method == "db"))


def _clahe(values, valid, hist, clip_limit=2.0, tile_size=64, **_):
    return intensity.clahe(values, valid, hist.percentile(0.1), hist.percentile(99.9), clip_limit, tile_size)


def _denoise(values, valid, hist, method="lee", window=7, looks=1.0, patch_size=16, rank=3, **_):
    if method == "lee":
        return filters.lee(values, valid, window, looks)
    return filters.svd_denoise(values, valid, patch_size, rank)


STEPS: Dict[str, Step] = {s.name: s for s in (
    Step("normalize", "Normalize", (
        ParamSpec("method", "enum", "percentile", "Method",
                  "minmax: (x - min)/(max - min), 0-1; zscore: (x - mean)/std, mean 0 and std 1; percentile: linear "
                  "stretch of the chosen percentiles to 0-1, clipped; log: natural logarithm; db: 10 log10(x) "
                  "(SAR intensity). Statistics use valid pixels only; x <= 0 has no logarithm and becomes nodata.",
                  choices=NORMALIZE_METHODS, advanced=False),
        ParamSpec("low_percentile", "float", 2.0, "Low percentile (percentile stretch)",
                  "Values at or below this percentile map to 0.", 0.0, 100.0),
        ParamSpec("high_percentile", "float", 98.0, "High percentile (percentile stretch)",
                  "Values at or above this percentile map to 1.", 0.0, 100.0),
        OUTPUT_TYPE),
        stats="histogram", compute=_normalize,
        bands=lambda method="percentile", **_: [method.upper()],
        unit_range=lambda method="percentile", **_: method in ("minmax", "percentile"),
        check=_check_percentiles),
    Step("equalize", "Histogram equalisation", (OUTPUT_TYPE,), stats="histogram",
         compute=lambda v, ok, h, **_: intensity.equalize(v, ok, h), bands=lambda **_: ["EQUALIZED"],
         unit_range=lambda **_: True),
    Step("clahe", "CLAHE", (
        ParamSpec("clip_limit", "float", 2.0, "Clip limit",
                  "Contrast limit of OpenCV's CLAHE (histogram bins are clipped at this multiple of their mean "
                  "height); 1 = no contrast enhancement, 2-4 typical.", 0.01, 100.0, advanced=False),
        ParamSpec("tile_size", "int", 64, "Tile size (pixels)",
                  "Size of the square tiles whose histograms are equalised and blended.", 8, 4096,
                  advanced=False),
        OUTPUT_TYPE),
        stats="histogram", compute=_clahe, bands=lambda **_: ["CLAHE"],
        halo=lambda tile_size=64, **_: tile_size, align=lambda tile_size=64, **_: tile_size,
        unit_range=lambda **_: True),
    Step("wallis", "Wallis filter", (
        ParamSpec("window", "int", 15, "Window size (pixels)",
                  "Side of the square window of the local mean and standard deviation.", 3, 1001, advanced=False),),
        stats="none", compute=lambda v, ok, h, window=15, **_: filters.wallis(v, ok, window),
        bands=lambda **_: ["WALLIS"], halo=lambda window=15, **_: window // 2 + 1),
    Step("highpass", "Gaussian high-pass", (
        ParamSpec("sigma", "float", 3.0, "Gaussian sigma (pixels)",
                  "Standard deviation of the Gaussian low-pass removed from the image; features larger than "
                  "about 3 sigma are suppressed.", 0.3, 500.0, advanced=False),),
        stats="none", compute=lambda v, ok, h, sigma=3.0, **_: filters.highpass(v, ok, sigma),
        bands=lambda **_: ["HIGHPASS"], halo=lambda sigma=3.0, **_: int(math.ceil(4 * sigma)) + 1),
    Step("orientation", "Orientation image", (), stats="none",
         compute=lambda v, ok, h, **_: filters.orientation(v, ok),
         bands=lambda **_: ["ORIENTATION_RE", "ORIENTATION_IM"], halo=lambda **_: 1),
    Step("denoise", "Denoise", (
        ParamSpec("method", "enum", "lee", "Method",
                  "lee: Lee speckle filter for SAR amplitude/intensity; svd: patch-wise truncated-SVD denoise "
                  "(the original library's svd_denoise).", choices=("lee", "svd"), advanced=False),
        ParamSpec("window", "int", 7, "Lee window size (pixels)", "Side of the Lee filter's square window.", 3,
                  101),
        ParamSpec("looks", "float", 1.0, "Equivalent number of looks (Lee)",
                  "Speckle level of intensity data (1 for single-look); for amplitude data use about 1.9 times "
                  "the number of looks.", 0.1, 1000.0),
        ParamSpec("patch_size", "int", 16, "Patch size (SVD, pixels)", "Side of the square patches (even).", 4,
                  256),
        ParamSpec("rank", "int", 3, "Rank kept (SVD)", "Number of singular values kept in each patch.", 1, 256)),
        stats="none", compute=_denoise, bands=lambda method="lee", **_: [f"DENOISED_{method.upper()}"],
        halo=lambda method="lee", window=7, patch_size=16, **_: (
            window // 2 + 1 if method == "lee" else 2 * (patch_size + patch_size % 2)),
        align=lambda method="lee", patch_size=16, **_: 1 if method == "lee" else (patch_size + patch_size % 2) // 2),
)}


def luminance_weights(count: int) -> Sequence[float]:
    """ITU-R BT.601 luma weights for bands 1-3 taken as red, green, blue."""
    if count < 3:
        return [1.0 / count] * count
    return [0.299, 0.587, 0.114]


def combine_bands(arrays: Sequence[np.ndarray], valids: Sequence[np.ndarray], weights: Sequence[float]):
    """Weighted sum of bands; valid where every band is valid."""
    out = np.zeros(arrays[0].shape, dtype=np.float64)
    ok = np.ones(arrays[0].shape, dtype=bool)
    for a, v, w in zip(arrays, valids, weights):
        out += float(w) * a
        ok &= v
    return np.where(ok, out, np.nan), ok
