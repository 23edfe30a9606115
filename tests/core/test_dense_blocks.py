"""Dense trackers run block by block: same result as the whole-image run, bounded reads, progress and Cancel.

Tolerances, block run minus whole-image run (vector difference, pixels), on a
smooth landslide field over a natural texture, block edges included; "inner"
excludes a 24-px strip along the scene's own border, where the libraries'
border handling sees a block of another size (measured up to 0.18 px there
for Farnebäck, the method's own accuracy near a border):

=========  ===========================================================
farneback  inner < 1e-3 px (measured 0 beyond a 32-px overlap)
ilk        inner < 1e-3 px (measured 0 beyond a 32-px overlap)
tvl1       inner: 99 % within 0.05 px, all within 0.25 px: TV-L1's
           stopping rule and pyramid depth depend on the image size, so
           even a huge overlap does not make it exact (measured 0.03 / 0.17)
all        whole raster: 99 % within 0.05 px, all within 0.25 px
=========  ===========================================================
"""
import numpy as np
import pytest
from helpers import read_band, write_tif

from sensetrack.core.tracking.dense_blocks import block_layout
from sensetrack.core.errors import Cancelled
from sensetrack.core.tracking.flow import METHODS, dense_flow
from sensetrack.core.params import validate
from sensetrack.core.progress import Monitor
from sensetrack.core.raster import Raster
from sensetrack.core.synthetic import Texture, landslide_field, shifted_pair, warp_exact
from sensetrack.core.tracking import track_dense

# small pyramids so that a 256-320 px raster splits into several blocks with their overlap
CASES = {
    "farneback": (320, 80, {"levels": 3, "winsize": 11}, 1e-3, 1e-3),
    "ilk": (288, 80, {"radius": 4}, 1e-3, 1e-3),
    "tvl1": (256, 64, {}, 0.05, 0.25),
}


def _landslide_pair(tmp_path, n):
    field = landslide_field((n, n), (0.45 * n, 0.55 * n), (0.3 * n, 0.25 * n), (3.0, -4.5))
    ref, tar, _, _ = warp_exact(Texture.natural(3), (n, n), field)
    gt = (600000.0, 5.0, 0.0, 4500000.0, 0.0, -5.0)
    return (write_tif(tmp_path / "r.tif", ref.astype(np.float32), gt),
            write_tif(tmp_path / "t.tif", tar.astype(np.float32), gt))


def test_layout_covers_the_grid_once_with_clipped_halos():
    blocks = block_layout(1000, 700, 256, 40)
    cover = np.zeros((1000, 700), int)
    for b in blocks:
        cover[b.row:b.row + b.rows, b.col:b.col + b.cols] += 1
        assert b.r0 == max(0, b.row - 40) and b.c1 == min(700, b.col + b.cols + 40)
    assert (cover == 1).all() and len(blocks) == 4 * 3
    assert len(block_layout(300, 300, 256, 40)) == 1  # the overlap would cost more than one piece


@pytest.mark.parametrize("method", list(CASES))
def test_blocks_match_the_whole_image_run(method, tmp_path, monkeypatch):
    n, block, params, p99, worst = CASES[method]
    a, b = _landslide_pair(tmp_path, n)
    whole = track_dense(a, b, str(tmp_path / "whole.tif"), method=method, parameters=params)
    halo = METHODS[method].halo(validate(METHODS[method].specs, params))
    reads = []
    original = Raster.read

    def spy(self, band=1, window=None):
        reads.append(window)
        return original(self, band, window)

    monkeypatch.setattr(Raster, "read", spy)
    messages = []
    tiled = track_dense(a, b, str(tmp_path / "tiled.tif"), method=method, parameters=params, block=block,
                        monitor=Monitor(lambda f, m: messages.append(m)))
    monkeypatch.undo()
    assert any("block 4 of" in m for m in messages)  # progress block by block
    # tracking reads: never more than a block and its overlap (the stretch sample reads 512-row strips)
    track_reads = [w for w in reads if w[3] != n]
    assert track_reads and max(w[2] * w[3] for w in track_reads) <= (block + 2 * halo + 2) ** 2
    diff = np.hypot(read_band(tiled.output, 1) - read_band(whole.output, 1),
                    read_band(tiled.output, 2) - read_band(whole.output, 2)) / 5.0  # metres -> pixels
    assert np.isfinite(diff).mean() > 0.99
    inner = diff[24:-24, 24:-24]
    assert np.nanpercentile(inner, 99) < p99 and np.nanmax(inner) < worst
    assert np.nanpercentile(diff, 99) < 0.05 and np.nanmax(diff) < 0.25
    assert tiled.valid_fraction == pytest.approx(whole.valid_fraction, abs=1e-3)
    match = read_band(tiled.output, 5) - read_band(whole.output, 5)
    assert np.nanpercentile(np.abs(match), 99) < 0.05


def test_cancel_is_answered_between_blocks(tmp_path):
    from osgeo import gdal

    from sensetrack.core.tracking.dense_blocks import GDAL_CACHE_BYTES

    a, b = _landslide_pair(tmp_path, 320)
    seen, caches = [], []
    before = gdal.GetCacheMax()

    def callback(fraction, message):
        seen.append(message)
        caches.append(gdal.GetCacheMax())
        return not any("block 3 of" in m for m in seen)

    with pytest.raises(Cancelled):
        track_dense(a, b, str(tmp_path / "o.tif"), parameters={"levels": 3, "winsize": 11}, block=80,
                    monitor=Monitor(callback))
    assert not any("block 4 of" in m for m in seen)
    # GDAL's block cache is held small while the blocks run and given back afterwards, also on cancel
    assert max(caches[2:]) <= GDAL_CACHE_BYTES and gdal.GetCacheMax() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.tif", "t.tif"]


@pytest.mark.parametrize("method", list(METHODS))
def test_constant_pair_gives_no_vector(method, tmp_path):
    flat = np.full((64, 64), 117.0, np.float32)
    a = write_tif(tmp_path / "r.tif", flat)
    b = write_tif(tmp_path / "t.tif", flat.copy())
    res = track_dense(a, b, str(tmp_path / "o.tif"), method=method)
    assert res.valid_fraction == 0.0
    assert np.isnan(read_band(res.output, 1)).all() and np.isnan(read_band(res.output, 2)).all()


@pytest.mark.parametrize("method", list(METHODS))
def test_half_constant_pair_measures_the_textured_half_only(method, tmp_path):
    ref, tar = shifted_pair((96, 160), drow=1.0, dcol=-1.5, seed=4)
    ref[:, 80:] = 5.0  # the right half is flat in both images (a lake, a cloud, saturated snow)
    tar[:, 80:] = 5.0
    dcol, drow = dense_flow(method, ref, tar)
    window = METHODS[method].window(validate(METHODS[method].specs, {}))
    assert np.isnan(dcol[:, 80 + window // 2 + 1:]).all() and np.isnan(drow[:, 80 + window // 2 + 1:]).all()
    left = (slice(20, -20), slice(20, 60))
    assert np.isfinite(dcol[left]).all()
    assert np.median(dcol[left]) == pytest.approx(-1.5, abs=0.1)
    a = write_tif(tmp_path / "r.tif", ref.astype(np.float32))
    b = write_tif(tmp_path / "t.tif", tar.astype(np.float32))
    res = track_dense(a, b, str(tmp_path / "o.tif"), method=method)
    assert 0.40 < res.valid_fraction <= (80 + window // 2 + 1) / 160
    assert res.valid_fraction == pytest.approx(np.isfinite(read_band(res.output, 1)).mean())
