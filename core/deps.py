"""Optional dependencies: detection and install hints.

The plugin must load even when OpenCV or scikit-image are missing from the
user's QGIS Python; algorithms that need them then explain what to install.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Dict, List, Optional, Sequence

from .errors import MissingDependencyError

#: import name -> (pip package, Debian/Ubuntu package)
PACKAGES: Dict[str, tuple] = {
    "cv2": ("opencv-python-headless", "python3-opencv"),
    "skimage": ("scikit-image", "python3-skimage"),
    "scipy": ("scipy", "python3-scipy"),
    "yaml": ("PyYAML", "python3-yaml"),
    "lxml": ("lxml", "python3-lxml"),
    "pandas": ("pandas", "python3-pandas"),
}


def is_available(module: str) -> bool:
    if module in sys.modules:
        return sys.modules[module] is not None
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a submodule ("lxml.etree") whose package is missing
        return False


def missing(modules: Sequence[str]) -> List[str]:
    """The subset of ``modules`` that cannot be imported."""
    return [m for m in modules if not is_available(m)]


def install_hint(modules: Sequence[str]) -> str:
    """Platform-specific install instructions for the given import names."""
    tops = [m.split(".")[0] for m in modules]  # "lxml.etree" is installed as lxml
    pips = " ".join(PACKAGES.get(m, (m, m))[0] for m in tops)
    debs = " ".join(PACKAGES.get(m, (m, "python3-" + m))[1] for m in tops)
    if sys.platform.startswith("win"):
        return f"Open the OSGeo4W Shell and run: python -m pip install {pips}"
    if sys.platform == "darwin":
        return f"In a terminal run: /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {pips}"
    return f"Install with your package manager (Debian/Ubuntu: sudo apt install {debs}) or: python3 -m pip install {pips}"


def require(*modules: str, purpose: str = "this algorithm"):
    """Import and return the modules, or raise MissingDependencyError saying how to install them."""
    absent = missing(modules)
    if absent:
        names = ", ".join(PACKAGES.get(m.split(".")[0], (m,))[0] for m in absent)
        raise MissingDependencyError(
            f"{purpose} needs the Python package(s) {names}, which QGIS's Python cannot import. "
            + install_hint(absent) + ", then restart QGIS."
        )
    mods = tuple(importlib.import_module(m) for m in modules)
    return mods[0] if len(mods) == 1 else mods


#: GDAL drivers able to read JPEG 2000 (Sentinel-2 bands and masks), in order of preference. Debian's and
#: OSGeo4W's GDAL ship JP2OpenJPEG (the OpenJPEG library); the others are proprietary plug-ins.
JPEG2000_DRIVERS = ("JP2OpenJPEG", "JP2KAK", "JP2ECW", "JP2MrSID")


def jpeg2000_driver() -> Optional[str]:
    """Name of the first GDAL driver that reads JPEG 2000, or None."""
    from osgeo import gdal

    return next((d for d in JPEG2000_DRIVERS if gdal.GetDriverByName(d) is not None), None)


def jpeg2000_hint() -> str:
    """What to install when GDAL has no JPEG 2000 driver."""
    return ("GDAL has no JPEG 2000 driver (JP2OpenJPEG, built on the OpenJPEG library, is the usual one): install "
            "a GDAL with OpenJPEG support (Debian/Ubuntu: sudo apt install libopenjp2-7 gdal-bin; Windows: the "
            "OSGeo4W or standalone QGIS installer includes it), then restart QGIS.")


def require_jpeg2000(purpose: str = "Reading JPEG 2000 files") -> str:
    """The JPEG 2000 driver name, or MissingDependencyError saying what to install."""
    name = jpeg2000_driver()
    if name is None:
        raise MissingDependencyError(f"{purpose} needs a GDAL JPEG 2000 driver. " + jpeg2000_hint())
    return name
