#!/usr/bin/env python3
"""Build sensetrack.zip: the installable plugin (QGIS "Install from ZIP").

Only what the plugin needs goes in: metadata, code (provider, algorithms,
core), resources, compiled translations (.qm) and LICENSE at the top of the
plugin folder. No tests, scripts, sample data or development files.
"""
from __future__ import annotations

import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP_FILES = ["metadata.txt", "__init__.py", "plugin.py", "LICENSE", "README.md"]
DIRS = ["provider", "algorithms", "core", "resources"]
SKIP_PARTS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = (".pyc", ".pyo", ".aux.xml")


def files():
    for name in TOP_FILES:
        yield name
    for d in DIRS:
        for folder, subdirs, names in os.walk(os.path.join(ROOT, d)):
            subdirs[:] = sorted(s for s in subdirs if s not in SKIP_PARTS and not s.startswith("."))
            for n in sorted(names):
                if n.startswith(".") or n.endswith(SKIP_SUFFIXES):
                    continue
                yield os.path.relpath(os.path.join(folder, n), ROOT)
    i18n = os.path.join(ROOT, "i18n")
    for n in sorted(os.listdir(i18n)) if os.path.isdir(i18n) else []:
        if n.endswith(".qm"):
            yield os.path.join("i18n", n)


def build(out: str) -> str:
    tmp = out + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in files():
            zf.write(os.path.join(ROOT, rel), os.path.join("sensetrack", rel))
    os.replace(tmp, out)
    return out


if __name__ == "__main__":
    path = build(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "sensetrack.zip"))
    with zipfile.ZipFile(path) as zf:
        print(f"{path}: {len(zf.namelist())} files")
