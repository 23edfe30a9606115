"""Why an input file cannot be opened, told apart before a reader gives a vaguer message.

A reader that only tests ``os.path.exists`` reports a file it may not read
as "not found", and GDAL reports an empty or truncated file as "not a
supported format". :func:`check_readable` names the real cause: missing,
a folder, no read permission, or empty.
"""
from __future__ import annotations

import os

from .errors import InputError

# dataset names GDAL opens that are not plain files
VIRTUAL_PREFIXES = ("/vsi", "HDF5:", "NETCDF:", "SENTINEL1", "GTIFF_DIR:")


def check_readable(path: str, what: str = "file", folder_ok: bool = False) -> None:
    """Raise :class:`InputError` saying why ``path`` cannot be read as a ``what``; return if it can.

    Parameters
    ----------
    path : str
        File (or, with ``folder_ok``, folder) name. GDAL virtual names
        (``/vsizip/...``, ``HDF5:...``) are not checked.
    what : str
        What the file should be, for the message ("raster", "preset file"...).
    folder_ok : bool
        Accept a folder (e.g. a Sentinel-1 .SAFE folder).
    """
    path = str(path)
    if path.startswith(VIRTUAL_PREFIXES):
        return
    if not path or not os.path.exists(path):
        raise InputError(f"The {what} '{path}' does not exist. Check the path.")
    if os.path.isdir(path):
        if folder_ok:
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputError(f"The {what} '{path}' cannot be read: permission denied. Check the folder's "
                                 "permissions.")
            return
        raise InputError(f"The {what} '{path}' is a folder, not a file. Choose the file itself.")
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except PermissionError:
        raise InputError(f"The {what} '{path}' exists but cannot be read: permission denied. Check the file's "
                         "permissions (or run as a user who may read it).") from None
    except OSError as exc:
        raise InputError(f"The {what} '{path}' exists but cannot be read: {exc.strerror}. The disk or network "
                         "share may have a problem.") from None
    if os.path.getsize(path) == 0:
        raise InputError(f"The {what} '{path}' is empty (0 bytes): the download or copy did not complete. "
                         "Copy it again.")
