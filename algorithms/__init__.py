"""Processing algorithms: thin wrappers over ``core``.

To add an algorithm, import its class in :func:`algorithm_classes`.
"""


def algorithm_classes():
    """Every algorithm class the provider registers."""
    from .displacementreport import DisplacementReportAlgorithm
    from .farneback import FarnebackAlgorithm
    from .filteroffsets import FilterOffsetsAlgorithm
    from .ilk import IlkAlgorithm
    from .stablegroundcorrection import StableGroundCorrectionAlgorithm
    from .tvl1 import Tvl1Algorithm
    from .velocity import VelocityAlgorithm

    return [
        FarnebackAlgorithm,
        IlkAlgorithm,
        Tvl1Algorithm,
        FilterOffsetsAlgorithm,
        StableGroundCorrectionAlgorithm,
        VelocityAlgorithm,
        DisplacementReportAlgorithm,
    ]
