"""sensetrack:ilk — iterative Lucas-Kanade dense optical flow (scikit-image)."""
from .dense import DenseTrackerAlgorithm


class IlkAlgorithm(DenseTrackerAlgorithm):
    NAME = "ilk"
    DISPLAY_NAME = "Dense optical flow (iterative Lucas-Kanade)"
    METHOD = "ilk"
    DESCRIPTION = (
        "<p>Dense displacement with scikit-image's iterative Lucas-Kanade: a local window is registered "
        "around each pixel and the target warped repeatedly. Best for small (a few pixels), smooth motion; "
        "the window radius trades detail against robustness.</p>"
    )
