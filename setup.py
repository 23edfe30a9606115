"""Package layout for ``pip install .`` (metadata is in pyproject.toml).

The repository root is the QGIS plugin folder, so it maps onto the package
``sensetrack``; only its ``__init__.py`` (which never imports qgis) and the
``core`` subpackages are installed, plus the shipped SNAP graphs that
``core.snap`` reads. plugin.py, provider/ and algorithms/ need QGIS and stay out.
"""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class CoreOnly(build_py):
    """Install only ``__init__`` from the plugin folder itself (not plugin.py or other QGIS modules)."""

    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        if package == "sensetrack":
            modules = [m for m in modules if m[1] == "__init__"]
        return modules


def core_packages():
    found = []
    for folder, subdirs, files in os.walk(os.path.join(HERE, "core")):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "__")))
        if "__init__.py" in files:
            found.append("sensetrack." + os.path.relpath(folder, HERE).replace(os.sep, "."))
    return found


setup(
    packages=["sensetrack"] + core_packages(),
    package_dir={"sensetrack": "."},
    package_data={"sensetrack": ["resources/snap/graphs/*.xml", "resources/snap/graphs/README.md"]},
    include_package_data=False,
    cmdclass={"build_py": CoreOnly},
)
