"""Figures of the time series (matplotlib, Agg backend): the pair network."""
from __future__ import annotations

import datetime as dt
import io
from typing import Optional, Sequence

import numpy as np

from ..output import atomic_path
from ..postprocess.report_figures import pyplot as _pyplot
from .network import Pair, connected_groups

GROUP_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def network_figure(pairs: Sequence[Pair], title: str = "", dates: Optional[Sequence[dt.datetime]] = None,
                   highlight: Optional[Sequence[str]] = None):
    """Figure: dates on the time axis (dots), each pair an arc from its reference to its target date,
    coloured by connected group; pairs named in ``highlight`` drawn dashed in black."""
    plt = _pyplot()
    import matplotlib.dates as mdates

    groups = connected_groups(pairs, dates)
    colour = {d: GROUP_COLOURS[g % len(GROUP_COLOURS)] for g, grp in enumerate(groups) for d in grp}
    fig, ax = plt.subplots(figsize=(9, 3.6))
    highlight = set(highlight or ())
    span = max((p.baseline_days for p in pairs), default=1.0)
    for p in pairs:
        x0, x1 = mdates.date2num(p.reference_date), mdates.date2num(p.target_date)
        s = np.linspace(0, np.pi, 40)
        xs = (x0 + x1) / 2 - (x1 - x0) / 2 * np.cos(s)
        ys = np.sin(s) * p.baseline_days / span
        bad = p.name in highlight
        ax.plot(xs, ys, color="black" if bad else colour[p.reference_date], lw=1.6 if bad else 1.0,
                ls="--" if bad else "-", alpha=0.9)
    all_dates = sorted(colour)
    ax.scatter([mdates.date2num(d) for d in all_dates], np.zeros(len(all_dates)), s=30, zorder=3,
               c=[colour[d] for d in all_dates], edgecolors="black", linewidths=0.5)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_yticks([])
    ax.set_ylim(-0.08, 1.1)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    n = len(groups)
    ax.set_title(title or f"{len(pairs)} pairs, {len(all_dates)} dates, "
                 f"{n} connected group{'s' if n > 1 else ''} (arc height = baseline)")
    fig.tight_layout()
    return fig


def network_png(pairs: Sequence[Pair], path: Optional[str] = None, **kwargs) -> bytes:
    """The network figure as PNG bytes; also written (atomically) to ``path`` when given."""
    plt = _pyplot()
    fig = network_figure(pairs, **kwargs)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    data = buf.getvalue()
    if path:
        with atomic_path(path) as tmp:
            with open(tmp, "wb") as f:
                f.write(data)
    return data


def pairs_from_dates(starts: Sequence[dt.datetime], stops: Sequence[dt.datetime]) -> list:
    """Pairs (without image paths) from their dates, e.g. read back from a pair-residual table."""
    return [Pair("", "", a, b) for a, b in zip(starts, stops)]


__all__ = ["network_figure", "network_png", "pairs_from_dates"]
