"""sensetrack:ncc — zero-mean normalised cross-correlation template matching."""
from .windowed import WindowedTrackerAlgorithm


class NccAlgorithm(WindowedTrackerAlgorithm):
    NAME = "ncc"
    DISPLAY_NAME = "Normalised cross-correlation (NCC)"
    METHOD = "ncc"
    DESCRIPTION = (
        "<p>Displacement on a regular grid of windows by zero-mean normalised cross-correlation: each reference "
        "chip (WINDOW_SIZE) is searched for in the target within SEARCH_RANGE pixels, the field's standard "
        "(autoRIFT, IMCORR, ampcor). The correlation numerator is computed by FFT and the normalisation by "
        "summed-area tables (fast NCC). Sub-pixel: the numerator is interpolated exactly from its spectrum "
        "(matrix DFT) on a 1/UPSAMPLING px grid around the peak, then a quadratic fit; measured peak-locking "
        "bias below 0.02 px (scripts/bench_correlation.py). Windows whose match runs within 2 px of nodata or "
        "the image edge, or whose peak lies on the edge of the search range, are NaN.</p>"
    )
    REFERENCES = (
        "Lewis, J. P. (1995). Fast normalized cross-correlation. Vision Interface. Guizar-Sicairos, M. et al. "
        "(2008). Efficient subpixel image registration algorithms. Optics Letters 33(2)."
    )
