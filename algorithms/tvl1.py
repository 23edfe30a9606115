"""sensetrack:tvl1 — TV-L1 dense optical flow (scikit-image)."""
from .dense import DenseTrackerAlgorithm


class Tvl1Algorithm(DenseTrackerAlgorithm):
    NAME = "tvl1"
    DISPLAY_NAME = "Dense optical flow (TV-L1)"
    METHOD = "tvl1"
    DESCRIPTION = (
        "<p>Dense displacement with scikit-image's TV-L1 variational optical flow: robust to noise and "
        "outliers, keeps sharp motion boundaries (e.g. the edge of a landslide). Lower attachment gives "
        "smoother fields.</p>"
    )
