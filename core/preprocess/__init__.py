"""Preprocessing: radiometric normalisation, local filters, denoising, band combination, co-registration.

Each step runs file to file, block by block (bounded memory), honours
nodata (never used in a statistic, never written into valid pixels) and
writes atomically. :func:`preprocess_pair` applies one step to both images
of a pair, exactly as running the step on each, for the trackers'
``PREPROCESSING`` option.
"""
from __future__ import annotations

import os
from typing import Any, Optional, Tuple

from .engine import apply_step, grayscale
from .steps import STEPS

__all__ = ["STEPS", "apply_step", "grayscale", "preprocess_pair", "PAIR_CHOICES", "pair_choice"]

# What the trackers' PREPROCESSING option offers: a static name -> (step, parameters) with the defaults.
PAIR_CHOICES = {
    "none": None,
    "normalize_minmax": ("normalize", {"method": "minmax"}),
    "normalize_zscore": ("normalize", {"method": "zscore"}),
    "normalize_percentile": ("normalize", {"method": "percentile"}),
    "db": ("normalize", {"method": "db"}),
    "equalize": ("equalize", {}),
    "clahe": ("clahe", {}),
    "wallis": ("wallis", {}),
    "highpass": ("highpass", {}),
    "lee": ("denoise", {"method": "lee"}),
}


def pair_choice(name: str):
    """The (step, parameters) of a PREPROCESSING choice, or None for ``none``."""
    from ..errors import ParameterError

    if name not in PAIR_CHOICES:
        raise ParameterError(f"Unknown preprocessing '{name}'; choose one of {', '.join(PAIR_CHOICES)}.")
    return PAIR_CHOICES[name]


def preprocess_pair(reference: str, target: str, choice: str, workdir: str, reference_band: int = 1,
                    target_band: int = 1, reference_nodata: Optional[float] = None,
                    target_nodata: Optional[float] = None, monitor=None) -> Tuple[str, str, dict]:
    """Apply a PREPROCESSING choice to both images into ``workdir``.

    Returns the two new paths (band 1 holds the result, NaN nodata) and the
    keyword overrides for the tracker (bands 1, no nodata override). With
    ``none`` the inputs are returned unchanged.
    """
    from ..progress import ensure_monitor

    spec = pair_choice(choice)
    if spec is None:
        return reference, target, {}
    step, params = spec
    mon = ensure_monitor(monitor)
    out = []
    for i, (path, band, nodata) in enumerate(((reference, reference_band, reference_nodata),
                                              (target, target_band, target_nodata))):
        dst = os.path.join(workdir, f"{'reference' if i == 0 else 'target'}_{choice}.tif")
        apply_step(path, dst, step, band=band, nodata=nodata, monitor=mon.sub(0.5 * i, 0.5 * (i + 1)), **params)
        out.append(dst)
    overrides: dict[str, Any] = {"reference_band": 1, "target_band": 1, "reference_nodata": None,
                                 "target_nodata": None}
    return out[0], out[1], overrides
