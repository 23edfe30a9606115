"""The single-image preprocessing algorithms (one class each; parameters come from core.preprocess.STEPS)."""
from .preprocess_base import RasterStepAlgorithm


class NormalizeAlgorithm(RasterStepAlgorithm):
    NAME = "normalize"
    DISPLAY_NAME = "Normalize"
    STEP = "normalize"
    DESCRIPTION = (
        "<p>Radiometric normalisation of one band. METHOD: <b>minmax</b> (x - min)/(max - min) to 0-1; "
        "<b>zscore</b> (x - mean)/std, mean 0 and standard deviation 1 over the valid pixels (negative values "
        "are kept); <b>percentile</b> linear stretch of the chosen percentiles to 0-1, clipped (robust to a few "
        "very bright or dark pixels); <b>log</b> natural logarithm; <b>db</b> 10 log10(x), for SAR intensity "
        "(sigma0 of 0.01 is -20 dB). Values x &le; 0 have no logarithm and become nodata.</p>"
        "<p>Use it when the two dates differ in brightness or contrast. Statistics are exact except "
        "percentiles of non-integer data, taken from a 65536-bin histogram (within 1/65536 of the range).</p>"
    )


class EqualizeAlgorithm(RasterStepAlgorithm):
    NAME = "equalize"
    DISPLAY_NAME = "Histogram equalisation"
    STEP = "equalize"
    DESCRIPTION = (
        "<p>Global histogram equalisation: each value is replaced by the fraction of valid pixels below it "
        "(0-1), which flattens the histogram. Works on any data type (8/16-bit, float).</p>"
    )


class ClaheAlgorithm(RasterStepAlgorithm):
    NAME = "clahe"
    DISPLAY_NAME = "CLAHE (adaptive equalisation)"
    STEP = "clahe"
    DESCRIPTION = (
        "<p>Contrast-limited adaptive histogram equalisation (OpenCV): histograms are equalised per tile, "
        "limited by the clip limit and blended between tiles. Brings out texture in shadows and bright snow. "
        "Float and 16-bit data are first mapped to 16 bits between their 0.1 and 99.9 percentiles, so their "
        "dynamic range is kept (the original library's float CLAHE returned a constant image). Output 0-1.</p>"
    )
    REFERENCE = "Zuiderveld, K. (1994) Contrast limited adaptive histogram equalization. Graphics Gems IV."
    REQUIRES = ("cv2",)


class WallisAlgorithm(RasterStepAlgorithm):
    NAME = "wallis"
    DISPLAY_NAME = "Wallis filter"
    STEP = "wallis"
    DESCRIPTION = (
        "<p>Local mean and variance normalisation: (x - local mean) / local standard deviation over a square "
        "window. The standard pre-filter of autoRIFT: it removes illumination and contrast differences between "
        "the two dates while keeping the texture the trackers follow. Output is a unitless local z-score.</p>"
    )
    REFERENCE = "Gardner, A. S. et al. (2018) Increased West Antarctic and unchanged East Antarctic ice discharge. The Cryosphere 12."


class HighpassAlgorithm(RasterStepAlgorithm):
    NAME = "highpass"
    DISPLAY_NAME = "Gaussian high-pass"
    STEP = "highpass"
    DESCRIPTION = (
        "<p>Removes the Gaussian-smoothed image (sigma in pixels) from the image, keeping details smaller than "
        "about 3 sigma and suppressing shading and large brightness gradients. Same units as the input.</p>"
    )


class OrientationAlgorithm(RasterStepAlgorithm):
    NAME = "orientation"
    DISPLAY_NAME = "Orientation image"
    STEP = "orientation"
    DESCRIPTION = (
        "<p>Orientation image for orientation correlation: the unit vector of the brightness gradient, written "
        "as two bands ORIENTATION_RE (east component) and ORIENTATION_IM (north component). Correlating "
        "orientation images is insensitive to illumination and contrast changes (ImGRAFT). Track either band, "
        "or both separately and compare.</p>"
    )
    REFERENCE = "Fitch, A. J., Kadyrov, A., Christmas, W. J. & Kittler, J. (2002) Orientation correlation. BMVC."


class DenoiseAlgorithm(RasterStepAlgorithm):
    NAME = "denoise"
    DISPLAY_NAME = "Denoise (Lee / SVD)"
    STEP = "denoise"
    DESCRIPTION = (
        "<p><b>lee</b>: Lee speckle filter for SAR amplitude or intensity: homogeneous areas are smoothed to "
        "their local mean while edges and point targets are kept, according to the equivalent number of looks. "
        "<b>svd</b>: the original library's patch-wise low-rank denoise (each patch replaced by its truncated "
        "SVD, overlapping patches blended), for noisy optical images.</p>"
    )
    REFERENCE = ("Lee, J.-S. (1980) Digital image enhancement and noise filtering by use of local statistics. "
                 "IEEE TPAMI 2(2).")


STEP_ALGORITHMS = (NormalizeAlgorithm, EqualizeAlgorithm, ClaheAlgorithm, WallisAlgorithm, HighpassAlgorithm,
                   OrientationAlgorithm, DenoiseAlgorithm)
