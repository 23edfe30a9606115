"""The core package imports and works in a Python where qgis cannot be imported."""
import ast
import importlib.util
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


TRACKING = os.path.join(ROOT, "core", "tracking")


def _tracking_modules():
    """``{dotted name: (path, is_package)}`` for every module of core/tracking."""
    found = {}
    for folder, subdirs, files in os.walk(TRACKING):
        subdirs[:] = [d for d in subdirs if not d.startswith((".", "__"))]
        for f in files:
            if f.endswith(".py"):
                parts = os.path.relpath(os.path.join(folder, f), ROOT)[:-3].split(os.sep)
                is_package = parts[-1] == "__init__"
                found[".".join(["sensetrack"] + parts[:-1 if is_package else None])] = (os.path.join(folder, f),
                                                                                         is_package)
    return found


def _tracking_imports(modules):
    """``{module: modules of core/tracking it imports}``, function-level (lazy) imports included."""
    graph = {}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
                # ``from . import fft_backend`` imports the submodule; ``from .engine import x`` the module ``engine``
                targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _cycles(graph):
    """Modules that reach themselves through the import graph, each with the path back."""
    out = {}
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    out[start] = path + (start,)
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + (nxt,)))
    return out


def test_tracking_package_has_no_import_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}).keys() == {"a", "b", "c"}  # the check works
    modules = _tracking_modules()
    pkg = "sensetrack.core.tracking"
    assert {f"{pkg}.{m}" for m in ("dense", "flow", "quality", "windowed", "windowed.engine", "windowed.files",
                                   "windowed.phase", "windowed.ncc", "windowed.spectra", "windowed.subpixel",
                                   "windowed.fft_backend")} <= modules.keys()
    graph = _tracking_imports(modules)
    # the scan sees relative, lazy and ``from . import module`` imports
    assert f"{pkg}.windowed.engine" in graph[f"{pkg}.windowed.files"]
    assert f"{pkg}.dense" in graph[f"{pkg}.windowed.files"]
    assert f"{pkg}.windowed.spectra" in graph[f"{pkg}.windowed.phase"]
    assert f"{pkg}.windowed.fft_backend" in graph[f"{pkg}.windowed.spectra"]
    assert _cycles(graph) == {}


def test_each_tracking_module_imports_first_in_a_fresh_interpreter():
    # an import cycle shows as an ImportError only for some import orders: import each module first
    for name in sorted(_tracking_modules()):
        code = (
            "import sys, importlib\n"
            "sys.modules['qgis'] = None\n"
            f"sys.path.insert(0, {PLUGINS!r})\n"
            f"importlib.import_module({name!r})\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 0, (name, out.stderr)
    from sensetrack.core import tracking

    assert {"track_dense", "track_windows", "track_windows_file", "dense_flow"} <= set(tracking.__all__)
