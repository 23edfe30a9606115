"""sensetrack:farneback — Farnebäck dense optical flow (OpenCV)."""
from .dense import DenseTrackerAlgorithm


class FarnebackAlgorithm(DenseTrackerAlgorithm):
    NAME = "farneback"
    DISPLAY_NAME = "Dense optical flow (Farnebäck)"
    METHOD = "farneback"
    DESCRIPTION = (
        "<p>Dense displacement for every pixel with OpenCV's Farnebäck polynomial-expansion optical flow. "
        "Fast; a pyramid follows motions of many pixels. Use it for smooth, coherent motion such as landslide "
        "bodies; increase the window size on noisy images.</p>"
    )
