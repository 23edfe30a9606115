"""Provider registration, algorithm ids and parameter definitions."""
import pytest

TRACKERS = ["farneback", "ilk", "tvl1"]


def test_provider_identity(provider):
    assert provider.id() == "sensetrack"
    assert provider.name() == "SenseTrack"
    from sensetrack.core import __version__

    assert provider.versionInfo() == __version__
    assert provider.icon() is not None and provider.svgIconPath().endswith("icon.svg")


def test_algorithm_ids_are_lower_case_and_stable(provider):
    from qgis.core import QgsProcessingModelAlgorithm

    # example models are identified by their name, as QGIS does for every model
    ids = {a.id() for a in provider.algorithms() if not isinstance(a, QgsProcessingModelAlgorithm)}
    for name in TRACKERS:
        assert f"sensetrack:{name}" in ids
    assert all(i == i.lower() and " " not in i for i in ids)


@pytest.mark.parametrize("name", TRACKERS)
def test_tracker_parameters(provider, name):
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    alg = QgsApplication.processingRegistry().algorithmById(f"sensetrack:{name}")
    names = [p.name() for p in alg.parameterDefinitions()]
    for required in ("REFERENCE", "REFERENCE_BAND", "TARGET", "TARGET_BAND", "OUTPUT"):
        assert required in names
    assert all(n == n.upper() for n in names)
    for p in alg.parameterDefinitions():
        assert p.help(), f"{name}.{p.name()} has no help text"
        if p.name() not in ("REFERENCE", "REFERENCE_BAND", "TARGET", "TARGET_BAND", "PREPROCESSING", "OUTPUT"):
            assert p.flags() & QgsProcessingParameterDefinition.FlagAdvanced, p.name()
    assert alg.group() == "Offset tracking"
    assert "DIRECTION" in alg.shortHelpString()


def test_farneback_parameters_mirror_opencv(provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("sensetrack:farneback")
    defaults = {p.name(): p.defaultValue() for p in alg.parameterDefinitions()}
    assert defaults["PYR_SCALE"] == 0.5 and defaults["LEVELS"] == 4 and defaults["POLY_N"] == 5
    assert defaults["GAUSSIAN"] is False
    ilk = QgsApplication.processingRegistry().algorithmById("sensetrack:ilk")
    assert {"RADIUS", "NUM_WARP", "GAUSSIAN", "PREFILTER"} <= {p.name() for p in ilk.parameterDefinitions()}
    tvl1 = QgsApplication.processingRegistry().algorithmById("sensetrack:tvl1")
    assert {"ATTACHMENT", "TIGHTNESS", "NUM_WARP", "NUM_ITER", "TOL", "PREFILTER"} <= {
        p.name() for p in tvl1.parameterDefinitions()}


def test_missing_dependency_disables_only_that_algorithm(provider, monkeypatch):
    from qgis.core import QgsApplication

    from sensetrack.core import deps

    real = deps.is_available
    monkeypatch.setattr(deps, "is_available", lambda m: False if m == "cv2" else real(m))
    farneback = QgsApplication.processingRegistry().algorithmById("sensetrack:farneback")
    ok, message = farneback.canExecute()
    assert not ok and "opencv" in message.lower() and "install" in message.lower()
    ok, _ = QgsApplication.processingRegistry().algorithmById("sensetrack:ilk").canExecute()
    assert ok


def test_plugin_class_loads_headless(provider):
    from qgis.core import QgsApplication

    import sensetrack

    registry = QgsApplication.processingRegistry()
    registry.removeProvider(provider)  # the plugin registers its own instance
    plugin = sensetrack.classFactory(None)
    plugin.initProcessing()
    assert registry.providerById("sensetrack") is not None
    assert registry.algorithmById("sensetrack:farneback") is not None
    plugin.unload()
    assert registry.providerById("sensetrack") is None


def test_dependency_report_names_package_algorithms_and_install_command(provider, monkeypatch):
    from sensetrack.core import deps
    from sensetrack.plugin import dependency_report

    assert dependency_report() == ""
    real = deps.is_available
    monkeypatch.setattr(deps, "is_available", lambda m: False if m == "skimage" else real(m))
    message = dependency_report()
    assert "skimage" in message and "ilk" in message and "tvl1" in message
    assert "farneback" not in message
    assert "scikit-image" in message  # the pip package to install
