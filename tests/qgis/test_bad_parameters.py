"""Parameter values through processing.run: the message names the value given, not QGIS's conversion (issue 19)."""
import os
import shutil

import numpy as np
import pytest
from helpers import ROOT, write_tif

FAKE_GPT = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")


def _run(alg, params):
    import processing

    return processing.run(alg, params)


@pytest.fixture
def pair(tmp_path):
    base = np.random.default_rng(2).random((48, 48)).astype(np.float32)
    return write_tif(tmp_path / "ref.tif", base), write_tif(tmp_path / "tar.tif", np.roll(base, 1, axis=1))


@pytest.mark.parametrize("alg,name,value,message", [
    ("farneback", "LEVELS", "nan", "LEVELS = nan is not a finite number; give a whole number"),
    ("farneback", "PYR_SCALE", "nan", "PYR_SCALE = nan is not a finite number; give a number"),
    ("tvl1", "ATTACHMENT", float("nan"), "ATTACHMENT = nan is not a finite number"),
    ("phasecorrelation", "STEP", "1e12", "STEP = 1e12 is too large for a whole number"),
    ("phasecorrelation", "WINDOW_SIZE", "nan", r"WINDOW_SIZE = nan is not a finite number; give a whole number "
                                               r"\(at least 8\)"),
    ("farneback", "REFERENCE_BAND", "inf", "REFERENCE_BAND = inf is not a finite number"),
])
def test_non_finite_and_huge_numbers_are_named_as_given(provider, tmp_path, pair, alg, name, value, message):
    from qgis.core import QgsProcessingException

    out = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match=message) as err:
        _run(f"sensetrack:{alg}", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": str(out), name: value})
    assert "-2147483648" not in str(err.value) and "(got 0)" not in str(err.value)
    assert not out.exists()


@pytest.mark.parametrize("alg,name,index,expected", [
    ("farneback", "PREPROCESSING", 7, "wallis"),
    ("farneback", "PREPROCESSING", "8", "highpass"),
    ("coregister", "RESAMPLING", 0, "near"),
])
def test_enum_indices_listed_by_the_help_are_accepted(provider, tmp_path, pair, alg, name, index, expected):
    from qgis.core import QgsApplication, QgsProcessingContext

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(f"sensetrack:{alg}")
    params = {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": str(tmp_path / "o.tif"), name: index}
    ok, message = algorithm.checkParameterValues(params, QgsProcessingContext())
    assert ok, message
    assert algorithm.parameterAsEnumString(params, name, QgsProcessingContext()) == expected
    assert algorithm.parameterAsEnumString({name: expected}, name, QgsProcessingContext()) == expected


def test_enum_index_runs_the_chosen_option(provider, tmp_path, pair):
    from osgeo import gdal

    out = tmp_path / "v.tif"
    res = _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": str(out),
                                        "PREPROCESSING": 7})
    assert res["VALID_FRACTION"] > 0.9
    product = str(tmp_path / "p.tif")
    _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": product})
    vel = _run("sensetrack:velocity", {"INPUT": product, "OUTPUT": str(tmp_path / "vel.tif"), "UNIT": 0,
                                       "REFERENCE_DATE": "2023-01-01", "TARGET_DATE": "2023-01-11"})
    assert vel["UNITS"] == "m/day"
    assert gdal.Open(str(out)) is not None


def test_an_out_of_range_enum_index_is_still_refused(provider, tmp_path, pair):
    from qgis.core import QgsApplication, QgsProcessingContext

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("sensetrack:farneback")
    ok, _ = algorithm.checkParameterValues({"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": "o.tif",
                                            "PREPROCESSING": 99}, QgsProcessingContext())
    assert not ok


def test_a_bar_in_a_file_name_is_not_a_layer_option(provider, tmp_path, pair):
    """INPUT "x|y.tif" must read x|y.tif, not a file named x (which exists here and is a different image)."""
    from osgeo import gdal

    barred = str(tmp_path / "x|y.tif")
    shutil.copy(pair[0], barred)
    write_tif(tmp_path / "x", np.zeros((48, 48), np.float32))  # what split("|") used to open
    out = str(tmp_path / "o.tif")
    _run("sensetrack:farneback", {"REFERENCE": barred, "TARGET": pair[1], "OUTPUT": out})
    assert gdal.Open(out).GetMetadataItem("SENSETRACK_REFERENCE") == barred
    norm = str(tmp_path / "n.tif")
    _run("sensetrack:normalize", {"INPUT": barred, "OUTPUT": norm})
    assert gdal.Open(norm).GetMetadataItem("SENSETRACK_SOURCE") == barred


@pytest.mark.parametrize("content,message", [
    (b"", r"is empty \(0 bytes\)"),
    (b"just some text\n" * 10, "is not a raster or vector file GDAL can read.*SenseTrack displacement result"),
])
def test_empty_or_text_input_to_post_processing_is_explained(provider, tmp_path, content, message):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "result.tif"
    bad.write_bytes(content)
    for alg in ("filteroffsets", "velocity", "displacementreport"):
        out = tmp_path / ("r.html" if alg == "displacementreport" else "o.tif")
        with pytest.raises(QgsProcessingException, match=message) as err:
            _run(f"sensetrack:{alg}", {"INPUT": str(bad), "OUTPUT": str(out)})
        assert "mesh" not in str(err.value) and not out.exists()


@pytest.mark.parametrize("name,value,message", [
    ("THREADS", "nan", "THREADS = nan is not a finite number"),
    ("MEMORY", "1G -XX:OnOutOfMemoryError=touch /tmp/pwned", "MEMORY = .* is not a memory size"),
    ("CACHE", "lots", "CACHE = 'lots' is not a memory size"),
])
def test_snap_options_are_checked(provider, tmp_path, monkeypatch, name, value, message):
    import stat

    from qgis.core import QgsProcessingException

    gpt = tmp_path / "gpt"
    gpt.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE_GPT}" "$@"\n')
    gpt.chmod(gpt.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("SNAP_GPT", str(gpt))
    graph = os.path.join(ROOT, "resources", "snap", "graphs", "s2_l2a.xml")
    out = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match=message):
        _run("sensetrack:snapgraph", {"GRAPH": graph, "OUTPUT": str(out), name: value,
                                      "PARAMETERS": ["input", "/data/x.zip", "bands", "B2", "geoRegion", ""]})
    assert not out.exists()


def test_empty_or_unreadable_raster_input_says_why(provider, tmp_path, pair, monkeypatch):
    from qgis.core import QgsProcessingException

    empty = tmp_path / "empty.tif"
    empty.write_bytes(b"")
    out = tmp_path / "o.tif"
    with pytest.raises(QgsProcessingException, match=r"empty\.tif' is empty \(0 bytes\)"):
        _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": str(empty), "OUTPUT": str(out)})
    with pytest.raises(QgsProcessingException, match=r"empty\.tif' is empty \(0 bytes\)"):
        _run("sensetrack:normalize", {"INPUT": str(empty), "OUTPUT": str(out)})
    import sensetrack.core.files as files

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)  # tests run as root, who may read any file
    with pytest.raises(QgsProcessingException, match="exists but cannot be read: permission denied") as err:
        _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": str(out)})
    assert "does not exist" not in str(err.value) and not out.exists()


def test_nan_nodata_override_is_accepted(provider, tmp_path, pair):
    out = tmp_path / "o.tif"
    res = _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": str(out),
                                        "REFERENCE_NODATA": "nan"})
    assert res["VALID_FRACTION"] == 1.0


def test_text_file_as_stable_ground_mask_is_explained(provider, tmp_path, pair):
    from qgis.core import QgsProcessingException

    product = str(tmp_path / "p.tif")
    _run("sensetrack:farneback", {"REFERENCE": pair[0], "TARGET": pair[1], "OUTPUT": product})
    notes = tmp_path / "mask.gpkg"
    notes.write_text("not polygons\n")
    out = tmp_path / "c.tif"
    with pytest.raises(QgsProcessingException, match=r"stable-ground mask '.*mask\.gpkg': it is not a raster or "
                                                      "vector file GDAL can read"):
        _run("sensetrack:stablegroundcorrection", {"INPUT": product, "MASK": str(notes), "OUTPUT": str(out)})
    assert not out.exists()
