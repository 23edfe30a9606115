"""Styling of SenseTrack outputs (sidecar .qml files and GUI post-processors).

``style_outputs`` is called by every algorithm after its core run with the
results dictionary; it is the single place that decides how outputs look:

* a displacement raster (a ``MAGNITUDE`` band, or ``VELOCITY`` after the
  velocity step) gets a pseudocolour viridis ramp from 0 to a rounded maximum
  (``core.display.magnitude_classes``: the real maximum unless it is an outlier,
  then a labelled clipped range), with legend entries such as ``5 m``;
* a raster with a vertical component (``DZ``/``VZ`` of the slope projection,
  or a ``DZ`` time series: its last date) gets a diverging blue-white-red
  ramp centred on 0 (limits +- a rounded 98th percentile of ``|DZ|``; blue =
  down) with the unit in the legend labels;
* a displacement point layer (``DX``/``DY`` fields) gets arrows classed on the
  same rounded edges, filled with the ramp colour of their class so one colour
  means one value on both layers, and drawn with a white halo and a dark outline
  so that they stay visible over the raster, an optical image or white paper.
  Arrows are simple markers rotated to the azimuth of (DX, DY) and sized in
  proportion to the magnitude (the 98th-percentile vector as long as the point
  spacing); their legend patch is a normal-size arrow. Vectors below the noise
  floor (``core.display.still_threshold``) are drawn as small dots.

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

from ..core.display import Classes, magnitude_classes, still_threshold, units_label

VIRIDIS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
DIVERGING = ("#2166ac", "#67a9cf", "#f7f7f7", "#ef8a62", "#b2182b")  # negative (down) blue, positive (up) red
VERTICAL_BANDS = ("VZ", "DZ")
HALO = "255,255,255,255"
OUTLINE = "35,35,35,255"
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
    """(1-based band index, name, sampled values, unit) of the band to style, or None for other rasters."""
    from osgeo import gdal

    ds = gdal.Open(path)
    if ds is None:
        return None
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    md = ds.GetMetadata() or {}
    if md.get("SENSETRACK_KIND") == "timeseries" and md.get("SENSETRACK_COMPONENT") in VERTICAL_BANDS:
        index, name = ds.RasterCount, md["SENSETRACK_COMPONENT"]  # the last date: the cumulative motion
    else:
        found = [n for n in VERTICAL_BANDS + ("VELOCITY", "MAGNITUDE") if n in names]
        if not found:
            return None
        index, name = names.index(found[0]) + 1, found[0]
    b = ds.GetRasterBand(index)
    f = max(1.0, max(ds.RasterXSize, ds.RasterYSize) / 1024.0)  # decimated read for big rasters
    arr = b.ReadAsArray(buf_xsize=int(ds.RasterXSize / f), buf_ysize=int(ds.RasterYSize / f))
    return index, name, arr.astype(np.float64), units_label(b.GetUnitType() or "")


def _ramp(colours=VIRIDIS):
    from qgis.core import QgsGradientColorRamp, QgsGradientStop
    from qgis.PyQt.QtGui import QColor

    stops = [QgsGradientStop(i / (len(colours) - 1), QColor(c)) for i, c in enumerate(colours[1:-1], start=1)]
    return QgsGradientColorRamp(QColor(colours[0]), QColor(colours[-1]), False, stops)


def class_colours(classes: Classes) -> list:
    """Ramp colour (QColor) of each class, taken at the class middle on the 0..top ramp of the raster."""
    ramp, top = _ramp(), classes.top if not classes.clipped else classes.edges[-2]
    out = []
    for i in range(len(classes.edges) - 1):
        mid = min(0.5 * (classes.edges[i] + classes.edges[i + 1]), top)
        out.append(ramp.color(mid / top if top > 0 else 0.0))
    return out


def _diverging_shader(values: np.ndarray, unit: str):
    """A blue-white-red ramp centred on 0 with rounded, labelled limits (vertical motion: blue = down)."""
    from qgis.core import QgsColorRampShader

    from ..core.display import nice_step

    m = _percentiles(np.abs(values))[1]
    step = nice_step(m, 2)
    top = step * max(1, int(np.ceil(m / step - 1e-9)))
    shader = QgsColorRampShader(-top, top)
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    ramp = _ramp(DIVERGING)
    shader.setSourceColorRamp(ramp)
    suffix = f" {unit}" if unit else ""
    shader.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, ramp.color((v + top) / (2 * top)),
                                                                  f"{v:g}{suffix}")
                                 for v in (-top, -top / 2, 0.0, top / 2, top)])
    return shader, -top, top


def _classes_shader(values: np.ndarray, unit: str):
    """Discrete rounded classes from 0 (magnitude, velocity), the colours of the point classes."""
    from qgis.core import QgsColorRampShader

    classes = magnitude_classes(values, unit)
    shader = QgsColorRampShader(0.0, classes.top)
    # discrete classes with the colours of the point classes: one colour means one value on both layers
    shader.setColorRampType(QgsColorRampShader.Discrete)
    shader.setSourceColorRamp(_ramp())
    colours = class_colours(classes)
    items = [QgsColorRampShader.ColorRampItem(float(classes.edges[i + 1]), colours[i], classes.label(i))
             for i in range(len(colours))]
    items[-1] = QgsColorRampShader.ColorRampItem(float("inf"), colours[-1], classes.label(len(colours) - 1))
    shader.setColorRampItemList(items)
    return shader, 0.0, classes.top


def style_raster(path: str) -> Optional[str]:
    """Write the pseudocolour .qml of a displacement raster; return its path (None if not one)."""
    from qgis.core import QgsRasterLayer, QgsRasterShader, QgsSingleBandPseudoColorRenderer

    found = _raster_band(path)
    if found is None:
        return None
    band, name, values, unit = found
    layer = QgsRasterLayer(path, os.path.basename(path), "gdal")
    if not layer.isValid():
        return None
    maker = _diverging_shader if name in VERTICAL_BANDS else _classes_shader
    shader, lo, hi = maker(values, unit)
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


def _metres_per_unit(layer) -> float:
    """Metres per map unit of the layer's CRS (degrees: at the layer's mean latitude)."""
    from qgis.core import QgsUnitTypes

    crs = layer.crs()
    if not crs.isValid():
        return 1.0
    if crs.isGeographic():
        lat = layer.extent().center().y()
        return 111320.0 * max(np.cos(np.radians(lat)), 0.01)
    return QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceMeters)


def _arrow(colour, legend_size: float, size_expr: str, angle_expr: str, halo: bool):
    """One arrow layer (halo or fill), rotated and sized per feature; static size for the legend patch."""
    from qgis.core import QgsProperty, QgsSimpleMarkerSymbolLayer, QgsSymbolLayer

    if halo:
        props = {"name": "arrow", "color": "0,0,0,0", "outline_color": HALO, "outline_width": "0.7"}
    else:
        rgb = f"{colour.red()},{colour.green()},{colour.blue()},255"
        props = {"name": "arrow", "color": rgb, "outline_color": OUTLINE, "outline_width": "0.25"}
    props["size"] = f"{legend_size:.2f}"
    layer = QgsSimpleMarkerSymbolLayer.create(props)
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertySize, QgsProperty.fromExpression(size_expr))
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertyAngle, QgsProperty.fromExpression(angle_expr))
    return layer


def _dot():
    from qgis.core import QgsMarkerSymbol

    return QgsMarkerSymbol.createSimple({"name": "circle", "size": "0.9", "color": "255,255,255,255",
                                         "outline_color": OUTLINE, "outline_width": "0.15"})


def style_points(path: str) -> Optional[str]:
    """Write the arrow .qml of a displacement point layer; return its path."""
    from osgeo import gdal
    from qgis.core import QgsGraduatedSymbolRenderer, QgsMarkerSymbol, QgsRendererRange, QgsVectorLayer

    layer = QgsVectorLayer(path, os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        return None
    names = layer.fields().names()
    if "DX" not in names or "DY" not in names:
        return None
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    meta = (ds.GetLayer(0).GetMetadata() if ds is not None and ds.GetLayerCount() else {}) or {}
    ds = None
    field = "VELOCITY" if "VELOCITY" in names else ("MAGNITUDE" if "MAGNITUDE" in names else None)
    mag = _point_values(layer, "MAGNITUDE") if "MAGNITUDE" in names else \
        np.hypot(_point_values(layer, "DX"), _point_values(layer, "DY"))
    values = mag if field in (None, "MAGNITUDE") else _point_values(layer, field)  # read once
    unit = meta.get("SENSETRACK_VELOCITY_UNITS", "") if field == "VELOCITY" else meta.get("SENSETRACK_UNITS", "")
    classes = magnitude_classes(values, units_label(unit))
    expr = f'"{field}"' if field else 'sqrt("DX"^2 + "DY"^2)'
    ok = np.isfinite(values) & np.isfinite(mag) & (mag > 0)
    ratio = float(np.median(values[ok] / mag[ok])) if ok.any() else 1.0
    spacing = _spacing(layer)
    still = still_threshold(meta, spacing, ratio)
    ref = _percentiles(values)[1]
    # arrow length in mm on paper: the 98th-percentile vector spans one point spacing at any map scale
    mm_per_value = spacing * _metres_per_unit(layer) * 1000.0 / ref if ref > 0 else 0.0
    # @map_scale is set by the canvas, layouts and QgsMapSettings with a map-settings expression scope
    size_expr = f"min(max({mm_per_value:.6g} * abs({expr}) / @map_scale, 1.2), 40)"
    angle_expr = 'degrees(azimuth(make_point(0, 0), make_point("DX", "DY")))'
    colours = class_colours(classes)
    ranges = []
    if still > 0:
        ranges.append(QgsRendererRange(0.0, still, _dot(), f"below noise (< {still:.2g} {classes.unit})".replace(" )", ")")))
    n = len(classes.edges) - 1
    for i in range(n):
        lower = max(classes.edges[i], still) if i == 0 else classes.edges[i]
        upper = classes.edges[i + 1] if i < n - 1 else max(classes.edges[-1], float(np.nanmax(values)) if ok.any()
                                                            else classes.edges[-1])
        if upper <= lower:
            continue
        legend_size = 2.4 + 2.0 * i / max(n - 1, 1)  # legend patches grow with the class, like the map
        sym = QgsMarkerSymbol()
        size = f"coalesce({size_expr}, {legend_size:.2f})"
        sym.changeSymbolLayer(0, _arrow(None, legend_size, size, angle_expr, halo=True))
        sym.appendSymbolLayer(_arrow(colours[i], legend_size, size, angle_expr, halo=False))
        label = classes.label(i) if i or still <= 0 else f"{still:.2g}–{classes.label(i).split('–', 1)[1]}"
        ranges.append(QgsRendererRange(lower, upper, sym, label))
    renderer = QgsGraduatedSymbolRenderer(field or "MAGNITUDE", ranges)
    if field is None:
        renderer.setClassAttribute(expr)
    layer.setRenderer(renderer)
    return _save(layer)


def _spacing(layer) -> float:
    xs = np.array([f.geometry().asPoint().x() for f in layer.getFeatures() if not f.geometry().isNull()])
    if xs.size < 2:
        return 1.0
    u = np.unique(np.round(xs, 6))
    d = np.diff(u)
    d = d[d > 0]
    return float(d.min()) if d.size else 1.0


def _save(layer) -> Optional[str]:
    """Save the style where QGIS looks for the default style of this file (``<name>.qml``); return its path.

    A point layer whose name is shared by a raster beside it (a windowed tracker's ``out.tif`` and
    ``out.gpkg``) would overwrite the raster's ``out.qml``: its style goes to ``out_arrows.qml`` instead,
    which the GUI post-processor applies (QGIS does not load it by default; name the two outputs apart).
    Writing the style into the GeoPackage itself was tried and dropped: SQLite waits forever for a lock
    while QGIS holds the file open.
    """
    from .param_values import layer_path

    source = layer_path(layer)
    stem = os.path.splitext(source)[0]
    qml = stem + ".qml"
    if source.lower().endswith(".gpkg") and any(os.path.exists(stem + e) for e in (".tif", ".tiff", ".vrt")):
        qml = stem + "_arrows.qml"
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
