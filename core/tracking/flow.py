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
    window: Callable[[dict], int]  # side (pixels) of the window a vector is measured from
    halo: Callable[[dict], int]  # block overlap (pixels) for a block-by-block run, see core.tracking.dense_blocks


SAMPLE_TARGET = 250_000  # pixels per image for the stretch percentiles (their 0.5/99.5 % are stable)


def sample_step(shape: Tuple[int, int]) -> int:
    """Row and column step of the regular grid of pixels that sets the stretch (about 250,000 pixels per image).

    A fixed grid (every ``step``-th row and column of the whole raster), so
    that a whole-image run and a block-by-block run of the same files see
    the very same sample and stretch identically.
    """
    return max(1, int(np.ceil(np.sqrt(shape[0] * shape[1] / SAMPLE_TARGET))))


def stretch_limits(ref_sample: np.ndarray, tar_sample: np.ndarray) -> Tuple[float, float]:
    """Common (low, high) data values of the joint stretch: 0.5 and 99.5 percentiles of the valid samples.

    ``ref_sample``/``tar_sample`` are 1-D arrays of valid values (see
    :func:`sample_step`). Raises InputError when both are empty.
    """
    values = np.concatenate([np.asarray(ref_sample).ravel(), np.asarray(tar_sample).ravel()])
    if values.size == 0:
        raise InputError("The reference and target have no valid pixel in common.")
    lo, hi = np.percentile(values, [0.5, 99.5])
    if not hi > lo:
        lo, hi = float(values.min()), float(values.max())
    return float(lo), float(hi)


def grid_limits(reference: np.ndarray, target: np.ndarray, ref_valid: np.ndarray,
                tar_valid: np.ndarray) -> Tuple[float, float]:
    """:func:`stretch_limits` of whole in-memory images, sampled on the :func:`sample_step` grid."""
    k = sample_step(reference.shape)
    return stretch_limits(reference[::k, ::k][ref_valid[::k, ::k]], target[::k, ::k][tar_valid[::k, ::k]])


def joint_stretch(
    reference: np.ndarray,
    target: np.ndarray,
    ref_valid: np.ndarray,
    tar_valid: np.ndarray,
    scale: float = 1.0,
    limits: Optional[Tuple[float, float]] = None,
) -> Tuple[np.ndarray, np.ndarray]:
    """Rescale both images with one common linear stretch to [0, scale] (float32).

    ``limits`` (low, high) are the data values mapped to 0 and ``scale``
    (default: :func:`grid_limits` of these images; a block-by-block run
    passes the whole scene's limits so every block stretches alike).
    Invalid pixels are filled with the other image's value where it has
    one (so the gap looks static instead of creating an artificial edge that
    drags the flow of valid pixels nearby), else with the mid value.
    Results over invalid pixels are discarded anyway.
    """
    lo, hi = limits if limits is not None else grid_limits(reference, target, ref_valid, tar_valid)
    span = (hi - lo) if hi > lo else 1.0
    a, b = ((np.clip((img.astype(np.float32) - lo) / span, 0.0, 1.0) * scale).astype(np.float32)
            for img in (reference, target))
    a_fill, b_fill = ~ref_valid, ~tar_valid
    a[a_fill] = np.where(tar_valid[a_fill], b[a_fill], 0.5 * scale)
    b[b_fill] = np.where(ref_valid[b_fill], a[b_fill], 0.5 * scale)
    return a, b


# A window whose range (max - min, after the joint stretch) is below this fraction of the stretch range holds
# no texture: any vector there comes from the regulariser or the coarse pyramid levels, not from the data.
# One grey level of an 8-bit image is 4e-3 of the range, one level of a 16-bit image stretched over 10000
# levels 1e-4: this is 10x below the latter, i.e. constant up to rounding.
TEXTURELESS_RANGE = 1e-5


def textureless(a: np.ndarray, b: np.ndarray, window: int, scale: float) -> np.ndarray:
    """True where the ``window`` x ``window`` neighbourhood of the stretched reference or target is flat.

    ``a``, ``b``: stretched images (:func:`joint_stretch`, range [0, scale]).
    Flat = local maximum minus local minimum within ``TEXTURELESS_RANGE *
    scale`` (exact in float32, and a min/max filter is cheaper than variances).
    """
    cv2 = require("cv2", purpose="dense optical flow")
    kernel = np.ones((int(window), int(window)), np.uint8)
    flat = np.zeros(a.shape, bool)
    for img in (a, b):
        x = np.ascontiguousarray(img, np.float32)
        spread = cv2.dilate(x, kernel, borderType=cv2.BORDER_REPLICATE)
        spread -= cv2.erode(x, kernel, borderType=cv2.BORDER_REPLICATE)
        flat |= spread <= TEXTURELESS_RANGE * scale
    return flat


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


ILK_HALO_WINDOWS = 4  # block overlap of ILK in windows: 60 px by default, 32 px measured enough (test_dense_blocks)
TVL1_WINDOW = 15  # TV-L1 has no window; texture is judged over this one
TVL1_HALO = 64  # block overlap of TV-L1, pixels: more does not help (its stopping rule is global; test_dense_blocks)


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


def _farneback_halo(v: dict) -> int:
    # the averaging window and polynomial neighbourhood at the coarsest pyramid level, in full-resolution
    # pixels: 160 px with the defaults, where 32 px already gives the whole-image result to float rounding
    # (measured on textured pairs with up to 18-px motion; tests/core/test_dense_blocks.py)
    coarse = (1.0 / float(v["pyr_scale"])) ** (int(v["levels"]) - 1)
    return int(np.ceil((int(v["winsize"]) + int(v["poly_n"])) * coarse))


METHODS: Dict[str, DenseMethod] = {
    "farneback": DenseMethod("farneback", "Farnebäck dense optical flow (OpenCV)", FARNEBACK_SPECS, ("cv2",),
                             farneback, "Farnebäck, G. (2003). Two-frame motion estimation based on polynomial expansion.",
                             lambda v: int(v["winsize"]), _farneback_halo),
    "ilk": DenseMethod("ilk", "Iterative Lucas-Kanade optical flow (scikit-image)", ILK_SPECS, ("skimage",), ilk,
                       "Le Besnerais, G. & Champagnat, F. (2005). Dense optical flow by iterative local window registration.",
                       lambda v: 2 * int(v["radius"]) + 1, lambda v: ILK_HALO_WINDOWS * (2 * int(v["radius"]) + 1)),
    "tvl1": DenseMethod("tvl1", "TV-L1 optical flow (scikit-image)", TVL1_SPECS, ("skimage",), tvl1,
                        "Zach, C., Pock, T. & Bischof, H. (2007). A duality based approach for realtime TV-L1 optical flow.",
                        lambda v: TVL1_WINDOW, lambda v: TVL1_HALO),
}

_STRETCH = {"farneback": 255.0, "ilk": 1.0, "tvl1": 1.0}


def dense_flow(
    method: str,
    reference: np.ndarray,
    target: np.ndarray,
    ref_valid: Optional[np.ndarray] = None,
    tar_valid: Optional[np.ndarray] = None,
    limits: Optional[Tuple[float, float]] = None,
    **params,
) -> Tuple[np.ndarray, np.ndarray]:
    """Run a dense tracker on numpy arrays.

    Parameters
    ----------
    method : {"farneback", "ilk", "tvl1"}
    reference, target : 2-D arrays of the same shape
    ref_valid, tar_valid : boolean arrays, optional
        Validity masks (True = data). Offsets are NaN where either is False.
    limits : (low, high), optional
        Data values of the joint stretch (default: from these images, :func:`grid_limits`).
    **params
        Tuning parameters of the method (validated; see ``METHODS[method].specs``).

    Returns
    -------
    dcol, drow : float32 arrays, pixels, target minus reference (columns right, rows down).
        NaN where either input is nodata and where the reference or target
        is flat over the method's window (:func:`textureless`): no texture,
        no measurement.
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
    scale = _STRETCH[method]
    a, b = joint_stretch(reference, target, ref_valid, tar_valid, scale, limits)
    dcol, drow = m.run(a, b, **values)
    dcol = np.asarray(dcol, np.float32).copy()
    drow = np.asarray(drow, np.float32).copy()
    bad = ~(ref_valid & tar_valid) | textureless(a, b, m.window(values), scale)
    dcol[bad] = np.nan
    drow[bad] = np.nan
    return dcol, drow
