"""Offset tracking: from an image pair to a displacement product.

The flow from a file pair to a product::

    reference.tif + target.tif
      |-- dense trackers (one offset per pixel)
      |     dense.track_dense: reads the pair (same grid, nodata honoured),
      |       flow.dense_flow (Farneback / ILK / TV-L1 on numpy arrays),
      |       quality.dense_peak (MATCH: local NCC of the motion-compensated pair),
      |       writes the DX/DY/MAGNITUDE/DIRECTION/MATCH raster
      |
      `-- windowed trackers (one offset per window of a regular grid)
            windowed.files.track_windows_file: reads the pair tile by tile,
              windowed.engine.track_block / track_windows (batches, threads,
                coarse-to-fine prior),
                windowed.spectra (tapered window spectra) -> windowed.phase
                  (phase correlation), or windowed.ncc (normalised cross-correlation),
                windowed.subpixel (DFT / quadratic sub-pixel peak),
                windowed.fft_backend (scipy.fft or pyFFTW),
              writes the displacement raster and the point layer

Offsets are *target minus reference*; :mod:`sensetrack.core.displacement`
turns pixel offsets into DX east / DY north in map units.
"""
from .dense import TrackResult, track_dense
from .flow import dense_flow
from .windowed.engine import WindowResult, track_windows
from .windowed.files import track_windows_file

__all__ = ["TrackResult", "WindowResult", "dense_flow", "track_dense", "track_windows", "track_windows_file"]
