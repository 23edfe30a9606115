"""GDAL's exception mode is one switch per process: our blocks on several threads must not turn it off
under each other, and the mode from before comes back after the last one."""
import threading

import pytest
from osgeo import gdal, ogr, osr

from sensetrack.core.gdal_utils import gdal_errors


@pytest.fixture
def exceptions_off():
    saved = [m.GetUseExceptions() for m in (gdal, ogr, osr)]
    for m in (gdal, ogr, osr):
        m.DontUseExceptions()
    yield
    for m, on in zip((gdal, ogr, osr), saved):
        m.UseExceptions() if on else m.DontUseExceptions()


def test_a_thread_leaving_its_block_leaves_exceptions_on_for_a_thread_still_inside(exceptions_off):
    b_inside, b_left = threading.Event(), threading.Event()
    seen = {}

    def thread_b():  # enters first and leaves first
        with gdal_errors():
            b_inside.set()
            a_inside.wait(10)
        b_left.set()

    def thread_a():
        b_inside.wait(10)
        with gdal_errors():
            a_inside.set()
            b_left.wait(10)
            try:
                gdal.Open("/nonexistent/dem.tif")
                seen["a"] = "no exception: the failure would pass unnoticed"
            except RuntimeError:
                seen["a"] = "raised"

    a_inside = threading.Event()
    threads = [threading.Thread(target=thread_b), threading.Thread(target=thread_a)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert seen == {"a": "raised"}
    assert not gdal.GetUseExceptions() and not ogr.GetUseExceptions() and not osr.GetUseExceptions()


def test_blocks_nest_and_the_previous_mode_comes_back(exceptions_off):
    with gdal_errors():
        with gdal_errors():
            assert gdal.GetUseExceptions()
        assert gdal.GetUseExceptions()
    assert not gdal.GetUseExceptions()
    gdal.UseExceptions()
    with gdal_errors():
        pass
    assert gdal.GetUseExceptions()  # it was on before: it stays on
