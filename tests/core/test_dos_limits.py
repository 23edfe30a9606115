"""Issue 19 part 4: small crafted files cannot make SenseTrack use unbounded memory or time.

- a Sentinel-1 zip whose manifest inflates to hundreds of MB (capped read, refused quickly);
- presets: size cap, not UTF-8, YAML alias bombs (refused before expansion);
- values quoted in messages are truncated (errors.quote);
- HDF5 files declaring an image far larger than the file are refused before writing anything.
"""
import os
import resource
import time
import zipfile

import numpy as np
import pytest

from sensetrack.core.errors import InputError, ParameterError, quote
from sensetrack.core.params import PRESET_MAX_BYTES, ParamSpec, load_preset, validate


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- Sentinel-1 archive members ---------------------------------------------------------------------------------
def test_s1_zip_with_a_manifest_that_inflates_to_hundreds_of_mb(tmp_path):
    from sensetrack.core.archive import MEMBER_MAX_BYTES
    from sensetrack.core.sentinel1.product import open_product

    name = "S1A_IW_GRDH_1SDV_20230101T052622_20230101T052650_046620_05967E_ABCD"
    path = tmp_path / f"{name}.zip"
    chunk = b"<a>" + b" " * (1 << 20) + b"</a>"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open(f"{name}.SAFE/manifest.safe", "w", force_zip64=True) as fh:
            for _ in range(MEMBER_MAX_BYTES // len(chunk) + 64):  # ~130 MB of XML, ~130 KB zipped
                fh.write(chunk)
    assert os.path.getsize(path) < 2 << 20
    rss = _peak_rss_mb()
    start = time.time()
    with pytest.raises(InputError, match="larger than"):
        open_product(str(path))
    assert time.time() - start < 10
    assert _peak_rss_mb() - rss < 200  # never the whole member, nor its parse tree


def test_s1_member_cap_also_applies_to_folders(tmp_path, monkeypatch):
    from sensetrack.core import archive
    from sensetrack.core.sentinel1 import product as s1

    monkeypatch.setattr(archive, "MEMBER_MAX_BYTES", 1000)  # the archive reader shared by every product reader
    safe = tmp_path / "S1A_IW_GRDH_1SDV_20230101T052622_20230101T052650_046620_05967E_ABCD.SAFE"
    safe.mkdir()
    (safe / "manifest.safe").write_bytes(b"<a>" + b" " * 5000 + b"</a>")
    with pytest.raises(InputError, match="larger than"):
        s1.open_product(str(safe))


# -- presets -----------------------------------------------------------------------------------------------------
BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
levels: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_yaml_alias_bomb_is_refused_with_a_short_message(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)
    assert len(BOMB) < 400
    rss = _peak_rss_mb()
    with pytest.raises(ParameterError, match="aliases") as info:
        load_preset(str(path))
    assert len(str(info.value)) < 500 and _peak_rss_mb() - rss < 100


def test_a_few_yaml_aliases_are_still_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {winsize: 15}\nmethod: farneback\nparameters: *b\n")
    assert load_preset(str(path))["parameters"] == {"winsize": 15}


def test_oversized_and_non_utf8_presets(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * (PRESET_MAX_BYTES + 10) + b'"}')
    with pytest.raises(ParameterError, match="larger than"):
        load_preset(str(big))
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"nome": "caffè"}'.encode("latin-1"))
    with pytest.raises(ParameterError, match="not UTF-8"):
        load_preset(str(latin))


def test_values_quoted_in_messages_are_truncated():
    spec = ParamSpec("levels", "int", 3, "Levels")
    huge = "9" * 1_000_000
    with pytest.raises(ParameterError) as info:
        validate([spec], {"levels": [huge] * 1000})
    assert len(str(info.value)) < 400
    with pytest.raises(ParameterError) as info:
        validate([spec], {"x" * 100_000: 1})
    assert len(str(info.value)) < 600
    text = quote("a" * 10_000, 50)
    assert len(text) < 100 and "10000 characters" in text
    nested = [1]
    for _ in range(40):
        nested = [nested] * 9
    start = time.time()
    assert len(quote(nested)) < 120 and time.time() - start < 1  # 9**40 leaves, never walked


# -- HDF5 declared sizes -----------------------------------------------------------------------------------------
def _huge_dataset(path, name, shape, chunks, dtype):
    import h5py

    with h5py.File(path, "a") as f:
        attrs = dict(f[name].attrs)
        del f[name]
        d = f.create_dataset(name, shape=shape, chunks=chunks, dtype=dtype)  # no chunk written: a few KB
        for k, v in attrs.items():
            d.attrs[k] = v


def test_cosmo_file_declaring_a_huge_image_is_refused_before_writing(tmp_path):
    pytest.importorskip("h5py")
    from product_fixtures import write_csk

    from sensetrack.core.cosmo.export import amplitude

    src = write_csk(str(tmp_path))
    _huge_dataset(src, "S01/SBI", (200000, 200000, 2), (256, 256, 2), np.int16)
    assert os.path.getsize(src) < 100_000
    start = time.time()
    with pytest.raises(InputError, match="declares"):
        amplitude(src, str(tmp_path / "out" / "a.tif"))
    assert time.time() - start < 10
    assert not os.path.exists(tmp_path / "out") or os.listdir(tmp_path / "out") == []


def test_prisma_file_declaring_a_huge_cube_is_refused_before_writing(tmp_path):
    pytest.importorskip("h5py")
    from product_fixtures import write_prisma

    from sensetrack.core.prisma.extract import extract

    src = write_prisma(str(tmp_path))
    _huge_dataset(src, "HDFEOS/SWATHS/PRS_L2D_HCO/Data Fields/VNIR_Cube", (200000, 4, 200000), (64, 4, 64),
                  np.uint16)
    start = time.time()
    with pytest.raises(InputError, match="declares"):
        extract(src, str(tmp_path / "out" / "p.tif"), cube="vnir")
    assert time.time() - start < 10
    assert not os.path.exists(tmp_path / "out") or os.listdir(tmp_path / "out") == []


def test_genuine_small_products_pass_the_size_check(tmp_path):
    pytest.importorskip("h5py")
    from product_fixtures import write_csk

    from sensetrack.core.cosmo.export import amplitude

    res = amplitude(write_csk(str(tmp_path)), str(tmp_path / "a.tif"))
    assert os.path.exists(res["output"])
