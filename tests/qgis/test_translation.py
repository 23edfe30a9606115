"""The Italian translation covers every string the plugin passes to tr(), and the plugin loads it."""
import importlib.util
import os
import re

import pytest

from helpers import ROOT

QM = os.path.join(ROOT, "i18n", "sensetrack_it.qm")
_FIELDS = re.compile(r"\{[^{}]*\}|%\d|%s")
_TAGS = re.compile(r"</?([a-zA-Z0-9]+)")


def _translate(translator, text):
    # PyQt5 passes a str source as ASCII to the C++ const char*; UTF-8 bytes keep "ä" and "…" intact
    return translator.translate(b"SenseTrack", text.encode("utf-8"))


def _i18n_module():
    spec = importlib.util.spec_from_file_location("sensetrack_i18n", os.path.join(ROOT, "scripts", "i18n.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def translator(qgis_app):  # noqa: ARG001
    from qgis.PyQt.QtCore import QTranslator

    if not os.path.exists(QM):
        pytest.fail(f"{QM} is missing: run 'make transcompile' (make test does it)")
    tr = QTranslator()
    assert tr.load(QM)
    return tr


@pytest.fixture(scope="module")
def strings(qgis_app):  # noqa: ARG001
    found = _i18n_module().all_strings()
    assert len(found) > 100  # names, groups, help of every algorithm and parameter
    return found


def test_italian_qm_translates_every_string(translator, strings):
    missing = [s for s in strings if not _translate(translator, s)]
    assert not missing, f"{len(missing)} of {len(strings)} strings untranslated, e.g. {missing[:5]}"


def test_translations_keep_placeholders_and_markup(translator, strings):
    broken = []
    for s in strings:
        t = _translate(translator, s)
        if not t:
            continue
        if sorted(_FIELDS.findall(s)) != sorted(_FIELDS.findall(t)) or \
                sorted(_TAGS.findall(s)) != sorted(_TAGS.findall(t)):
            broken.append(s)
    assert not broken, f"placeholders or HTML tags differ in {len(broken)} translations, e.g. {broken[:3]}"


def test_plugin_loads_the_locale_translation(qgis_app, qgis_iface):
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    from sensetrack.plugin import SenseTrackPlugin

    settings = QSettings()
    old = settings.value("locale/userLocale")
    settings.setValue("locale/userLocale", "it_IT")
    plugin = SenseTrackPlugin(qgis_iface)
    try:
        assert plugin.translator is not None
        assert QCoreApplication.translate("SenseTrack", "Offset tracking") not in ("", "Offset tracking")
    finally:
        plugin.unload()
        settings.setValue("locale/userLocale", old or "")
    assert QCoreApplication.translate("SenseTrack", "Offset tracking") == "Offset tracking"
