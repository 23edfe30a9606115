"""Post-processing of displacement products: outlier filtering, stable-ground
correction, uncertainty, velocity and reports (pure Python, no QGIS)."""
