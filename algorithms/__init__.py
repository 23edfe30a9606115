"""Processing algorithms: thin wrappers over ``core``.

To add an algorithm, import its class in :func:`algorithm_classes`.
"""


def algorithm_classes():
    """Every algorithm class the provider registers."""
    from .coregister import CoregisterAlgorithm
    from .displacementreport import DisplacementReportAlgorithm
    from .farneback import FarnebackAlgorithm
    from .filteroffsets import FilterOffsetsAlgorithm
    from .grayscale import GrayscaleAlgorithm
    from .ilk import IlkAlgorithm
    from .inversevelocity import InverseVelocityAlgorithm
    from .ncc import NccAlgorithm
    from .optical import OPTICAL_ALGORITHMS
    from .phasecorrelation import PhaseCorrelationAlgorithm
    from .s1grd import S1GrdAlgorithm
    from .s1info import S1InfoAlgorithm
    from .preprocess_steps import STEP_ALGORITHMS
    from .products import PRODUCT_ALGORITHMS
    from .slopeprojection import SlopeProjectionAlgorithm
    from .snap import SNAP_ALGORITHMS
    from .stablegroundcorrection import StableGroundCorrectionAlgorithm
    from .tvl1 import Tvl1Algorithm
    from .velocity import VelocityAlgorithm
    from .pairnetwork import PairNetworkAlgorithm
    from .timeseries import TimeSeriesInversionAlgorithm
    from .timeseriesreport import TimeSeriesReportAlgorithm
    from .trackpairs import TrackPairsAlgorithm

    return [
        FarnebackAlgorithm,
        IlkAlgorithm,
        Tvl1Algorithm,
        PhaseCorrelationAlgorithm,
        NccAlgorithm,
        *STEP_ALGORITHMS,
        GrayscaleAlgorithm,
        CoregisterAlgorithm,
        FilterOffsetsAlgorithm,
        StableGroundCorrectionAlgorithm,
        VelocityAlgorithm,
        SlopeProjectionAlgorithm,
        InverseVelocityAlgorithm,
        DisplacementReportAlgorithm,
        S1InfoAlgorithm,
        S1GrdAlgorithm,
        *OPTICAL_ALGORITHMS,
        *PRODUCT_ALGORITHMS,
        *SNAP_ALGORITHMS,
        PairNetworkAlgorithm,
        TrackPairsAlgorithm,
        TimeSeriesInversionAlgorithm,
        TimeSeriesReportAlgorithm,
    ]
