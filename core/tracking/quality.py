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
from ..preprocess.filters import highpass


def warp_to_reference(target: np.ndarray, dcol: np.ndarray, drow: np.ndarray,
                      target_valid: np.ndarray) -> tuple:
    """The target sampled at the displaced reference positions (bilinear), and where that sample is valid.

    ``dcol``/``drow`` are target minus reference, pixels (column right, row down).
    """
    cv2 = require("cv2", purpose="dense matching quality")
    rows, cols = np.mgrid[0:target.shape[0], 0:target.shape[1]].astype(np.float32)
    map_x = cols + np.nan_to_num(dcol, nan=-1e6).astype(np.float32)
    map_y = rows + np.nan_to_num(drow, nan=-1e6).astype(np.float32)
    filled = np.where(target_valid, target, 0.0).astype(np.float32)
    warped = cv2.remap(filled, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    # a sample is valid only when all four neighbours it blends are valid
    ok = cv2.remap(target_valid.astype(np.float32), map_x, map_y, cv2.INTER_LINEAR,
                   borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return warped, ok > 0.999


def local_ncc(a: np.ndarray, b: np.ndarray, valid: np.ndarray, radius: int = 7) -> np.ndarray:
    """Zero-mean normalised cross-correlation of ``a`` and ``b`` in a (2*radius+1)^2 window around each pixel.

    Only pixels where ``valid`` is True enter each window's sums (normalised
    box filters). Result in [-1, 1]; NaN where the window has fewer than a
    quarter of its pixels valid or no contrast in either image.
    """
    cv2 = require("cv2", purpose="dense matching quality")
    size = (2 * radius + 1, 2 * radius + 1)
    w = valid.astype(np.float64)
    a0 = np.where(valid, a, 0.0).astype(np.float64)
    b0 = np.where(valid, b, 0.0).astype(np.float64)

    def box(x):
        return cv2.boxFilter(x, cv2.CV_64F, size, normalize=True, borderType=cv2.BORDER_CONSTANT)

    n = box(w)
    with np.errstate(divide="ignore", invalid="ignore"):
        ma, mb = box(a0) / n, box(b0) / n
        va = box(a0 * a0) / n - ma * ma
        vb = box(b0 * b0) / n - mb * mb
        cab = box(a0 * b0) / n - ma * mb
        ncc = cab / np.sqrt(va * vb)
    scale = max(float(np.nanmax(np.abs(a0))), float(np.nanmax(np.abs(b0))), 1e-30) ** 2
    bad = (n < 0.25) | (va <= 1e-10 * scale) | (vb <= 1e-10 * scale) | ~np.isfinite(ncc)
    ncc = np.clip(ncc, -1.0, 1.0)
    ncc[bad] = np.nan
    return ncc.astype(np.float32)


def dense_peak(reference: np.ndarray, target: np.ndarray, dcol: np.ndarray, drow: np.ndarray,
               reference_valid: np.ndarray, target_valid: np.ndarray, radius: int = 7,
               highpass_sigma: float = 0.0) -> np.ndarray:
    """``PEAK`` of a dense field: local NCC between the reference and the motion-compensated target.

    ``highpass_sigma`` > 0: both images are first high-passed (minus a
    Gaussian blur of that many pixels), so that the correlation measures the
    fine texture, which a misregistration of a pixel or two destroys, rather
    than the coarse texture, which still correlates at 0.7 or more after a
    3-px error on natural scenes. NaN where the reference pixel or its
    displaced target sample is nodata.
    """
    if highpass_sigma > 0:
        reference = highpass(reference, reference_valid, highpass_sigma)  # NaN where invalid: masked below
        target = highpass(target, target_valid, highpass_sigma)
    warped, ok = warp_to_reference(target, dcol, drow, target_valid)
    valid = reference_valid & ok & np.isfinite(dcol) & np.isfinite(drow)
    peak = local_ncc(reference, warped, valid, radius)
    peak[~valid] = np.nan
    return peak
