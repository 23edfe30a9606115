"""QGIS test layer: pytest-qgis starts a headless QgsApplication with Processing."""
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_KEEP_ALIVE = []  # an unreferenced Python provider is garbage-collected


@pytest.fixture
def provider(qgis_processing):  # noqa: ARG001 - initialises Processing
    """The registered SenseTrack provider (registered again if a test removed it)."""
    from qgis.core import QgsApplication

    from sensetrack.provider.provider import SenseTrackProvider

    registry = QgsApplication.processingRegistry()
    prov = registry.providerById("sensetrack")
    if prov is None:
        prov = SenseTrackProvider()
        _KEEP_ALIVE.append(prov)
        assert registry.addProvider(prov)
    return prov


class RecordingFeedback:
    """Factory for a QgsProcessingFeedback that records progress and messages."""

    @staticmethod
    def make(cancel_at=None):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.progress_values = []
                self.infos = []
                self.progressChanged.connect(self._on_progress)

            def _on_progress(self, value):
                self.progress_values.append(value)
                if cancel_at is not None and value >= cancel_at:
                    self.cancel()

            def pushInfo(self, info):  # noqa: N802
                self.infos.append(info)
                super().pushInfo(info)

        return _Feedback()


@pytest.fixture
def recording_feedback():
    return RecordingFeedback.make
