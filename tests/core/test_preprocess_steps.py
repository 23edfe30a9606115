"""Preprocessing steps against independent expectations; nodata safety; tiled == whole image."""
import numpy as np
from osgeo import gdal
import pytest
from helpers import read_band, write_tif

from sensetrack.core.errors import InputError, ParameterError
from sensetrack.core.preprocess import STEPS, apply_step, grayscale, preprocess_pair
from sensetrack.core.raster import Raster
from sensetrack.core.synthetic import Texture


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    """Float image far outside [0, 1] (like reflectance x 10000) with a nodata corner of -9999."""
    tex = Texture.natural(3).grid((150, 170))
    values = (3000.0 + 800.0 * tex / tex.std()).astype(np.float32)
    values[:20, :25] = -9999.0
    path = write_tif(tmp_path_factory.mktemp("img") / "img.tif", [values], nodata=-9999.0)
    return path, values, values != -9999.0


def _run(image, tmp_path, step, name="o.tif", **params):
    path, _, _ = image
    return apply_step(path, str(tmp_path / name), step, **params)["output"]


def test_zscore_has_mean_zero_and_std_one_over_valid_pixels(image, tmp_path):
    _, values, valid = image
    out = read_band(_run(image, tmp_path, "normalize", method="zscore"))
    assert np.isnan(out[~valid]).all() and np.isfinite(out[valid]).all()
    assert out[valid].mean() == pytest.approx(0.0, abs=1e-5)
    assert out[valid].std() == pytest.approx(1.0, abs=1e-5)
    # an affine map of the input, not a min-max in disguise: negative values kept
    assert (out[valid] < 0).mean() > 0.3
    expected = (values[valid] - values[valid].mean()) / values[valid].std()
    np.testing.assert_allclose(out[valid], expected, atol=1e-4)


def test_minmax_and_percentile_stretch(image, tmp_path):
    _, values, valid = image
    mm = read_band(_run(image, tmp_path, "normalize", "mm.tif", method="minmax"))
    assert np.nanmin(mm) == 0.0 and np.nanmax(mm) == 1.0 and np.isnan(mm[~valid]).all()
    pc = read_band(_run(image, tmp_path, "normalize", "pc.tif", method="percentile", low_percentile=5,
                        high_percentile=95))
    lo, hi = np.percentile(values[valid], [5, 95])
    expected = np.clip((values[valid] - lo) / (hi - lo), 0, 1)
    # percentiles from the 65536-bin histogram: within one bin of numpy's
    np.testing.assert_allclose(pc[valid], expected, atol=2e-3)
    assert 0.04 < (pc[valid] == 0).mean() < 0.06


def test_db_of_100_is_20_and_non_positive_is_nodata(tmp_path):
    values = np.array([[100.0, 1.0, 0.0, -5.0], [1000.0, 10.0, 0.5, 100.0]], dtype=np.float32)
    path = write_tif(tmp_path / "i.tif", [values])
    out = read_band(apply_step(path, str(tmp_path / "db.tif"), "normalize", method="db")["output"])
    assert out[0, 0] == pytest.approx(20.0) and out[0, 1] == pytest.approx(0.0) and out[1, 0] == pytest.approx(30.0)
    assert np.isnan(out[0, 2]) and np.isnan(out[0, 3])
    ln = read_band(apply_step(path, str(tmp_path / "ln.tif"), "normalize", method="log")["output"])
    assert ln[1, 1] == pytest.approx(np.log(10.0))


def test_clahe_on_float_with_small_dynamic_range_is_not_constant(tmp_path):
    tex = Texture.natural(4).grid((128, 128))
    values = (0.02 + 0.001 * tex / tex.std()).astype(np.float32)  # linear sigma0-like values
    path = write_tif(tmp_path / "f.tif", [values])
    out = read_band(apply_step(path, str(tmp_path / "c.tif"), "clahe", clip_limit=3.0, tile_size=32)["output"])
    assert np.nanstd(out) > 0.1 and 0.0 <= np.nanmin(out) and np.nanmax(out) <= 1.0
    # monotonic locally: CLAHE keeps the ordering of neighbouring values mostly
    assert np.corrcoef(out.ravel(), values.ravel())[0, 1] > 0.6  # same image, locally re-stretched


def test_clahe_on_16_bit(tmp_path):
    tex = Texture.natural(5).grid((96, 96))
    values = np.clip(20000 + 3000 * tex / tex.std(), 0, 65535).astype(np.uint16)
    path = write_tif(tmp_path / "u.tif", [values], dtype=gdal.GDT_UInt16)
    out = read_band(apply_step(path, str(tmp_path / "c.tif"), "clahe")["output"])
    assert np.nanstd(out) > 0.1


def test_equalize_gives_a_flat_histogram(image, tmp_path):
    _, _, valid = image
    out = read_band(_run(image, tmp_path, "equalize"))
    counts, _ = np.histogram(out[valid], bins=10, range=(0, 1))
    assert counts.min() > 0.8 * counts.mean() and np.isnan(out[~valid]).all()


def test_uint8_output_keeps_nodata_as_zero(image, tmp_path):
    _, _, valid = image
    out = _run(image, tmp_path, "normalize", "b.tif", method="minmax", output_type="uint8")
    r = Raster(out)
    assert r.bands[0].nodata == 0
    data = read_band(out)
    assert (data[~valid] == 0).all() and data[valid].min() == 1 and data[valid].max() == 255
    with pytest.raises(ParameterError, match="8-bit"):
        _run(image, tmp_path, "normalize", "z.tif", method="zscore", output_type="uint8")


@pytest.mark.parametrize("step,params", [
    ("wallis", {"window": 11}), ("highpass", {"sigma": 2.0}), ("orientation", {}),
    ("denoise", {"method": "lee", "window": 5}), ("denoise", {"method": "svd", "patch_size": 8, "rank": 2}),
    ("clahe", {"tile_size": 16}), ("normalize", {"method": "zscore"}),
])
def test_tiled_equals_whole_image(image, tmp_path, step, params):
    path, _, valid = image
    whole = apply_step(path, str(tmp_path / "w.tif"), step, block=4096, **params)["output"]
    tiled = apply_step(path, str(tmp_path / "t.tif"), step, block=32, **params)["output"]
    for band in range(1, len(STEPS[step].bands(**params)) + 1):
        a, b = read_band(whole, band), read_band(tiled, band)
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-5, equal_nan=True)
        assert np.isnan(a[~valid]).all()


def test_local_filters_do_not_let_nodata_bleed(image, tmp_path):
    _, values, valid = image
    hp = read_band(_run(image, tmp_path, "highpass", sigma=3.0))
    # next to the nodata corner the high-pass must stay of the same size as elsewhere (no -9999 leaking)
    near = hp[20:26, :30][valid[20:26, :30]]
    assert np.abs(near).max() < 5 * np.nanstd(hp)
    wal = read_band(_run(image, tmp_path, "wallis", "w.tif", window=15))
    assert np.nanmax(np.abs(wal)) < 10


def test_wallis_is_a_local_zscore(tmp_path):
    rng = np.random.default_rng(1)
    values = (rng.normal(0, 1, (64, 64)) * np.linspace(1, 50, 64)[None, :] + 500).astype(np.float32)
    path = write_tif(tmp_path / "v.tif", [values])
    out = read_band(apply_step(path, str(tmp_path / "w.tif"), "wallis", window=9)["output"])
    left, right = out[10:-10, 8:20], out[10:-10, 44:56]
    assert np.std(left) == pytest.approx(np.std(right), rel=0.2)  # contrast equalised across the image


def test_orientation_is_a_unit_vector_pointing_up_slope(tmp_path):
    rows, cols = np.mgrid[0:32, 0:32].astype(np.float32)
    ramp = 3.0 * cols - 4.0 * rows  # increases east (columns) and north (up the image)
    path = write_tif(tmp_path / "r.tif", [ramp])
    out = apply_step(path, str(tmp_path / "o.tif"), "orientation")["output"]
    re, im = read_band(out, 1), read_band(out, 2)
    assert np.nanmedian(re) == pytest.approx(0.6, abs=1e-5) and np.nanmedian(im) == pytest.approx(0.8, abs=1e-5)
    assert np.isnan(re[0]).all()


def test_lee_smooths_speckle_and_svd_keeps_structure(tmp_path):
    rng = np.random.default_rng(2)
    clean = np.where(np.arange(96)[None, :] < 48, 1.0, 4.0) * np.ones((96, 1))
    speckled = (clean * rng.exponential(1.0, clean.shape)).astype(np.float32)
    path = write_tif(tmp_path / "s.tif", [speckled])
    lee = read_band(apply_step(path, str(tmp_path / "l.tif"), "denoise", method="lee", window=7)["output"])
    assert np.std(lee[:, 5:40]) < 0.5 * np.std(speckled[:, 5:40])
    assert np.mean(lee[:, 5:40]) == pytest.approx(1.0, rel=0.1) and np.mean(lee[:, 56:90]) == pytest.approx(4.0, rel=0.1)
    svd = read_band(apply_step(path, str(tmp_path / "v.tif"), "denoise", method="svd", patch_size=16,
                               rank=1)["output"])
    assert np.abs(svd - clean).mean() < np.abs(speckled - clean).mean()


def test_grayscale_luminance_and_chosen_bands(tmp_path):
    r, g, b = (np.full((8, 9), v, np.float32) for v in (100.0, 50.0, 10.0))
    g[0, 0] = -1
    path = write_tif(tmp_path / "rgb.tif", [r, g, b], nodata=-1)
    lum = read_band(grayscale(path, str(tmp_path / "l.tif"))["output"])
    assert lum[1, 1] == pytest.approx(0.299 * 100 + 0.587 * 50 + 0.114 * 10) and np.isnan(lum[0, 0])
    two = read_band(grayscale(path, str(tmp_path / "t.tif"), bands=[1, 3], weights=[0.5, 0.5])["output"])
    assert two[1, 1] == pytest.approx(55.0)
    with pytest.raises(ParameterError, match="one weight per band"):
        grayscale(path, str(tmp_path / "x.tif"), bands=[1, 2], weights=[1.0])


def test_preprocess_pair_equals_running_the_step(image, tmp_path):
    path, _, _ = image
    ref, tar, overrides = preprocess_pair(path, path, "normalize_zscore", str(tmp_path))
    alone = apply_step(path, str(tmp_path / "alone.tif"), "normalize", method="zscore")["output"]
    np.testing.assert_array_equal(read_band(ref), read_band(alone))
    assert overrides["reference_band"] == 1 and tar != path
    assert preprocess_pair(path, path, "none", str(tmp_path))[:2] == (path, path)


def test_bad_inputs(image, tmp_path):
    path, values, _ = image
    with pytest.raises(InputError, match="only nodata"):
        allnd = write_tif(tmp_path / "n.tif", [np.full((8, 8), -9999, np.float32)], nodata=-9999)
        apply_step(allnd, str(tmp_path / "o.tif"), "wallis")
    with pytest.raises(ParameterError, match="Unknown preprocessing step"):
        apply_step(path, str(tmp_path / "o.tif"), "sharpen")
    with pytest.raises(InputError):
        apply_step(path, path, "equalize")  # never overwrite the input
    with pytest.raises(InputError, match="Band 4"):
        apply_step(path, str(tmp_path / "o.tif"), "equalize", band=4)
    assert not (tmp_path / "o.tif").exists()
