"""The time-series model and its per-pixel solution (pure numpy).

Model
-----
Dates ``t_0 < ... < t_{D-1}``; unknowns are the ``M = D - 1`` displacement
increments ``u_i`` between consecutive dates. Pair ``k`` (dates ``a_k <
b_k``) measures ``d_k = u_{a_k} + ... + u_{b_k - 1}`` (target minus
reference). Per pixel, with data weights ``w_k`` (``1 / SIGMA^2`` when the
products carry SIGMA_DX / SIGMA_DY, 1 otherwise, 0 for a pair that is NaN at
that pixel) and robust weights ``rho_k`` (Tukey biweight, 1 without
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
pixels). Pixels sharing one set of valid pairs are first solved together from
one factorisation (:func:`solve_patterns`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Sequence, Tuple

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


def solve_patterns(design: Design, d: np.ndarray, valid: np.ndarray, gtg: np.ndarray, lam2: float,
                   ridge: float) -> Optional[np.ndarray]:
    """Uniform-weight solution, one factorisation per validity pattern; increments (M, r, n).

    Pixels sharing a pattern are one batched system (one matrix, many right-hand
    sides). Returns None when there are too many patterns for this to pay.
    """
    pats, inverse = patterns(valid)
    n = valid.shape[1]
    if pats.shape[0] > max(64, n // 32):
        return None
    a = design.matrix()
    m = design.unknowns
    out = np.full((m,) + d.shape[1:], np.nan)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(pats.shape[0] + 1))
    reg = lam2 * gtg + ridge * np.eye(m)
    for p in range(pats.shape[0]):
        idx = order[bounds[p]:bounds[p + 1]]
        av = a[pats[p]]
        if not av.shape[0]:
            continue
        try:
            f = np.linalg.cholesky(av.T @ av + reg)
        except np.linalg.LinAlgError:
            continue
        rhs = np.einsum("km,krn->mrn", av, d[pats[p]][:, :, idx])
        y = np.linalg.solve(f, rhs.reshape(m, -1))
        out[:, :, idx] = np.linalg.solve(f.T, y).reshape((m,) + rhs.shape[1:])
    return out


def _solve_pixels(design: Design, w: np.ndarray, d: np.ndarray, gtg: np.ndarray, lam2: float, ridge: float,
                  dtype=np.float64):
    """Per-pixel weighted solution; (increments (M, r, n), Cholesky factors, ok (n,))."""
    w = w.astype(dtype, copy=False)
    nm = normal_matrices(design, w)
    nm += (lam2 * gtg + ridge * np.eye(design.unknowns)).astype(dtype)[:, :, None]
    rhs = right_hand_sides(design, (w[:, None, :] * d).astype(dtype))
    scale = np.maximum(np.einsum("iin->n", nm) / design.unknowns, 1e-300)
    low, ok = linalg.cholesky(nm / scale, tiny=1e-10 if dtype == np.float64 else 1e-5)
    low *= np.sqrt(scale)
    return linalg.solve(low, rhs), low, ok


def _robust_weights(r: np.ndarray, d: np.ndarray, wdata: np.ndarray, valid: np.ndarray, dof_ok: np.ndarray) -> np.ndarray:
    """Tukey biweight of each pair's normalised residual vector; (P, n). r: (P, 2, n) DX/DY residuals."""
    e = np.sqrt(0.5 * (r[:, 0] ** 2 * wdata[0] + r[:, 1] ** 2 * wdata[1]))
    srt = np.sort(np.where(valid, e, np.inf), axis=0)
    cnt = valid.sum(axis=0)
    cols = np.arange(e.shape[1])
    lo = np.maximum((cnt - 1) // 2, 0)
    hi = np.maximum(cnt // 2, 0)
    med = 0.5 * (srt[np.minimum(lo, e.shape[0] - 1), cols] + srt[np.minimum(hi, e.shape[0] - 1), cols])
    # floor: exact data (zero residuals) must not reject pairs on the rounding noise of the float32 passes
    level = np.sqrt(0.5 * np.sum(np.where(valid, d[:, 0] ** 2 * wdata[0] + d[:, 1] ** 2 * wdata[1], 0.0), axis=0)
                    / np.maximum(cnt, 1))
    scale = np.maximum(med / _RAYLEIGH_MEDIAN, 1e-4 * level + 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = e / (TUKEY_C * scale)
    rho = np.where(z < 1.0, (1.0 - z ** 2) ** 2, 0.0)
    keep = ~dof_ok | ~(scale > 0) | ~np.isfinite(scale)
    rho = np.where(keep[None, :], 1.0, rho)
    return np.where(valid, rho, 0.0)


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
        Regularisation of velocity changes (1) or acceleration changes (2).
    lam2 : float
        Regularisation weight (already scaled; 0 = none).
    robust : bool
        Tukey-biweight iterative re-weighting (``iterations`` passes).
    bridge : bool
        When False (no regularisation), dates not linked to the first date by
        the valid pairs of a pixel are NaN; when True they are bridged.

    Returns
    -------
    dict with ``c`` (D, 2, n) cumulative DX/DY, ``sigma`` (D, 2, n),
    ``velocity`` (M, 2, n) per interval (map units / year), ``residual`` (P, 2, n), ``rho`` (P, n) final robust weights, ``used``
    (n,) pairs used, ``groups`` (n,) connected groups of dates,
    ``rms`` (n,) residual RMS (map units), ``linked`` (D, n) dates linked to
    the first date by the pairs.
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
        wdata = np.broadcast_to(valid.astype(np.float64), (2, p, n))
    gtg = regulariser(design.t, order)
    gtg = gtg.T @ gtg
    lam_eff = max(lam2, 1e-9 * regularisation_scale(design, gtg))  # keeps disconnected pixels solvable
    ridge = 1e-12 * max(float(np.max(wdata, initial=1.0)), 1.0) * p
    pats, inverse = patterns(valid)
    pat_labels = date_labels(design, pats)
    labels = pat_labels[inverse].T  # (D, n)
    groups = (pat_labels == np.arange(design.dates)[None, :]).sum(axis=1)[inverse]
    used_any = valid.any(axis=0)
    dof_ok = valid.sum(axis=0) > m + 1

    rho = valid.astype(np.float64)
    if robust:
        u = solve_patterns(design, d, valid, gtg, max(lam_eff, 1e-6), ridge) if not have_sigma else None
        if u is None:
            u = _solve_pixels(design, wdata[0], d, gtg, max(lam_eff, 1e-6), ridge, np.float32)[0]
        for _ in range(iterations):
            r = d - predicted(design, cumulative(np.nan_to_num(u.astype(np.float64))))
            rho = _robust_weights(r, d, wdata, valid, dof_ok)
            w = rho * wdata[0]
            u = _solve_pixels(design, w, d, gtg, max(lam_eff, 1e-6), ridge, np.float32)[0]
    out_c = np.empty((m + 1, 2, n))
    out_s = np.empty((m + 1, 2, n))
    ok_all = used_any.copy()
    trace_h = np.zeros((2, n))
    rss = np.zeros((2, n))
    comps = [(0, 1)] if not have_sigma else [(0,), (1,)]
    resid = np.empty((p, 2, n))
    for comp in comps:
        w = rho * wdata[comp[0]]
        u, low, ok = _solve_pixels(design, w, d[:, list(comp)], gtg, lam_eff, ridge)
        ok_all &= ok
        c = cumulative(u)
        r = d[:, list(comp)] - predicted(design, c)
        linv = linalg.inverse_lower(low)
        z = np.zeros((m, m + 1, n))
        np.cumsum(linv, axis=1, out=z[:, 1:])  # z[:, j] = L^-1 C_j (C_j: ones on increments < j)
        q = np.einsum("kjn,kjn->jn", z, z)
        lev = np.empty_like(w)
        for k, (a, b) in enumerate(zip(design.start, design.stop)):
            dz = z[:, b] - z[:, a]
            lev[k] = w[k] * np.einsum("kn,kn->n", dz, dz)
        for j, ci in enumerate(comp):
            out_c[:, ci] = c[:, j]
            resid[:, ci] = r[:, j]
            rss[ci] = np.sum(w * r[:, j] ** 2, axis=0)
            trace_h[ci] = lev.sum(axis=0)
            out_s[:, ci] = q  # variance per unit s0^2 for now
    dof = rho.sum(axis=0)[None, :] - trace_h
    with np.errstate(divide="ignore", invalid="ignore"):
        s0sq = np.where(dof > 0.5, rss / np.maximum(dof, 0.5), 1.0 if have_sigma else np.nan)
    sigma = np.sqrt(out_s * s0sq[None, :, :])
    used = ((rho > 0) & valid).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rms = np.sqrt(np.sum((rho > 0) * (resid[:, 0] ** 2 + resid[:, 1] ** 2), axis=0) / used)
    linked = labels == labels[0:1]
    bad = ~ok_all
    velocity = np.diff(out_c, axis=0) / np.diff(design.t)[:, None, None]
    if not bridge:
        out_c = np.where(linked[:, None, :], out_c, np.nan)
        sigma = np.where(linked[:, None, :], sigma, np.nan)
        velocity = np.where((labels[1:] == labels[:-1])[:, None, :], velocity, np.nan)
    velocity[:, :, bad] = np.nan
    out_c[:, :, bad] = np.nan
    sigma[:, :, bad] = np.nan
    resid[:, :, bad] = np.nan
    resid = np.where(valid[:, None, :], resid, np.nan)
    rms[bad] = np.nan
    return {"c": out_c, "sigma": sigma, "velocity": velocity, "residual": resid, "rho": np.where(valid, rho, np.nan), "used": used,
            "groups": np.where(used_any, groups, 0), "rms": rms, "linked": linked, "ok": ok_all,
            "s0sq": s0sq, "dof": dof}


def mean_velocity(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Mean velocity (2, n) over the whole series, map units per year (last minus first over the time span)."""
    return c[-1] / (t[-1] - t[0])
