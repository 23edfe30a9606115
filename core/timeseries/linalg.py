"""Many small symmetric positive-definite systems solved at once, one per pixel.

Arrays are laid out pixel-last, ``(M, M, n)`` for the matrices and
``(M, r, n)`` for ``r`` right-hand sides, so that every step of the
Cholesky factorisation is one vector operation over all ``n`` pixels: there
is no Python loop over pixels, only over the ``M`` (< ~200) unknowns.
"""
from __future__ import annotations

from typing import Tuple

import numpy as np


def cholesky(a: np.ndarray, tiny: float = 0.0) -> Tuple[np.ndarray, np.ndarray]:
    """Lower Cholesky factors of a stack of SPD matrices ``a`` (M, M, n).

    Returns ``(L, ok)``: ``ok[p]`` is False where pixel ``p``'s matrix is not
    numerically positive definite (a pivot at or below ``tiny``); its factor
    is then meaningless (finite, pivots set to 1).
    """
    m, _, n = a.shape
    low = np.zeros_like(a)
    ok = np.ones(n, bool)
    for j in range(m):
        lj = low[j, :j]
        s = a[j, j] - np.einsum("kn,kn->n", lj, lj) if j else a[j, j].copy()
        bad = ~(s > tiny)
        if bad.any():
            ok &= ~bad
            s = np.where(bad, 1.0, s)
        d = np.sqrt(s)
        low[j, j] = d
        if j + 1 < m:
            col = a[j + 1:, j] - np.einsum("ikn,kn->in", low[j + 1:, :j], lj) if j else a[j + 1:, j]
            low[j + 1:, j] = col / d
    return low, ok


def forward(low: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve L y = b for lower-triangular stacks L (M, M, n), b (M, r, n)."""
    m = low.shape[0]
    y = np.empty_like(b)
    for i in range(m):
        s = b[i] - np.einsum("kn,krn->rn", low[i, :i], y[:i]) if i else b[i]
        y[i] = s / low[i, i]
    return y


def backward(low: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Solve L^T x = y for lower-triangular stacks L (M, M, n), y (M, r, n)."""
    m = low.shape[0]
    x = np.empty_like(y)
    for i in range(m - 1, -1, -1):
        s = y[i] - np.einsum("kn,krn->rn", low[i + 1:, i], x[i + 1:]) if i < m - 1 else y[i]
        x[i] = s / low[i, i]
    return x


def solve(low: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x with (L L^T) x = b."""
    return backward(low, forward(low, b))


def inverse_lower(low: np.ndarray) -> np.ndarray:
    """L^-1 for lower-triangular stacks (M, M, n) (lower triangular too)."""
    m, _, n = low.shape
    inv = np.zeros_like(low)
    for i in range(m):
        inv[i, i] = 1.0 / low[i, i]
        if i:
            # row i of L^-1: -(sum_k L[i,k] inv[k,:i]) / L[i,i] over k < i
            inv[i, :i] = -np.einsum("kn,kjn->jn", low[i, :i], inv[:i, :i]) / low[i, i]
    return inv
