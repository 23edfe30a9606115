"""Processing algorithms: thin wrappers over ``core``.

To add an algorithm, import its class in :func:`algorithm_classes`.
"""


def algorithm_classes():
    """Every algorithm class the provider registers."""
    from .farneback import FarnebackAlgorithm
    from .ilk import IlkAlgorithm
    from .tvl1 import Tvl1Algorithm

    return [
        FarnebackAlgorithm,
        IlkAlgorithm,
        Tvl1Algorithm,
    ]
