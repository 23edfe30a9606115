#!/usr/bin/env python3
"""Translation maintenance: collect every user-visible string into i18n/*.ts.

``pylupdate5`` only sees literal ``tr("...")`` calls, but most of our texts
(labels and help of parameters declared once in ``core`` as ParamSpecs,
algorithm names and help kept as class constants) reach ``tr()`` as
variables. So strings are collected two ways and merged:

* statically, every literal argument of ``tr(...)``/``self.tr(...)``/
  ``QCoreApplication.translate("SenseTrack", ...)`` in the plugin sources;
* dynamically, by instantiating every algorithm in a headless QGIS with
  ``tr`` patched to record what it is asked to translate (names, groups,
  help, every parameter's description and help, output descriptions).

Usage::

    scripts/i18n.py update   # write/merge i18n/sensetrack_<lang>.ts (keeps existing translations)
    scripts/i18n.py check    # list strings without a translation (exit 1 if any)
"""
from __future__ import annotations

import ast
import os
import sys
import xml.etree.ElementTree as ET
from typing import Dict, Iterable, List, Set

from sensetrack_path import ROOT, start_qgis
CONTEXT = "SenseTrack"
LANGUAGES = ["it"]
SOURCE_DIRS = ["algorithms", "provider"]
SOURCE_FILES = ["plugin.py"]


def _sources() -> Iterable[str]:
    for name in SOURCE_FILES:
        yield os.path.join(ROOT, name)
    for d in SOURCE_DIRS:
        for folder, _, names in os.walk(os.path.join(ROOT, d)):
            for n in sorted(names):
                if n.endswith(".py"):
                    yield os.path.join(folder, n)


def static_strings() -> Set[str]:
    """Literal first arguments of tr()/self.tr() and QCoreApplication.translate(CONTEXT, ...)."""
    found: Set[str] = set()
    for path in _sources():
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            args = node.args
            if name == "tr" and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.add(args[0].value)
            elif (name == "translate" and len(args) >= 2 and isinstance(args[0], ast.Constant)
                  and args[0].value == CONTEXT and isinstance(args[1], ast.Constant)):
                found.add(args[1].value)
    return found


def dynamic_strings() -> Set[str]:
    """Everything the algorithms pass to tr() while being defined and described."""
    start_qgis()
    import sensetrack.algorithms.base as base
    from sensetrack.algorithms import algorithm_classes

    seen: Set[str] = set()
    original = base.tr

    def recording(text, context=CONTEXT):
        if context == CONTEXT and isinstance(text, str) and text:
            seen.add(text)
        return original(text, context)

    patched = []
    for name, mod in list(sys.modules.items()):
        if name.startswith("sensetrack.") and getattr(mod, "tr", None) is original:
            setattr(mod, "tr", recording)
            patched.append(mod)
    try:
        seen.update(base.GROUPS.values())
        for cls in algorithm_classes():
            alg = cls()
            alg.initAlgorithm({})
            alg.displayName()
            alg.group()
            alg.shortHelpString()
            alg.canExecute()
    finally:
        for mod in patched:
            setattr(mod, "tr", original)
    return seen


def all_strings() -> List[str]:
    return sorted(static_strings() | dynamic_strings())


def ts_path(lang: str) -> str:
    return os.path.join(ROOT, "i18n", f"sensetrack_{lang}.ts")


def read_ts(path: str) -> Dict[str, str]:
    """source -> translation ("" when unfinished) for our context."""
    if not os.path.exists(path):
        return {}
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        if ctx.findtext("name") != CONTEXT:
            continue
        for msg in ctx.iter("message"):
            tr_el = msg.find("translation")
            text = tr_el.text if tr_el is not None and tr_el.get("type") not in ("unfinished", "obsolete") else ""
            out[msg.findtext("source")] = text or ""
    return out


def write_ts(path: str, lang: str, strings: List[str], translations: Dict[str, str]) -> None:
    ts = ET.Element("TS", version="2.1", language=f"{lang}_{lang.upper()}")
    ctx = ET.SubElement(ts, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for s in strings:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = s
        t = ET.SubElement(msg, "translation")
        if translations.get(s):
            t.text = translations[s]
        else:
            t.set("type", "unfinished")
    ET.indent(ts)
    with open(path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        fh.write(ET.tostring(ts, encoding="utf-8"))


def main(argv: List[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else "update"
    strings = all_strings()
    missing_total = 0
    for lang in LANGUAGES:
        path = ts_path(lang)
        known = read_ts(path)
        missing = [s for s in strings if not known.get(s)]
        missing_total += len(missing)
        if cmd == "update":
            write_ts(path, lang, strings, known)
            print(f"{path}: {len(strings)} strings, {len(missing)} untranslated")
        else:
            for s in missing:
                print(f"[{lang}] untranslated: {s[:100]!r}")
    return 1 if (cmd == "check" and missing_total) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
