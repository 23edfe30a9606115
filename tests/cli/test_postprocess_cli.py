"""One qgis_process run of the post-processing: outputs, numbers and the sidecar style."""
import json
import os
import subprocess

import numpy as np
from helpers import ROOT, polygon_gpkg
from osgeo import gdal, osr

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")


def test_stable_ground_correction_through_qgis_process(tmp_path):
    from sensetrack.core.output import write_raster
    from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    sp = make_product(seed=21, bias=(-0.4, 0.25), outlier_fraction=0.0)
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, srs.ExportToWkt(), metadata={"SENSETRACK_UNITS": "m"})
    polygon_gpkg(tmp_path / "lobe.gpkg", lobe_polygon_wkt())
    out = tmp_path / "corrected.tif"
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    proc = subprocess.run([SCRIPT, "run", "sensetrack:stablegroundcorrection", "--json", "--", f"INPUT={raw}",
                           f"MASK={tmp_path / 'lobe.gpkg'}", "INVERT=true", "MODEL=median", f"OUTPUT={out}",
                           f"TABLE={tmp_path / 'stats.csv'}"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert abs(results["MEDIAN_DX_BEFORE"] + 4.0) < 0.3 and abs(results["MEDIAN_DY_BEFORE"] + 2.5) < 0.3
    assert abs(results["MEDIAN_DX_AFTER"]) < 0.5 and abs(results["MEDIAN_DY_AFTER"]) < 0.5
    ds = gdal.Open(str(out))
    names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    assert names[:4] == ["DX", "DY", "MAGNITUDE", "DIRECTION"] and "SIGMA_DX" in names and "ERROR" in names
    dx = ds.GetRasterBand(1).ReadAsArray()
    assert abs(np.nanmedian(dx[~sp.moving])) < 0.5
    qml = (tmp_path / "corrected.qml").read_text()
    assert "singlebandpseudocolor" in qml
    assert (tmp_path / "stats.csv").read_text().startswith("component,stage,median,nmad,rmse,count")
