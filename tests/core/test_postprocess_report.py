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
                   "median_test", "Stable-ground statistics", "NMAD", "Median ERROR", "δx", "kernel density"):
        assert needle in text, needle
    # what the reader came for comes first: the summary, then the map, provenance last
    order = [text.index(h) for h in ("<h2>Summary", "<h2>Map", "<h2>Quality", "<h2>Provenance",
                                     "<h2>Processing history")]
    assert order == sorted(order)
    # the summary's motion is the truth's inside the polygon (10 m pixels; lobe 2 px east, 3 px north)
    s = info["summary"]
    prod = read_product(corrected)
    from sensetrack.core.postprocess.stable import stable_mask

    area = ~stable_mask(prod, lobe, invert=True)
    truth = 10.0 * np.hypot(sp.true_dcol, sp.true_drow)[area]
    assert s["median"] == pytest.approx(np.median(truth), abs=0.5)
    true_dir = np.degrees(np.arctan2(np.median(sp.true_dcol[area]), np.median(-sp.true_drow[area])))
    assert 30 < true_dir < 37 and s["direction"] == pytest.approx(true_dir, abs=4.0)
    assert s["noise"] == pytest.approx(10 * 0.08, rel=0.5) and "NE" in text
    # no float noise or 17-digit floats, no "now" rows that repeat "after"
    assert not re.search(r"\d\.\d{7,}|e-0\d|\bnow\b", text)
    # the statistics in the report are those recorded by the correction on the stable ground
    assert abs(info["stats"]["after"]["DX"]["median"]) < 0.5
    assert info["stats"]["before"]["DX"]["median"] == pytest.approx(6.0, abs=0.3)


def test_report_map_shows_the_area_outline_in_the_product_crs(tmp_path):
    from sensetrack.core.postprocess.report_figures import axis_labels, mask_outline

    sp = make_product(seed=8)
    raw = write_raster(str(tmp_path / "raw.tif"), sp.bands, GT, _srs().ExportToWkt())
    lobe = polygon_gpkg(tmp_path / "lobe.gpkg", lobe_polygon_wkt())
    rings = mask_outline(lobe, read_product(raw))
    assert len(rings) == 1 and rings[0].shape[1] == 2
    assert GT[0] < rings[0][:, 0].min() and rings[0][:, 1].max() < GT[3]
    assert axis_labels(read_product(raw)) == ("easting (m)", "northing (m)")


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
