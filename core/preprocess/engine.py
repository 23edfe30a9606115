"""File-to-file driver of the preprocessing steps: block-wise, nodata-safe, atomic.

Memory stays bounded whatever the scene size: global statistics are
gathered block by block (one or two passes), then the step is applied block
by block, each block read with the overlap (halo) its neighbourhood needs
and aligned on the step's tile grid, so tiled and whole-image results are
equal.
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional, Sequence

import numpy as np

from .. import __version__
from ..errors import InputError, ParameterError
from ..output import RasterWriter, check_output_path
from ..params import validate
from ..progress import Monitor, ensure_monitor
from ..provenance import ORIGIN_KEY, origin_of
from ..raster import Raster
from .intensity import Histogram
from .steps import STEPS, combine_bands, luminance_weights

BLOCK = 1024
_ALL_NODATA = "Band {band} of '{name}' contains only nodata. Check the band and the nodata value."


def _aligned_block(block: int, align: int) -> int:
    return max(align, (block // align) * align)


def gather_statistics(src: Raster, band: int, kind: str, block: int = BLOCK,
                      monitor: Optional[Monitor] = None) -> Optional[Histogram]:
    """Moments, range and (``kind == "histogram"``) the fine histogram of the valid pixels of one band.

    ``kind == "none"``: no statistics (None), but still an error when the band is all nodata.
    """
    if kind == "none":
        if not any(src.read(band, win)[1].any() for win in src.windows(block)):
            raise InputError(_ALL_NODATA.format(band=band, name=os.path.basename(src.path)))
        return None
    mon = ensure_monitor(monitor)
    hist = Histogram()
    windows = list(src.windows(block))
    passes = 2 if kind == "histogram" else 1
    for p in range(passes):
        for i, win in enumerate(windows):
            values, valid = src.read(band, win)
            v = values[valid]
            (hist.add_range if p == 0 else hist.add_counts)(v)
            mon.report((p * len(windows) + i + 1) / (passes * len(windows)), "Image statistics")
        if hist.count == 0:  # before the histogram pass: it needs a finite range
            raise InputError(_ALL_NODATA.format(band=band, name=os.path.basename(src.path)))
    return hist


def apply_step(input: str, output: str, step: str, band: int = 1, nodata: Optional[float] = None,
               monitor: Optional[Monitor] = None, block: int = BLOCK, **params: Any) -> Dict[str, Any]:
    """Apply one preprocessing step to one band of ``input`` and write ``output``.

    Parameters
    ----------
    input, output : str
        GDAL raster in; GeoTIFF out on the same grid (written to a temporary
        name and renamed when complete; never the input).
    step : str
        One of :data:`STEPS` (``normalize``, ``equalize``, ``clahe``,
        ``wallis``, ``highpass``, ``orientation``, ``denoise``).
    band : int
        1-based band of ``input``.
    nodata : float, optional
        Overrides the file's nodata value. Nodata pixels are excluded from
        every statistic and neighbourhood and are nodata in the output.
    block : int
        Processing block size in pixels (memory bound; the result does not
        depend on it).
    **params
        The step's parameters (see ``STEPS[step].specs``).

    Returns
    -------
    dict
        ``output`` path, ``bands`` written and ``statistics`` used.
    """
    if step not in STEPS:
        raise ParameterError(f"Unknown preprocessing step '{step}'; choose one of {', '.join(STEPS)}.")
    s = STEPS[step]
    values_ = validate(s.specs, params)
    s.check(**values_)
    out_type = values_.pop("output_type", "float32")
    if out_type == "uint8" and not s.unit_range(**values_):
        raise ParameterError(f"8-bit output needs a 0-1 result; '{step}' with these settings is not bounded. "
                             "Choose float32.")
    mon = ensure_monitor(monitor)
    out = check_output_path(output, [input])
    src = Raster(input, nodata=nodata)
    src.band(band)
    hist = gather_statistics(src, band, s.stats, block, mon.sub(0.0, 0.3) if s.stats != "none" else None)
    halo, align = int(s.halo(**values_)), int(s.align(**values_))
    names = s.bands(**values_)
    meta = _metadata(src, input, step, dict(values_, output_type=out_type))
    b = _aligned_block(block, align)
    windows = list(src.windows(b))
    work = mon.sub(0.3 if s.stats != "none" else 0.0, 1.0)
    with RasterWriter(out, src.width, src.height, names, src.geotransform, src.crs_wkt, metadata=meta,
                      georeferenced=src.is_georeferenced, data_type=out_type) as writer:
        for i, (x, y, w, h) in enumerate(windows):
            x0, y0 = max(0, x - halo), max(0, y - halo)
            x1, y1 = min(src.width, x + w + halo), min(src.height, y + h + halo)
            values, valid = src.read(band, (x0, y0, x1 - x0, y1 - y0))
            result = s.compute(values.astype(np.float64), valid, hist, **values_)
            result = result if isinstance(result, tuple) else (result,)
            for k, arr in enumerate(result, start=1):
                crop = arr[y - y0:y - y0 + h, x - x0:x - x0 + w]
                writer.write(k, _to_uint8(crop) if out_type == "uint8" else crop, x, y)
            work.report((i + 1) / len(windows), f"{s.label}: block {i + 1} of {len(windows)}")
    stats = {}
    if hist is not None:
        stats = {"min": hist.lo, "max": hist.hi, "mean": hist.mean, "std": hist.std, "count": hist.count}
    return {"output": out, "bands": names, "statistics": stats}


def grayscale(input: str, output: str, bands: Sequence[int] = (), weights: Sequence[float] = (),
              nodata: Optional[float] = None, monitor: Optional[Monitor] = None,
              block: int = BLOCK) -> Dict[str, Any]:
    """Combine bands into one: luminance of bands 1-3 (default), or a weighted sum of chosen bands.

    ``bands`` empty: BT.601 luminance ``0.299 B1 + 0.587 B2 + 0.114 B3``
    (the mean of the bands when there are fewer than 3). ``weights`` empty
    with bands given: their mean. A pixel is nodata where any used band is.
    """
    mon = ensure_monitor(monitor)
    out = check_output_path(output, [input])
    src = Raster(input, nodata=nodata)
    if not bands:
        bands = list(range(1, min(src.count, 3) + 1))
        weights = weights or luminance_weights(len(bands))
    for b in bands:
        src.band(b)
    weights = list(weights) or [1.0 / len(bands)] * len(bands)
    if len(weights) != len(bands):
        raise ParameterError(f"Give one weight per band: {len(bands)} bands but {len(weights)} weights.")
    meta = _metadata(src, input, "grayscale", {"bands": list(bands), "weights": weights})
    windows = list(src.windows(block))
    seen = False
    with RasterWriter(out, src.width, src.height, ["GRAY"], src.geotransform, src.crs_wkt, metadata=meta,
                      georeferenced=src.is_georeferenced) as writer:
        for i, win in enumerate(windows):
            reads = [src.read(b, win) for b in bands]
            gray, ok = combine_bands([r[0] for r in reads], [r[1] for r in reads], weights)
            seen |= bool(ok.any())
            writer.write(1, gray, win[0], win[1])
            mon.report((i + 1) / len(windows), "Combining bands")
        if not seen:
            raise InputError(f"'{os.path.basename(input)}' has no pixel valid in all of bands "
                             f"{', '.join(map(str, bands))}.")
    return {"output": out, "bands": list(bands), "weights": weights}


def _to_uint8(x: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(x), 1 + np.round(254 * np.clip(x, 0, 1)), 0).astype(np.uint8)


def _metadata(src: Raster, input: str, step: str, params: Dict[str, Any]) -> Dict[str, str]:
    # keep the input's own metadata (acquisition dates...) so later steps can still read it
    meta = {k: v for k, v in src.metadata().items() if not k.startswith("SENSETRACK_PREPROCESSING")}
    meta.update({
        "SENSETRACK_VERSION": __version__,
        "SENSETRACK_PREPROCESSING": step,
        "SENSETRACK_PREPROCESSING_PARAMETERS": json.dumps(params),
        "SENSETRACK_SOURCE": os.path.abspath(input),
        ORIGIN_KEY: origin_of(input),
    })
    return meta
