"""Parameter validation and dict/JSON/YAML presets."""
import json

import pytest

from sensetrack.core.errors import ParameterError
from sensetrack.core.tracking.flow import FARNEBACK_SPECS, METHODS, TVL1_SPECS
from sensetrack.core.params import load_preset, preset_parameters, save_preset, validate


def test_defaults_filled_and_types_coerced():
    v = validate(FARNEBACK_SPECS, {"winsize": "21", "gaussian": "true"})
    assert v["winsize"] == 21 and isinstance(v["winsize"], int)
    assert v["gaussian"] is True
    assert v["pyr_scale"] == 0.5


@pytest.mark.parametrize("values,msg", [
    ({"winsiz": 5}, "Unknown parameter"),
    ({"levels": 0}, "below its minimum"),
    ({"pyr_scale": 1.5}, "above its maximum"),
    ({"levels": 2.5}, "whole number"),
    ({"winsize": "big"}, "must be a number"),
    ({"gaussian": "maybe"}, "true or false"),
])
def test_invalid_values_are_refused_with_a_clear_message(values, msg):
    with pytest.raises(ParameterError, match=msg):
        validate(FARNEBACK_SPECS, values)


@pytest.mark.parametrize("ext", ["json", "yaml"])
def test_preset_round_trip_keeps_every_value(tmp_path, ext):
    values = validate(TVL1_SPECS, {"attachment": 7.5, "prefilter": True, "num_iter": 20})
    path = str(tmp_path / f"preset.{ext}")
    save_preset(path, "tvl1", values)
    back = validate(TVL1_SPECS, preset_parameters(load_preset(path), "tvl1"))
    assert back == values
    assert back["prefilter"] is True  # the original library lost boolean flags on reload


def test_preset_for_another_method_is_refused(tmp_path):
    path = str(tmp_path / "p.json")
    save_preset(path, "ilk", {"radius": 3})
    with pytest.raises(ParameterError, match="for method 'ilk'"):
        preset_parameters(load_preset(path), "tvl1")


def test_flat_preset_and_broken_files(tmp_path):
    flat = tmp_path / "flat.json"
    flat.write_text(json.dumps({"radius": 4}))
    assert validate(METHODS["ilk"].specs, preset_parameters(load_preset(str(flat)), "ilk"))["radius"] == 4
    bad = tmp_path / "bad.yaml"
    bad.write_text("radius: [1,\n")
    with pytest.raises(ParameterError, match="not valid"):
        load_preset(str(bad))
    with pytest.raises(ParameterError, match="does not exist"):
        load_preset(str(tmp_path / "missing.json"))
