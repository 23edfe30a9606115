"""Dense optical-flow trackers (Farnebäck, iterative Lucas-Kanade, TV-L1).

Each tracker takes two co-registered 2-D arrays and returns per-pixel
offsets ``(dcol, drow)`` in pixels, **position in the target minus position
in the reference**, along image columns (right) and rows (down). This is the
only place that knows the libraries' own conventions:

* OpenCV ``calcOpticalFlowFarneback(prev=reference, next=target)`` returns
  ``flow[..., 0]`` = column and ``flow[..., 1]`` = row offset with
  ``reference(r, c) ~ target(r + flow_row, c + flow_col)``: already our sign.
* scikit-image ``optical_flow_ilk`` / ``optical_flow_tvl1(reference,
  moving)`` return ``(v_row, v_col)`` with ``reference(r, c) ~ moving(r + v_row,
  c + v_col)``: our sign, rows first (the original library swapped them).

Inputs are rescaled jointly (same stretch for both images, robust 0.5-99.5
percentiles of the valid pixels) so that the libraries' defaults behave the
same on 8-bit, 16-bit, float reflectance or dB data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

import numpy as np

from ..deps import require
from ..errors import InputError
from ..params import ParamSpec


@dataclass(frozen=True)
class DenseMethod:
    name: str
    label: str
    specs: Tuple[ParamSpec, ...]
    requires: Tuple[str, ...]
    run: Callable[..., Tuple[np.ndarray, np.ndarray]]
    reference: str


def joint_stretch(
    reference: np.ndarray,
    target: np.ndarray,
    ref_valid: np.ndarray,
    tar_valid: np.ndarray,
    scale: float = 1.0,
) -> Tuple[np.ndarray, np.ndarray]:
    """Rescale both images with one common linear stretch to [0, scale] (float32).

    Invalid pixels are filled with the other image's value where it has
    one (so the gap looks static instead of creating an artificial edge that
    drags the flow of valid pixels nearby), else with the mid value.
    Results over invalid pixels are discarded anyway.
    """
    values = np.concatenate([reference[ref_valid].ravel(), target[tar_valid].ravel()])
    if values.size == 0:
        raise InputError("The reference and target have no valid pixel in common.")
    if values.size > 2_000_000:
        values = values[:: values.size // 1_000_000]
    lo, hi = np.percentile(values, [0.5, 99.5])
    if not hi > lo:
        lo, hi = float(values.min()), float(values.max())
    span = (hi - lo) if hi > lo else 1.0
    a, b = ((np.clip((img.astype(np.float32) - lo) / span, 0.0, 1.0) * scale).astype(np.float32)
            for img in (reference, target))
    a_fill, b_fill = ~ref_valid, ~tar_valid
    a[a_fill] = np.where(tar_valid[a_fill], b[a_fill], 0.5 * scale)
    b[b_fill] = np.where(ref_valid[b_fill], a[b_fill], 0.5 * scale)
    return a, b


FARNEBACK_SPECS = (
    ParamSpec("pyr_scale", "float", 0.5, "Pyramid scale", "Image scale (<1) between pyramid levels; 0.5 halves each level.", 0.1, 0.95),
    ParamSpec("levels", "int", 4, "Pyramid levels", "Number of pyramid levels including the full-resolution image; more levels follow larger motion.", 1, 12),
    ParamSpec("winsize", "int", 15, "Averaging window size (pixels)", "Averaging window; larger values are more robust to noise and blur motion boundaries.", 3, 255),
    ParamSpec("iterations", "int", 5, "Iterations per level", "Number of iterations at each pyramid level.", 1, 100),
    ParamSpec("poly_n", "int", 5, "Polynomial neighbourhood (pixels)", "Neighbourhood for the polynomial expansion; typically 5 or 7.", 3, 11),
    ParamSpec("poly_sigma", "float", 1.1, "Polynomial sigma", "Gaussian sigma of the polynomial expansion; 1.1 for poly_n=5, 1.5 for poly_n=7.", 0.5, 5.0),
    ParamSpec("gaussian", "bool", False, "Gaussian window", "Use a Gaussian instead of a box averaging window (OPTFLOW_FARNEBACK_GAUSSIAN): slower, more accurate."),
)

ILK_SPECS = (
    ParamSpec("radius", "int", 7, "Window radius (pixels)", "Radius of the window considered around each pixel.", 1, 100),
    ParamSpec("num_warp", "int", 10, "Warps", "Number of times the target is warped.", 1, 100),
    ParamSpec("gaussian", "bool", False, "Gaussian window", "Use a Gaussian kernel instead of a uniform one for the local window."),
    ParamSpec("prefilter", "bool", False, "Prefilter", "Median-filter the flow estimate between warps (removes outliers)."),
)

TVL1_SPECS = (
    ParamSpec("attachment", "float", 15.0, "Attachment", "Data-term weight: smaller values give smoother flow.", 0.01, 1000.0),
    ParamSpec("tightness", "float", 0.3, "Tightness", "Weight of the coupling term; higher values favour data fidelity.", 0.001, 100.0),
    ParamSpec("num_warp", "int", 5, "Warps", "Number of times the target is warped at each scale.", 1, 100),
    ParamSpec("num_iter", "int", 10, "Iterations", "Fixed-point iterations per warp.", 1, 1000),
    ParamSpec("tol", "float", 1e-4, "Tolerance", "Convergence tolerance.", 1e-8, 1.0),
    ParamSpec("prefilter", "bool", False, "Prefilter", "Median-filter the flow estimate between warps (removes outliers)."),
)


def farneback(reference: np.ndarray, target: np.ndarray, pyr_scale=0.5, levels=4, winsize=15, iterations=5,
              poly_n=5, poly_sigma=1.1, gaussian=False) -> Tuple[np.ndarray, np.ndarray]:
    """Farnebäck dense flow; inputs already stretched to [0, 255] float32."""
    cv2 = require("cv2", purpose="Farnebäck optical flow")
    flags = cv2.OPTFLOW_FARNEBACK_GAUSSIAN if gaussian else 0
    flow = cv2.calcOpticalFlowFarneback(
        np.ascontiguousarray(reference, np.float32), np.ascontiguousarray(target, np.float32), None,
        float(pyr_scale), int(levels), int(winsize), int(iterations), int(poly_n), float(poly_sigma), flags,
    )
    return flow[..., 0], flow[..., 1]


def ilk(reference: np.ndarray, target: np.ndarray, radius=7, num_warp=10, gaussian=False, prefilter=False):
    """Iterative Lucas-Kanade (scikit-image); inputs stretched to [0, 1]."""
    registration = require("skimage.registration", purpose="Iterative Lucas-Kanade optical flow")
    v_row, v_col = registration.optical_flow_ilk(
        reference, target, radius=int(radius), num_warp=int(num_warp), gaussian=bool(gaussian),
        prefilter=bool(prefilter), dtype=np.float32,
    )
    return v_col, v_row


def tvl1(reference: np.ndarray, target: np.ndarray, attachment=15.0, tightness=0.3, num_warp=5, num_iter=10,
         tol=1e-4, prefilter=False):
    """TV-L1 optical flow (scikit-image); inputs stretched to [0, 1]."""
    registration = require("skimage.registration", purpose="TV-L1 optical flow")
    v_row, v_col = registration.optical_flow_tvl1(
        reference, target, attachment=float(attachment), tightness=float(tightness), num_warp=int(num_warp),
        num_iter=int(num_iter), tol=float(tol), prefilter=bool(prefilter), dtype=np.float32,
    )
    return v_col, v_row


METHODS: Dict[str, DenseMethod] = {
    "farneback": DenseMethod("farneback", "Farnebäck dense optical flow (OpenCV)", FARNEBACK_SPECS, ("cv2",),
                             farneback, "Farnebäck, G. (2003). Two-frame motion estimation based on polynomial expansion."),
    "ilk": DenseMethod("ilk", "Iterative Lucas-Kanade optical flow (scikit-image)", ILK_SPECS, ("skimage",), ilk,
                       "Le Besnerais, G. & Champagnat, F. (2005). Dense optical flow by iterative local window registration."),
    "tvl1": DenseMethod("tvl1", "TV-L1 optical flow (scikit-image)", TVL1_SPECS, ("skimage",), tvl1,
                        "Zach, C., Pock, T. & Bischof, H. (2007). A duality based approach for realtime TV-L1 optical flow."),
}

_STRETCH = {"farneback": 255.0, "ilk": 1.0, "tvl1": 1.0}


def dense_flow(
    method: str,
    reference: np.ndarray,
    target: np.ndarray,
    ref_valid: Optional[np.ndarray] = None,
    tar_valid: Optional[np.ndarray] = None,
    **params,
) -> Tuple[np.ndarray, np.ndarray]:
    """Run a dense tracker on numpy arrays.

    Parameters
    ----------
    method : {"farneback", "ilk", "tvl1"}
    reference, target : 2-D arrays of the same shape
    ref_valid, tar_valid : boolean arrays, optional
        Validity masks (True = data). Offsets are NaN where either is False.
    **params
        Tuning parameters of the method (validated; see ``METHODS[method].specs``).

    Returns
    -------
    dcol, drow : float32 arrays, pixels, target minus reference (columns right, rows down).
    """
    from ..params import validate

    if method not in METHODS:
        raise InputError(f"Unknown dense method '{method}'; choose one of {', '.join(METHODS)}.")
    if reference.shape != target.shape:
        raise InputError(f"Reference {reference.shape} and target {target.shape} must have the same shape.")
    m = METHODS[method]
    values = validate(m.specs, params)
    ref_valid = np.isfinite(reference) if ref_valid is None else ref_valid & np.isfinite(reference)
    tar_valid = np.isfinite(target) if tar_valid is None else tar_valid & np.isfinite(target)
    a, b = joint_stretch(reference, target, ref_valid, tar_valid, _STRETCH[method])
    dcol, drow = m.run(a, b, **values)
    dcol = np.asarray(dcol, np.float32).copy()
    drow = np.asarray(drow, np.float32).copy()
    bad = ~(ref_valid & tar_valid)
    dcol[bad] = np.nan
    drow[bad] = np.nan
    return dcol, drow
