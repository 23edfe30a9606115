"""The inverse-velocity plot (PNG bytes or a small self-contained HTML page).

:func:`figure_png` is what the time-series report embeds; :func:`html_page`
wraps it with the numbers and the warning.
"""
from __future__ import annotations

import base64
import html
import io

import numpy as np

from ..postprocess.report import CSS
from ..postprocess.report_figures import pyplot as _pyplot
from .inverse_velocity import InverseVelocityResult, from_days


def _dates(days):
    import matplotlib.dates as mdates

    return mdates.date2num([from_days(d) for d in np.atleast_1d(days)])


def figure(result: InverseVelocityResult, units: str = "m", title: str = ""):
    """Matplotlib figure: velocity (top) and inverse velocity with the fit to 1/v = 0 (bottom)."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    fig, (ax_v, ax_i) = plt.subplots(2, 1, figsize=(8, 6.5), sharex=True)
    t = _dates(result.times)
    used = np.zeros(result.times.size, bool)
    if result.onset_index >= 0:
        used[result.onset_index:] = True
    ax_v.plot(t, result.velocity, "o-", color="#3a6ea5", ms=4, lw=1)
    ax_v.set_ylabel(f"velocity ({units}/day)")
    ax_i.plot(t[~used], result.inverse[~used], "o", color="#999999", ms=4, label="before the onset")
    ax_i.plot(t[used], result.inverse[used], "o", color="#b2182b", ms=5, label="accelerating part (fitted)")
    if result.accelerating:
        tf = result.failure_time
        span = np.linspace(result.times[result.onset_index], tf, 50)
        ax_i.plot(_dates(span), result.fitted_inverse(span), "-", color="#b2182b", lw=1.2, label="linear fit of 1/v")
        lo, hi = result.failure_time - result.failure_sigma, result.failure_time + result.failure_sigma
        ax_i.axvspan(*_dates([lo, hi]), color="#f4a582", alpha=0.35, label="failure time +- 1 sigma")
        ax_i.axvline(_dates(tf)[0], color="#b2182b", ls="--", lw=1)
        ax_i.annotate(f"1/v = 0: {from_days(tf):%Y-%m-%d}\n+- {result.failure_sigma:.1f} days (1 sigma)",
                      (_dates(tf)[0], 0), xytext=(-10, 30), textcoords="offset points", ha="right", fontsize=8)
    if result.onset_index >= 0:
        for ax in (ax_v, ax_i):
            ax.axvline(t[result.onset_index], color="#666666", ls=":", lw=1)
    ax_i.axhline(0, color="k", lw=0.8)
    ax_i.set_ylabel(f"1/velocity (day/{units})")
    ax_i.set_ylim(bottom=min(0.0, ax_i.get_ylim()[0]))
    ax_i.legend(fontsize=7, loc="upper right")
    ax_i.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax_v.set_title(title or "Inverse velocity (Fukuzono 1985)")
    fig.text(0.01, 0.005, "Indicator, not a prediction to act on alone.", fontsize=7, color="#b2182b")
    return fig


def figure_png(result: InverseVelocityResult, units: str = "m", title: str = "", dpi: int = 90) -> bytes:
    """The plot as PNG bytes (for reports)."""
    plt = _pyplot()
    fig = figure(result, units, title)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def html_page(result: InverseVelocityResult, units: str = "m", title: str = "", where: str = "") -> str:
    """Self-contained HTML: the warning, the plot and the numbers."""
    png = base64.b64encode(figure_png(result, units, title)).decode("ascii")
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(_fmt(v))}</td></tr>"
                   for k, v in result.summary().items() if k != "warning")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title or 'Inverse velocity')}"
            f"</title><style>{CSS}.warn{{border:2px solid #b2182b;padding:8px;background:#fdf0ec}}</style></head>"
            f"<body><h1>{html.escape(title or 'Inverse velocity')}</h1>"
            f"<p>{html.escape(where)}</p><p class='warn'><b>Warning.</b> {html.escape(result.warning)}</p>"
            f"<img src='data:image/png;base64,{png}' alt='inverse velocity plot'/><table>{rows}</table></body></html>")


def _fmt(v) -> str:
    return f"{v:.4g}" if isinstance(v, float) else str(v)
