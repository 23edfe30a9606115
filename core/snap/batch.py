"""Batch runs of one graph over many products, with the original library's per-product output names.

Sentinel-1: ``{A|D}_{aoi}_{relative orbit, 3 digits}_{ascending-node time YYYYmmddTHHMMSSffffff}_{graph}.tif``.
COSMO-SkyMed: ``{CSK|CSG}_{A|D}_{polarisation}_{sensing start YYYYmmddHHMMSS}_{aoi}_{graph}.tif`` (the
original wrapped the last two in square brackets, which break shell globs; plain underscores here).
``aoi`` is the AOI layer's name, or ``full`` without an AOI (the original wrote ``None``).
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from typing import Callable, Dict, List, Mapping, Optional, Sequence

from ..errors import SenseTrackError, SnapError
from ..progress import Monitor, ensure_monitor
from .runner import run_graph

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _clean(text: str) -> str:
    return _SAFE.sub("-", text).strip("-") or "full"


def s1_output_name(product: str, graph: str, aoi_name: str = "") -> str:
    from ..sentinel1.product import open_product

    with open_product(product) as p:  # the manifest and the name are enough: no annotation is parsed
        manifest = p.manifest
        rel_orbit = manifest["relative_orbit"] or p.name.relative_orbit
    direction = (manifest["pass"] or "?")[0].upper()
    node = manifest["ascending_node_time"] or manifest.get("start") or ""
    stamp = datetime.fromisoformat(node.replace("Z", "")).strftime("%Y%m%dT%H%M%S%f") if node else "unknown"
    return f"{direction}_{_clean(aoi_name)}_{int(rel_orbit or 0):03d}_{stamp}_{_clean(graph)}.tif"


def cosmo_output_name(product: str, graph: str, aoi_name: str = "") -> str:
    from ..cosmo.naming import parse_cosmo_name

    n = parse_cosmo_name(product)
    start = datetime.fromisoformat(n["start"]).strftime("%Y%m%d%H%M%S")
    return (f"{n['mission']}_{n['orbit_direction'][0]}_{n['polarisation_code']}_{start}_{_clean(aoi_name)}_"
            f"{_clean(graph)}.tif")


def run_batch(graph: str, products: Sequence[str], out_dir: str, name_for: Callable[[str], str],
              values_for: Callable[[str], Mapping[str, object]], monitor: Optional[Monitor] = None,
              **gpt_options) -> List[Dict[str, object]]:
    """Run ``graph`` once per product into ``out_dir``; keep going when one fails, raise if all fail.

    Returns one dict per product: ``product``, ``output`` (or None) and ``error`` (or None).
    """
    mon = ensure_monitor(monitor)
    os.makedirs(out_dir, exist_ok=True)
    results = []
    n = len(products)
    for i, product in enumerate(products):
        sub = mon.sub(i / n, (i + 1) / n)
        out = os.path.join(out_dir, name_for(product))
        try:
            res = run_graph(graph, values_for(product), out, monitor=sub, inputs=[product], **gpt_options)
            results.append({"product": product, "output": res["output"], "error": None})
            mon.log(f"{os.path.basename(product)} -> {os.path.basename(out)}")
        except SnapError as exc:
            results.append({"product": product, "output": None, "error": str(exc)})
            mon.log(f"{os.path.basename(product)} failed: {exc}")
    if results and all(r["error"] for r in results):
        raise SnapError("Every product failed; first error: " + str(results[0]["error"]))
    return results
