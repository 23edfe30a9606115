"""Block-by-block dense tracking of a file pair, with bounded memory.

Dense optical flow needs the whole neighbourhood of a pixel, but not the
whole scene: a vector depends on the images within the method's window,
spread over the pyramid levels and iterations. So the reference grid is cut
into blocks (:data:`BLOCK` pixels a side), each block is read from both files
with an overlap (``DenseMethod.halo``: from the pyramid depth and the
window), tracked, and only its centre is written. Memory is set by the block
size, not the scene; progress and Cancel work block by block.

Every block is stretched with the same limits (a sample of the whole scene
on a fixed pixel grid, :func:`core.tracking.flow.sample_step`), so a block sees the
grey levels the whole-image run sees. Away from the scene edges the block
results match a whole-image run (measured in tests/core/test_dense_blocks.py):
Farnebäck and ILK to float rounding (< 1e-4 px); TV-L1 within 0.05 px for
99 % of the pixels, because its stopping rule and its pyramid depth depend
on the size of the image it is given.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Iterator, List, Optional, Tuple

import numpy as np

from ..errors import InputError
from ..raster import Raster
from .flow import sample_step, stretch_limits

# Side of a block's centre, pixels. Farnebäck runs ~1 s per 4 Mpx; ILK and TV-L1 are 10-30x slower, so their
# blocks are smaller to keep progress moving and Cancel answered within seconds.
BLOCK = {"farneback": 2048, "ilk": 1024, "tvl1": 768}
STRIP = 512  # rows per read when sampling the scene for the stretch
# GDAL's block cache (5 % of RAM by default) keeps the blocks written and read; on a scene of many blocks it
# alone can pass the memory bound, so a block-by-block run holds it to this many bytes (restored after)
GDAL_CACHE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Block:
    """One block: its centre (written) and the window read (centre + halo, clipped to the raster)."""

    row: int
    col: int
    rows: int
    cols: int
    r0: int
    c0: int
    r1: int
    c1: int

    @property
    def window(self) -> Tuple[int, int, int, int]:
        """GDAL window (xoff, yoff, xsize, ysize) of the pixels read."""
        return self.c0, self.r0, self.c1 - self.c0, self.r1 - self.r0

    @property
    def centre(self) -> Tuple[slice, slice]:
        """Slices of the read arrays that hold the block's centre."""
        return (slice(self.row - self.r0, self.row - self.r0 + self.rows),
                slice(self.col - self.c0, self.col - self.c0 + self.cols))


def _cuts(n: int, block: int, halo: int) -> List[Tuple[int, int]]:
    # one piece when the halo would add more than the piece saves: the whole run is then the exact answer
    if n <= block + 2 * halo:
        return [(0, n)]
    parts = int(np.ceil(n / block))
    edges = np.linspace(0, n, parts + 1).round().astype(int)  # equal pieces: no sliver at the end
    return [(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def block_layout(height: int, width: int, block: int, halo: int) -> List[Block]:
    """Blocks covering a ``height`` x ``width`` grid, row by row, each read with ``halo`` pixels around it."""
    out = []
    for r, r_end in _cuts(height, block, halo):
        for c, c_end in _cuts(width, block, halo):
            out.append(Block(r, c, r_end - r, c_end - c, max(0, r - halo), max(0, c - halo),
                             min(height, r_end + halo), min(width, c_end + halo)))
    return out


@contextlib.contextmanager
def bounded_gdal_cache(limit: int = GDAL_CACHE_BYTES) -> Iterator[None]:
    """Hold GDAL's (process-wide) block cache to ``limit`` bytes within the block; restore it afterwards."""
    from osgeo import gdal

    old = gdal.GetCacheMax()
    gdal.SetCacheMax(min(old, int(limit)))
    try:
        yield
    finally:
        gdal.SetCacheMax(old)


def _strips(r: Raster, band: int) -> Iterator[Tuple[int, np.ndarray, np.ndarray]]:
    for y in range(0, r.height, STRIP):
        h = min(STRIP, r.height - y)
        data, ok = r.read(band, (0, y, r.width, h))
        yield y, data, ok


def scene_limits(ref: Raster, tar: Raster, reference_band: int, target_band: int) -> Tuple[float, float]:
    """Stretch limits of the whole pair, read strip by strip (the sample :func:`core.tracking.flow.grid_limits` takes).

    Also refuses a pair with a band that is all nodata or without a valid pixel in common.
    """
    k = sample_step((ref.height, ref.width))
    samples: List[List[np.ndarray]] = [[], []]
    any_ok = [False, False]
    common = False
    for (y, a, a_ok), (_, b, b_ok) in zip(_strips(ref, reference_band), _strips(tar, target_band)):
        first = (-y) % k  # the first row of this strip on the sample grid
        for i, (d, ok) in enumerate(((a, a_ok), (b, b_ok))):
            any_ok[i] |= bool(ok.any())
            samples[i].append(d[first::k, ::k][ok[first::k, ::k]])
        common |= bool((a_ok & b_ok).any())
    for r, ok, band in ((ref, any_ok[0], reference_band), (tar, any_ok[1], target_band)):
        check_not_empty(r, ok, band)
    if not common:
        raise_no_overlap()
    return stretch_limits(np.concatenate(samples[0]), np.concatenate(samples[1]))


def check_not_empty(r: Raster, any_valid: bool, band: int) -> None:
    if not any_valid:
        import os

        raise InputError(
            f"Band {band} of '{os.path.basename(r.path)}' contains only nodata. Check the band and nodata value.")


def raise_no_overlap() -> None:
    raise InputError("The reference and target have no valid pixel in common (their data areas do not overlap).")


class SceneStatistics:
    """Valid fraction, median DX/DY and maximum magnitude of a product accumulated block by block.

    The medians are taken on the same fixed pixel grid as the stretch sample
    (every ``k``-th row and column), so they do not depend on the blocks.
    """

    def __init__(self, shape: Tuple[int, int]):
        self.k = sample_step(shape)
        self.total = shape[0] * shape[1]
        self.finite = 0
        self.dx: List[np.ndarray] = []
        self.dy: List[np.ndarray] = []
        self.max_magnitude = -np.inf

    def add(self, block: Block, dx: np.ndarray, dy: np.ndarray, mag: np.ndarray) -> None:
        ok = np.isfinite(dx)
        self.finite += int(ok.sum())
        if ok.any():
            self.max_magnitude = max(self.max_magnitude, float(np.max(mag[ok])))
        r, c = (-block.row) % self.k, (-block.col) % self.k
        sub = ok[r::self.k, c::self.k]
        self.dx.append(dx[r::self.k, c::self.k][sub])
        self.dy.append(dy[r::self.k, c::self.k][sub])

    @property
    def valid_fraction(self) -> float:
        return self.finite / self.total if self.total else 0.0

    def summary(self) -> dict:
        dx = np.concatenate(self.dx) if self.dx else np.zeros(0)
        if not dx.size:
            return {}
        return {"median_dx": float(np.median(dx)), "median_dy": float(np.median(np.concatenate(self.dy))),
                "max_magnitude": float(self.max_magnitude)}


def block_size(method: str, override: Optional[int] = None) -> int:
    """Block side for ``method`` (pixels), or ``override`` when given (at least 64)."""
    return max(64, int(override)) if override else BLOCK[method]
