"""Bad input ends in one clear InputError/ParameterError naming the file or value and what to do (issue 19).

Each test reproduces a case that reached the user as a traceback (or silently
wrote garbage) and checks the message, that nothing is left under the
output name, and (where it matters) that a usable input now works.
"""
import json
import math
import os
import shutil

import numpy as np
import pytest
from helpers import write_tif
from osgeo import gdal

from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.tracking.flow import METHODS
from sensetrack.core.params import load_preset, preset_parameters, validate
from sensetrack.core.postprocess import steps
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.postprocess.report import build_report
from sensetrack.core.preprocess import apply_step
from sensetrack.core.tracking import track_dense


def _texture(shape=(40, 40), seed=0):
    return np.random.default_rng(seed).random(shape).astype(np.float32)


def _nothing_written(path):
    folder = os.path.dirname(str(path))
    stem = os.path.splitext(os.path.basename(str(path)))[0]
    return not os.path.exists(path) and not [n for n in os.listdir(folder) if n.startswith(f".{stem}.part")]


# ---- trackers ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["ilk", "tvl1", "farneback"])
def test_one_pixel_pair_is_refused_with_the_minimum_size(tmp_path, method):
    one = write_tif(tmp_path / "one.tif", np.ones((1, 1), np.float32))
    out = tmp_path / "d.tif"
    with pytest.raises(InputError, match=r"one\.tif' is 1x1 pixels: too small.*at least 2x2"):
        track_dense(one, one, str(out), method=method)
    assert _nothing_written(out)


def test_one_row_raster_is_refused(tmp_path):
    row = write_tif(tmp_path / "row.tif", _texture((1, 30)))
    with pytest.raises(InputError, match="30x1 pixels: too small"):
        track_dense(row, row, str(tmp_path / "d.tif"), method="ilk")


NUMERIC_SPECS = [(m, s.name) for m, meth in METHODS.items() for s in meth.specs if s.kind in ("int", "float")]


@pytest.mark.parametrize("method,name", NUMERIC_SPECS)
@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), "nan"])
def test_non_finite_tuning_values_are_refused_by_name(method, name, bad):
    with pytest.raises(ParameterError, match=rf"'{name}' must be a finite number.*give"):
        validate(METHODS[method].specs, {name: bad})


def test_farneback_nan_pyr_scale_reaches_no_library(tmp_path):
    a = write_tif(tmp_path / "a.tif", _texture())
    out = tmp_path / "d.tif"
    with pytest.raises(ParameterError, match="'pyr_scale' must be a finite number, not nan; give a number between "
                                             "0.1 and 0.95"):
        track_dense(a, a, str(out), method="farneback", parameters={"pyr_scale": float("nan")})
    assert _nothing_written(out)


@pytest.mark.parametrize("name", ["attachment", "tightness"])
def test_tvl1_nan_weights_are_refused(tmp_path, name):
    a = write_tif(tmp_path / "a.tif", _texture())
    with pytest.raises(ParameterError, match=f"'{name}' must be a finite number"):
        track_dense(a, a, str(tmp_path / "d.tif"), method="tvl1", parameters={name: float("nan")})


def test_poly_sigma_nan_is_refused():
    with pytest.raises(ParameterError, match="'poly_sigma' must be a finite number"):
        validate(METHODS["farneback"].specs, {"poly_sigma": float("nan")})


def test_huge_integer_is_refused_not_wrapped():
    spec = next(s for s in steps.FILTER_SPECS if s.name == "min_clump")  # no maximum
    with pytest.raises(ParameterError, match="'min_clump' = 1e\\+20 is too large"):
        validate(steps.FILTER_SPECS, {"min_clump": 1e20})
    assert spec.coerce(5) == 5


def test_pixel_size_mismatch_names_pixel_sizes_and_extents(tmp_path):
    a = write_tif(tmp_path / "a.tif", _texture((40, 40)))
    b = write_tif(tmp_path / "b.tif", _texture((40, 40)), geotransform=(500000.0, 10.5, 0, 5000000.0, 0, -10.5))
    with pytest.raises(InputError) as err:
        track_dense(a, b, str(tmp_path / "d.tif"))
    msg = str(err.value)
    assert "40x40 px of 10.5 x 10.5 map units, x 500000..500420" in msg
    assert "40x40 px of 10 x 10 map units, x 500000..500400" in msg


# ---- preprocessing -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("step", ["normalize", "clahe", "equalize"])
def test_all_nan_raster_is_refused_by_histogram_steps(tmp_path, step):
    nan = write_tif(tmp_path / "nan.tif", np.full((20, 20), np.nan, np.float32))
    out = tmp_path / "o.tif"
    with pytest.raises(InputError, match=r"Band 1 of 'nan.tif' contains only nodata"):
        apply_step(nan, str(out), step)
    assert _nothing_written(out)


@pytest.mark.parametrize("low,high", [(90.0, 10.0), (50.0, 50.0)])
def test_normalize_low_percentile_not_below_high_is_refused(tmp_path, low, high):
    a = write_tif(tmp_path / "a.tif", _texture())
    out = tmp_path / "o.tif"
    with pytest.raises(ParameterError, match=f"low percentile \\({low:g}\\) must be below the high percentile"):
        apply_step(a, str(out), "normalize", method="percentile", low_percentile=low, high_percentile=high)
    assert _nothing_written(out)


def test_normalize_nan_percentile_is_refused(tmp_path):
    a = write_tif(tmp_path / "a.tif", _texture())
    with pytest.raises(ParameterError, match="'high_percentile' must be a finite number"):
        apply_step(a, str(tmp_path / "o.tif"), "normalize", high_percentile=float("nan"))


# ---- presets -----------------------------------------------------------------------------------------------
def test_preset_with_nan_level_is_refused(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"levels": NaN}', encoding="utf-8")  # Python's json reads NaN
    with pytest.raises(ParameterError, match="'levels' must be a finite number, not nan; give a whole number "
                                             "between 1 and 12"):
        validate(METHODS["farneback"].specs, preset_parameters(load_preset(str(path)), "farneback"))


def test_preset_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes("levels: 3  # réglage\n".encode("latin-1"))
    with pytest.raises(ParameterError, match=r"p\.yaml' is not UTF-8 text.*Save it as UTF-8"):
        load_preset(str(path))


@pytest.mark.parametrize("named", ["phasecorrelation", "sensetrack:phasecorrelation", "phase", "PHASE"])
def test_preset_may_name_the_algorithm_id(named):
    assert preset_parameters({"method": named, "parameters": {"upsampling": 20}}, "phase") == {"upsampling": 20}


def test_preset_for_another_method_is_still_refused():
    with pytest.raises(ParameterError, match="for method 'ncc', not 'phase'"):
        preset_parameters({"method": "ncc", "parameters": {}}, "phase")


# ---- unreadable, empty and truncated files -----------------------------------------------------------------
def test_unreadable_file_is_not_reported_as_missing(tmp_path, monkeypatch):
    a = write_tif(tmp_path / "a.tif", _texture())
    import sensetrack.core.files as files

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)  # root may read anything: simulate a 0600 file
    with pytest.raises(InputError, match="exists but cannot be read: permission denied"):
        track_dense(a, a, str(tmp_path / "d.tif"))


def test_empty_file_is_reported_as_empty(tmp_path):
    empty = tmp_path / "empty.tif"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.tif' is empty \(0 bytes\)"):
        read_product(str(empty))
    with pytest.raises(InputError, match=r"empty\.tif' is empty \(0 bytes\)"):
        apply_step(str(empty), str(tmp_path / "o.tif"), "normalize")


def test_text_file_is_not_a_product(tmp_path):
    text = tmp_path / "notes.tif"
    text.write_text("hello\n" * 20)
    with pytest.raises(InputError, match="is not a raster or vector file GDAL can read.*SenseTrack displacement"):
        read_product(str(text))


def test_folder_given_as_input_is_named(tmp_path):
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_product(str(tmp_path))


@pytest.fixture
def product(tmp_path):
    a = write_tif(tmp_path / "a.tif", _texture((48, 48)))
    b = write_tif(tmp_path / "b.tif", np.roll(_texture((48, 48)), 1, axis=1))
    return track_dense(a, b, str(tmp_path / "prod.tif"), method="farneback").output


def test_truncated_product_is_named_as_truncated(tmp_path, product):
    data = open(product, "rb").read()
    cut = tmp_path / "cut.tif"
    cut.write_bytes(data[: len(data) // 2])
    out = tmp_path / "v.tif"
    with pytest.raises(InputError, match=r"of 'cut\.tif' cannot be read .*truncated or damaged"):
        steps.velocity_file(str(cut), str(out), "2023-01-01", "2023-02-01")
    assert _nothing_written(out)


@pytest.mark.parametrize("history", ["{not json", "5", '{"a": 1}', '[1, "x"]'])
def test_history_that_is_not_a_json_list_of_steps_is_refused(tmp_path, product, history):
    bad = tmp_path / "bad.tif"
    shutil.copy(product, bad)
    ds = gdal.Open(str(bad), gdal.GA_Update)
    ds.SetMetadataItem("SENSETRACK_HISTORY", history)
    ds = None
    for run in (lambda: steps.filter_file(str(bad), str(tmp_path / "f.tif")),
                lambda: build_report(str(bad), str(tmp_path / "r.html"))):
        with pytest.raises(InputError, match=r"SENSETRACK_HISTORY metadata of 'bad\.tif' is not a JSON list.*"
                                             "gdal_edit.py -mo SENSETRACK_HISTORY="):
            run()
    assert not os.path.exists(tmp_path / "f.tif") and not os.path.exists(tmp_path / "r.html")


def test_emptied_history_is_accepted(tmp_path, product):
    ok = tmp_path / "ok.tif"
    shutil.copy(product, ok)
    ds = gdal.Open(str(ok), gdal.GA_Update)
    ds.SetMetadataItem("SENSETRACK_HISTORY", "")  # what the suggested gdal_edit.py command leaves
    ds = None
    assert read_product(str(ok)).history() == []


def _dx_dy_only(path, dx, dy):
    write_tif(path, [dx, dy])
    ds = gdal.Open(str(path), gdal.GA_Update)
    ds.GetRasterBand(1).SetDescription("DX")
    ds.GetRasterBand(2).SetDescription("DY")
    ds = None
    return str(path)


def test_dx_dy_only_product_gets_magnitude_and_direction(tmp_path):
    dx = np.full((12, 14), 3.0, np.float32)
    dy = np.full((12, 14), -4.0, np.float32)
    dx[0, 0] = np.nan
    path = _dx_dy_only(tmp_path / "dxdy.tif", dx, dy)
    p = read_product(path)
    assert p.bands["MAGNITUDE"][5, 5] == pytest.approx(5.0)
    assert p.bands["DIRECTION"][5, 5] == pytest.approx(math.degrees(math.atan2(3, -4)) % 360)  # 143.13: south-east
    assert np.isnan(p.bands["MAGNITUDE"][0, 0]) and np.isnan(p.bands["DIRECTION"][0, 0])
    info = steps.velocity_file(path, str(tmp_path / "v.tif"), "2023-01-01", "2023-01-11", "m/day")
    assert info["median_velocity"] == pytest.approx(0.5)  # 5 m in 10 days
    vel = gdal.Open(info["output"])
    names = [vel.GetRasterBand(i).GetDescription() for i in range(1, vel.RasterCount + 1)]
    assert {"MAGNITUDE", "DIRECTION", "VELOCITY"} <= set(names)
    report = build_report(path, str(tmp_path / "r.html"))
    assert report["vectors"] == dx.size - 1
    assert json.loads(gdal.Open(info["output"]).GetMetadataItem("SENSETRACK_HISTORY"))[-1]["step"] == "velocity"


# ---- co-registration -----------------------------------------------------------------------------------------
def test_coregister_refuses_to_estimate_a_shift_on_constant_images(tmp_path):
    from sensetrack.core.preprocess.coregister import coregister

    const = write_tif(tmp_path / "const.tif", np.full((64, 64), 3.0, np.float32))
    textured = write_tif(tmp_path / "t.tif", _texture((64, 64)))
    out = tmp_path / "c.tif"
    for ref, tar, which in ((const, const, "reference"), (textured, const, "target")):
        with pytest.raises(InputError, match=f"The {which} is constant .* no texture to measure a shift"):
            coregister(ref, tar, str(out), estimate=True)
        assert _nothing_written(out)
    # without ESTIMATE_SHIFT a constant image is simply resampled
    assert coregister(const, const, str(out))["valid_fraction"] == 1.0


def test_coregister_reports_a_truncated_target_as_truncated(tmp_path):
    from sensetrack.core.preprocess.coregister import coregister

    ref = write_tif(tmp_path / "ref.tif", _texture((64, 64)))
    full = open(write_tif(tmp_path / "tar.tif", _texture((64, 64), seed=3)), "rb").read()
    cut = tmp_path / "cut.tif"
    cut.write_bytes(full[: len(full) // 2])
    out = tmp_path / "c.tif"
    for estimate in (False, True):
        with pytest.raises(InputError, match=r"Cannot read band 1 of '.*cut\.tif'.*truncated or damaged") as err:
            coregister(ref, str(cut), str(out), estimate=estimate)
        assert "does not overlap" not in str(err.value)
        assert _nothing_written(out)


def test_table_is_written_atomically_and_never_onto_an_input(tmp_path, product):
    before = open(product, "rb").read()
    out = tmp_path / "f.tif"
    with pytest.raises(InputError, match="is also an input"):
        steps.filter_file(product, str(out), table=product)
    assert open(product, "rb").read() == before and _nothing_written(out)
    info = steps.filter_file(product, str(out), table=str(tmp_path / "counts.csv"))
    assert open(info["table"], encoding="utf-8").readline().strip() == "filter,removed,fraction"
    assert not [n for n in os.listdir(tmp_path) if ".part" in n]
