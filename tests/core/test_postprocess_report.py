"""HTML report: figures embedded, statistics, provenance; product reading and refusal."""
import base64
import re

import numpy as np
import pytest
from helpers import polygon_gpkg
from osgeo import osr

from sensetrack.core.errors import InputError
from sensetrack.core.output import write_raster
from sensetrack.core.postprocess import steps
from sensetrack.core.postprocess.product import read_product
from sensetrack.core.postprocess.report import build_report
from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product


def _srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(32632)
    return s


def test_report_embeds_figures_and_statistics(tmp_path):
    sp = make_product(seed=8)
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, _srs().ExportToWkt(),
                       metadata={"SENSETRACK_UNITS": "m", "SENSETRACK_METHOD": "phase",
                                 "SENSETRACK_REFERENCE": "/data/ref_20230101.tif",
                                 "SENSETRACK_PARAMETERS": '{"window": 64, "step": 16}'})
    lobe = polygon_gpkg(tmp_path / "lobe.gpkg", lobe_polygon_wkt())
    filtered = steps.filter_file(raw, str(tmp_path / "f.tif"))["output"]
    corrected = steps.correct_file(filtered, str(tmp_path / "c.tif"), lobe, invert=True)["output"]
    info = build_report(corrected, str(tmp_path / "r.html"), lobe, invert=True)
    text = open(info["output"], encoding="utf-8").read()
    pngs = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", text)
    assert len(pngs) == 2 and all(base64.b64decode(p)[:4] == b"\x89PNG" for p in pngs)
    for needle in ("Provenance", "/data/ref_20230101.tif", "window", "filteroffsets", "stablegroundcorrection",
                   "median_test", "Stable-ground statistics", "NMAD", "Median ERROR"):
        assert needle in text, needle
    # the statistics in the report are those of the result on the stable ground
    assert abs(info["stats"]["now"]["DX"]["median"]) < 0.5
    assert info["stats"]["before"]["DX"]["median"] == pytest.approx(6.0, abs=0.3)


def test_report_without_mask_uses_all_vectors(tmp_path):
    sp = make_product(seed=9, shape=(30, 40))
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, _srs().ExportToWkt())
    text = open(build_report(raw, str(tmp_path / "r.html"))["output"], encoding="utf-8").read()
    assert "on all vectors" in text


def test_product_reading_round_trip_and_pixel_offsets(tmp_path):
    sp = make_product(seed=4, shape=(20, 30))
    bands = {k: v for k, v in sp.bands.items() if k not in ("COL_SHIFT", "ROW_SHIFT")}
    raw = write_raster(str(tmp_path / "raw.tif"), bands, GT, _srs().ExportToWkt())
    p = read_product(raw)
    dc, dr = p.pixel_offsets()  # from DX/DY and the grid: 10 m pixels, north-up
    assert np.allclose(dc, sp.bands["COL_SHIFT"], atol=1e-4, equal_nan=True)
    assert np.allclose(dr, sp.bands["ROW_SHIFT"], atol=1e-4, equal_nan=True)


def test_windowed_raster_uses_the_reference_pixel_size(tmp_path):
    """A step-grid raster (no COL_SHIFT) converts to pixels of the tracked image, not of the grid."""
    from helpers import write_tif

    ref = write_tif(tmp_path / "ref.tif", np.zeros((64, 64), np.float32))  # 10 m pixels
    gt = (GT[0], 80.0, 0.0, GT[3], 0.0, -80.0)  # step 8
    dx = np.full((8, 8), 20.0, np.float32)  # 2 px east
    dy = np.full((8, 8), -30.0, np.float32)  # 3 px south = +3 rows
    raw = write_raster(str(tmp_path / "w.tif"), {"DX": dx, "DY": dy}, gt, _srs().ExportToWkt(),
                       metadata={"SENSETRACK_REFERENCE": ref})
    dc, dr = read_product(raw).pixel_offsets()
    assert np.allclose(dc, 2.0) and np.allclose(dr, 3.0)


def test_points_not_on_a_grid_are_refused(tmp_path):
    from sensetrack.core.output import write_points

    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 1000, 50), rng.uniform(0, 1000, 50)
    path = write_points(str(tmp_path / "p.gpkg"), x, y, {"DX": np.zeros(50), "DY": np.zeros(50)},
                        _srs().ExportToWkt())
    with pytest.raises(InputError, match="regular grid"):
        read_product(path)
