"""Synthetic image pairs with exactly known displacement, for tests and benchmarks.

The texture is a band-limited random field with a natural (power-law)
spectrum, written as a sum of plane waves so that it can be evaluated
*exactly* at any sub-pixel position: the target image is the texture
sampled at the displaced positions, with no interpolation error.

Displacement convention: a ground point at reference pixel position
``(row, col)`` is found in the target at ``(row + drow, col + dcol)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Tuple

import numpy as np


@dataclass(frozen=True)
class Texture:
    """A band-limited plane-wave texture ``f(row, col)``."""

    krow: np.ndarray
    kcol: np.ndarray
    phase: np.ndarray
    amp: np.ndarray

    @classmethod
    def natural(cls, seed: int = 0, n_waves: int = 600, beta: float = 1.6,
                kmin: float = 0.004, kmax: float = 0.42) -> "Texture":
        """Random texture with amplitude ~ 1/k**beta between kmin and kmax (cycles/pixel)."""
        rng = np.random.default_rng(seed)
        # log-uniform radial frequencies give every scale its share of waves
        k = np.exp(rng.uniform(np.log(kmin), np.log(kmax), n_waves))
        theta = rng.uniform(0, np.pi, n_waves)
        amp = k ** (-beta) * k  # the extra k compensates the log-uniform density
        amp = amp / np.sqrt(np.sum(amp ** 2))
        return cls(2 * np.pi * k * np.sin(theta), 2 * np.pi * k * np.cos(theta),
                   rng.uniform(0, 2 * np.pi, n_waves), amp)

    def __call__(self, rows: np.ndarray, cols: np.ndarray, chunk: int = 64) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.float64)
        cols = np.asarray(cols, dtype=np.float64)
        out = np.zeros(np.broadcast(rows, cols).shape, dtype=np.float64)
        r = np.broadcast_to(rows, out.shape).ravel()
        c = np.broadcast_to(cols, out.shape).ravel()
        flat = out.ravel()
        for i in range(0, self.amp.size, chunk):
            sl = slice(i, i + chunk)
            arg = np.outer(r, self.krow[sl]) + np.outer(c, self.kcol[sl]) + self.phase[sl]
            flat += np.cos(arg) @ self.amp[sl]
        return flat.reshape(out.shape)

    def grid(self, shape: Tuple[int, int]) -> np.ndarray:
        """The texture on the integer pixel grid (exact and fast, by separability)."""
        rows = np.arange(shape[0], dtype=np.float64)
        cols = np.arange(shape[1], dtype=np.float64)
        er = np.exp(1j * np.outer(rows, self.krow))  # (H, N)
        ec = np.exp(1j * (np.outer(cols, self.kcol) + self.phase))  # (W, N)
        return np.real((er * self.amp) @ ec.T)


def warp_exact(texture: Texture, shape: Tuple[int, int],
               field: Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]],
               iterations: int = 30) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Reference and target images for a smooth displacement ``field``.

    ``field(rows, cols) -> (drow, dcol)`` is the motion of the ground point
    that sits at reference position (rows, cols). The target pixel p shows
    the ground point q with ``q + field(q) = p``, found by fixed-point
    iteration (converges for fields with gradient < 1).

    Returns
    -------
    reference, target : float64 arrays
    drow_true, dcol_true : float64 arrays, the motion at each reference pixel
    """
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float64)
    qr, qc = rows.copy(), cols.copy()
    for _ in range(iterations):
        dr, dc = field(qr, qc)
        qr, qc = rows - dr, cols - dc
    reference = texture.grid(shape)
    target = texture(qr, qc)
    drow_true, dcol_true = field(rows, cols)
    return reference, target, np.asarray(drow_true, float), np.asarray(dcol_true, float)


def shifted_pair(shape: Tuple[int, int], drow: float, dcol: float, seed: int = 0,
                 noise: float = 0.0, texture: Optional[Texture] = None) -> Tuple[np.ndarray, np.ndarray]:
    """Reference and a target moved uniformly by (drow, dcol) pixels, with optional Gaussian noise.

    ``noise`` is the noise standard deviation relative to the texture's standard deviation.
    """
    tex = texture or Texture.natural(seed)
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]].astype(np.float64)
    ref = tex.grid(shape)
    tar = tex(rows - drow, cols - dcol)
    if noise > 0:
        rng = np.random.default_rng(seed + 1)
        s = ref.std()
        ref = ref + rng.normal(0, noise * s, ref.shape)
        tar = tar + rng.normal(0, noise * s, tar.shape)
    return ref, tar


def landslide_field(shape: Tuple[int, int], centre: Tuple[float, float], radius: Tuple[float, float],
                    peak: Tuple[float, float]) -> Callable[[np.ndarray, np.ndarray], Tuple[np.ndarray, np.ndarray]]:
    """A smooth lobe of motion: ``peak`` (drow, dcol) pixels at ``centre``, fading to 0 outside ``radius``.

    The profile is a raised cosine of the elliptical distance, so the ground
    beyond the lobe is exactly stable.
    """
    cr, cc = centre
    rr, rc = radius

    def field(rows, cols):
        d = np.sqrt(((rows - cr) / rr) ** 2 + ((cols - cc) / rc) ** 2)
        w = np.where(d < 1.0, 0.5 * (1 + np.cos(np.pi * np.clip(d, 0, 1))), 0.0)
        return peak[0] * w, peak[1] * w

    return field
