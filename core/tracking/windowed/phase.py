"""Batched phase correlation of window stacks (no per-window Python loop).

For a stack of ``B`` reference windows and ``B`` target windows (same size
``N``): taper each window with the apodisation window and remove its
taper-weighted mean, ``rfft2`` both stacks (:mod:`.spectra`, which
shares work between overlapping windows of an image), form the cross-power
spectrum
``P = conj(F_ref) * F_tar`` and (phase normalisation on) ``R = P / |P|``,
``irfft2``, take the integer peak by argmax, and refine it to sub-pixel
precision with the matrix-multiply DFT of :mod:`.subpixel`
(Guizar-Sicairos et al. 2008), evaluated on ``R`` itself.

Sign: the inverse transform of ``conj(F_ref) * F_tar`` is
``c(x) = sum_n ref(n) tar(n + x)``, which peaks at ``x = d`` when
``tar(n + d) = ref(n)``: the shift is *target minus reference* (columns
right, rows down), the product convention, with no sign flip (the original
library reported the negative).

Quality
-------
* ``peak``: normalised cross-correlation of the two tapered windows (their
  taper-weighted means removed) at the sub-pixel shift,
  ``c_P(d) / sqrt(E_ref E_tar)``, computed
  from the *unnormalised* cross-power ``P`` by DFT at the refined peak
  (-1..1; the same quantity as the NCC tracker's PEAK).
* ``snr``: height of the (normalised) phase-correlation peak over the
  highest value outside a 5x5 exclusion zone around it (peak-to-second-peak
  ratio; 1 = ambiguous).
* ``nrms``: scikit-image's translation-invariant normalised RMS error
  ``sqrt(1 - peak**2)``, kept for continuity with the original library.

Textureless windows (standard deviation ~ 0) give NaN shifts, ``peak`` 0,
``snr`` 0 and ``nrms`` 1.

Known bias: the taper is applied at the same place in both windows, not
moved with the content, which pulls the estimate slightly towards zero:
about 1.2 % of the shift with the Hann window and 64-px windows on natural
texture (-0.011 px at 0.9 px, measured), about 3.5 % with 32-px windows
(-0.05 px at 1.5 px) or with the Tukey taper. Coarse-to-fine (an integer prior)
brings large motions back to this sub-pixel regime.
"""
from __future__ import annotations

from typing import Dict, Optional

import numpy as np

from . import fft_backend as fb
from .spectra import RowSpectra, Workspace, apodisation_window, finish_windows
from .subpixel import dft_points, refine_peaks

APODISATIONS = ("hann", "tukey", "none")
# exponent b of the spectral normalisation P / |P|**b: 1 = pure phase correlation, 0 = plain cross-correlation
NORMALISATIONS = {"partial": 0.5, "phase": 1.0, "none": 0.0}
# windows per chunk of the passes from the window spectra to the correlation peaks (spectra.finish_windows,
# cross-power, inverse FFT, peak search): a chunk's arrays (about 5 MB for 64 windows of 64 px) stay in the
# cache from one pass to the next. 2026-11-30: one fused chunk loop against the spectra of the whole
# 512-window batch first: see the README's correlation section for the figures
CHUNK = 64
EXCLUSION = 2  # half-size of the zone around the peak ignored by the second-peak search (5x5)
FLAT_RELATIVE = 1e-5  # a window whose std is below this fraction of |mean| (or 0) has no texture (both trackers)


def correlate_windows(
    ref: RowSpectra,
    tar: RowSpectra,
    upsampling: int = 10,
    normalisation: str = "partial",
    workspace: Optional[Workspace] = None,
) -> Dict[str, np.ndarray]:
    """Phase-correlate windows given their shared row spectra.

    Parameters
    ----------
    ref, tar : :func:`.spectra.row_spectra` of the reference windows (with
        ``conjugate=True``) and of the target windows (window ``i`` of the
        target is compared with window ``i`` of the reference), made with
        different buffer names.
    upsampling : sub-pixel precision is ``1/upsampling`` px (then a local
        quadratic fit, so results are not quantised).
    normalisation : ``"phase"`` whitens the cross-power completely (pure
        phase correlation, ``P/|P|``); ``"partial"`` divides by ``|P|**0.5``
        (generalised phase correlation: keeps the sharp peak but does not
        amplify the noise of weak high frequencies as much; RMSE 0.015 px
        against 0.075 px for ``"phase"`` on natural texture with 2 % noise,
        64-px windows); ``"none"``: plain cross-correlation of the tapered
        windows (broad peak, biased towards zero by the taper).
    workspace : per-thread work arrays (:class:`.spectra.Workspace`).

    Returns
    -------
    dict of (B,) float arrays: ``dcol``, ``drow`` (pixels, target minus
    reference, columns right, rows down; valid for |shift| < N/2), ``peak``,
    ``snr``, ``nrms``. Textureless windows (:func:`is_flat`) give NaN.
    """
    n = m = ref.n
    b, nh = ref.first_row.size, n // 2 + 1
    beta = NORMALISATIONS[normalisation]
    normalise = beta > 0
    ws = workspace or Workspace()
    cross, spec = ws.array("ref", (b, n, nh), np.complex64), ws.array("tar", (b, n, nh), np.complex64)
    mean_ref, mean_tar, e_ref, e_tar = np.empty(b), np.empty(b), np.empty(b), np.empty(b)
    # chunk by chunk, every pass from the windows' spectra to their correlation peaks: a chunk's arrays
    # stay in the core's cache from one pass to the next
    found = []
    for i in range(0, b, CHUNK):
        part = slice(i, min(b, i + CHUNK))
        finish_windows(ref, part, cross[part], mean_ref[part], e_ref[part])
        finish_windows(tar, part, spec[part], mean_tar[part], e_tar[part])
        # P = conj(F_ref) F_tar (into cross) and P / |P|**beta (into spec)
        _, normalised = cross_power(cross[part], spec[part], beta, ws)
        # up to its factor: only the surface's argmax and ratios of its values are used
        surface, _ = fb.irfft2_into(normalised, (n, m),
                                    out=ws.array("surface", normalised.shape[:1] + (n, m), np.float32),
                                    scratch=ws.array("scratch", normalised.shape, normalised.dtype))
        found.append(peaks(surface, EXCLUSION))
    if not normalise:
        spec = cross
    r0, c0, top, neigh, second = (np.concatenate(parts) for parts in zip(*found))
    sum_w2 = float(np.sum(apodisation_window(n, ref.apodisation).astype(np.float64) ** 2))
    flat = is_flat(e_ref, mean_ref, sum_w2) | is_flat(e_tar, mean_tar, sum_w2)
    # signed integer shifts
    rs = np.where(r0 > n // 2, r0 - n, r0)
    cs = np.where(c0 > m // 2, c0 - m, c0)
    if normalise:
        scale = np.where(top > 0, top, 1.0)
        neigh = neigh / scale[:, None, None]
    row, col = refine_peaks(spec, n, m, rs, cs, neigh, int(upsampling))
    del spec
    # PEAK: normalised correlation of the tapered windows at the refined shift (unnormalised spectrum)
    # (ufuncs rather than np.clip / np.nan_to_num, whose Python overhead counted at this batch size)
    zero = np.zeros(1)
    finite = np.isfinite(row) & np.isfinite(col)
    num = dft_points(cross, n, m, np.where(finite, row, 0.0), np.where(finite, col, 0.0), zero, zero)[:, 0, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        peak = num / np.sqrt(e_ref * e_tar)
        snr = np.where(second > 0, top / second, np.inf)
        peak[~np.isfinite(peak)] = 0.0
        np.minimum(np.maximum(peak, -1.0, out=peak), 1.0, out=peak)
        nrms = np.sqrt(np.maximum(1.0 - peak * peak, 0.0))
    row[flat] = np.nan
    col[flat] = np.nan
    peak[flat] = 0.0
    snr[flat] = 0.0
    nrms[flat] = 1.0
    # a shift of half the window is ambiguous (aliased): flag it
    edge = (np.abs(row) >= n / 2 - 1) | (np.abs(col) >= m / 2 - 1)
    row[edge] = np.nan
    col[edge] = np.nan
    return {"dcol": col, "drow": row, "peak": peak, "snr": snr, "nrms": nrms}


def is_flat(energy: np.ndarray, mean: np.ndarray, sum_w2: float) -> np.ndarray:
    """Textureless windows: the tapered window's rms is a negligible fraction of its level (or exactly 0).

    ``sum_w2``: the sum of the squared 2-D taper.
    """
    return ~(energy > (FLAT_RELATIVE * mean) ** 2 * sum_w2)


def cross_power(f_ref: np.ndarray, f_tar: np.ndarray, beta: float, workspace: Optional[Workspace] = None):
    """Cross-power ``P = conj(F_ref) F_tar`` (written into ``f_ref``) and ``P / |P|**beta`` (into ``f_tar``).

    ``f_ref`` holds the conjugate reference spectra. ``|P|**-beta`` comes from
    ``|P|**2`` (cheaper than ``abs``, which uses hypot) and is applied as a
    real factor (no complex division). With ``beta`` 0 both returned arrays
    are ``P``.
    """
    cross = np.multiply(f_ref, f_tar, out=f_ref)
    if beta <= 0:
        return cross, cross
    ws = workspace or Workspace()
    # np.square, not multiply(x, x): numpy vectorises the unary loop on these strided views (5x faster here)
    mag2 = np.square(cross.real, out=ws.array("mag2", cross.shape, np.float32))
    mag2 += np.square(cross.imag, out=ws.array("tmp", cross.shape, np.float32))
    mag2 += np.float32(1e-37)  # exact zeros (a constant window) stay 0
    if beta == 0.5:
        np.sqrt(mag2, out=mag2)
        np.sqrt(mag2, out=mag2)
    elif beta == 1.0:
        np.sqrt(mag2, out=mag2)
    else:
        np.power(mag2, np.float32(beta / 2), out=mag2)
    np.reciprocal(mag2, out=mag2)
    return cross, np.multiply(cross, mag2, out=f_tar)


def peaks(surf: np.ndarray, exclusion: int):
    """Maximum of every surface, its 3x3 neighbourhood, and the highest value outside an exclusion zone.

    Parameters
    ----------
    surf : (B, n, m) correlation surfaces (index = shift modulo size); overwritten.
    exclusion : half-size of the zone around the maximum ignored by the second-peak search.

    Returns
    -------
    r0, c0 : (B,) position of the maximum; top : (B,) its value; neigh :
    (B, 3, 3) the values around it; second : (B,) the highest value outside
    the ``(2*exclusion+1)**2`` zone (all circular, float64 values).
    """
    b, n, m = surf.shape
    flat_idx = np.argmax(surf.reshape(b, -1), axis=1)
    r0, c0 = np.divmod(flat_idx, m)
    ib = np.arange(b)
    k3 = np.array([-1, 0, 1])
    rr = (r0[:, None] + k3[None, :]) % n
    cc = (c0[:, None] + k3[None, :]) % m
    neigh = surf[ib[:, None, None], rr[:, :, None], cc[:, None, :]].astype(np.float64)
    top = surf[ib, r0, c0].astype(np.float64)
    ex = np.arange(-exclusion, exclusion + 1)
    er = (r0[:, None] + ex[None, :]) % n
    ec = (c0[:, None] + ex[None, :]) % m
    surf[ib[:, None, None], er[:, :, None], ec[:, None, :]] = -np.inf
    second = surf.reshape(b, -1).max(axis=1).astype(np.float64)
    return r0, c0, top, neigh, second
