"""sensetrack:phasecorrelation — windowed phase correlation with sub-pixel DFT refinement."""
from .windowed import WindowedTrackerAlgorithm


class PhaseCorrelationAlgorithm(WindowedTrackerAlgorithm):
    NAME = "phasecorrelation"
    DISPLAY_NAME = "Windowed phase correlation"
    METHOD = "phase"
    DESCRIPTION = (
        "<p>Displacement on a regular grid of windows by phase correlation in the frequency domain. Each window "
        "is mean-removed and tapered (apodisation), the cross-power spectrum of the reference and target "
        "windows is normalised (phase-only or partially), its inverse FFT gives the integer peak, and an "
        "upsampled matrix DFT around the peak followed by a local quadratic fit gives the sub-pixel offset "
        "(precision 1/UPSAMPLING px, not quantised). Robust to illumination changes; use it for optical "
        "images and amplitude SAR. Motions beyond about a quarter of the window need coarse-to-fine "
        "(PYRAMID_LEVELS) or a larger window.</p>"
    )
    REFERENCES = (
        "Guizar-Sicairos, M., Thurman, S. T. & Fienup, J. R. (2008). Efficient subpixel image registration "
        "algorithms. Optics Letters 33(2). Leprince, S. et al. (2007). Automatic and precise orthorectification, "
        "coregistration, and subpixel correlation of satellite images (COSI-Corr). IEEE TGRS 45(6)."
    )
