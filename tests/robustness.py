"""The robustness sweep of issue 19 ("a standing guard"), shared by tests/qgis and tests/cli.

Builds, for every SenseTrack algorithm, runs with generated bad inputs (empty file, text file, truncated
file, 1x1, constant and all-NaN rasters), bad numbers (NaN, huge, negative) on otherwise good inputs, and a
destination equal to an input. :func:`check_run` states what every run must satisfy: a clear failure (no
traceback) or a complete output; nothing left under the destinations or in the temp folder; inputs
byte-identical.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from typing import Dict, List

import numpy as np

FILE_CASES = ("empty", "text", "truncated", "one_pixel", "constant", "all_nan")
NUMBER_CASES = {"nan": float("nan"), "huge": 1e300, "negative": -1e9}


@dataclass
class Run:
    """One robustness run: algorithm, parameters, the files it must not change, where outputs go."""

    alg: str
    case: str
    params: Dict[str, object]
    inputs: List[str]
    out_dir: str
    expect_failure: bool = False

    @property
    def id(self) -> str:
        return f"{self.alg}-{self.case}"


def digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def tree(folder: str) -> Dict[str, str]:
    """Every file under ``folder`` with its hash (GDAL's .aux.xml statistics files, written by QGIS, excluded)."""
    out = {}
    for base, _, names in os.walk(folder):
        for name in names:
            if not name.endswith(".aux.xml"):
                path = os.path.join(base, name)
                out[os.path.relpath(path, folder)] = digest(path)
    return out


# -- generated inputs ---------------------------------------------------------------------------------------------
def make_inputs(folder: str) -> Dict[str, Dict[str, str]]:
    """{extension: {case: path}} of good and bad inputs for every kind of file an algorithm reads."""
    from helpers import write_tif
    from osgeo import osr

    from sensetrack.core.output import write_raster
    from sensetrack.core.postprocess.simulate import GT, make_product

    os.makedirs(folder, exist_ok=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    sp = make_product(seed=3)
    # a displacement product: also a valid multi-band image for the trackers and preprocessing
    good_tif = write_raster(os.path.join(folder, "good.tif"), sp.bands, GT, srs.ExportToWkt(),
                            metadata={"SENSETRACK_UNITS": "m"})
    good = {".tif": good_tif}
    try:
        from product_fixtures import write_csk, write_prisma

        good[".h5"] = write_csk(folder)
        good[".he5"] = write_prisma(folder)
    except ImportError:  # h5py is a test-only dependency
        pass
    from s1_fixture import GRD_SAFE, make_grd_safe

    if os.path.isdir(GRD_SAFE):  # real Sentinel-1 metadata from ../shared/data (stand-in imagery), like Landsat
        s1 = os.path.join(folder, "s1")
        os.makedirs(s1, exist_ok=True)
        safe = make_grd_safe(s1)
        good[".zip"] = shutil.make_archive(os.path.join(folder, os.path.basename(safe)[:-5]), "zip", s1)
    try:  # a Landsat Collection 2 tar (real MTL from ../shared/data, stand-in bands)
        from optical_fixtures import L8_L2SP, LANDSAT_DATA, make_landsat

        if os.path.isdir(LANDSAT_DATA):
            good[".tar"] = make_landsat(os.path.join(folder, "landsat"), L8_L2SP, as_tar=True)
    except ImportError:
        pass
    from sensetrack.core.snap import shipped_graphs

    good[".xml"] = shutil.copy(shipped_graphs()["s1_grd"], os.path.join(folder, "graph.xml"))

    out: Dict[str, Dict[str, str]] = {}
    for ext, path in good.items():
        cases = {"good": path}
        stem = os.path.join(folder, "bad")
        cases["empty"] = _write(f"{stem}_empty{ext}", b"")
        cases["text"] = _write(f"{stem}_text{ext}", b"this is not a product\n" * 20)
        data = open(path, "rb").read()
        cases["truncated"] = _write(f"{stem}_truncated{ext}", data[: max(len(data) // 2, 1)])
        out[ext] = cases
    tif = out[".tif"]
    rng = np.random.default_rng(0)
    tif["one_pixel"] = write_tif(os.path.join(folder, "one_pixel.tif"), np.ones((1, 1), "f4"))
    tif["constant"] = write_tif(os.path.join(folder, "constant.tif"), np.full((48, 48), 7.0, "f4"))
    tif["all_nan"] = write_tif(os.path.join(folder, "all_nan.tif"), np.full((48, 48), np.nan, "f4"), nodata=None)
    tif["texture"] = write_tif(os.path.join(folder, "texture.tif"), rng.random((48, 48)).astype("f4"))
    return out


def _write(path: str, data: bytes) -> str:
    with open(path, "wb") as fh:
        fh.write(data)
    return path


# -- run construction ---------------------------------------------------------------------------------------------
def _extension(definition) -> str:
    """The file kind a file parameter expects, from its filter (first pattern) or extension."""
    text = (getattr(definition, "fileFilter", lambda: "")() or "") + " " + (
        getattr(definition, "extension", lambda: "")() or "")
    if "manifest.safe" in text or ".zip" in text.lower():
        return ".zip"
    m = re.search(r"\*(\.[A-Za-z0-9]+)", text) or re.search(r"^\s*([A-Za-z0-9]+)\s*$", text)
    if not m:
        return ".tif"
    ext = m.group(1).lower()
    return ext if ext.startswith(".") else "." + ext


def _destination(definition, out_dir: str) -> str:
    kind = definition.type()
    name = definition.name().lower()
    if kind == "rasterDestination":
        return os.path.join(out_dir, f"{name}.tif")
    if kind == "vectorDestination":
        return os.path.join(out_dir, f"{name}.gpkg")
    if kind == "folderDestination":
        return os.path.join(out_dir, name)
    ext = definition.defaultFileExtension() or "dat"
    return os.path.join(out_dir, f"{name}.{ext}")


def base_params(alg, inputs: Dict[str, Dict[str, str]], case: str, out_dir: str):
    """Parameters of ``alg`` with every file input set to the ``case`` file of its kind; None if not applicable."""
    params: Dict[str, object] = {}
    used: List[str] = []
    for d in alg.parameterDefinitions():
        kind = d.type()
        name = d.name()
        optional = bool(d.flags() & d.FlagOptional)
        if d.isDestination():
            params[name] = _destination(d, out_dir)
            continue
        if kind in ("raster", "layer", "multilayer", "file") and not (optional and kind == "file"):
            if optional and kind == "layer":
                continue  # an optional mask: leave it out
            ext = ".tif" if kind in ("raster", "layer") else _extension(d)
            if kind == "multilayer":
                ext = ".h5"
            files = inputs.get(ext)
            if files is None or case not in files:
                return None, []
            path = files[case]
            params[name] = [path] if kind == "multilayer" else path
            used.append(path)
    if not used:
        return None, []
    return params, used


def number_params(alg):
    return [d for d in alg.parameterDefinitions() if d.type() == "number"]


def build_runs(algorithms, inputs, root: str) -> List[Run]:
    """Every robustness run for ``algorithms`` (QgsProcessingAlgorithm instances)."""
    runs: List[Run] = []
    for alg in algorithms:
        name = alg.name()
        for case in FILE_CASES:
            out_dir = os.path.join(root, f"{name}-{case}")
            params, used = base_params(alg, inputs, case, out_dir)
            if params is not None:
                runs.append(Run(name, case, params, used, out_dir))
        for d in number_params(alg):
            for label, value in NUMBER_CASES.items():
                out_dir = os.path.join(root, f"{name}-{d.name()}-{label}")
                params, used = base_params(alg, inputs, "good", out_dir)
                if params is not None:
                    params[d.name()] = value
                    runs.append(Run(name, f"{d.name()}={label}", params, used, out_dir))
        dests = [d for d in alg.parameterDefinitions() if d.isDestination()]
        for d in dests:
            out_dir = os.path.join(root, f"{name}-{d.name()}-is-input")
            params, used = base_params(alg, inputs, "good", out_dir)
            if params is None:
                continue
            # a private copy of the input, so that a failure of the guard cannot damage the shared fixtures
            os.makedirs(out_dir + "-in", exist_ok=True)
            copies = []
            for key, value in list(params.items()):
                if isinstance(value, str) and value in used and os.path.isfile(value):
                    copy = shutil.copy(value, os.path.join(out_dir + "-in", os.path.basename(value)))
                    params[key] = copy
                    copies.append(copy)
                elif isinstance(value, list) and value and value[0] in used:
                    copy = shutil.copy(value[0], os.path.join(out_dir + "-in", os.path.basename(value[0])))
                    params[key] = [copy]
                    copies.append(copy)
            if not copies:
                continue
            params[d.name()] = copies[0]
            runs.append(Run(name, f"{d.name()}=input", params, copies, out_dir, expect_failure=True))
    return runs


# -- the rule every run must satisfy ------------------------------------------------------------------------------
def check_run(run: Run, ok: bool, message: str, outputs: Dict[str, object], temp_dir: str,
              before: Dict[str, str]) -> None:
    """Assert the issue's four conditions for one finished run."""
    from sensetrack.core.output_checks import verify_file

    assert "Traceback" not in message and 'File "' not in message, f"{run.id}: traceback in the message:\n{message}"
    assert len(message) < 3000, f"{run.id}: a {len(message)}-character message"
    after = {p: digest(p) for p in run.inputs if os.path.exists(p)}
    assert after == before, f"{run.id}: an input was modified"
    assert not os.path.exists(temp_dir) or os.listdir(temp_dir) == [], \
        f"{run.id}: left in the temp folder: {os.listdir(temp_dir)}"
    left = sorted(os.listdir(run.out_dir)) if os.path.isdir(run.out_dir) else []
    if run.expect_failure:
        assert not ok, f"{run.id}: an output equal to an input was accepted"
    if not ok:
        assert message.strip(), f"{run.id}: failed without a message"
        assert left == [], f"{run.id}: failed but left {left}"
        return
    # a documented valid result: every output it names exists and is complete
    for key, value in outputs.items():
        if isinstance(value, str) and value.startswith(run.out_dir) and os.path.isfile(value):
            verify_file(value, value)
    assert not [n for n in left if ".part" in n or n.startswith(".")], f"{run.id}: hidden files left: {left}"
