"""File-to-file dense tracking: read a pair, track, write the displacement raster."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional

import numpy as np

from .. import __version__
from ..displacement import DISPLACEMENT_BANDS, PIXEL_BANDS, band_units, displacement_bands
from ..errors import InputError
from .flow import METHODS, dense_flow
from ..grid import check_pair
from ..output import check_output_path, write_raster
from ..params import validate
from ..progress import Monitor, ensure_monitor
from ..provenance import origin_of
from .quality import dense_peak
from ..raster import Raster


MATCH_RADIUS = 3  # 7x7 window: small enough to localise a mismatch patch (measured in bench_postprocess)
# MATCH compares the fine texture (images minus a 2-px Gaussian blur): on natural scenes the raw images
# still correlate at ~0.7 after a 3-px error, so smeared optical-flow vectors next to a mismatch kept a
# good MATCH. Measured on four benchmark pairs (bench_postprocess.py): outliers removed 85-100 % -> 88-100 %
HIGHPASS_SIGMA = 2.0


@dataclass
class TrackResult:
    """What a tracking run produced."""

    output: str
    units: str
    valid_fraction: float
    parameters: Dict[str, Any] = field(default_factory=dict)
    statistics: Dict[str, float] = field(default_factory=dict)


def load_pair(
    reference: str,
    target: str,
    reference_band: int = 1,
    target_band: int = 1,
    reference_nodata: Optional[float] = None,
    target_nodata: Optional[float] = None,
):
    """Open and check a reference/target pair; return (ref Raster, tar Raster, ref, tar, ref_ok, tar_ok)."""
    ref = Raster(reference, nodata=reference_nodata)
    tar = Raster(target, nodata=target_nodata)
    ref.band(reference_band)
    tar.band(target_band)
    check_pair(ref, tar)
    a, a_ok = ref.read(reference_band)
    b, b_ok = tar.read(target_band)
    for r, ok, band in ((ref, a_ok, reference_band), (tar, b_ok, target_band)):
        if not ok.any():
            raise InputError(
                f"Band {band} of '{os.path.basename(r.path)}' contains only nodata. Check the band and nodata value."
            )
    if not (a_ok & b_ok).any():
        raise InputError("The reference and target have no valid pixel in common (their data areas do not overlap).")
    return ref, tar, a, b, a_ok, b_ok


def track_dense(
    reference: str,
    target: str,
    output: str,
    method: str = "farneback",
    parameters: Optional[Mapping[str, Any]] = None,
    reference_band: int = 1,
    target_band: int = 1,
    reference_nodata: Optional[float] = None,
    target_nodata: Optional[float] = None,
    pixel_offsets: bool = False,
    cog: bool = False,
    monitor: Optional[Monitor] = None,
) -> TrackResult:
    """Track a pair of co-registered rasters with a dense optical-flow method.

    Writes ``output``: float32 GeoTIFF on the reference grid, bands ``DX``,
    ``DY`` (map units, east/north positive), ``MAGNITUDE`` and ``DIRECTION``
    (degrees clockwise from north), plus ``COL_SHIFT``/``ROW_SHIFT`` in
    pixels when ``pixel_offsets``, and ``MATCH``: the zero-mean normalised
    correlation (-1..1) between the reference and the motion-compensated
    target in a 7x7 window, of their fine texture (each image minus a 2-px
    Gaussian blur; :func:`core.tracking.quality.dense_peak`); low values flag
    vectors where the images do not actually match. NaN marks nodata,
    wherever either input is nodata. Units are pixels when the rasters are
    not georeferenced.
    """
    mon = ensure_monitor(monitor)
    if method not in METHODS:
        raise InputError(f"Unknown method '{method}'; choose one of {', '.join(METHODS)}.")
    values = validate(METHODS[method].specs, parameters)
    out = check_output_path(output, [reference, target])
    mon.report(0.02, "Reading the reference and target rasters")
    ref, tar, a, b, a_ok, b_ok = load_pair(reference, target, reference_band, target_band,
                                           reference_nodata, target_nodata)
    mon.report(0.15, f"Running {METHODS[method].label} on {ref.width}x{ref.height} pixels")
    dcol, drow = dense_flow(method, a, b, a_ok, b_ok, **values)
    mon.report(0.8, "Measuring the matching quality (MATCH band)")
    valid = a_ok & b_ok
    bands = displacement_bands(dcol, drow, ref.geotransform, ref.is_georeferenced, valid, pixel_offsets)
    bands["MATCH"] = np.where(valid, dense_peak(a, b, dcol, drow, a_ok, b_ok, MATCH_RADIUS, HIGHPASS_SIGMA),
                              np.nan)
    mon.report(0.9, "Writing the displacement raster")
    units = _units(ref)
    names = list(DISPLACEMENT_BANDS) + (list(PIXEL_BANDS) if pixel_offsets else []) + ["MATCH"]
    meta = {
        "SENSETRACK_VERSION": __version__,
        "SENSETRACK_METHOD": method,
        "SENSETRACK_PARAMETERS": json.dumps(values),
        "SENSETRACK_REFERENCE": origin_of(reference),  # the user's files, not a model's temporary ones
        "SENSETRACK_TARGET": origin_of(target),
        "SENSETRACK_UNITS": units,
        "SENSETRACK_CONVENTION": "target minus reference; DX east, DY north; DIRECTION azimuth clockwise from north",
    }
    mon.check()
    write_raster(out, {n: bands[n] for n in names}, ref.geotransform, ref.crs_wkt,
                 units=band_units(names, units), metadata=meta, cog=cog, georeferenced=ref.is_georeferenced)
    mon.report(1.0, "Done")
    finite = np.isfinite(bands["DX"])
    stats = {}
    if finite.any():
        stats = {
            "median_dx": float(np.median(bands["DX"][finite])),
            "median_dy": float(np.median(bands["DY"][finite])),
            "max_magnitude": float(np.max(bands["MAGNITUDE"][finite])),
        }
    return TrackResult(out, units, float(finite.mean()), values, stats)


def _units(r: Raster) -> str:
    if not r.is_georeferenced:
        return "pixel"
    from ..gdal_utils import srs_from_wkt

    srs = srs_from_wkt(r.crs_wkt)
    if srs is None:
        return "map unit"
    if srs.IsGeographic():
        return "degree"
    name = (srs.GetLinearUnitsName() or "metre").lower()
    return "m" if name in ("metre", "meter", "m") else name
