#!/usr/bin/env python3
"""Look at SenseTrack as a user does (``make screenshots``): styled maps, legend, report, QGIS dialogs.

Runs the landslide example model and the report on the sample pair, renders the styled outputs
with PyQGIS offscreen (over the magnitude raster, over the reference image and over white), draws
the legend, screenshots the HTML report with headless Chromium and, when ``xvfb-run`` and the
``qgis`` desktop are installed, the toolbox and an algorithm dialog under a virtual display.
Pictures go to ``docs/`` (``--out`` to change); the key ones are shown in the README.

Usage: ``scripts/screenshots.py [--out docs] [--no-desktop]``
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from sensetrack_path import ROOT, start_qgis

SAMPLE = os.path.join(ROOT, "sample_data")
LANDSLIDE = "sensetrack:Landslide displacement from two optical images"


def _qgis_process(alg: str, **params) -> None:
    args = [os.path.join(ROOT, "scripts", "qgis_process.sh"), "run", alg, "--"]
    args += [f"{k}={v}" for k, v in params.items()]
    subprocess.run(args, check=True, capture_output=True, timeout=600)


def run_chain(work: str) -> dict:
    """The landslide model, arrows and the report on the sample pair, through qgis_process as a user runs them.

    (In one process with Processing initialised, offscreen map rendering crashed QGIS 3.22; separate
    processes also match what a user does.)
    """
    disp, vel = os.path.join(work, "displacement.tif"), os.path.join(work, "velocity.tif")
    _qgis_process(LANDSLIDE, REFERENCE=f"{SAMPLE}/reference.tif", TARGET=f"{SAMPLE}/target.tif", BAND=1,
                  LANDSLIDE=f"{SAMPLE}/landslide.gpkg", REFERENCE_DATE="2023-06-01", TARGET_DATE="2023-09-01",
                  WINDOW_SIZE=32, **{"correct:DISPLACEMENT": disp, "velocity:VELOCITY": vel})
    points = os.path.join(work, "arrows.gpkg")
    _qgis_process("sensetrack:filteroffsets", INPUT=disp, OUTPUT_POINTS=points, OUTPUT=os.path.join(work, "f.tif"))
    report = os.path.join(work, "report.html")
    _qgis_process("sensetrack:displacementreport", INPUT=vel, MASK=f"{SAMPLE}/landslide.gpkg", INVERT="true",
                  OUTPUT=report)
    return {"raster": disp, "points": points, "report": report}


def render(layers, extent, crs, path: str, background: str = "white", size: int = 700) -> str:
    from qgis.core import (QgsExpressionContext, QgsExpressionContextUtils, QgsMapRendererSequentialJob,
                           QgsMapSettings)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(crs)
    ms.setExtent(extent)
    ms.setOutputSize(QSize(size, size))
    ms.setBackgroundColor(QColor(background))
    ctx = QgsExpressionContext()  # @map_scale for the arrow sizes, as on the canvas
    ctx.appendScope(QgsExpressionContextUtils.mapSettingsScope(ms))
    ms.setExpressionContext(ctx)
    job = QgsMapRendererSequentialJob(ms)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(path)
    return path


def legend(layers, path: str) -> str:
    from qgis.core import QgsLayerTree, QgsLayerTreeModel, QgsLegendRenderer, QgsLegendSettings, QgsRenderContext
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    root = QgsLayerTree()
    for layer in layers:
        root.addLayer(layer)
    model = QgsLayerTreeModel(root)  # the renderer does not own it: keep it alive while drawing
    renderer = QgsLegendRenderer(model, QgsLegendSettings())
    size = renderer.minimumSize()
    k = 4  # pixels per mm
    img = QImage(int(size.width() * k), int(size.height() * k), QImage.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    painter.scale(k, k)
    renderer.drawLegend(QgsRenderContext.fromQPainter(painter))
    painter.end()
    img.save(path)
    return path


def maps(outputs: dict, out: str) -> list:
    from qgis.core import QgsRasterLayer, QgsRectangle, QgsVectorLayer

    raster = QgsRasterLayer(outputs["raster"], "Landslide displacement")
    points = QgsVectorLayer(outputs["points"], "Displacement arrows")
    reference = QgsRasterLayer(f"{SAMPLE}/reference.tif", "Reference image")
    c = raster.extent().center()
    zoom = QgsRectangle(c.x() - 1000, c.y() - 1000, c.x() + 1000, c.y() + 1000)
    crs = raster.crs()
    return [render([points, raster], zoom, crs, os.path.join(out, "map-arrows-on-magnitude.png")),
            render([points, reference], zoom, crs, os.path.join(out, "map-arrows-on-image.png")),
            render([points], zoom, crs, os.path.join(out, "map-arrows-on-white.png")),
            legend([points, raster], os.path.join(out, "legend.png"))]


def report_screenshot(report: str, out: str) -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("chromium not found (apt install chromium): no report screenshot")
        return ""
    path = os.path.join(out, "report.png")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={path}", "--window-size=1100,1500", f"file://{report}"],
                   check=True, capture_output=True, timeout=120)
    return path


DESKTOP = r'''
import os
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

def shoot():
    from processing import execAlgorithmDialog  # noqa: F401
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.core import QgsApplication
    out = os.environ["SENSETRACK_SHOTS"]
    iface.mainWindow().resize(1400, 900)
    toolbox = iface.mainWindow().findChild(object, "ProcessingToolbox")
    if toolbox is not None:
        toolbox.show()
        toolbox.raise_()
        try:
            toolbox.searchBox.setText("sensetrack")
        except AttributeError:
            pass
    QgsApplication.processEvents()
    iface.mainWindow().grab().save(os.path.join(out, "qgis-toolbox.png"))
    alg = QgsApplication.processingRegistry().createAlgorithmById("sensetrack:filteroffsets")
    dlg = AlgorithmDialog(alg, False, iface.mainWindow())
    dlg.resize(1000, 800)
    dlg.show()
    QgsApplication.processEvents()
    dlg.grab().save(os.path.join(out, "qgis-dialog-filteroffsets.png"))
    dlg.close()
    iface.actionExit().trigger()

QTimer.singleShot(8000, shoot)
'''


def desktop(out: str) -> list:
    """Toolbox and a dialog of the real QGIS desktop under Xvfb (skipped without xvfb-run or qgis)."""
    if not (shutil.which("xvfb-run") and shutil.which("qgis")):
        print("xvfb-run or qgis not found: no desktop screenshots")
        return []
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "shoot.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(DESKTOP)
        profile = os.path.join(tmp, "profile")
        ini = os.path.join(profile, "profiles", "default", "QGIS", "QGIS3.ini")
        os.makedirs(os.path.dirname(ini))
        with open(ini, "w", encoding="utf-8") as f:
            f.write("[PythonPlugins]\nsensetrack=true\nprocessing=true\n[qgis]\nshowTips=false\n"
                    "checkVersion=false\n")
        env = dict(os.environ, QGIS_PLUGINPATH=os.path.join(ROOT, ".build", "plugins"), SENSETRACK_SHOTS=out,
                   QT_QPA_PLATFORM="xcb")
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "qgis", "--nologo", "--noversioncheck",
                        "--profiles-path", profile, "--code", script], env=env, timeout=180,
                       capture_output=True)
    return [p for p in (os.path.join(out, "qgis-toolbox.png"), os.path.join(out, "qgis-dialog-filteroffsets.png"))
            if os.path.exists(p)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "docs"))
    ap.add_argument("--no-desktop", action="store_true")
    args = ap.parse_args(argv)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    app = start_qgis()  # noqa: F841 - the application must outlive the rendering
    with tempfile.TemporaryDirectory() as work:
        outputs = run_chain(work)
        made = maps(outputs, out)
        made.append(report_screenshot(outputs["report"], out))
    if not args.no_desktop:
        made += desktop(out)
    for p in made:
        if p:
            print(f"wrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
