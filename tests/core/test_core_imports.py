"""The core package imports and works in a Python where qgis cannot be imported."""
import os
import pkgutil
import subprocess
import sys

from helpers import PLUGINS, ROOT


def test_every_core_module_imports_without_qgis():
    code = (
        "import sys, pkgutil, importlib\n"
        "sys.modules['qgis'] = None\n"
        f"sys.path.insert(0, {PLUGINS!r})\n"
        "import sensetrack.core as c\n"
        "names = [m.name for m in pkgutil.walk_packages(c.__path__, 'sensetrack.core.')]\n"
        "[importlib.import_module(n) for n in names]\n"
        "assert not any(k == 'qgis' or k.startswith('qgis.') for k, v in sys.modules.items() if v is not None)\n"
        "print(len(names))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) >= 8


def test_sentinel1_and_snap_modules_import_without_lxml_and_say_what_to_install():
    code = (
        "import sys\n"
        "sys.modules['lxml'] = None\n"
        f"sys.path.insert(0, {PLUGINS!r})\n"
        "import sensetrack.core.sentinel1, sensetrack.core.snap\n"
        "from sensetrack.core.errors import MissingDependencyError\n"
        "from sensetrack.core.snap import Graph, shipped_graphs\n"
        "try:\n"
        "    Graph(shipped_graphs()['s1_grd'])\n"
        "except MissingDependencyError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Reading SNAP graphs needs the Python package(s) lxml" in out.stdout and "python3-lxml" in out.stdout


def test_core_sources_never_mention_qgis_imports():
    core = os.path.join(ROOT, "core")
    for mod in pkgutil.walk_packages([core]):
        path = os.path.join(core, *mod.name.split(".")) + (".py" if not mod.ispkg else "/__init__.py")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        assert "import qgis" not in text and "from qgis" not in text, path


def test_core_version_matches_metadata():
    import configparser

    from sensetrack.core import __version__

    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    assert cfg["general"]["version"] == __version__
