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


class Interrupted(Cancelled):
    """The process received SIGTERM or SIGINT; the run stops and cleans up as on cancel."""


QUOTE_LIMIT = 80


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for quoting user values in messages.

    A crafted input (a YAML alias bomb, a huge string) must not turn an
    error message into megabytes or its repr into minutes of work: the repr
    is bounded in depth, items per container and characters per string
    (``reprlib``), then cut to ``limit`` characters.
    """
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxstring, r.maxother = 3, limit, limit
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = r.maxfrozenset = r.maxdeque = r.maxarray = 8
    try:
        text = r.repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[:limit] + "..."
    if isinstance(value, (str, bytes)) and len(value) > limit:
        text += f" ({len(value)} characters)"
    return text


_OS_ERRORS = {
    "ENOSPC": "the disk is full",
    "EDQUOT": "the disk quota is exceeded",
    "EROFS": "the file system is read-only",
    "EACCES": "permission denied",
    "EPERM": "permission denied",
    "EISDIR": "it is a folder, not a file",
    "ENOTDIR": "a part of the path is not a folder",
    "ENAMETOOLONG": "the name is too long",
}
_OS_ADVICE = {
    "ENOSPC": "Free some space or write the output to another disk.",
    "EDQUOT": "Free some space or write the output to another disk.",
    "EROFS": "Write the output to a writable folder.",
    "EACCES": "Choose a file you may write (and inputs you may read).",
    "EPERM": "Choose a file you may write (and inputs you may read).",
    "EISDIR": "Give a file name, not a folder.",
    "ENOTDIR": "Check the path.",
    "ENAMETOOLONG": "Choose a shorter name.",
}
# GDAL reports the same failures as RuntimeError text, not errno
_GDAL_TEXTS = (("no space left", "ENOSPC"), ("free disk space", "ENOSPC"), ("read-only file system", "EROFS"),
               ("permission denied", "EACCES"), ("is a directory", "EISDIR"))


def os_error_message(exc: BaseException) -> str | None:
    """A plain message for a disk-full / read-only / permission / is-a-folder failure, else None."""
    import errno

    code = None
    path = ""
    if isinstance(exc, OSError) and exc.errno is not None:
        code = errno.errorcode.get(exc.errno)
        path = exc.filename or ""
    if code not in _OS_ERRORS:
        text = str(exc).lower()
        code = next((c for t, c in _GDAL_TEXTS if t in text), None)
        if code is None:
            return None
    where = f" writing {quote(str(path), 200)}" if path else ""
    detail = "" if path else f" ({quote(str(exc), 200)})"
    return f"Cannot complete the run{where}: {_OS_ERRORS[code]}{detail}. {_OS_ADVICE[code]} " \
           "No partial output was kept."


class OutputError(SenseTrackError):
    """An output could not be written completely (disk full, write error); nothing was left under its name."""
