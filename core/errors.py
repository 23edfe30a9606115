"""Exceptions raised by the SenseTrack core.

Every error a user can cause (bad input, incompatible rasters, bad
parameters) is a :class:`SenseTrackError`; its message says what is wrong
and what to do. The QGIS layer turns these into ``QgsProcessingException``.
"""


class SenseTrackError(Exception):
    """Base class for errors caused by the user's input or settings."""


class InputError(SenseTrackError, ValueError):
    """An input raster, band or file cannot be used as given."""


class GridMismatchError(InputError):
    """The reference and target rasters are not on the same pixel grid."""


class ParameterError(SenseTrackError, ValueError):
    """A parameter is unknown, has the wrong type or is out of range."""


class MissingDependencyError(SenseTrackError, ImportError):
    """An optional Python package needed by an algorithm is not installed."""


class Cancelled(SenseTrackError):
    """The user cancelled the run."""


class SnapError(SenseTrackError):
    """ESA SNAP's gpt failed; the message is gpt's own error, made readable."""
