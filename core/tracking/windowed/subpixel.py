"""Batched sub-pixel peak refinement by matrix-multiply DFT (Guizar-Sicairos 2008).

A correlation surface that comes from a cross-spectrum ``X`` (rfft layout,
``(B, N, N//2+1)`` for ``B`` windows of size ``N``) can be evaluated exactly,
as its band-limited (trigonometric) interpolation, at any fractional shift::

    c(u, v) = 1/N**2 * Re sum_k sum_l w_l X[k, l] exp(+2 pi i (k' u + l v) / N)

with ``k'`` the signed frequency of row ``k`` and ``w_l`` = 1 for the DC and
Nyquist columns and 2 for the others (Hermitian symmetry of a real
surface). For a small ``m x m`` set of points this is two small matrix
products per window (``N x (N/2+1) x m`` then ``m x N x m``), batched over
the stack with ``np.matmul``: far cheaper than an upsampled FFT.

Refinement used by both windowed trackers
-----------------------------------------
1. integer peak (argmax of the inverse FFT, or of the NCC surface);
2. a 2-D quadratic (least squares over the 3x3 neighbourhood) gives a first
   sub-pixel estimate;
3. the surface is evaluated by DFT on a 5x5 grid of spacing ``1/upsampling``
   px (preceded by a 1/4 px stage when ``upsampling`` > 14) around that
   estimate rounded to that grid; a 2-D quadratic is fitted to the 3x3
   around its maximum; where the fitted vertex is more than
   :data:`RECENTRE` (3/4) of a step from that 3x3's centre, a 3x3 grid is
   re-centred on it (at most ``iterations`` times) until it lies within that.

The final quadratic fit on the fine grid makes the result continuous, not
quantised to ``1/upsampling`` (quantisation would be peak-locking); with
the fit centred within 3/4 of a step of the true peak its own bias is a
third-order term, below 0.005 px for ``upsampling >= 8`` (measured in
``scripts/bench_correlation.py``: RMSE and peak-locking are the same as
with re-centring beyond half a step, which cost a DFT call for 5 % of the
windows).

The grids of step 3 sit on multiples of the step, so their DFT kernels are
rows of two tables made once per window size and step
(:func:`dft_grid`): a window's kernels are gathered, not computed.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional, Tuple

import numpy as np

# Least-squares 2-D quadratic f = a + b x + c y + d x^2 + e x y + f y^2 on the
# 3x3 stencil x, y in {-1, 0, 1}: the pseudo-inverse maps the 9 values to the 6 coefficients.
_GX, _GY = np.meshgrid([-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0])  # _GX varies along columns
_DESIGN = np.stack([np.ones(9), _GX.ravel(), _GY.ravel(), _GX.ravel() ** 2, (_GX * _GY).ravel(), _GY.ravel() ** 2], 1)
_PINV = np.linalg.pinv(_DESIGN)  # (6, 9)
RECENTRE = 0.75  # re-centre the 3x3 fit when its vertex is further than this (grid steps)


def quadratic_peak(values: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertex of the least-squares quadratic through 3x3 samples.

    Parameters
    ----------
    values : (B, 3, 3) array, rows = ``y`` (-1, 0, 1), columns = ``x``.

    Returns
    -------
    dx, dy : (B,) offsets of the vertex from the centre sample, in grid
        steps, clipped to [-1, 1] (a vertex further away means the surface
        is not peaked there; the caller re-centres).
    height : (B,) value of the quadratic at the vertex.
    """
    coef = quadratic_coefficients(values)
    a, b, c, d, e, f = coef.T
    # one errstate for the whole computation: this runs several times per batch of windows
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        det = 4.0 * d * f - e * e
        ok = (det > 0) & (d < 0)  # a maximum
        dx = (e * c - 2.0 * f * b) / det
        dy = (e * b - 2.0 * d * c) / det
        # no maximum: fall back on separable 3-point parabolas
        if not ok.all():
            bad = ~ok
            v = values[bad].astype(np.float64)
            dx[bad] = _parabola(v[:, 1, 0], v[:, 1, 1], v[:, 1, 2])
            dy[bad] = _parabola(v[:, 0, 1], v[:, 1, 1], v[:, 2, 1])
        dx[np.isnan(dx)] = 0.0
        dy[np.isnan(dy)] = 0.0
        np.minimum(np.maximum(dx, -1.0, out=dx), 1.0, out=dx)  # ufuncs: np.clip's overhead counted here
        np.minimum(np.maximum(dy, -1.0, out=dy), 1.0, out=dy)
        height = a + b * dx + c * dy + d * dx * dx + e * dx * dy + f * dy * dy
    return dx, dy, height


def quadratic_coefficients(values: np.ndarray) -> np.ndarray:
    """(B, 6) least-squares coefficients (1, x, y, x^2, xy, y^2) of 3x3 samples (rows = y).

    """
    return values.reshape(values.shape[0], 9).astype(np.float64) @ _PINV.T


def quadratic_eval(coef: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Evaluate (B, 6) quadratics at per-window offsets ``x`` (B, p) and ``y`` (B, m) -> (B, m, p)."""
    xx = x[:, None, :]
    yy = y[:, :, None]
    c = [coef[:, i][:, None, None] for i in range(6)]
    return c[0] + c[1] * xx + c[2] * yy + c[3] * xx * xx + c[4] * xx * yy + c[5] * yy * yy


def _parabola(fm: np.ndarray, f0: np.ndarray, fp: np.ndarray) -> np.ndarray:
    den = fm - 2.0 * f0 + fp
    with np.errstate(divide="ignore", invalid="ignore"):
        off = np.where(den < 0, 0.5 * (fm - fp) / den, 0.0)
    return np.clip(np.nan_to_num(off), -1.0, 1.0)


def signed_frequencies(n: int) -> np.ndarray:
    """Signed frequency index of each FFT bin (0, 1, ..., n/2-1, -n/2, ..., -1)."""
    k = np.arange(n, dtype=np.float64)
    return np.where(k < (n + 1) // 2, k, k - n)


@lru_cache(maxsize=32)
def _freqs(n_rows: int, n_cols: int):
    nh = n_cols // 2 + 1
    kc = np.arange(nh, dtype=np.float64)
    w = np.full(nh, 2.0)
    w[0] = 1.0
    if n_cols % 2 == 0:
        w[-1] = 1.0
    return kc, w, signed_frequencies(n_rows)


def _powers(shift: np.ndarray, n: int, kmax: int) -> np.ndarray:
    """``exp(2 pi i shift k / n)`` for ``k = 0 .. kmax``: (B, kmax+1) complex128.

    Powers of one complex exponential per window (a cumulative product)
    rather than ``kmax`` exponentials per window, which dominated the cost of
    small DFTs; rounding stays below 1e-13.
    """
    z = np.exp((2j * np.pi / n) * np.asarray(shift, dtype=np.float64))
    out = np.empty((z.size, kmax + 1), dtype=np.complex128)
    out[:, 0] = 1.0
    if kmax:
        out[:, 1:] = z[:, None]
        np.cumprod(out[:, 1:], axis=1, out=out[:, 1:])
    return out


def _signed_ramps(shift: np.ndarray, n: int) -> np.ndarray:
    """``exp(2 pi i shift k / n)`` for the signed FFT frequencies ``k`` of length ``n`` (B, n)."""
    half = n // 2
    p = _powers(shift, n, half)
    out = np.empty((p.shape[0], n), dtype=np.complex128)
    pos = (n + 1) // 2  # number of non-negative frequencies
    out[:, :pos] = p[:, :pos]
    out[:, pos:] = np.conj(p[:, n - pos:0:-1])  # frequencies -(n - pos) .. -1
    return out


@lru_cache(maxsize=64)
def _offset_kernels(n_rows: int, n_cols: int, row_off: tuple, col_off: tuple):
    kc, w, kr = _freqs(n_rows, n_cols)
    e_c = w[:, None] * np.exp((2j * np.pi / n_cols) * kc[:, None] * np.asarray(col_off)[None, :])  # (nh, p)
    e_r = np.exp((2j * np.pi / n_rows) * np.asarray(row_off)[:, None] * kr[None, :])  # (m, n_rows)
    return e_c, e_r


def dft_points(spectrum: np.ndarray, n_rows: int, n_cols: int, row_c: np.ndarray, col_c: np.ndarray,
               row_off: np.ndarray, col_off: np.ndarray) -> np.ndarray:
    """Real surface of an rfft2 ``spectrum`` on a small grid around per-window centres.

    Parameters
    ----------
    spectrum : (B, n_rows, n_cols//2+1) complex array (rfft2 layout).
    n_rows, n_cols : size of the real surface.
    row_c, col_c : (B,) centre shifts (pixels, fractional allowed, signed).
    row_off, col_off : (m,), (p,) offsets of the grid from the centre (shared by all windows).

    Returns
    -------
    (B, m, p) float64: the inverse DFT (``irfft2``) of ``spectrum`` at
    (row_c + row_off[i], col_c + col_off[j]) by trigonometric interpolation.

    The column kernel of each window is its phase ramp times the offsets'
    kernel, so the spectrum is read once; the row ramps are applied to the
    small intermediate result.
    """
    b, _, nh = spectrum.shape
    cdt = np.complex64 if spectrum.dtype == np.complex64 else np.complex128
    e_c, e_r = _offset_kernels(n_rows, n_cols, tuple(np.asarray(row_off, dtype=float).tolist()),
                               tuple(np.asarray(col_off, dtype=float).tolist()))
    ker_c = np.multiply(_powers(col_c, n_cols, nh - 1)[:, :, None], e_c[None], dtype=cdt,
                        casting="same_kind")  # (B, nh, p)
    y = np.matmul(spectrum, ker_c)  # (B, n_rows, p): the columns contracted, one small product per window
    y *= _signed_ramps(row_c, n_rows).astype(cdt)[:, :, None]
    # the rows: one matrix product for the whole stack with the shared offsets' kernel
    p = y.shape[2]
    stacked = np.ascontiguousarray(y.transpose(1, 0, 2)).reshape(n_rows, b * p)
    z = (e_r.astype(cdt) @ stacked).reshape(e_r.shape[0], b, p).transpose(1, 0, 2)  # (B, m, p)
    return np.multiply(z.real, 1.0 / float(n_rows * n_cols), dtype=np.float64)


GRID_TABLES_MAX = 8 << 20  # bytes of the kernel tables of one (window size, step); larger: computed per call


@lru_cache(maxsize=8)
def _grid_tables(n_rows: int, n_cols: int, steps_per_px: int):
    """Kernels of :func:`dft_points` at every multiple of ``1/steps_per_px`` px over one period.

    Row ``q`` of the first table is the column kernel at column shift
    ``q/steps_per_px`` (weights included; (n_cols*steps_per_px, n_cols//2+1));
    row ``q`` of the second the row kernel at row shift ``q/steps_per_px``
    ((n_rows*steps_per_px, n_rows)); complex64. The phases are reduced
    modulo the period in integers, so every entry is as exact as one
    complex64 exponential.
    """
    kc, w, kr = _freqs(n_rows, n_cols)

    def table(n, k):
        period = n * steps_per_px
        q = np.arange(period, dtype=np.int64)[:, None]
        turns = (q * k.astype(np.int64)[None, :]) % period  # q/steps * k/n turns, in units of 1/period
        return np.exp((2j * np.pi / period) * turns)

    cols = (w[None, :] * table(n_cols, kc)).astype(np.complex64)
    rows = table(n_rows, kr).astype(np.complex64)
    cols.setflags(write=False)
    rows.setflags(write=False)
    return cols, rows


def grid_tables_fit(n_rows: int, n_cols: int, steps_per_px: int) -> bool:
    """Whether :func:`dft_grid`'s tables for this window size and step stay within :data:`GRID_TABLES_MAX`."""
    entries = n_cols * steps_per_px * (n_cols // 2 + 1) + n_rows * steps_per_px * n_rows
    return entries * 8 <= GRID_TABLES_MAX


def dft_grid(spectrum: np.ndarray, n_rows: int, n_cols: int, row_steps: np.ndarray, col_steps: np.ndarray,
             steps_per_px: int, offsets: np.ndarray) -> np.ndarray:
    """:func:`dft_points` on grids of step ``1/steps_per_px`` px centred on multiples of the step.

    Parameters
    ----------
    spectrum : (B, n_rows, n_cols//2+1) complex64 (rfft2 layout).
    row_steps, col_steps : (B,) integer centres, in steps (the centre is
        ``row_steps / steps_per_px`` px, signed).
    offsets : (m,) integer offsets of the grid from the centre, in steps,
        the same for rows and columns.

    Returns
    -------
    (B, m, m) float64: the surface at ``((row_steps + offsets[i]) / steps_per_px,
    (col_steps + offsets[j]) / steps_per_px)``, as :func:`dft_points`
    computes it (to float32 rounding) but with the kernels taken from
    tables (:func:`_grid_tables`): two small matrix products per window.
    """
    cols, rows = _grid_tables(n_rows, n_cols, int(steps_per_px))
    off = np.asarray(offsets, dtype=np.int64)[None, :]
    ker_c = np.take(cols, (np.asarray(col_steps, dtype=np.int64)[:, None] + off) % cols.shape[0], axis=0)
    ker_r = np.take(rows, (np.asarray(row_steps, dtype=np.int64)[:, None] + off) % rows.shape[0], axis=0)
    y = np.matmul(spectrum, ker_c.transpose(0, 2, 1))  # (B, n_rows, m): the columns contracted
    z = np.matmul(ker_r, y)  # (B, m, m)
    return np.multiply(z.real, 1.0 / float(n_rows * n_cols), dtype=np.float64)


def _surface_on_grid(spectrum, n_rows, n_cols, r_steps, c_steps, h, steps, offsets):
    """The surface on the grid of step ``h = 1/steps`` px around the given centres (in steps): tabled when it fits."""
    if spectrum.dtype == np.complex64 and grid_tables_fit(n_rows, n_cols, steps):
        return dft_grid(spectrum, n_rows, n_cols, r_steps, c_steps, steps, offsets)
    offs = h * np.asarray(offsets, dtype=np.float64)
    return dft_points(spectrum, n_rows, n_cols, r_steps * h, c_steps * h, offs, offs)


def refine_peaks(
    spectrum: np.ndarray,
    n_rows: int,
    n_cols: int,
    row0: np.ndarray,
    col0: np.ndarray,
    neighbourhood: np.ndarray,
    upsampling: int,
    denominator: Optional[Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]] = None,
    iterations: int = 4,
) -> Tuple[np.ndarray, np.ndarray]:
    """Sub-pixel peak of a batch of correlation surfaces.

    Parameters
    ----------
    spectrum : (B, n_rows, n_cols//2+1) complex, the cross-spectrum whose
        inverse rfft2 is the correlation numerator (index = shift mod n).
    row0, col0 : (B,) integer peak positions (surface indices, signed allowed).
    neighbourhood : (B, 3, 3) surface values around the integer peak
        (already divided by ``denominator`` when there is one).
    upsampling : sub-pixel grid is ``1/upsampling`` px; 1 = quadratic fit on
        the integer surface only.
    denominator : optional ``f(index, rows (k, 3), cols (k, 3)) -> (k, 3, 3)``
        dividing the DFT values (NCC normalisation) for the windows ``index``.

    Returns
    -------
    row, col : (B,) float64 sub-pixel peak positions in the same frame as row0/col0.
    """
    dcol, drow, _ = quadratic_peak(neighbourhood)
    row = row0.astype(np.float64) + drow
    col = col0.astype(np.float64) + dcol
    if upsampling <= 1 or row.size == 0:
        return row, col
    final = 1.0 / float(upsampling)
    lost = ~(np.isfinite(row) & np.isfinite(col))  # kept as they are (the grids need finite centres)
    row0_lost, col0_lost = row[lost], col[lost]
    # a quarter-pixel stage first when the final grid is very fine: the
    # integer-grid fit can be 0.2-0.3 px off, i.e. many fine steps
    for h, steps in ([(0.25, 4), (final, upsampling)] if final < 0.07 else [(final, upsampling)]):
        todo = np.arange(row.size)
        # first a 5x5 grid (+-2 steps): one DFT call absorbs the error of the previous estimate in most
        # windows; the 3x3 around its maximum is fitted; the rest re-centre on 3x3 grids
        offs5 = h * np.arange(-2.0, 3.0)
        ri, ci = _steps(row, h), _steps(col, h)
        rc, cc = ri * h, ci * h
        vals = _surface_on_grid(spectrum, n_rows, n_cols, ri, ci, h, steps, np.arange(-2, 3))
        if denominator is not None:
            vals = vals / denominator(todo, rc[:, None] + offs5[None, :], cc[:, None] + offs5[None, :])
        inner = vals[:, 1:4, 1:4].reshape(row.size, 9)
        best = np.argmax(inner, axis=1)
        iy, ix = np.divmod(best, 3)  # 0..2 -> centre index 1..3 of the 5x5
        ib = np.arange(row.size)[:, None, None]
        k3 = np.arange(3)
        sub = vals[ib, (iy[:, None] + k3[None, :])[:, :, None], (ix[:, None] + k3[None, :])[:, None, :]]
        dx, dy, _ = quadratic_peak(sub)
        row = rc + (iy - 1 + dy) * h
        col = cc + (ix - 1 + dx) * h
        again = (np.abs(dx) > RECENTRE) | (np.abs(dy) > RECENTRE)
        todo = todo[again]
        offs = np.array([-h, 0.0, h])
        for _ in range(max(1, iterations)):
            if todo.size == 0:
                break
            ri, ci = _steps(row[todo], h), _steps(col[todo], h)
            rc, cc = ri * h, ci * h
            rpos = rc[:, None] + offs[None, :]
            cpos = cc[:, None] + offs[None, :]
            vals = _surface_on_grid(spectrum[todo], n_rows, n_cols, ri, ci, h, steps, np.arange(-1, 2))
            if denominator is not None:
                vals = vals / denominator(todo, rpos, cpos)
            dx, dy, _ = quadratic_peak(vals)
            row[todo] = rc + dy * h
            col[todo] = cc + dx * h
            again = (np.abs(dx) > RECENTRE) | (np.abs(dy) > RECENTRE)
            todo = todo[again]
    row[lost], col[lost] = row0_lost, col0_lost
    return row, col


def _steps(x: np.ndarray, h: float) -> np.ndarray:
    """``x`` rounded to the nearest multiple of ``h``, in steps (int64; NaN or infinite positions give 0)."""
    q = np.round(x / h)
    q[~np.isfinite(q)] = 0.0
    return q.astype(np.int64)
