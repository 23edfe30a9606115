"""Issue 19 part 1: no destination of any algorithm may overwrite an input (checked once, in the base class).

Each reproduction of the issue (a secondary output such as TABLE, OUTPUT_POINTS or OUTPUT_JSON naming an
input, the SNAP graph or a file a placeholder names) must be refused with a clear message before any work,
and the input must stay byte-identical. The same holds through a symbolic link, a hard link and ``..``.
"""
import hashlib
import os
import shutil
import stat

import pytest
from helpers import ROOT, polygon_gpkg
from osgeo import osr

FAKE = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")


def _digest(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


@pytest.fixture
def product(tmp_path):
    from sensetrack.core.output import write_raster
    from sensetrack.core.postprocess.simulate import GT, lobe_polygon_wkt, make_product

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    sp = make_product(seed=5)
    raster = write_raster(str(tmp_path / "pc.tif"), sp.bands, GT, srs.ExportToWkt(),
                          metadata={"SENSETRACK_UNITS": "m"})
    mask = polygon_gpkg(tmp_path / "mask.gpkg", lobe_polygon_wkt())
    return raster, mask


@pytest.fixture
def gpt(tmp_path, monkeypatch):
    path = tmp_path / "gpt"
    path.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("SNAP_GPT", str(path))
    return str(path)


def _refused(alg, params, *protected, match="also an input"):
    import processing
    from qgis.core import QgsProcessingException

    before = {p: _digest(p) for p in protected}
    with pytest.raises(QgsProcessingException, match=match) as info:
        processing.run(alg, params)
    assert "Traceback" not in str(info.value)
    assert {p: _digest(p) for p in protected} == before, "an input was modified"
    return str(info.value)


def _points(tmp_path, raster):
    import processing

    return processing.run("sensetrack:filteroffsets", {"INPUT": raster,
                                                       "OUTPUT_POINTS": str(tmp_path / "pts.gpkg")})["OUTPUT_POINTS"]


def test_filteroffsets_table_equal_to_the_input(provider, product):
    raster, _ = product
    out = os.path.join(os.path.dirname(raster), "o.tif")
    message = _refused("sensetrack:filteroffsets", {"INPUT": raster, "OUTPUT": out, "TABLE": raster}, raster)
    assert "TABLE" in message and "INPUT" in message
    assert not os.path.exists(out)


def test_stablegroundcorrection_table_or_points_equal_to_an_input(provider, product):
    raster, mask = product
    folder = os.path.dirname(raster)
    base = {"INPUT": raster, "MASK": mask, "INVERT": True, "OUTPUT": os.path.join(folder, "c.tif")}
    _refused("sensetrack:stablegroundcorrection", dict(base, TABLE=raster), raster, mask)
    _refused("sensetrack:stablegroundcorrection", dict(base, TABLE=mask), raster, mask)
    _refused("sensetrack:stablegroundcorrection", dict(base, OUTPUT_POINTS=mask), raster, mask)
    assert not os.path.exists(os.path.join(folder, "c.tif"))


def test_velocity_points_output_equal_to_the_points_input(provider, product, tmp_path):
    raster, _ = product
    points = _points(tmp_path, raster)
    dates = {"REFERENCE_DATE": "2023-01-01", "TARGET_DATE": "2023-02-01"}
    _refused("sensetrack:velocity", dict(dates, INPUT=points, OUTPUT_POINTS=points), points)
    # the points copy written beside a raster output
    _refused("sensetrack:velocity", dict(dates, INPUT=points, OUTPUT=str(tmp_path / "v.tif"), OUTPUT_POINTS=points),
             points)


def test_product_info_outputs_equal_to_the_input(provider, tmp_path):
    pytest.importorskip("h5py")
    from product_fixtures import write_csk, write_prisma

    prisma = write_prisma(str(tmp_path))
    _refused("sensetrack:prismainfo", {"INPUT": prisma, "OUTPUT": str(tmp_path / "w.csv"), "OUTPUT_JSON": prisma},
             prisma)
    _refused("sensetrack:prismainfo", {"INPUT": prisma, "OUTPUT": prisma}, prisma)
    csk = write_csk(str(tmp_path))
    _refused("sensetrack:cosmoinfo", {"INPUT": [csk], "OUTPUT": str(tmp_path / "f.gpkg"), "OUTPUT_JSON": csk}, csk)
    assert not os.path.exists(tmp_path / "f.gpkg") and not os.path.exists(tmp_path / "w.csv")


def test_snapgraph_output_equal_to_the_graph_or_a_placeholder_file(provider, gpt, tmp_path):
    from sensetrack.core.snap import shipped_graphs

    graph = shutil.copy(shipped_graphs()["s1_grd"], tmp_path / "graph.xml")
    product = tmp_path / "p.zip"
    product.write_bytes(b"PK")
    table = ["input", str(product), "pixelSpacing", "10", "mapProjection", "EPSG:32632"]
    _refused("sensetrack:snapgraph", {"GRAPH": str(graph), "PARAMETERS": table, "OUTPUT": str(graph)}, graph)
    message = _refused("sensetrack:snapgraph", {"GRAPH": str(graph), "PARAMETERS": table, "OUTPUT": str(product)},
                       graph, product)
    assert "${input}" in message


def test_links_dotdot_and_case_resolve_to_the_same_input(provider, product, tmp_path):
    raster, _ = product
    sub = tmp_path / "sub"
    sub.mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(raster)
    hard = tmp_path / "hard.csv"
    os.link(raster, hard)
    for table in (str(link), str(hard), str(sub / ".." / "pc.tif"), str(sub) + "/../pc.tif"):
        _refused("sensetrack:filteroffsets", {"INPUT": raster, "OUTPUT": str(tmp_path / "o.tif"), "TABLE": table},
                 raster)
    # the input through a link, the output by its real name
    _refused("sensetrack:filteroffsets", {"INPUT": str(link), "OUTPUT": str(tmp_path / "o.tif"), "TABLE": raster},
             raster)


def test_two_destinations_on_the_same_file_are_refused(provider, product, tmp_path):
    raster, _ = product
    out = str(tmp_path / "same.tif")
    _refused("sensetrack:filteroffsets", {"INPUT": raster, "OUTPUT": out, "TABLE": out}, raster,
             match="are the same file")


def test_distinct_destinations_still_run(provider, product, tmp_path):
    import processing

    raster, mask = product
    res = processing.run("sensetrack:stablegroundcorrection", {
        "INPUT": raster, "MASK": mask, "INVERT": True, "OUTPUT": str(tmp_path / "c.tif"),
        "OUTPUT_POINTS": str(tmp_path / "c.gpkg"), "TABLE": str(tmp_path / "stats.csv")})
    assert os.path.exists(res["OUTPUT"]) and os.path.exists(res["OUTPUT_POINTS"]) and os.path.exists(res["TABLE"])


def test_every_algorithm_checks_every_destination(provider):
    """The check is in the base class: every SenseTrack algorithm inherits it, none overrides it."""
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm

    from sensetrack.algorithms.base import SenseTrackAlgorithm

    # the example models run SenseTrack algorithms step by step: each step is checked
    algs = [a for a in QgsApplication.processingRegistry().algorithms() if a.provider().id() == "sensetrack"
            and not isinstance(a, QgsProcessingModelAlgorithm)]
    assert len(algs) > 20
    for alg in algs:
        assert isinstance(alg, SenseTrackAlgorithm)
        assert type(alg).processAlgorithm is SenseTrackAlgorithm.processAlgorithm, alg.id()
