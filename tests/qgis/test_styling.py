"""Styles a scientist can read: contrasting arrows, normal legend patches, rounded labels with units."""
import os

import numpy as np
import pytest
from helpers import SAMPLE

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    from sensetrack.algorithms import styling
    from sensetrack.core.tracking import track_windows_file

    d = tmp_path_factory.mktemp("styled")
    track_windows_file(os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif"),
                       str(d / "pc.tif"), str(d / "pts.gpkg"), window=32, step=16)
    return styling.style_file(str(d / "pc.tif")), styling.style_file(str(d / "pts.gpkg")), d


def _luminance(c):
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()


def test_arrows_contrast_with_every_ramp_colour(styled):
    from qgis.core import QgsRenderContext, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor

    from sensetrack.algorithms.styling import VIRIDIS

    _, _, d = styled
    layer = QgsVectorLayer(str(d / "pts.gpkg"))
    arrows = [s for s in layer.renderer().symbols(QgsRenderContext()) if s.symbolLayerCount() == 2]
    assert len(arrows) >= 3
    for sym in arrows:
        strokes = [sym.symbolLayer(i).strokeColor() for i in range(2)]
        for ramp in map(QColor, VIRIDIS):  # a white halo or a dark outline stands out on every ramp colour
            assert max(abs(_luminance(s) - _luminance(ramp)) for s in strokes) > 0.45


def test_point_and_raster_classes_share_edges_labels_and_colours(styled):
    from qgis.core import QgsRasterLayer, QgsRenderContext, QgsVectorLayer

    _, _, d = styled
    raster = QgsRasterLayer(str(d / "pc.tif"))
    items = raster.renderer().shader().rasterShaderFunction().colorRampItemList()
    layer = QgsVectorLayer(str(d / "pts.gpkg"))
    pairs = list(zip(layer.renderer().ranges(), layer.renderer().symbols(QgsRenderContext())))
    arrows = [(r, s) for r, s in pairs if s.symbolLayerCount() == 2]
    assert [r.label() for r, _ in arrows][1:] == [i.label for i in items][1:]
    assert [r.upperValue() for r, _ in arrows][:-1] == [i.value for i in items][:-1]
    for (_, sym), item in zip(arrows, items):
        assert sym.symbolLayer(1).fillColor().name() == item.color.name()
    for label in [i.label for i in items]:  # rounded numbers with units, no 27.16335
        numbers = label.replace(" m", "").replace("> ", "").split("–")
        assert label.endswith(" m") and all(len(x.split(".")[1]) <= 2 for x in numbers if "." in x)
    # the ramp covers the real maximum: the lobe core is not saturated
    from osgeo import gdal

    ds = gdal.Open(str(d / "pc.tif"))
    mag = ds.GetRasterBand(3).ReadAsArray()
    top = raster.renderer().classificationMax()
    assert top >= np.nanmax(mag) > top - 5.0


def test_stable_ground_is_dots_and_legend_patches_are_small(styled):
    from qgis.core import QgsLayerTree, QgsLayerTreeModel, QgsVectorLayer

    _, _, d = styled
    layer = QgsVectorLayer(str(d / "pts.gpkg"))
    from qgis.core import QgsRenderContext

    first = layer.renderer().ranges()[0]
    dot = layer.renderer().symbols(QgsRenderContext())[0].symbolLayer(0)
    assert first.lowerValue() == 0 and "noise" in first.label() and dot.shape() == dot.Circle
    assert 0 < first.upperValue() <= 2.0  # 0.1 px of 10 m pixels without stable-ground statistics
    root = QgsLayerTree()
    root.addLayer(layer)
    model = QgsLayerTreeModel(root)
    for node in model.layerLegendNodes(root.findLayer(layer.id())):
        size = node.minimumIconSize()
        assert size.width() <= 40 and size.height() <= 40, (node.data(0), size)


def test_stable_noise_sets_the_dot_threshold():
    import json

    from sensetrack.core.display import magnitude_classes, nice_length, still_threshold

    meta = {"SENSETRACK_STABLE_STATS": json.dumps({"after": {"DX": {"nmad": 0.2}, "DY": {"nmad": 0.4}}})}
    assert still_threshold(meta, 80.0) == pytest.approx(2.45 * 0.3)
    assert still_threshold({"SENSETRACK_PARAMETERS": json.dumps({"step": 8})}, 80.0) == pytest.approx(1.0)
    c = magnitude_classes(np.array([0.0, 3.0, 26.12, np.nan]), "m")
    assert c.edges == (0, 5, 10, 15, 20, 25, 30) and c.label(0) == "0–5 m" and not c.clipped
    outlier = magnitude_classes(np.r_[np.linspace(0, 2, 1000), 500.0], "m/year")
    assert outlier.clipped and outlier.label(len(outlier.edges) - 2).startswith("> ")
    assert outlier.edges[-2] <= 2.5 and outlier.tick(2) == "2.00 m/year"
    assert nice_length(37) == 25 and nice_length(0.3) == 0.25


def test_a_raster_and_points_of_the_same_name_keep_their_own_styles(tmp_path):
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    from sensetrack.algorithms import styling
    from sensetrack.core.tracking import track_windows_file

    track_windows_file(os.path.join(SAMPLE, "reference.tif"), os.path.join(SAMPLE, "target.tif"),
                       str(tmp_path / "out.tif"), str(tmp_path / "out.gpkg"), window=32, step=16)
    assert styling.style_file(str(tmp_path / "out.gpkg")) == str(tmp_path / "out_arrows.qml")
    assert styling.style_file(str(tmp_path / "out.tif")) == str(tmp_path / "out.qml")
    assert QgsRasterLayer(str(tmp_path / "out.tif")).renderer().type() == "singlebandpseudocolor"
    points = QgsVectorLayer(str(tmp_path / "out.gpkg"), "p", "ogr", QgsVectorLayer.LayerOptions(loadDefaultStyle=False))
    points.loadNamedStyle(str(tmp_path / "out_arrows.qml"))  # what the GUI post-processor does
    assert points.renderer().type() == "graduatedSymbol"
