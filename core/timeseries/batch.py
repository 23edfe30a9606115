"""Track every pair of a network into one product per pair; restartable.

:func:`track_pair` is a top-level (picklable) function, so the scale-out job
runner can send it to other processes or Dask workers. It tracks one pair
with one of the five trackers, optionally filters outliers and removes the
stable-ground bias (the same core steps as ``sensetrack:filteroffsets`` and
``sensetrack:stablegroundcorrection``), stores the two dates and a completion
marker in the metadata, and writes the product atomically: a product that
exists with the marker is complete (:func:`is_complete`), anything else is
redone by :func:`track_pairs`.
"""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import InputError, ParameterError
from ..gdal_utils import gdal_errors
from ..progress import Monitor, ensure_monitor
from .dates import image_date
from .network import Pair

TRACKERS = ("farneback", "ilk", "tvl1", "phasecorrelation", "ncc")
COMPLETE_KEY = "SENSETRACK_PAIR_COMPLETE"
_WINDOWED = {"phasecorrelation": "phase", "ncc": "ncc"}


def _track(reference: str, target: str, output: str, method: str, parameters: Mapping[str, Any], monitor) -> None:
    params = dict(parameters or {})
    if method in _WINDOWED:
        from ..tracking import track_windows_file

        window = int(params.pop("window", params.pop("window_size", 64)))
        step = int(params.pop("step", 16))
        track_windows_file(reference, target, output, method=_WINDOWED[method], window=window, step=step,
                           monitor=monitor, **params)
    else:
        from ..tracking import track_dense

        track_dense(reference, target, output, method=method, parameters=params, monitor=monitor)


def track_pair(reference: str, target: str, output: str, method: str, parameters: Optional[dict] = None,
               filter_parameters: Optional[dict] = None, stable_mask: Optional[str] = None,
               reference_date: Optional[str] = None, target_date: Optional[str] = None, monitor=None,
               stable_invert: bool = False, stable_model: str = "median") -> str:
    """Track one pair and write its complete product at ``output`` (atomically); returns its path.

    Parameters
    ----------
    reference, target : str
        Earlier and later image on one grid.
    method : str
        One of :data:`TRACKERS`.
    parameters : dict, optional
        Tracker tuning parameters (for the windowed trackers also ``window`` and ``step``).
    filter_parameters : dict, optional
        Run the outlier filter with these settings (``{}`` = its defaults); None = no filtering.
    stable_mask : str, optional
        Polygon/raster mask of the stable ground (``stable_invert``: stable ground is outside it): removes
        the co-registration bias and adds SIGMA_DX / SIGMA_DY.
    reference_date, target_date : str, optional
        ISO dates; read from the images (:func:`.dates.image_date`) when not given.
    """
    from ..postprocess.product import read_product, write_product
    from ..postprocess.steps import correct_product, filter_product

    if method not in TRACKERS:
        raise ParameterError(f"Unknown tracker '{method}'; choose one of {', '.join(TRACKERS)}.")
    mon = ensure_monitor(monitor)
    d0 = reference_date or image_date(reference).isoformat()
    d1 = target_date or image_date(target).isoformat()
    out = os.path.abspath(output)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    raw = os.path.join(os.path.dirname(out), f".{os.path.splitext(os.path.basename(out))[0]}.raw-"
                                             f"{uuid.uuid4().hex[:8]}.tif")
    try:
        _track(reference, target, raw, method, parameters or {}, mon.sub(0.0, 0.8))
        mon.report(0.8, "Post-processing the pair")
        product = read_product(raw)
        product.path = out  # provenance: the final name, not the scratch file
        if filter_parameters is not None:
            filter_product(product, log=mon.log, **filter_parameters)
        if stable_mask:
            correct_product(product, stable_mask, stable_invert, stable_model, log=mon.log)
        product.metadata.update({"SENSETRACK_REFERENCE_DATE": d0, "SENSETRACK_TARGET_DATE": d1,
                                 COMPLETE_KEY: "1"})
        mon.check()
        product.path = raw
        write_product(product, out, [reference, target] + ([stable_mask] if stable_mask else []))
    finally:
        with contextlib.suppress(OSError):
            os.remove(raw)
        with contextlib.suppress(OSError):
            os.remove(raw + ".aux.xml")
    mon.report(1.0, "Pair done")
    return out


def is_complete(path: str) -> bool:
    """True when ``path`` is a finished pair product: it opens, has DX and DY bands and the completion marker."""
    if not os.path.isfile(path):
        return False
    try:
        from osgeo import gdal

        with gdal_errors():
            ds = gdal.Open(path)
            names = {ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)}
            done = (ds.GetMetadataItem(COMPLETE_KEY) or "") == "1"
    except RuntimeError:
        return False
    return done and {"DX", "DY"} <= names


def pair_output(folder: str, pair: Pair) -> str:
    """Product path of a pair in ``folder``: ``<folder>/<YYYYMMDD_YYYYMMDD>.tif``."""
    return os.path.join(os.path.abspath(folder), pair.name + ".tif")


def pair_tasks(pairs: Sequence[Pair], folder: str, method: str, parameters: Optional[dict] = None,
               filter_parameters: Optional[dict] = None, stable_mask: Optional[str] = None,
               stable_invert: bool = False) -> Tuple[List[Tuple[str, Callable, dict]], List[str]]:
    """(tasks still to run as (name, track_pair, kwargs), products already complete)."""
    names = [p.name for p in pairs]
    if len(set(names)) != len(names):
        raise InputError("Two pairs of the network have the same dates; keep one image per date.")
    inputs = {os.path.abspath(x) for p in pairs for x in (p.reference, p.target)}
    tasks, done = [], []
    for p in pairs:
        out = pair_output(folder, p)
        if out in inputs:
            raise InputError(f"The product '{out}' would overwrite an input image; choose another output folder.")
        if is_complete(out):
            done.append(out)
            continue
        tasks.append((p.name, track_pair, dict(
            reference=p.reference, target=p.target, output=out, method=method, parameters=dict(parameters or {}),
            filter_parameters=None if filter_parameters is None else dict(filter_parameters),
            stable_mask=stable_mask or None, stable_invert=stable_invert,
            reference_date=p.reference_date.isoformat(), target_date=p.target_date.isoformat())))
    return tasks, done


def track_pairs(pairs: Sequence[Pair], folder: str, method: str, parameters: Optional[dict] = None,
                filter_parameters: Optional[dict] = None, stable_mask: Optional[str] = None,
                stable_invert: bool = False, runner: Optional[Callable[[list], list]] = None,
                monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Track every pair into ``folder``, skipping complete products; restartable after any interruption.

    Without ``runner`` the pairs run one after the other in this process, with
    progress per pair and Cancel checked between pairs (and inside each
    tracker). ``runner(tasks)`` receives ``[(name, track_pair, kwargs), ...]``
    and returns the product paths (e.g. the scale-out Dask runner).

    Returns ``{"products": [paths in pair order], "tracked": n, "skipped": n}``.
    """
    mon = ensure_monitor(monitor)
    if method not in TRACKERS:
        raise ParameterError(f"Unknown tracker '{method}'; choose one of {', '.join(TRACKERS)}.")
    os.makedirs(folder, exist_ok=True)
    tasks, done = pair_tasks(pairs, folder, method, parameters, filter_parameters, stable_mask, stable_invert)
    if done:
        mon.log(f"{len(done)} of {len(pairs)} pair products are already complete; skipping them.")
    if runner is not None and tasks:
        runner(tasks)
    else:
        for i, (name, func, kwargs) in enumerate(tasks):
            mon.check()
            mon.report(i / max(len(tasks), 1), f"Pair {i + 1}/{len(tasks)}: {name}")
            func(monitor=mon.sub(i / len(tasks), (i + 1) / len(tasks)), **kwargs)
            mon.log(f"Pair {name} done ({i + 1}/{len(tasks)})")
    products = [pair_output(folder, p) for p in pairs]
    missing = [p for p in products if not is_complete(p)]
    if missing:
        raise InputError(f"{len(missing)} pair product(s) were not completed (e.g. '{os.path.basename(missing[0])}'). "
                         "Run again: complete pairs are skipped.")
    mon.report(1.0, "Done")
    return {"products": products, "tracked": len(tasks), "skipped": len(done)}
