"""Local filters: Wallis, Gaussian high-pass, orientation images, Lee speckle filter, SVD denoise.

All are local (each output pixel depends on a neighbourhood of known
radius, :func:`halo`), so the engine can run them tile by tile with that
overlap and get the same result as on the whole image. Nodata never bleeds
into valid pixels: local means are normalised convolutions (weighted by the
valid mask), and invalid pixels come out NaN.
"""
from __future__ import annotations

from typing import Callable, Tuple

import numpy as np
from scipy import ndimage


def _local_mean(values: np.ndarray, valid: np.ndarray, smooth: Callable) -> Tuple[np.ndarray, np.ndarray]:
    w = valid.astype(np.float64)
    num = smooth(np.where(valid, values, 0.0))
    den = smooth(w)
    with np.errstate(invalid="ignore", divide="ignore"):
        return num / den, den


def _local_moments(values: np.ndarray, valid: np.ndarray, window: int):
    """Local mean, variance and valid weight over a ``window`` box (normalised convolutions)."""
    smooth = _box(window)
    mean, weight = _local_mean(values, valid, smooth)
    sq, _ = _local_mean(values * values, valid, smooth)
    return mean, np.maximum(sq - mean * mean, 0.0), weight


def _box(size: int) -> Callable:
    return lambda a: ndimage.uniform_filter(a, size, mode="constant", cval=0.0)


def _gauss(sigma: float) -> Callable:
    return lambda a: ndimage.gaussian_filter(a, sigma, mode="constant", cval=0.0, truncate=4.0)


def wallis(values: np.ndarray, valid: np.ndarray, window: int = 15) -> np.ndarray:
    """Wallis filter: ``(x - local mean) / local standard deviation`` over a ``window`` box.

    The standard pre-filter of autoRIFT (Gardner et al. 2018): it removes
    illumination differences and equalises contrast between the two images.
    Output is unitless (local z-score); NaN where the window has no contrast.
    """
    mean, var, weight = _local_moments(values, valid, window)
    with np.errstate(invalid="ignore", divide="ignore"):
        std = np.sqrt(var)
        out = (values - mean) / std
    flat = std <= 1e-12 * np.maximum(np.abs(mean), 1.0)
    return np.where(valid & ~flat & (weight > 0), out, np.nan)


def highpass(values: np.ndarray, valid: np.ndarray, sigma: float = 3.0) -> np.ndarray:
    """Gaussian high-pass: ``x - G_sigma * x`` (sigma in pixels), same units as the input."""
    low, weight = _local_mean(values, valid, _gauss(sigma))
    return np.where(valid & (weight > 0), values - low, np.nan)


def orientation(values: np.ndarray, valid: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Orientation image (Fitch et al. 2002; ImGRAFT): the unit gradient ``(gx + i gy) / |gx + i gy|``.

    Returned as two bands, real (``gx/|g|``, x positive east along columns)
    and imaginary (``gy/|g|``, y positive up the image: rows are flipped so
    the vector is in map orientation). Correlating orientation images is
    insensitive to illumination and contrast changes. A pixel whose gradient
    needs an invalid neighbour, or is zero, is NaN.
    """
    v = np.where(valid, values, 0.0)
    gx = np.zeros(v.shape)
    gy = np.zeros(v.shape)
    gx[:, 1:-1] = (v[:, 2:] - v[:, :-2]) / 2.0
    gy[1:-1, :] = -(v[2:, :] - v[:-2, :]) / 2.0
    ok = valid.copy()
    ok[:, 1:-1] &= valid[:, 2:] & valid[:, :-2]
    ok[1:-1, :] &= valid[2:, :] & valid[:-2, :]
    ok[:, [0, -1]] = False
    ok[[0, -1], :] = False
    mag = np.hypot(gx, gy)
    ok &= mag > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        re, im = gx / mag, gy / mag
    return np.where(ok, re, np.nan), np.where(ok, im, np.nan)


def lee(values: np.ndarray, valid: np.ndarray, window: int = 7, looks: float = 1.0) -> np.ndarray:
    """Lee speckle filter (Lee 1980) for SAR amplitude or intensity.

    ``out = m + k (x - m)``, ``k = max(0, (var - m^2 Cu^2) / (var (1 + Cu^2)))``
    with the local mean ``m`` and variance ``var`` over a ``window`` box and
    ``Cu = 1/sqrt(looks)`` the speckle's coefficient of variation (intensity
    data; for amplitude use ``looks`` x 1.91, i.e. Cu = 0.5227/sqrt(looks)).
    Homogeneous areas are smoothed to their mean, edges and point targets kept.
    """
    m, var, weight = _local_moments(values, valid, window)
    cu2 = 1.0 / float(looks)
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.clip((var - m * m * cu2) / (var * (1.0 + cu2)), 0.0, 1.0)
    k = np.where(var > 0, k, 0.0)
    return np.where(valid & (weight > 0), m + k * (values - m), np.nan)


def svd_denoise(values: np.ndarray, valid: np.ndarray, patch: int = 16, rank: int = 3) -> np.ndarray:
    """Patch-wise low-rank (truncated SVD) denoise, the original library's ``svd_denoise`` done right.

    The image is cut into ``patch`` x ``patch`` patches on a grid of stride
    ``patch // 2`` aligned on the image origin; each patch is replaced by its
    rank-``rank`` SVD approximation and overlapping patches are averaged
    with a Hann weight (no seams). All patches of a block go through one
    batched ``numpy.linalg.svd`` (the original looped in Python). Invalid
    pixels (and the padding beyond the image) are filled with their patch's
    valid mean before the SVD and come out NaN. Same units as the input.
    """
    patch += patch % 2  # even, so patches split into 2 x 2 sub-blocks of one stride
    stride = patch // 2
    h, w = values.shape
    ny = max(1, int(np.ceil(max(h - patch, 0) / stride)) + 1)
    nx = max(1, int(np.ceil(max(w - patch, 0) / stride)) + 1)
    ph, pw = (ny + 1) * stride, (nx + 1) * stride
    v = np.zeros((ph, pw))
    ok = np.zeros((ph, pw))
    v[:h, :w] = np.where(valid, values, 0.0)
    ok[:h, :w] = valid
    from numpy.lib.stride_tricks import sliding_window_view

    def patches(a):
        return sliding_window_view(a, (patch, patch))[::stride, ::stride].reshape(ny * nx, patch, patch)

    # invalid pixels (nodata, beyond the image) take their patch's valid mean: local, so tiles agree
    stack, weight = patches(v), patches(ok)
    n = weight.sum(axis=(1, 2))
    mean = np.where(n > 0, stack.sum(axis=(1, 2)) / np.maximum(n, 1), 0.0)
    stack = np.where(weight > 0, stack, mean[:, None, None])
    u, s, vt = np.linalg.svd(stack, full_matrices=False)
    s[:, rank:] = 0.0
    taper1 = np.hanning(patch + 2)[1:-1]
    taper = np.outer(taper1, taper1)
    approx = (((u * s[:, None, :]) @ vt) * taper).reshape(ny, nx, patch, patch)
    acc = np.zeros((ph, pw))
    wsum = np.zeros((ph, pw))
    for a in range(2):  # each patch = 2 x 2 sub-blocks; add all patches' (a, b) sub-blocks at once
        for b in range(2):
            sub = approx[:, :, a * stride:(a + 1) * stride, b * stride:(b + 1) * stride]
            rows = slice(a * stride, a * stride + ny * stride)
            cols = slice(b * stride, b * stride + nx * stride)
            acc[rows, cols] += sub.transpose(0, 2, 1, 3).reshape(ny * stride, nx * stride)
            tw = taper[a * stride:(a + 1) * stride, b * stride:(b + 1) * stride]
            wsum[rows, cols] += np.tile(tw, (ny, nx))
    out = acc[:h, :w] / np.maximum(wsum[:h, :w], 1e-12)
    return np.where(valid, out, np.nan)
