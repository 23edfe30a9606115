"""Styling of SenseTrack outputs (sidecar .qml files and GUI post-processors).

``style_outputs`` is called by every algorithm after its core run with the
results dictionary; it is the single place that decides how outputs look.
"""
from __future__ import annotations

from typing import Any, Dict


def style_outputs(algorithm, results: Dict[str, Any], context, feedback) -> None:
    """Give each output a style. Placeholder until the styling work lands."""
    return None
