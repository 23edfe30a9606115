"""Sentinel-1 radiometric calibration LUTs (``annotation/calibration/calibration-*.xml``).

ESA, "Sentinel-1 Level-1 Radiometric Calibration" (Miranda & Meadows, ESA-EOPG-CSCOP-TN-0002):
``value = |DN|^2 / A^2`` with ``A`` the LUT (``sigmaNought``, ``betaNought``,
``gamma``) bilinearly interpolated between the vectors: linearly along the
pixel axis inside each vector, then linearly along the line axis between the
two vectors around each image line. Outside the first/last vector or node the
LUT is held constant (edge value), which is what the vector grid covers in
practice (the first/last vectors lie at or beyond the image edges).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

import numpy as np

from ..errors import InputError
from .annotation import parse_xml

LUT_NAMES = {"sigma0": "sigmaNought", "beta0": "betaNought", "gamma0": "gamma", "dn": "dn"}


@dataclass
class VectorGrid:
    """LUT vectors: ``lines`` (n,) sorted, ``pixels`` and ``values`` lists of (m_i,) arrays."""

    lines: np.ndarray
    pixels: List[np.ndarray]
    values: List[np.ndarray]

    def interpolate(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Bilinear interpolation on the (rows x cols) grid of 0-based line/pixel indices.

        Only the vectors bracketing ``rows`` are evaluated, so memory is
        bounded by the block size (call it block by block).
        """
        rows = np.asarray(rows, dtype=np.float64)
        cols = np.asarray(cols, dtype=np.float64)
        n = self.lines.size
        if n == 1:
            return np.broadcast_to(np.interp(cols, self.pixels[0], self.values[0]), (rows.size, cols.size)).copy()
        idx = np.clip(np.searchsorted(self.lines, rows, side="right") - 1, 0, n - 2)
        used = np.unique(np.concatenate([idx, idx + 1]))
        along = {int(i): np.interp(cols, self.pixels[i], self.values[i]) for i in used}
        lo = np.stack([along[int(i)] for i in idx])
        hi = np.stack([along[int(i) + 1] for i in idx])
        l0, l1 = self.lines[idx], self.lines[idx + 1]
        w = np.clip((rows - l0) / np.where(l1 > l0, l1 - l0, 1), 0.0, 1.0)[:, None]
        hi -= lo      # lo + w * (hi - lo), in place to bound memory on full-width blocks
        hi *= w
        lo += hi
        return lo


def _floats(el, what) -> np.ndarray:
    if el is None or el.text is None:
        raise InputError(f"{what} is incomplete.")
    return np.array(el.text.split(), dtype=np.float64)


def vector_grid(vectors, value_tag: str, what: str) -> VectorGrid:
    """Build a :class:`VectorGrid` from XML vector elements (line, pixel, <value_tag>)."""
    if not vectors:
        raise InputError(f"{what} has no vectors.")
    rows = []
    for v in vectors:
        pix = _floats(v.find("pixel"), what)
        val = _floats(v.find(value_tag), what)
        if pix.size != val.size or pix.size == 0:
            raise InputError(f"{what}: a vector has {pix.size} pixels but {val.size} {value_tag} values.")
        rows.append((float(v.findtext("line")), pix, val))
    rows.sort(key=lambda r: r[0])
    return VectorGrid(np.array([r[0] for r in rows], dtype=np.float64), [r[1] for r in rows], [r[2] for r in rows])


class Calibration:
    """Calibration LUTs of one swath/polarisation."""

    def __init__(self, data: bytes, what: str = "calibration"):
        root = parse_xml(data, what)
        self.what = what
        self.vectors = root.findall("calibrationVectorList/calibrationVector")
        if root.tag != "calibration" or not self.vectors:
            raise InputError(f"{what} is not a Sentinel-1 calibration file (no calibrationVector).")
        self._grids = {}

    def grid(self, kind: str) -> VectorGrid:
        """The LUT grid for ``kind`` in ``sigma0``, ``beta0``, ``gamma0``, ``dn``."""
        if kind not in LUT_NAMES:
            raise InputError(f"Unknown calibration '{kind}'; choose one of {', '.join(LUT_NAMES)}.")
        if kind not in self._grids:
            self._grids[kind] = vector_grid(self.vectors, LUT_NAMES[kind], self.what)
        return self._grids[kind]

    def lut(self, kind: str, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Interpolated LUT ``A`` for the block (rows x cols)."""
        return self.grid(kind).interpolate(rows, cols)
