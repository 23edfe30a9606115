"""SenseTrack QGIS plugin.

Importing this package must not import ``qgis`` (the ``core`` subpackage is
used from plain Python too); QGIS calls :func:`classFactory`.
"""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Entry point called by QGIS (``iface`` is None under qgis_process)."""
    from .plugin import SenseTrackPlugin

    return SenseTrackPlugin(iface)
