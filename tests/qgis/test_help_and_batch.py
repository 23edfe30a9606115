"""Toolbox experience: help for every algorithm and parameter, clear groups, batch runs without shared state."""
import os
import re

import numpy as np
import pytest

from helpers import SAMPLE, read_band

GROUPS = {
    "tracking": "Offset tracking",
    "preprocessing": "Preprocessing",
    "postprocessing": "Post-processing",
    "sentinel1": "Sentinel-1",
    "optical": "Optical (Sentinel-2, Landsat)",
    "cosmo": "COSMO-SkyMed",
    "prisma": "PRISMA",
    "snap": "SNAP",
    "timeseries": "Time series",
}
_TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return _TAG.sub(" ", html or "").strip()


def test_every_algorithm_has_help_for_itself_and_every_parameter(provider):
    algorithms = provider.algorithms()
    assert len(algorithms) >= 3
    missing = []
    for alg in algorithms:
        help_text = _text(alg.shortHelpString())
        if len(help_text) < 80:
            missing.append(f"{alg.id()}: shortHelpString too short ({len(help_text)} chars)")
        for param in alg.parameterDefinitions():
            if len(_text(param.help())) < 10:
                missing.append(f"{alg.id()}: parameter {param.name()} has no help text")
            if param.name() != param.name().upper() and not (param.isDestination() and ":" in param.name()):
                # a model's outputs are named "<step>:<OUTPUT>" by QGIS
                missing.append(f"{alg.id()}: parameter {param.name()} is not UPPER_CASE")
        for out in alg.outputDefinitions():
            if not out.description().strip():
                missing.append(f"{alg.id()}: output {out.name()} has no description")
    assert not missing, "\n".join(missing)


def test_algorithms_land_in_the_documented_groups(provider):
    from qgis.core import QgsProcessingModelAlgorithm

    for alg in provider.algorithms():
        if isinstance(alg, QgsProcessingModelAlgorithm):
            assert alg.group() == "Example models"
            continue
        assert alg.groupId() in GROUPS, alg.id()
        assert alg.group() == GROUPS[alg.groupId()], alg.id()


def test_static_enum_strings(provider):
    from qgis.core import QgsProcessingParameterEnum

    for alg in provider.algorithms():
        for param in alg.parameterDefinitions():
            if isinstance(param, QgsProcessingParameterEnum):
                assert param.usesStaticStrings(), f"{alg.id()}: {param.name()} must use static strings"


def _run_farneback(tmp_path, out_name, preset=None):
    import processing

    params = {"REFERENCE": os.path.join(SAMPLE, "reference.tif"),
              "TARGET": os.path.join(SAMPLE, "target.tif"),
              "OUTPUT": "TEMPORARY_OUTPUT" if out_name is None else str(tmp_path / out_name)}
    if preset:
        params["PRESET"] = preset
    return processing.run("sensetrack:farneback", params)["OUTPUT"]


def test_batch_runs_get_unique_temporary_outputs_and_share_no_state(provider, tmp_path):
    """The batch dialog runs one fresh instance per row; a preset in one row must not leak into the next."""
    first = _run_farneback(tmp_path, None)
    second = _run_farneback(tmp_path, None)
    assert first != second and os.path.exists(first) and os.path.exists(second)
    np.testing.assert_array_equal(read_band(first, 1), read_band(second, 1))

    preset = tmp_path / "coarse.json"
    preset.write_text('{"winsize": 41, "levels": 1}')
    with_preset = _run_farneback(tmp_path, "preset.tif", str(preset))
    after = _run_farneback(tmp_path, "after.tif")
    assert not np.allclose(read_band(with_preset, 1), read_band(first, 1), equal_nan=True)
    np.testing.assert_array_equal(read_band(after, 1), read_band(first, 1))


def test_batch_of_different_pairs(provider, tmp_path):
    """Rows with different inputs give results that depend only on their own inputs."""
    import processing

    from helpers import write_tif
    from sensetrack.core.synthetic import shifted_pair

    outs = []
    for i, (drow, dcol) in enumerate([(0.0, 1.0), (-1.0, 0.0)]):
        ref, tar = shifted_pair((96, 96), drow, dcol, seed=3 + i)
        r = write_tif(tmp_path / f"r{i}.tif", [ref], epsg=32632)
        t = write_tif(tmp_path / f"t{i}.tif", [tar], epsg=32632)
        outs.append(processing.run("sensetrack:farneback",
                                   {"REFERENCE": str(r), "TARGET": str(t), "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
    inner = (slice(20, -20), slice(20, -20))
    dx0, dy0 = read_band(outs[0], 1)[inner], read_band(outs[0], 2)[inner]
    dx1, dy1 = read_band(outs[1], 1)[inner], read_band(outs[1], 2)[inner]
    pixel = 10.0
    assert abs(np.nanmedian(dx0) - pixel) < 0.1 * pixel and abs(np.nanmedian(dy0)) < 0.1 * pixel
    # a shift of -1 row (up the image) is +1 pixel north
    assert abs(np.nanmedian(dy1) - pixel) < 0.1 * pixel and abs(np.nanmedian(dx1)) < 0.1 * pixel
