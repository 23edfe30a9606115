"""Matching quality of a dense displacement field.

Optical flow returns a vector for every pixel, also where the two images do
not match at all (clouds, a changed surface, a mismatch patch): the
regulariser fills those areas smoothly, so they look plausible. The honest
quality flag is how well the images actually match once the motion is
applied: the zero-mean normalised cross-correlation, over a small window,
between the reference and the target resampled at the displaced positions.
It is the same quantity as the correlation ``PEAK`` of the windowed trackers
(the normalised correlation of the matched windows), so the post-processing
filters and the uncertainty model treat both alike.
"""
from __future__ import annotations

import numpy as np

from ..deps import require


def warp_to_reference(target: np.ndarray, dcol: np.ndarray, drow: np.ndarray,
                      target_valid: np.ndarray) -> tuple:
    """The target sampled at the displaced reference positions (bilinear), and where that sample is valid.

    ``dcol``/``drow`` are target minus reference, pixels (column right, row down).
    """
    cv2 = require("cv2", purpose="dense matching quality")
    h, w = target.shape
    map_x = np.nan_to_num(dcol, nan=-1e6).astype(np.float32)
    map_x += np.arange(w, dtype=np.float32)[None, :]
    map_y = np.nan_to_num(drow, nan=-1e6).astype(np.float32)
    map_y += np.arange(h, dtype=np.float32)[:, None]
    # the data and its validity in one remap (two channels)
    stack = np.empty((h, w, 2), np.float32)
    stack[..., 0] = np.where(target_valid, target, 0.0)
    stack[..., 1] = target_valid
    out = cv2.remap(stack, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # a sample is valid only when all four neighbours it blends are valid
    return out[..., 0], out[..., 1] > 0.999


def local_ncc(a: np.ndarray, b: np.ndarray, valid: np.ndarray, radius: int = 7) -> np.ndarray:
    """Zero-mean normalised cross-correlation of ``a`` and ``b`` in a (2*radius+1)^2 window around each pixel.

    Only pixels where ``valid`` is True enter each window's sums (normalised
    box filters). Result in [-1, 1]; NaN where the window has fewer than a
    quarter of its pixels valid or no contrast in either image.
    """
    cv2 = require("cv2", purpose="dense matching quality")
    size = (2 * radius + 1, 2 * radius + 1)
    # the six window sums as float32 box filters with OpenCV's arithmetic (the float64 numpy version cost
    # ~4x more). Six single-channel passes, not one pass over the six moments stacked: OpenCV's
    # single-channel float box filter is vectorised, and measured 3.4x cheaper than the stacked pass plus
    # its merge and split. Each image is centred on its mean first so that the float32 variances are not
    # small differences of large numbers.
    w = valid.astype(np.float32)
    a0 = np.where(valid, a, np.float32(0)).astype(np.float32, copy=False)
    b0 = np.where(valid, b, np.float32(0)).astype(np.float32, copy=False)
    count = float(w.sum())
    if count:
        a0 -= np.float32(a0.sum(dtype=np.float64) / count)
        a0 *= w
        b0 -= np.float32(b0.sum(dtype=np.float64) / count)
        b0 *= w

    def box(x):
        return cv2.boxFilter(x, cv2.CV_32F, size, normalize=True, borderType=cv2.BORDER_CONSTANT)

    # results go into arrays already touched (dst=): fresh 16-MB arrays cost page faults that took
    # as long as the arithmetic itself on the test machine
    n, sa, sb = box(w), box(a0), box(b0)
    prod = cv2.multiply(a0, a0)
    saa = box(prod)
    sbb = box(cv2.multiply(b0, b0, dst=prod))
    sab = box(cv2.multiply(a0, b0, dst=prod))
    sparse = n < 0.25
    inv = cv2.divide(1.0, n, dst=n)  # OpenCV gives 0 where n == 0
    ma, mb = cv2.multiply(sa, inv, dst=sa), cv2.multiply(sb, inv, dst=sb)
    va = cv2.subtract(cv2.multiply(saa, inv, dst=saa), cv2.multiply(ma, ma, dst=prod), dst=saa)
    vb = cv2.subtract(cv2.multiply(sbb, inv, dst=sbb), cv2.multiply(mb, mb, dst=prod), dst=sbb)
    cab = cv2.subtract(cv2.multiply(sab, inv, dst=sab), cv2.multiply(ma, mb, dst=prod), dst=sab)
    np.maximum(cv2.multiply(va, vb, dst=prod), 0, out=prod)
    ncc = cv2.divide(cab, cv2.sqrt(prod, dst=prod), dst=cab)
    scale = max(float(np.abs(a0).max(initial=0.0)), float(np.abs(b0).max(initial=0.0)), 1e-30) ** 2
    bad = sparse | (va <= 1e-6 * scale) | (vb <= 1e-6 * scale) | ~np.isfinite(ncc)
    np.clip(ncc, -1.0, 1.0, out=ncc)
    ncc[bad] = np.nan
    return ncc


def fast_highpass(values: np.ndarray, valid: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian high-pass ``x - G_sigma * x`` normalised over valid pixels (float32; NaN where invalid).

    The same filter as :func:`core.preprocess.filters.highpass` (Gaussian
    truncated at 4 sigma, zero outside the raster) with OpenCV in float32 on
    the data and its mask together: ~5x faster, equal to float32 rounding.
    """
    cv2 = require("cv2", purpose="dense matching quality")
    k = 2 * int(np.ceil(4.0 * sigma)) + 1
    stack = np.empty(values.shape + (2,), np.float32)
    stack[..., 0] = np.where(valid, values, 0.0)
    stack[..., 1] = valid
    low = cv2.GaussianBlur(stack, (k, k), sigma, sigmaY=sigma, borderType=cv2.BORDER_CONSTANT)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = stack[..., 0] - low[..., 0] / low[..., 1]
    return np.where(valid & (low[..., 1] > 0), out, np.float32(np.nan))


def fine_texture(reference: np.ndarray, target: np.ndarray, reference_valid: np.ndarray, target_valid: np.ndarray,
                 highpass_sigma: float) -> tuple:
    """The images :func:`dense_peak` correlates: high-passed when ``highpass_sigma`` > 0, else as given.

    Returns ``(reference, target, reference_valid, target_valid)``. It depends
    on the images only, not on the displacement: the dense tracker prepares
    it while the optical flow runs.
    """
    if highpass_sigma > 0:
        reference = fast_highpass(reference, reference_valid, highpass_sigma)  # NaN where invalid: masked later
        target = fast_highpass(target, target_valid, highpass_sigma)
    return reference, target, reference_valid, target_valid


def dense_peak(reference: np.ndarray, target: np.ndarray, dcol: np.ndarray, drow: np.ndarray,
               reference_valid: np.ndarray, target_valid: np.ndarray, radius: int = 7,
               highpass_sigma: float = 0.0) -> np.ndarray:
    """``PEAK`` of a dense field: local NCC between the reference and the motion-compensated target.

    ``highpass_sigma`` > 0: both images are first high-passed (minus a
    Gaussian blur of that many pixels, :func:`fine_texture`), so that the
    correlation measures the fine texture, which a misregistration of a pixel
    or two destroys, rather than the coarse texture, which still correlates at
    0.7 or more after a 3-px error on natural scenes. Pass 0 when the images
    are already high-passed (e.g. preprocessed with ``highpass``). NaN where
    the reference pixel or its displaced target sample is nodata.
    """
    reference, target, _, _ = fine_texture(reference, target, reference_valid, target_valid, highpass_sigma)
    warped, ok = warp_to_reference(target, dcol, drow, target_valid)
    valid = reference_valid & ok & np.isfinite(dcol) & np.isfinite(drow)
    peak = local_ncc(reference, warped, valid, radius)
    peak[~valid] = np.nan
    return peak
