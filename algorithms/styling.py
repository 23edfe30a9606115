"""Styling of SenseTrack outputs (sidecar .qml files and GUI post-processors).

``style_outputs`` is called by every algorithm after its core run with the
results dictionary; it is the single place that decides how outputs look:

* a displacement raster (a ``MAGNITUDE`` band, or ``VELOCITY`` after the
  velocity step) gets a single-band pseudocolour renderer on that band,
  limits from the 2nd and 98th percentiles, a viridis ramp;
* a displacement point layer (``DX``/``DY`` fields) gets arrows drawn by the
  vector-field marker (``QgsVectorFieldSymbolLayer``, Cartesian, X = DX,
  Y = DY, lengths in map units), coloured by magnitude classes. Verified by
  rendering on QGIS 3.22: the Y attribute is taken as map units with y *up*
  (a positive value draws the arrow towards north on a north-up projected
  map), which is exactly our DY convention, so no sign change is needed. The
  scale makes the 98th-percentile vector as long as the point spacing.

The style is written beside the file as the ``.qml`` QGIS loads by default
(``<name>.qml`` next to ``<name>.tif`` / ``<name>.gpkg``), so qgis_process and
model users get it, and, when the GUI will load the output, a post-processor
applies the same style. Post-processors live in a module-level dict: the
algorithm instance that runs is a clone that dies before the layer is
loaded (see qgis-conventions §0 #6). Styling never fails a run.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Optional

import numpy as np

VIRIDIS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
_POST_PROCESSORS: Dict[str, Any] = {}


def _percentiles(values: np.ndarray, lo: float = 2, hi: float = 98):
    v = values[np.isfinite(values)]
    if v.size == 0:
        return 0.0, 1.0
    a, b = np.percentile(v, [lo, hi])
    if b <= a:
        b = a + (abs(a) or 1.0) * 0.1
    return float(a), float(b)


def _raster_band(path: str):
    """(1-based band index, name, sampled values) of the band to style, or None for other rasters."""
    from osgeo import gdal

    ds = gdal.Open(path)
    if ds is None:
        return None
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    for name in ("VELOCITY", "MAGNITUDE"):
        if name in names:
            b = ds.GetRasterBand(names.index(name) + 1)
            f = max(1.0, max(ds.RasterXSize, ds.RasterYSize) / 1024.0)  # decimated read for big rasters
            arr = b.ReadAsArray(buf_xsize=int(ds.RasterXSize / f), buf_ysize=int(ds.RasterYSize / f))
            return names.index(name) + 1, name, arr.astype(np.float64)
    return None


def _ramp():
    from qgis.core import QgsGradientColorRamp, QgsGradientStop
    from qgis.PyQt.QtGui import QColor

    stops = [QgsGradientStop(i / (len(VIRIDIS) - 1), QColor(c)) for i, c in enumerate(VIRIDIS[1:-1], start=1)]
    return QgsGradientColorRamp(QColor(VIRIDIS[0]), QColor(VIRIDIS[-1]), False, stops)


def style_raster(path: str) -> Optional[str]:
    """Write the pseudocolour .qml of a displacement raster; return its path (None if not one)."""
    from qgis.core import QgsColorRampShader, QgsRasterLayer, QgsRasterShader, QgsSingleBandPseudoColorRenderer

    found = _raster_band(path)
    if found is None:
        return None
    band, name, values = found
    lo, hi = _percentiles(values)
    if name in ("MAGNITUDE", "VELOCITY"):
        lo = 0.0 if lo >= 0 else lo
    layer = QgsRasterLayer(path, os.path.basename(path), "gdal")
    if not layer.isValid():
        return None
    shader = QgsColorRampShader(lo, hi)
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    shader.setSourceColorRamp(_ramp())
    shader.classifyColorRamp(5, -1)
    shader.setClip(False)
    rs = QgsRasterShader()
    rs.setRasterShaderFunction(shader)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), band, rs)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    layer.setRenderer(renderer)
    return _save(layer)


def _point_values(layer, field: str) -> np.ndarray:
    idx = layer.fields().indexOf(field)
    vals = [f.attribute(idx) for f in layer.getFeatures()]
    return np.array([float(v) if v is not None and v == v and not hasattr(v, "isNull") else np.nan
                     for v in vals], dtype=np.float64)


def style_points(path: str) -> Optional[str]:
    """Write the vector-field arrow .qml of a displacement point layer; return its path."""
    from qgis.core import (
        QgsGraduatedSymbolRenderer,
        QgsMarkerSymbol,
        QgsRendererRange,
        QgsUnitTypes,
        QgsVectorFieldSymbolLayer,
        QgsVectorLayer,
    )
    layer = QgsVectorLayer(path, os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        return None
    names = layer.fields().names()
    if "DX" not in names or "DY" not in names:
        return None
    colour_by = "VELOCITY" if "VELOCITY" in names else ("MAGNITUDE" if "MAGNITUDE" in names else None)
    mag = _point_values(layer, "MAGNITUDE") if "MAGNITUDE" in names else \
        np.hypot(_point_values(layer, "DX"), _point_values(layer, "DY"))
    values = mag if colour_by in (None, "MAGNITUDE") else _point_values(layer, colour_by)  # read once
    spacing = _spacing(layer)
    ref = _percentiles(mag)[1]
    scale = spacing / ref if ref > 0 else 1.0
    base = QgsVectorFieldSymbolLayer()
    base.setXAttribute("DX")
    base.setYAttribute("DY")  # map units, y up: positive DY (north) draws northward (see module doc)
    base.setVectorFieldType(QgsVectorFieldSymbolLayer.Cartesian)
    base.setDistanceUnit(QgsUnitTypes.RenderMapUnits)
    base.setScale(scale)
    lo, hi = _percentiles(values)
    lo = min(lo, 0.0) if lo >= 0 else lo
    edges = np.linspace(lo, hi, len(VIRIDIS) + 1)
    vmax = np.nanmax(values) if np.isfinite(values).any() else hi
    ranges = []
    for i, colour in enumerate(VIRIDIS):
        sym = QgsMarkerSymbol()
        layer_sym = base.clone()
        layer_sym.setSubSymbol(_arrow_line(colour))
        sym.changeSymbolLayer(0, layer_sym)
        upper = max(float(vmax), edges[-1]) if i == len(VIRIDIS) - 1 else float(edges[i + 1])
        lower = float(min(np.nanmin(values), edges[0])) if i == 0 and np.isfinite(values).any() else float(edges[i])
        ranges.append(QgsRendererRange(lower, upper, sym, f"{lower:.3g} - {upper:.3g}"))
    renderer = QgsGraduatedSymbolRenderer(colour_by or "MAGNITUDE", ranges)
    if colour_by is None:
        renderer.setClassAttribute('sqrt("DX"^2 + "DY"^2)')
    layer.setRenderer(renderer)
    return _save(layer)


def _arrow_line(colour: str):
    """A line with a filled arrowhead at its end (the vector field marker draws only the shaft).

    Built from property maps (``create``/``createSimple``): symbol layers made with
    constructors and handed between sip wrappers crashed QGIS 3.22 on garbage collection.
    """
    from qgis.core import QgsLineSymbol, QgsMarkerLineSymbolLayer, QgsMarkerSymbol
    from qgis.PyQt.QtGui import QColor

    c = QColor(colour)
    rgb = f"{c.red()},{c.green()},{c.blue()},255"
    line = QgsLineSymbol.createSimple({"line_color": rgb, "line_width": "0.4"})
    marker_line = QgsMarkerLineSymbolLayer.create({"placement": "lastvertex", "rotate": "1"})
    marker_line.setSubSymbol(QgsMarkerSymbol.createSimple({"name": "filled_arrowhead", "color": rgb,
                                                           "outline_color": rgb, "size": "1.4"}))
    line.appendSymbolLayer(marker_line)
    return line


def _spacing(layer) -> float:
    xs = np.array([f.geometry().asPoint().x() for f in layer.getFeatures() if not f.geometry().isNull()])
    if xs.size < 2:
        return 1.0
    u = np.unique(np.round(xs, 6))
    d = np.diff(u)
    d = d[d > 0]
    return float(d.min()) if d.size else 1.0


def _save(layer) -> Optional[str]:
    """Save the style where QGIS looks for the default style of this file (``<name>.qml``)."""
    from .param_values import layer_path

    source = layer_path(layer)
    qml = os.path.splitext(source)[0] + ".qml"
    _msg, ok = layer.saveNamedStyle(qml)
    return qml if ok and os.path.exists(qml) else None


def style_file(path: str) -> Optional[str]:
    """Style one output file (raster or GeoPackage); return the .qml written or None."""
    if path.lower().endswith((".tif", ".tiff", ".vrt")):
        return style_raster(path)
    if path.lower().endswith(".gpkg"):
        return style_points(path)
    return None


def _post_processor(qml: str):
    from qgis.core import QgsProcessingLayerPostProcessorInterface

    class _ApplyStyle(QgsProcessingLayerPostProcessorInterface):
        def postProcessLayer(self, layer, context, feedback):  # noqa: N802
            if layer is not None and os.path.exists(qml):
                layer.loadNamedStyle(qml)
                layer.triggerRepaint()

    proc = _ApplyStyle()
    _POST_PROCESSORS[qml] = proc  # module-level reference: the running algorithm is a short-lived clone
    return proc


def style_outputs(algorithm, results: Dict[str, Any], context, feedback) -> None:
    """Give each displacement output a style (.qml beside it; post-processor in the GUI). Never raises."""
    for key, value in (results or {}).items():
        if not isinstance(value, str) or not os.path.isfile(value):  # results hold plain file paths
            continue
        path = value
        try:
            qml = style_file(path)
            if qml and context is not None and context.willLoadLayerOnCompletion(value):
                context.layerToLoadOnCompletionDetails(value).setPostProcessor(_post_processor(qml))
        except Exception as exc:  # styling is cosmetic: a failure must not lose the result
            if feedback is not None:
                feedback.pushWarning(f"Could not style output {key} ({exc}); the data are unaffected.")
