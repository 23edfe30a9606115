"""From a :class:`~.common.Scene` to an analysis-ready, cloud-masked, dated float32 GeoTIFF.

Steps
-----
1. Output grid (:func:`.grid.output_grid`): the product's map grid at the
   output resolution, cropped to the area of interest (its bounding box,
   snapped outward to whole pixels), or a chosen CRS and pixel size.
2. For each band: check the file lies on the grid its metadata promises,
   read only the window the output needs, convert digital numbers to
   reflectance (:class:`.common.Radiometry`; no-data, fill and saturated DNs
   become NaN) and resample onto the output grid (exact copy when the grids
   coincide, else the chosen resampling).
3. Masks (:mod:`.masks`) on the output grid grown by the dilation, so a
   cloud just outside the area still reaches into it; the cloud layer is
   dilated by ``dilation`` pixels (Euclidean disc), then cropped.
4. A pixel is valid when every band has a value there and no mask flags
   it; invalid pixels are NaN in every band. The fraction of the output
   covered by the product and the fraction left valid are logged and
   stored in the metadata. No coverage: "does not touch the area" error;
   coverage but nothing valid: "fully clouded" error; the file being
   written is then discarded, so no output appears.
5. Written atomically with the acquisition time, platform, tile, orbit,
   processing baseline and cloud cover as metadata (read by
   ``sensetrack:velocity`` and the time-series tools).

The output is processed in blocks of rows (:data:`BLOCK_PIXELS` output
pixels each, plus the dilation margin for the masks), so a whole 10980 x
10980 tile reads in bounded memory; every input check runs before the first
block, and the file appears only once complete.
"""
from __future__ import annotations

import json
from typing import Dict, Optional, Sequence

import numpy as np

from .. import __version__
from ..errors import InputError, ParameterError
from ..gdal_utils import crs_label
from ..output import RasterWriter, check_output_path
from ..progress import ensure_monitor
from .common import BandFile, Scene, iso_utc
from .grid import RESAMPLINGS, Aoi, Grid, check_grid, dataset_grid, native_window, output_grid, warp_float, \
    window_grid
from .masks import dilate, open_raster, read_array


BLOCK_PIXELS = 4_000_000  # output pixels per block: bounds memory (~100 MB per band) on whole tiles


def _open_band(band: BandFile, grid: Grid, scene: Scene):
    """The band's dataset, checked against the metadata; InputError if it does not touch ``grid`` at all."""
    ds = open_raster(band.path, band.rel)
    check_grid(ds, f"{band.rel.rsplit('/', 1)[-1]} (band {band.name})", band.grid.epsg, band.grid.res,
               band.grid.origin, band.grid.extent, scene.name)
    if native_window(ds, grid, 0) is None:
        raise InputError(f"{scene.name} does not touch the area of interest: band {band.name} covers "
                         f"{_grid_text(dataset_grid(ds))}, the area is {_grid_text(grid)}. Choose a product that "
                         "covers it or another area.")
    return ds


def _read_band(band: BandFile, ds, grid: Grid, resampling: str) -> np.ndarray:
    """Reflectance of one band on ``grid`` (NaN outside the file and on invalid DNs)."""
    window = native_window(ds, grid, 0 if resampling == "near" else 2)
    if window is None:
        return np.full((grid.height, grid.width), np.nan, np.float32)
    refl = band.radiometry.apply(read_array(ds, window, band.rel))
    # same pixel size on the same grid is copied exactly (warp_float indexes nested grids); anything else
    # (another pixel size or CRS) goes through GDAL with the chosen resampling
    return warp_float(refl, window_grid(ds, window), grid, resampling)


def _rows(grid: Grid, r0: int, height: int) -> Grid:
    gt = grid.gt
    return Grid(grid.crs_wkt, (gt[0], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5]), grid.width, height)


def read_scene(scene: Scene, output: str, bands: Sequence[str], *, aoi: Optional[Aoi] = None,
               resolution: Optional[float] = None, target_crs: str = "", pixel_size: float = 0.0,
               resampling: str = "bilinear", mask_clouds: bool = True, mask_snow: bool = False,
               dilation: int = 0, method: str = "optical", parameters: Optional[dict] = None,
               block_pixels: int = BLOCK_PIXELS, monitor=None) -> Dict[str, object]:
    """Write the requested bands of ``scene`` as reflectance to ``output`` (float32 GeoTIFF, NaN nodata).

    Parameters
    ----------
    bands : band names of the scene, in output order.
    aoi : area of interest (any CRS); None = the whole product.
    resolution : output pixel size on the product grid (m); None = the finest requested band.
    target_crs, pixel_size : warp to this CRS (pixel size 0 = ``resolution``).
    resampling : near, bilinear, cubic or average, for bands whose pixel size is not the output's.
    mask_clouds : apply the product's cloud/shadow/cirrus masks (no-data masks always apply).
    mask_snow : mask snow and ice too (off by default: snow is good texture on glaciers).
    dilation : grow the cloud mask by this many output pixels (Euclidean).
    block_pixels : output pixels processed at a time (rows of the output grid).

    Returns
    -------
    dict with output, bands, width, height, crs, geotransform, covered_fraction, valid_fraction,
    acquisition (ISO UTC).
    """
    monitor = ensure_monitor(monitor)
    if resampling not in RESAMPLINGS:
        raise ParameterError(f"Unknown resampling '{resampling}'; choose one of {', '.join(RESAMPLINGS)}.")
    if dilation < 0:
        raise ParameterError("The mask dilation must be 0 or more pixels.")
    if not bands:
        raise ParameterError("Choose at least one band.")
    files = [scene.band(b) for b in bands]
    check_output_path(output, [scene.path])
    res = float(resolution) if resolution else min(f.res for f in files)
    anchor = next((f for f in files if abs(f.res - res) < 1e-9), files[0])
    grid = output_grid(dataset_grid(open_raster(anchor.path, anchor.rel)), res, aoi, target_crs, pixel_size)
    monitor.log(f"Output grid: {grid.width} x {grid.height} pixels of {grid.res:g}, origin "
                f"({grid.gt[0]:.3f}, {grid.gt[3]:.3f})")
    datasets = [_open_band(f, grid, scene) for f in files]  # every check before anything is written

    used = [m.description for m in scene.masks]
    meta = dict(scene.metadata)
    meta.update({
        "SENSETRACK_VERSION": __version__, "SENSETRACK_METHOD": method, "SENSETRACK_SOURCE": scene.name,
        "SENSETRACK_UNITS": "reflectance",
        "SENSETRACK_PARAMETERS": json.dumps(dict(parameters or {}, bands=list(bands), resampling=resampling,
                                                 mask_clouds=mask_clouds, mask_snow=mask_snow,
                                                 dilation=int(dilation))),
        "SENSETRACK_ACQUISITION_DATE": iso_utc(scene.acquired), "ACQUISITION_START_TIME": iso_utc(scene.acquired),
        "CLOUD_MASK": "; ".join(used) if (used and mask_clouds) else "none",
        "MASK_FILES": "; ".join(used) or "none",
    })
    band_meta = [{"BAND": f.name, "NATIVE_RESOLUTION": f"{f.res:g}", "RADIOMETRY": f.radiometry.formula()}
                 for f in files]
    step = max(1, int(block_pixels) // max(grid.width, 1))
    n_cov = n_valid = 0
    # written block by block into the writer's temporary file: an error at the end (nothing valid) still
    # leaves no output, since the file is renamed only when the block exits cleanly
    with RasterWriter(output, grid.width, grid.height, list(bands), grid.gt, grid.crs_wkt,
                      units=["reflectance"] * len(bands), metadata=meta, band_metadata=band_meta) as w:
        for r0 in range(0, grid.height, step):
            block = _rows(grid, r0, min(step, grid.height - r0))
            data = [_read_band(f, ds, block, resampling) for f, ds in zip(files, datasets)]
            covered = np.all([np.isfinite(a) for a in data], axis=0)
            cloud = np.zeros_like(covered)
            inner = (slice(dilation, dilation + block.height), slice(dilation, dilation + block.width))
            for m in scene.masks:
                hard, flagged = m.flags(block.padded(int(dilation)), mask_snow)
                covered &= ~hard[inner]
                if mask_clouds:
                    cloud |= dilate(flagged, int(dilation))[inner]
            valid = covered & ~cloud
            n_cov += int(covered.sum())
            n_valid += int(valid.sum())
            for i, a in enumerate(data, start=1):
                a[~valid] = np.nan
                w.write(i, a, 0, r0)
            monitor.report((r0 + block.height) / grid.height, "Reading and masking")
        total = grid.width * grid.height
        covered_fraction, valid_fraction = n_cov / total, n_valid / total
        if n_cov == 0:
            raise InputError(f"{scene.name} has no data in the area of interest ({_grid_text(grid)}): the area "
                             "lies outside the part of the tile the satellite imaged. Choose a product that covers "
                             "it.")
        monitor.log(f"The product covers {100 * covered_fraction:.1f} % of the output area; clouds/shadows mask "
                    f"{100 * (n_cov - n_valid) / n_cov:.1f} % of that; {100 * valid_fraction:.1f} % is valid.")
        if n_valid == 0:
            raise InputError(f"{scene.name} is fully clouded over the area of interest: every one of its "
                             f"{n_cov} pixels with data is masked as cloud, cloud shadow or cirrus"
                             f"{' (or snow)' if mask_snow else ''}. Choose another date (or a smaller dilation).")
        for warning in scene.warnings:
            monitor.log("Warning: " + warning)
        w.update_metadata({"COVERED_FRACTION": f"{covered_fraction:.6f}",
                           "VALID_FRACTION": f"{valid_fraction:.6f}"})
    monitor.report(1.0, "Done")
    return {"output": output, "bands": list(bands), "width": grid.width, "height": grid.height,
            "crs": grid.crs_wkt, "geotransform": grid.gt, "covered_fraction": covered_fraction,
            "valid_fraction": valid_fraction, "acquisition": iso_utc(scene.acquired)}


def _grid_text(g: Grid) -> str:
    b = g.bounds
    return f"x {b[0]:.0f}-{b[2]:.0f}, y {b[1]:.0f}-{b[3]:.0f} in {crs_label(g.crs_wkt)}"
