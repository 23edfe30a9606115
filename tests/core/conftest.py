"""Core tests run with ``qgis`` made unimportable: core must not need QGIS."""
import sys

sys.modules["qgis"] = None  # any "import qgis..." now raises ImportError
