"""SNAP gpt runner against the stand-in gpt (tests/fixtures/fake_gpt.py), graphs, AOI, multilook, batch names."""
import json
import math
import os
import stat
import threading
import time

import numpy as np
import pytest
from helpers import ROOT, S1_DATA, needs_shared_data

from sensetrack.core.errors import Cancelled, InputError, MissingDependencyError, ParameterError, SnapError
from sensetrack.core.progress import Monitor
from sensetrack.core.snap import (Graph, cosmo_output_name, estimate_looks, extent_to_wgs84_wkt, find_gpt,
                                  gpt_error, run_batch, run_graph, s1_output_name, shipped_graphs, to_wgs84_wkt)
from sensetrack.core.snap.multilook import s1_looks
from sensetrack.core.snap.runner import PERCENT

FAKE = os.path.join(ROOT, "tests", "fixtures", "fake_gpt.py")
DATA = os.path.join(ROOT, "tests", "data")
S1 = S1_DATA
GRD = os.path.join(S1, "S1B_IW_GRDH_1SDV_20210401T052623_20210401T052648_026269_032297_ECC8.SAFE")


@pytest.fixture
def gpt(tmp_path):
    """An executable 'gpt' (shell wrapper around the Python stand-in), as a SNAP install would have."""
    path = tmp_path / "bin" / "gpt"
    path.parent.mkdir()
    path.write_text(f'#!/bin/sh\nexec /usr/bin/python3 "{FAKE}" "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.fixture
def product(tmp_path):
    p = tmp_path / "S1B_IW_GRDH_1SDV_20210401T052623_20210401T052648_026269_032297_ECC8.zip"
    p.write_bytes(b"PK")
    return str(p)


class Recorder(Monitor):
    def __init__(self, cancel_at=None):
        super().__init__()
        self.values, self.messages, self.cancel_at = [], [], cancel_at

    def report(self, fraction, message=""):
        self.values.append(fraction)
        if self.cancel_at is not None and fraction >= self.cancel_at:
            self.cancel()
        super().report(fraction, message)

    def log(self, message):
        self.messages.append(message)


def test_every_shipped_graph_is_well_formed_and_documented():
    graphs = shipped_graphs()
    assert {"s1_iw_slc", "s1_iw_slc_nosf", "s1_iw_slc_ratio", "s1_iw_slc_ratio_nosf", "s1_grd", "s2_l2a",
            "cosmo_scs_b"} <= set(graphs)
    readme = open(os.path.join(ROOT, "resources", "snap", "graphs", "README.md")).read()
    for name, path in graphs.items():
        g = Graph(path)
        g.check()
        ops = [n.operator for n in g.nodes()]
        assert ops[0] == "Read" and ops[-1] == "Write" and "output" in g.placeholders()
        assert f"`{name}.xml`" in readme
    ratio = Graph(graphs["s1_iw_slc_ratio"])
    # the fixed ratio graph: VH/VV computed after terrain correction, no mixing of geometries
    ops = [n.operator for n in ratio.nodes()]
    assert ops.index("BandMaths") > ops.index("Terrain-Correction") and "BandMerge" not in ops
    assert set(ratio.placeholders()) == {"input", "nRgLooks", "nAzLooks", "pixelSpacing", "mapProjection",
                                         "geoRegion", "output"}


def test_render_validates_and_never_evaluates(tmp_path):
    g = Graph(shipped_graphs()["s1_grd"])
    with pytest.raises(ParameterError, match="needs a value for: input"):
        g.render({"pixelSpacing": 10, "mapProjection": "EPSG:32632", "output": "o.tif"})
    with pytest.raises(ParameterError, match="no placeholder"):
        g.render({"input": "a", "pixelSpacing": 10, "mapProjection": "x", "output": "o", "nRgLooks": 4})
    marker = tmp_path / "pwned"
    evil = f"__import__('os').system('touch {marker}') ${{output}} <x>&"
    xml = g.render({"input": evil, "pixelSpacing": 10, "mapProjection": "EPSG:32632", "output": "o.tif"})
    assert b"__import__(&apos;os&apos;)" in xml or b"__import__('os')" in xml
    assert b"${output} &lt;x&gt;&amp;" in xml  # kept literally, escaped, not expanded
    assert not marker.exists()
    path = g.write({"input": "a.zip", "pixelSpacing": 10, "mapProjection": "EPSG:32632", "output": "o.tif"},
                   str(tmp_path))
    assert os.path.dirname(path) == str(tmp_path) and "${" not in open(path).read().replace("${output} <", "")


def test_find_gpt_order(gpt, tmp_path, monkeypatch):
    monkeypatch.delenv("SNAP_GPT", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sensetrack.core.snap.runner.standard_locations", lambda: [])
    with pytest.raises(MissingDependencyError, match="SNAP_GPT"):
        find_gpt()
    assert find_gpt(gpt) == gpt
    monkeypatch.setenv("SNAP_GPT", gpt)
    assert find_gpt() == gpt
    monkeypatch.delenv("SNAP_GPT")
    monkeypatch.setenv("PATH", os.path.dirname(gpt))
    assert find_gpt() == gpt
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr("sensetrack.core.snap.runner.standard_locations", lambda: [gpt])
    assert find_gpt() == gpt
    with pytest.raises(MissingDependencyError, match="does not exist"):
        find_gpt(str(tmp_path / "nope"))


def test_progress_parsing_of_real_console_output():
    text = open(os.path.join(DATA, "gpt_output_ok.txt")).read()
    assert [int(p) for p in PERCENT.findall(text)] == list(range(10, 100, 10))
    err = gpt_error(open(os.path.join(DATA, "gpt_output_error.txt")).read())
    assert "Specified 'file' [/data/S1B_IW_GRDH_missing.zip] does not exist." in err
    assert "at org.esa" not in err and "GraphException" not in err


def test_run_graph_reports_progress_and_writes_atomically(gpt, product, tmp_path, monkeypatch):
    args = tmp_path / "args.json"
    monkeypatch.setenv("FAKE_GPT_ARGS", str(args))
    monkeypatch.setenv("FAKE_GPT_STEP", "0.15")
    mon = Recorder()
    out = tmp_path / "out" / "result.tif"
    res = run_graph(shipped_graphs()["s1_grd"], {"input": product, "pixelSpacing": 10,
                                                 "mapProjection": "EPSG:32632"}, str(out), gpt=gpt,
                    threads=2, cache="512M", memory="4G", monitor=mon, poll=0.03)
    assert res["output"] == str(out) and out.exists()
    steps = [v for v in mon.values if v < 1.0]
    assert len(set(steps)) >= 5 and steps == sorted(steps) and mon.values[-1] == 1.0
    argv = json.load(open(args))
    assert argv[1:] == ["-e", "-q", "2", "-c", "512M"] and argv[0].endswith(".xml")
    assert not os.path.exists(argv[0])  # the parameterised graph was a temporary file
    assert sorted(os.listdir(out.parent)) == ["result.tif"]


def test_gpt_error_becomes_a_clear_message_and_no_output(gpt, product, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_GPT_FAIL", "1")
    out = tmp_path / "r.tif"
    with pytest.raises(SnapError, match=r"exit code 1\): \[NodeId: Read\] Specified 'file'"):
        run_graph(shipped_graphs()["s1_grd"], {"input": product, "pixelSpacing": 10, "mapProjection": "EPSG:32632"},
                  str(out), gpt=gpt)
    assert os.listdir(tmp_path) == [os.path.basename(product)] or not out.exists()
    assert not out.exists()


def test_a_graph_missing_a_value_leaves_no_work_folder(gpt, product, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    with pytest.raises(ParameterError, match="pixelSpacing"):
        run_graph(shipped_graphs()["s1_grd"], {"input": product, "mapProjection": "EPSG:32632"},
                  str(tmp_path / "r.tif"), gpt=gpt)
    assert os.listdir(tmp_path / "tmp") == []


def test_cancel_kills_the_process_and_leaves_nothing(gpt, product, tmp_path, monkeypatch):
    pidfile = tmp_path / "pid"
    monkeypatch.setenv("FAKE_GPT_SLEEP", "30")
    monkeypatch.setenv("FAKE_GPT_PIDFILE", str(pidfile))
    out = tmp_path / "r.tif"
    start = time.time()
    with pytest.raises(Cancelled):
        run_graph(shipped_graphs()["s1_grd"], {"input": product, "pixelSpacing": 10, "mapProjection": "EPSG:32632"},
                  str(out), gpt=gpt, monitor=Recorder(cancel_at=0.5), poll=0.05)
    assert time.time() - start < 15
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not out.exists() and not [n for n in os.listdir(tmp_path) if ".part-" in n]


def _utm_to_lonlat(e, n, zone):
    """Inverse transverse Mercator on WGS 84 (Snyder 1987, eqs. 8-17 to 8-25), independent of GDAL/PROJ."""
    a, f, k0 = 6378137.0, 1 / 298.257223563, 0.9996
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    x, y = e - 500000.0, n
    m = y / k0
    mu = m / (a * (1 - e2 / 4 - 3 * e2 ** 2 / 64 - 5 * e2 ** 3 / 256))
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    phi1 = (mu + (3 * e1 / 2 - 27 * e1 ** 3 / 32) * math.sin(2 * mu) + (21 * e1 ** 2 / 16 - 55 * e1 ** 4 / 32)
            * math.sin(4 * mu) + (151 * e1 ** 3 / 96) * math.sin(6 * mu) + (1097 * e1 ** 4 / 512) * math.sin(8 * mu))
    c1, t1 = ep2 * math.cos(phi1) ** 2, math.tan(phi1) ** 2
    n1 = a / math.sqrt(1 - e2 * math.sin(phi1) ** 2)
    r1 = a * (1 - e2) / (1 - e2 * math.sin(phi1) ** 2) ** 1.5
    d = x / (n1 * k0)
    lat = phi1 - (n1 * math.tan(phi1) / r1) * (d ** 2 / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 ** 2 - 9 * ep2) * d ** 4 / 24
                                               + (61 + 90 * t1 + 298 * c1 + 45 * t1 ** 2 - 252 * ep2 - 3 * c1 ** 2)
                                               * d ** 6 / 720)
    lon = (d - (1 + 2 * t1 + c1) * d ** 3 / 6 + (5 - 2 * c1 + 28 * t1 - 3 * c1 ** 2 + 8 * ep2 + 24 * t1 ** 2)
           * d ** 5 / 120) / math.cos(phi1)
    return (zone * 6 - 183) + math.degrees(lon), math.degrees(lat)


def test_aoi_from_a_projected_polygon_and_an_extent():
    wkt = to_wgs84_wkt("POLYGON((600000 5000000, 610000 5000000, 610000 5010000, 600000 5010000, 600000 5000000))",
                       "EPSG:32632")
    assert wkt.startswith("POLYGON ((")
    lon, lat = (float(v) for v in wkt[10:].split(",")[0].split())
    exp_lon, exp_lat = _utm_to_lonlat(600000.0, 5000000.0, zone=32)
    assert lon == pytest.approx(exp_lon, abs=1e-6) and lat == pytest.approx(exp_lat, abs=1e-6)
    ext = extent_to_wgs84_wkt((10.0, 44.0, 11.0, 45.0))
    assert "10 44" in ext and "11 45" in ext
    with pytest.raises(InputError, match="polygon"):
        to_wgs84_wkt("LINESTRING(0 0, 1 1)")


@needs_shared_data
def test_multilook_from_the_real_annotations():
    # the original library's rule: theta = 38 deg gives 4 range looks, about 14.9 m x 14.1 m
    looks = estimate_looks(38.0)
    assert (looks.range_looks, looks.azimuth_looks) == (4, 1)
    assert looks.ground_range_resolution == pytest.approx(2.30 * 4 / math.sin(math.radians(38)))
    # real IW SLC annotations of S1B 2021-04-01: mean of the mid-swath incidence angles of IW1-3 (VV, VH)
    theta = 0.0
    from sensetrack.core.sentinel1.product import open_product

    slc = os.path.join(S1, "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4.SAFE")
    with open_product(slc) as p:
        mids = [p.annotation(a.polarisation, a.swath).incidence_angles["mid"] for a in p.annotations]
    theta = float(np.mean(mids))
    assert 30 < theta < 45
    expected = min(range(1, 5), key=lambda n: abs(2.30 * n / math.sin(math.radians(theta)) - 14.10))
    assert s1_looks(slc).range_looks == expected == 4
    assert estimate_looks(30.0, "CSK_HIMAGE_SLC").azimuth_looks == 2
    with pytest.raises(InputError):
        estimate_looks(0.0)


@needs_shared_data
def test_batch_names_and_runs(gpt, tmp_path):
    name = s1_output_name(GRD, "s1_grd", "my aoi")
    relative = (26269 - 27) % 175 + 1  # S1B absolute orbit 026269 in the name, ESA's S1B offset 27
    assert relative == 168 and name == f"D_my-aoi_{relative:03d}_" + name.split("_")[3] + "_s1_grd.tif"
    assert name.split("_")[3].startswith("2021") and len(name.split("_")[3]) == 21
    from product_fixtures import CSK_NAME

    assert cosmo_output_name(f"{CSK_NAME}.h5", "cosmo_scs_b") == "CSK_A_HH_20200101052512_full_cosmo_scs_b.tif"
    good = tmp_path / "a.zip"
    good.write_bytes(b"PK")
    missing = str(tmp_path / "missing.zip")
    res = run_batch(shipped_graphs()["s1_grd"], [str(good), missing], str(tmp_path / "out"),
                    name_for=lambda p: os.path.basename(p).replace(".zip", ".tif"),
                    values_for=lambda p: {"input": p, "pixelSpacing": 10, "mapProjection": "EPSG:32632"}, gpt=gpt)
    assert res[0]["output"].endswith("a.tif") and res[0]["error"] is None
    assert res[1]["output"] is None and "does not exist" in res[1]["error"]
    with pytest.raises(SnapError, match="Every product failed"):
        run_batch(shipped_graphs()["s1_grd"], [missing], str(tmp_path / "out"), name_for=lambda p: "x.tif",
                  values_for=lambda p: {"input": p, "pixelSpacing": 10, "mapProjection": "EPSG:32632"}, gpt=gpt)
