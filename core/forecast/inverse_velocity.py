"""Inverse-velocity failure-time indicator (Fukuzono 1985) on a velocity-versus-time series.

Model
-----
Before failure many slopes accelerate so that the inverse velocity falls
linearly with time (Fukuzono's alpha = 2 case of Voight's law)::

    1 / v(t) = B * (t_f - t),   B > 0,

and reaches 0 at the failure time ``t_f``.

Onset of the accelerating part (objective, no hand-picking)
-----------------------------------------------------------
A one-breakpoint segmented regression on the velocities: steady creep (a
constant velocity) up to the breakpoint, the model above after it. Every
date that leaves at least ``min_points`` velocities after it (and 3 or none
before it) is tried, and the breakpoint with the smallest total residual sum
of squares *of the velocities* wins. Residuals are measured on ``v``, not on
``1/v``: with a roughly constant displacement error (offset tracking) the
velocity error is about constant, while that of ``1/v`` grows as ``1/v^2``
and would let the slow, noisy creep dominate the choice.

Fit and uncertainty
-------------------
``(B, t_f)`` are fitted by non-linear least squares on the velocities of
the final part (``scipy.optimize.curve_fit``, started from a straight-line
fit of ``1/v``); the 1-sigma of ``t_f`` is the square root of its diagonal
term in the fit's covariance (residual variance times ``(J^T J)^-1``, i.e. the
delta method around the optimum), and the 95 % interval uses Student's t with
``m - 2`` degrees of freedom. The part counts as accelerating only when the
model beats a constant velocity on it (F-test, p < 0.05); otherwise no
failure time is given.

Warning
-------
This is an indicator, not a prediction to act on alone (see
:data:`WARNING`).

Reference: Fukuzono, T. (1985) A new method for predicting the failure time
of a slope. Proc. 4th International Conference and Field Workshop on
Landslides, Tokyo, 145-150.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy import optimize, stats

from ..errors import InputError

WARNING = ("The inverse-velocity failure time is an indicator of accelerating motion, not a prediction to act on "
           "alone: real slopes deviate from the linear 1/v law (alpha != 2, pauses, rain-driven episodes, "
           "measurement noise), the predicted time moves as data arrive and is often early or late by days to "
           "weeks. Use it with field observations, other monitoring and expert judgement.")
EPOCH = np.datetime64("1970-01-01T00:00:00", "s")


def to_days(times) -> np.ndarray:
    """Days since 1970-01-01 from datetimes, numpy datetime64 or ISO strings (floats are returned as is)."""
    a = np.asarray(times)
    if a.dtype.kind in "fiu":
        return a.astype(np.float64)
    if a.dtype.kind != "M":
        a = np.array([np.datetime64(t) for t in np.ravel(a)]).reshape(a.shape)
    return (a.astype("datetime64[s]") - EPOCH).astype(np.float64) / 86400.0


def from_days(days: float) -> Optional[dt.datetime]:
    if days is None or not np.isfinite(days):
        return None
    return dt.datetime(1970, 1, 1) + dt.timedelta(days=float(days))


def velocities_from_displacement(dates, dx, dy=None) -> Tuple[np.ndarray, np.ndarray]:
    """(mid-interval times in days, speed in units/day) from a cumulative displacement series.

    The speed between consecutive dates is ``hypot(ddx, ddy) / dt`` and is
    placed at the middle of the interval. Dates with NaN displacement are dropped.
    """
    t = to_days(dates)
    dx = np.asarray(dx, dtype=np.float64)
    dy = np.zeros_like(dx) if dy is None else np.asarray(dy, dtype=np.float64)
    ok = np.isfinite(t) & np.isfinite(dx) & np.isfinite(dy)
    t, dx, dy = t[ok], dx[ok], dy[ok]
    order = np.argsort(t)
    t, dx, dy = t[order], dx[order], dy[order]
    dt_ = np.diff(t)
    if dt_.size and (dt_ <= 0).any():
        raise InputError("The time series has two values at the same date; give one value per date.")
    return (t[:-1] + t[1:]) / 2.0, np.hypot(np.diff(dx), np.diff(dy)) / dt_


@dataclass
class InverseVelocityResult:
    """Everything the table, the plot and the report show (times in days since 1970-01-01)."""

    times: np.ndarray
    velocity: np.ndarray
    onset_index: int = -1
    accelerating: bool = False
    b: float = float("nan")  # 1/v slope magnitude, (time/length)/day... i.e. 1/v = b (t_f - t)
    failure_time: float = float("nan")
    failure_sigma: float = float("nan")  # days, 1 sigma
    failure_ci95: Tuple[float, float] = (float("nan"), float("nan"))
    p_value: float = float("nan")
    points_used: int = 0
    message: str = ""
    warning: str = WARNING
    rss: List[float] = field(default_factory=list)

    @property
    def inverse(self) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return 1.0 / self.velocity

    @property
    def onset_time(self) -> float:
        return float(self.times[self.onset_index]) if self.onset_index >= 0 else float("nan")

    def fitted_inverse(self, t: np.ndarray) -> np.ndarray:
        return self.b * (self.failure_time - np.asarray(t, dtype=np.float64))

    def summary(self) -> dict:
        """Key numbers as plain Python values (ISO dates)."""
        def iso(d):
            x = from_days(d)
            return x.isoformat(timespec="minutes") if x else ""
        return {"accelerating": self.accelerating, "onset": iso(self.onset_time), "points_used": self.points_used,
                "failure_time": iso(self.failure_time), "failure_sigma_days": self.failure_sigma,
                "failure_ci95_low": iso(self.failure_ci95[0]), "failure_ci95_high": iso(self.failure_ci95[1]),
                "inverse_velocity_slope": self.b, "p_value_acceleration": self.p_value, "message": self.message,
                "warning": self.warning}


def _model(t, b, tf):
    return 1.0 / (b * (tf - t))


def _jacobian(t, b, tf):
    r = tf - t
    return np.stack([-1.0 / (b * b * r), -1.0 / (b * r * r)], axis=1)


def _fit(t: np.ndarray, v: np.ndarray):
    """(b, tf, covariance, rss) of the Fukuzono model on (t, v), or None when it cannot be fitted."""
    inv = 1.0 / v
    slope, icpt = np.polyfit(t, inv, 1)
    if not slope < 0:
        return None
    b0, tf0 = -slope, -icpt / slope
    t_last = t.max()
    tf0 = max(tf0, t_last + 0.05 * np.ptp(t) + 1e-6)
    lower = (0.0, t_last + 1e-6)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            p, cov = optimize.curve_fit(_model, t, v, p0=(b0, tf0), jac=_jacobian, bounds=(lower, (np.inf, np.inf)),
                                        x_scale=(b0, max(np.ptp(t), 1.0)), max_nfev=2000)
    except (RuntimeError, ValueError):
        return None
    rss = float(np.sum((v - _model(t, *p)) ** 2))
    return float(p[0]), float(p[1]), cov, rss


def inverse_velocity(times, velocity, min_points: int = 5) -> InverseVelocityResult:
    """Fit the inverse-velocity model on the last accelerating part (module doc).

    Parameters
    ----------
    times : dates (datetime, datetime64, ISO text) or days (float) of each velocity.
    velocity : speed (> 0, any length unit per day), same length.
    min_points : minimum number of velocities in the accelerating part (>= 3).
    """
    t = to_days(times)
    v = np.asarray(velocity, dtype=np.float64)
    if t.shape != v.shape:
        raise InputError("The dates and the velocities have different lengths.")
    ok = np.isfinite(t) & np.isfinite(v) & (v > 0)
    t, v = t[ok], v[ok]
    order = np.argsort(t)
    t, v = t[order], v[order]
    res = InverseVelocityResult(t, v)
    min_points = max(3, int(min_points))
    if t.size < min_points:
        res.message = f"Only {t.size} positive velocities: at least {min_points} are needed."
        return res
    best = None
    candidates = [0] + list(range(3, t.size - min_points + 1))
    for k in candidates:
        fit = _fit(t[k:], v[k:])
        if fit is None:
            res.rss.append(float("nan"))
            continue
        rss = fit[3] + (float(np.sum((v[:k] - v[:k].mean()) ** 2)) if k else 0.0)
        res.rss.append(rss)
        if best is None or rss < best[0]:
            best = (rss, k, fit)
    if best is None:
        res.message = "The velocity does not rise towards the end of the series: no accelerating part."
        return res
    _, k, (b, tf, cov, rss) = best
    tk, vk = t[k:], v[k:]
    m = tk.size
    rss_const = float(np.sum((vk - vk.mean()) ** 2))
    dof = m - 2
    f = (rss_const - rss) / (rss / dof) if rss > 0 else np.inf
    p = float(stats.f.sf(f, 1, dof)) if np.isfinite(f) else 0.0
    res.onset_index, res.points_used, res.p_value = int(k), int(m), p
    res.b, res.failure_time = b, tf
    sigma = float(np.sqrt(cov[1, 1])) if np.all(np.isfinite(cov)) else float("nan")
    res.failure_sigma = sigma
    q = float(stats.t.ppf(0.975, dof))
    res.failure_ci95 = (tf - q * sigma, tf + q * sigma)
    res.accelerating = p < 0.05
    if not res.accelerating:
        res.message = (f"The last {m} velocities are not significantly accelerating (F-test p = {p:.2g}): no failure "
                       "time.")
        res.failure_time, res.failure_sigma, res.failure_ci95 = float("nan"), float("nan"), (float("nan"),) * 2
    else:
        res.message = (f"Accelerating since {from_days(t[k]):%Y-%m-%d} ({m} velocities); 1/v reaches 0 on "
                       f"{from_days(tf):%Y-%m-%d %H:%M} +- {sigma:.1f} days (1 sigma).")
    return res


def table_rows(result: InverseVelocityResult, units: str = "m") -> Tuple[Sequence[str], List[list]]:
    """(header, rows) of the CSV table: one row per velocity, then the fit's numbers as key/value rows."""
    header = ("date", f"velocity_{units}_per_day", f"inverse_velocity_day_per_{units}", "in_fit",
              f"fitted_inverse_velocity_day_per_{units}")
    rows = []
    for i, (t, v) in enumerate(zip(result.times, result.velocity)):
        used = result.onset_index >= 0 and i >= result.onset_index
        fitted = float(result.fitted_inverse(t)) if used and np.isfinite(result.failure_time) else ""
        rows.append([from_days(t).isoformat(timespec="minutes"), float(v), float(1.0 / v), int(used), fitted])
    for key, value in result.summary().items():
        rows.append([f"# {key}", value, "", "", ""])
    return header, rows
