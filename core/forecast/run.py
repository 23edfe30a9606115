"""File-to-file inverse-velocity analysis of a time-series product (table + plot)."""
from __future__ import annotations

import contextlib
import csv
from typing import Any, Dict, Optional, Tuple

from ..errors import ParameterError
from ..output import atomic_path, check_output_path
from ..progress import Monitor, ensure_monitor
from .inverse_velocity import InverseVelocityResult, inverse_velocity, table_rows, velocities_from_displacement
from .plot import figure_png, html_page
from .series import read_history


def analyse(input: str, point: Optional[Tuple[float, float]] = None, polygon: Optional[str] = None,
            other: Optional[str] = None, min_points: int = 5) -> Tuple[InverseVelocityResult, Dict[str, Any]]:
    """(result, history) of the inverse-velocity analysis of a time series at a point or over a polygon.

    For reports: ``figure_png(result, history["units"], "...")`` gives the plot as PNG bytes.
    """
    h = read_history(input, point, polygon, other)
    t, v = velocities_from_displacement(h["dates"], h["dx"], h["dy"])
    return inverse_velocity(t, v, min_points), h


def inverse_velocity_file(input: str, table: str, plot: Optional[str] = None,
                          point: Optional[Tuple[float, float]] = None, polygon: Optional[str] = None,
                          other: Optional[str] = None, min_points: int = 5,
                          monitor: Optional[Monitor] = None) -> Dict[str, Any]:
    """Inverse velocity at a point / over a polygon of a DX/DY time series; CSV table and PNG or HTML plot.

    The speed is the horizontal one, ``hypot(dDX, dDY) / dt`` between consecutive
    dates (see :mod:`.inverse_velocity`). Both outputs appear together or not at all.
    """
    mon = ensure_monitor(monitor)
    if plot and not plot.lower().endswith((".png", ".html", ".htm")):
        raise ParameterError("The plot must be a .png or .html file.")
    inputs = [input, other or "", polygon or ""]
    outs = [check_output_path(p, inputs) for p in (table, plot) if p]
    mon.report(0.1, "Reading the time series")
    res, h = analyse(input, point, polygon, other, min_points)
    mon.log(f"{len(h['dates'])} dates, {h['where']}")
    mon.log(res.message)
    mon.log("WARNING: " + res.warning)
    units = h["units"]
    title = f"Inverse velocity, {h['where']}"
    header, rows = table_rows(res, units)
    mon.report(0.7, "Writing the table and the plot")
    with contextlib.ExitStack() as stack:
        tmp_table = stack.enter_context(atomic_path(outs[0]))
        with open(tmp_table, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        if plot:
            tmp_plot = stack.enter_context(atomic_path(outs[1]))
            if plot.lower().endswith(".png"):
                with open(tmp_plot, "wb") as f:
                    f.write(figure_png(res, units, title))
            else:
                with open(tmp_plot, "w", encoding="utf-8") as f:
                    f.write(html_page(res, units, title, h["where"]))
    mon.report(1.0, "Done")
    return {"table": outs[0], "plot": outs[1] if plot else None, "result": res, "summary": res.summary(),
            "where": h["where"], "units": units}
