"""What a user sees in the toolbox: family icons, help that names parameters by their labels, the about text."""
import configparser
import os
import re

from helpers import ROOT

_TAG = re.compile(r"<[^>]+>")


def test_each_algorithm_has_the_icon_of_its_family(provider):
    from qgis.core import QgsProcessingModelAlgorithm

    seen = {}
    for alg in provider.algorithms():
        if isinstance(alg, QgsProcessingModelAlgorithm):
            continue
        path = alg.svgIconPath()
        assert os.path.exists(path) and path.endswith(f"icons{os.sep}{alg.groupId()}.svg"), alg.id()
        assert not alg.icon().isNull()
        seen.setdefault(alg.groupId(), path)
    assert len(set(seen.values())) == len(seen)  # one icon per family, none shared


def test_help_names_parameters_by_their_dialog_labels(provider):
    bare = []
    for alg in provider.algorithms():
        names = {p.name(): p.description() for p in alg.parameterDefinitions()}
        text = _TAG.sub(" ", alg.shortHelpString() or "")
        for m in re.finditer(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})\b", text):
            name = m.group(1)
            if name in names and f"'{names[name]}' ({name})" not in text and f"('{names[name]}', {name})" not in text:
                bare.append(f"{alg.id()}: {name}")
    assert not bare, bare


def test_labelling_ids_keeps_markup_and_does_not_repeat_labels():
    from sensetrack.algorithms.base import label_parameter_ids

    class P:
        def __init__(self, n, d):
            self.n, self.d = n, d

        def name(self):
            return self.n

        def description(self):
            return self.d

    params = [P("STEP", "Grid step (pixels)"), P("WINDOW_SIZE", "Window size")]
    text = "<p class='STEP'>Use STEP with 'Window size' (WINDOW_SIZE); OTHER_ID stays (STEP).</p>"
    assert label_parameter_ids(text, params) == (
        "<p class='STEP'>Use 'Grid step (pixels)' (STEP) with 'Window size' (WINDOW_SIZE); OTHER_ID stays "
        "('Grid step (pixels)', STEP).</p>")


def test_zero_as_off_is_explained_where_it_applies(provider):
    from qgis.core import QgsProcessingParameterNumber

    unexplained = []
    for alg in provider.algorithms():
        for p in alg.parameterDefinitions():
            if isinstance(p, QgsProcessingParameterNumber) and p.defaultValue() in (0, 0.0) and p.minimum() == 0:
                said = (p.description() + " " + p.help()).lower()
                if not re.search(r"\b0 (=|means|switches|turns)|\(0 = ", said):
                    unexplained.append(f"{alg.id()}: {p.name()}")
    assert not unexplained, unexplained


def test_about_describes_the_plugin_today_in_english_then_italian():
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    about = cfg.get("general", "about")
    english, italian = about.split("Italiano:")
    for word in ("phase correlation", "Preprocessing", "Post-processing", "Sentinel-1", "COSMO-SkyMed", "PRISMA",
                 "SNAP"):
        assert word in english, word
    for word in ("correlazione di fase", "Pre-elaborazione", "Post-elaborazione"):
        assert word in italian, word
