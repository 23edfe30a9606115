"""The time-series model and its per-pixel solution (pure numpy).

Model
-----
Dates ``t_0 < ... < t_{D-1}``; unknowns are the ``M = D - 1`` displacement
increments ``u_i`` between consecutive dates. Pair ``k`` (dates ``a_k <
b_k``) measures ``d_k = u_{a_k} + ... + u_{b_k - 1}`` (target minus
reference). Per pixel, with data weights ``w_k`` (``1 / SIGMA^2`` when the
products carry SIGMA_DX / SIGMA_DY, 1 otherwise, 0 for a pair that is NaN at
that pixel) and robust weights ``rho_k`` (0 for a pair whose residual
exceeds the rejection point of Tukey's biweight, 1 otherwise and without
robustness), the solution minimises::

    sum_k rho_k w_k (d_k - A_k u)^2  +  lam2 * |G u|^2

``G`` (order 1) takes the change of velocity between consecutive intervals
per unit time (map units / year^2), order 2 the change of that change: a
constant velocity (order 1) or a constant acceleration (order 2) costs
nothing, so the regularisation bends a well-measured history very little and
bridges gaps and disconnected groups with the smoothest motion.

The cumulative displacement at date ``j`` is ``c_j = u_0 + ... + u_{j-1}``
(0 at the first date). Its 1-sigma is ``sqrt(s0^2 * (C N^-1 C^T)_jj)`` with
``N = A^T W A + lam2 G^T G`` and ``s0^2`` the a-posteriori variance factor
(weighted residual sum of squares over the residual degrees of freedom
``sum rho - trace(H)``, ``H`` the hat matrix).

Normal matrices are built per pixel with a 2-D cumulative sum (a pair adds
its weight to the square block of increments it spans), never from a dense
design matrix, and solved by :mod:`.linalg` (one vectorised Cholesky for all
pixels) when the weights differ from pixel to pixel (SIGMA bands); with
uniform weights, pixels sharing one set of used pairs are solved together
from one factorisation (:func:`fit_by_pattern`), which is much faster.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

import numpy as np

from . import linalg

TUKEY_C = 4.685
_RAYLEIGH_MEDIAN = float(np.sqrt(np.log(2.0)))  # median of sqrt((x^2 + y^2) / 2) for unit normals
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Design:
    """Pairs as date indices. ``start``/``stop``: (P,) index of each pair's reference/target date;
    ``t``: (D,) dates in years since the first date."""

    start: np.ndarray
    stop: np.ndarray
    t: np.ndarray

    @property
    def pairs(self) -> int:
        return int(self.start.size)

    @property
    def dates(self) -> int:
        return int(self.t.size)

    @property
    def unknowns(self) -> int:
        return int(self.t.size) - 1

    def matrix(self) -> np.ndarray:
        """Design matrix A (P, M): 1 where pair k spans increment i."""
        i = np.arange(self.unknowns)
        return ((i[None, :] >= self.start[:, None]) & (i[None, :] < self.stop[:, None])).astype(np.float64)


def regulariser(t: np.ndarray, order: int) -> np.ndarray:
    """G (R, M): differences of the interval velocities per unit time (years), of order 1 or 2."""
    if order not in (1, 2):
        raise ValueError("order must be 1 (smooth velocity) or 2 (smooth acceleration)")
    dt = np.diff(np.asarray(t, float))
    m = dt.size
    vel = np.diag(1.0 / dt)  # interval velocities from increments
    g = vel
    mids = (t[:-1] + t[1:]) / 2.0
    for _ in range(order):
        if g.shape[0] < 2:
            return np.zeros((0, m))
        h = np.diff(mids)
        g = (g[1:] - g[:-1]) / h[:, None]
        mids = (mids[:-1] + mids[1:]) / 2.0
    return g


def regularisation_scale(design: Design, gtg: np.ndarray, weight: float = 1.0) -> float:
    """lam2 per unit of the user's weight: the smoothness term as strong as the data (typical weight ``weight``)."""
    a = design.matrix()
    tr_g = float(np.trace(gtg))
    return float(np.trace(a.T @ a)) * weight / tr_g if tr_g > 0 else 0.0


def normal_matrices(design: Design, w: np.ndarray) -> np.ndarray:
    """A^T W A per pixel, (M, M, n), from weights w (P, n)."""
    m, n = design.unknowns, w.shape[1]
    c = np.zeros((m + 1, m + 1, n), dtype=w.dtype)
    for k, (a, b) in enumerate(zip(design.start, design.stop)):
        wk = w[k]
        c[a, a] += wk
        c[b, b] += wk
        c[a, b] -= wk
        c[b, a] -= wk
    for i in range(1, m):  # 2-D running sum, one contiguous slab at a time
        c[i] += c[i - 1]
    for i in range(1, m):
        c[:, i] += c[:, i - 1]
    return c[:m, :m]


def right_hand_sides(design: Design, wd: np.ndarray) -> np.ndarray:
    """A^T W d per pixel, (M, r, n), from weighted data wd (P, r, n)."""
    m = design.unknowns
    e = np.zeros((m + 1,) + wd.shape[1:], dtype=wd.dtype)
    for k, (a, b) in enumerate(zip(design.start, design.stop)):
        e[a] += wd[k]
        e[b] -= wd[k]
    for i in range(1, m):
        e[i] += e[i - 1]
    return e[:m]


def cumulative(u: np.ndarray) -> np.ndarray:
    """Cumulative displacement (D, ...) from increments (M, ...), 0 at the first date."""
    out = np.zeros((u.shape[0] + 1,) + u.shape[1:], dtype=u.dtype)
    np.cumsum(u, axis=0, out=out[1:])
    return out


def predicted(design: Design, c: np.ndarray) -> np.ndarray:
    """What each pair should measure, (P, ...) from cumulative displacement (D, ...)."""
    return c[design.stop] - c[design.start]


def patterns(valid: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Unique validity patterns of (P, n) booleans: (patterns (U, P) bool, inverse (n,) index into them)."""
    packed = np.ascontiguousarray(np.packbits(valid, axis=0).T)
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return valid[:, first].T.copy(), inverse.ravel()


def date_labels(design: Design, valid_patterns: np.ndarray) -> np.ndarray:
    """Connected-group label (the smallest date index of its group) of every date, (U, D), per pattern."""
    u = valid_patterns.shape[0]
    lab = np.tile(np.arange(design.dates), (u, 1))
    rows = np.arange(u)
    while True:
        before = lab.copy()
        for k, (a, b) in enumerate(zip(design.start, design.stop)):
            v = valid_patterns[:, k]
            m = np.minimum(lab[:, a], lab[:, b])
            lab[:, a] = np.where(v, m, lab[:, a])
            lab[:, b] = np.where(v, m, lab[:, b])
        # propagate through the labels themselves (pointer jumping)
        lab = lab[rows[:, None], lab]
        if np.array_equal(lab, before):
            return lab


@dataclass
class _Fit:
    """Increments u (M, 2, n); variance factors q (D, 2, n) of the cumulative displacement per unit s0^2;
    leverages lev (P, 2, n); ok (n,) where the system could be solved."""

    u: np.ndarray
    q: np.ndarray
    lev: np.ndarray
    ok: np.ndarray


def _uncertainty_factors(design: Design, linv: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(q (D, ...), leverage per unit weight (P, ...)) from L^-1 (M, M, ...): var(c_j) = s0^2 |L^-1 C_j|^2."""
    m = design.unknowns
    z = np.zeros((m, m + 1) + linv.shape[2:], dtype=linv.dtype)
    np.cumsum(linv, axis=1, out=z[:, 1:])  # z[:, j] = L^-1 C_j, C_j: ones on the increments before date j
    q = np.einsum("kj...,kj...->j...", z, z)
    lev = np.empty((design.pairs,) + linv.shape[2:], dtype=linv.dtype)
    for k, (a, b) in enumerate(zip(design.start, design.stop)):
        dz = z[:, b] - z[:, a]
        lev[k] = np.einsum("k...,k...->...", dz, dz)
    return q, lev


def fit_by_pattern(design: Design, d: np.ndarray, active: np.ndarray, reg: np.ndarray,
                   max_patterns: Optional[int] = None) -> Optional[_Fit]:
    """Uniform-weight fit, pixels grouped by their set of active pairs: one factorisation per group.

    ``d`` (P, 2, n) data, ``active`` (P, n) pairs used per pixel, ``reg`` (M, M)
    the regularisation added to A^T A. Pixels sharing a pattern form one batched
    system (one matrix, many right-hand sides); there is no loop over pixels.
    Returns None when there are more than ``max_patterns`` patterns.
    """
    pats, inverse = patterns(active)
    n = active.shape[1]
    if max_patterns is not None and pats.shape[0] > max_patterns:
        return None
    a = design.matrix()
    m, npat = design.unknowns, pats.shape[0]
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(npat + 1))
    d_sorted = d[:, :, order]
    u_sorted = np.full((m, 2, n), np.nan)
    q_pat = np.full((m + 1, npat), np.nan)
    lev_pat = np.zeros((design.pairs, npat))
    ok_pat = np.zeros(npat, bool)
    for p in range(npat):
        v = pats[p]
        if not v.any():
            continue
        av = a[v]
        try:
            low = np.linalg.cholesky(av.T @ av + reg)
        except np.linalg.LinAlgError:
            continue
        linv = np.linalg.inv(low)
        sl = slice(bounds[p], bounds[p + 1])
        rhs = av.T @ d_sorted[v, :, sl].reshape(int(v.sum()), -1)
        u_sorted[:, :, sl] = (linv.T @ (linv @ rhs)).reshape(m, 2, -1)
        z = np.zeros((m, m + 1))
        np.cumsum(linv, axis=1, out=z[:, 1:])
        q_pat[:, p] = np.einsum("kj,kj->j", z, z)
        dz = z[:, design.stop] - z[:, design.start]
        lev_pat[:, p] = np.einsum("kp,kp->p", dz, dz) * v
        ok_pat[p] = True
    u = np.empty_like(u_sorted)
    u[:, :, order] = u_sorted
    q = np.broadcast_to(q_pat[:, None, inverse], (m + 1, 2, n))
    lev = np.broadcast_to(lev_pat[:, None, inverse], (design.pairs, 2, n))
    return _Fit(u, q, lev, ok_pat[inverse])


def fit_by_pixel(design: Design, w: np.ndarray, d: np.ndarray, reg: np.ndarray, uncertainty: bool = True) -> _Fit:
    """Per-pixel weighted fit; ``w`` (2, P, n) weights per component (0 = pair not used)."""
    m, n = design.unknowns, d.shape[2]
    u = np.empty((m, 2, n))
    q = np.full((m + 1, 2, n), np.nan)
    lev = np.zeros((design.pairs, 2, n))
    ok = np.ones(n, bool)
    same = w[0] is w[1] or np.array_equal(w[0], w[1])
    for comps in ([0, 1],) if same else ([0], [1]):
        wc = w[comps[0]]
        nm = normal_matrices(design, wc)
        nm += reg[:, :, None]
        scale = np.maximum(np.einsum("iin->n", nm) / m, 1e-300)
        low, okc = linalg.cholesky(nm / scale, tiny=1e-12)
        low *= np.sqrt(scale)
        ok &= okc
        rhs = right_hand_sides(design, wc[:, None, :] * d[:, comps])
        u[:, comps] = linalg.solve(low, rhs)
        if uncertainty:
            qc, levc = _uncertainty_factors(design, linalg.inverse_lower(low))
            for c in comps:
                q[:, c] = qc
                lev[:, c] = levc * wc
    return _Fit(u, q, lev, ok)


def robust_scale(e: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Per-pixel robust sigma of the residual magnitudes e (P, n) over the active pairs (median / its
    expectation for a 2-D Gaussian)."""
    cnt = active.sum(axis=0)
    srt = np.where(active, e, np.inf).T  # (n, P): partition along the contiguous axis
    ks = np.unique(np.r_[np.maximum((cnt - 1) // 2, 0), np.maximum(cnt // 2, 0)])
    srt = np.partition(srt, ks, axis=1)
    rows = np.arange(srt.shape[0])
    lo = srt[rows, np.maximum((cnt - 1) // 2, 0)]
    hi = srt[rows, np.maximum(cnt // 2, 0)]
    return 0.5 * (lo + hi) / _RAYLEIGH_MEDIAN


def solve_block(design: Design, dx: np.ndarray, dy: np.ndarray, sx: Optional[np.ndarray] = None,
                sy: Optional[np.ndarray] = None, order: int = 1, lam2: float = 0.0, robust: bool = True,
                iterations: int = 4, bridge: bool = True) -> Dict[str, np.ndarray]:
    """Solve the time series of n pixels.

    Parameters
    ----------
    dx, dy : (P, n) arrays
        Pair displacements (map units), NaN where a pair has no value.
    sx, sy : (P, n) arrays, optional
        1-sigma of dx, dy (map units); weights are 1/sigma^2 (uniform without them).
    order : {1, 2}
        Regularisation of velocity changes (1) or of acceleration changes (2).
    lam2 : float
        Regularisation weight (already scaled; 0 = none).
    robust : bool
        Iterative re-weighting against bad pairs: a pair whose residual exceeds
        the rejection point of Tukey's biweight (4.685 robust sigmas of the
        pixel's residuals) gets weight 0, the others keep their weight, and the
        pixel is solved again (up to ``iterations`` times). 0/1 weights keep
        pixels with the same surviving pairs in one batched system.
    bridge : bool
        When False (no regularisation), dates not linked to the first date by
        the valid pairs of a pixel are NaN; when True they are bridged.

    Returns
    -------
    dict with ``c`` (D, 2, n) cumulative DX/DY, ``sigma`` (D, 2, n),
    ``velocity`` (M, 2, n) per interval (map units / year), ``residual`` (P, 2, n),
    ``rho`` (P, n) final pair weights (1 used, 0 rejected, NaN no value), ``used``
    (n,) pairs used, ``groups`` (n,) connected groups of dates, ``rms`` (n,)
    residual RMS (map units), ``linked`` (D, n) dates linked to the first date.
    """
    p, n = dx.shape
    m = design.unknowns
    valid = np.isfinite(dx) & np.isfinite(dy)
    have_sigma = sx is not None and sy is not None
    if have_sigma:
        valid &= np.isfinite(sx) & np.isfinite(sy) & (sx > 0) & (sy > 0)
    d = np.stack([np.where(valid, dx, 0.0), np.where(valid, dy, 0.0)], axis=1).astype(np.float64)
    if have_sigma:
        wdata = np.stack([np.where(valid, 1.0 / np.where(valid, sx, 1.0) ** 2, 0.0),
                          np.where(valid, 1.0 / np.where(valid, sy, 1.0) ** 2, 0.0)])
    else:
        wdata = np.broadcast_to(np.ones((p, n)), (2, p, n))
    gtg = regulariser(design.t, order)
    gtg = gtg.T @ gtg
    # a vanishing regularisation keeps pixels with disconnected groups solvable (their links are NaN'd below)
    lam_eff = max(lam2, 1e-9 * regularisation_scale(design, gtg))
    reg = lam_eff * gtg + 1e-12 * p * float(np.max(wdata, initial=1.0)) * np.eye(m)
    pats, inverse = patterns(valid)
    pat_labels = date_labels(design, pats)
    labels = pat_labels[inverse].T  # (D, n)
    groups = (pat_labels == np.arange(design.dates)[None, :]).sum(axis=1)[inverse]
    dof_ok = valid.sum(axis=0) > m + 1
    active = valid
    by_pattern = not have_sigma
    for it in range(1 + (iterations if robust else 0)):
        fit = fit_by_pattern(design, d, active, reg, max(64, n // 16)) if by_pattern else None
        if fit is None:
            by_pattern = False
            fit = fit_by_pixel(design, wdata * active, d, reg, uncertainty=False)
        if not robust or it == iterations:
            break
        r = d - predicted(design, cumulative(np.nan_to_num(fit.u)))
        e = np.sqrt(0.5 * (r[:, 0] ** 2 * wdata[0] + r[:, 1] ** 2 * wdata[1]))
        # floor: exact data must not reject pairs on rounding noise
        level = np.sqrt(0.5 * np.sum(np.where(valid, d[:, 0] ** 2 * wdata[0] + d[:, 1] ** 2 * wdata[1], 0.0),
                                     axis=0) / np.maximum(valid.sum(axis=0), 1))
        scale = np.maximum(robust_scale(e, active), 1e-6 * level + 1e-12)
        # the first passes cut tighter: the least-squares start spreads a bad pair's error over the others
        cut = TUKEY_C if it + 1 >= iterations else min(TUKEY_C, 3.0 + 0.5 * it)
        new = valid & ((e <= cut * scale[None, :]) | ~dof_ok[None, :])
        if cut == TUKEY_C and np.array_equal(new, active):  # stopping earlier would make pixels depend on
            break                                             # the others in the block (the cut schedule)
        active = new
    if not by_pattern:  # the per-pixel passes skip the uncertainty; the last one gets it
        fit = fit_by_pixel(design, wdata * active, d, reg, uncertainty=True)
    c = cumulative(fit.u)
    resid = d - predicted(design, c)
    w = wdata * active
    rss = np.stack([np.sum(w[k] * resid[:, k] ** 2, axis=0) for k in (0, 1)])
    dof = active.sum(axis=0)[None, :] - fit.lev.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        s0sq = np.where(dof > 0.5, rss / np.maximum(dof, 0.5), 1.0 if have_sigma else np.nan)
    sigma = np.sqrt(fit.q * s0sq[None, :, :])
    used = active.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rms = np.sqrt(np.sum(active * (resid[:, 0] ** 2 + resid[:, 1] ** 2), axis=0) / used)
    linked = labels == labels[0:1]
    bad = ~fit.ok | (used == 0)
    velocity = np.diff(c, axis=0) / np.diff(design.t)[:, None, None]
    if not bridge:
        c = np.where(linked[:, None, :], c, np.nan)
        sigma = np.where(linked[:, None, :], sigma, np.nan)
        velocity = np.where((labels[1:] == labels[:-1])[:, None, :], velocity, np.nan)
    for a in (c, sigma, velocity, resid):
        a[:, :, bad] = np.nan
    rms[bad] = np.nan
    resid = np.where(valid[:, None, :], resid, np.nan)
    return {"c": c, "sigma": sigma, "velocity": velocity, "residual": resid,
            "rho": np.where(valid, active.astype(float), np.nan), "used": used,
            "groups": np.where(valid.any(axis=0), groups, 0), "rms": rms, "linked": linked, "ok": ~bad,
            "s0sq": s0sq, "dof": dof}
