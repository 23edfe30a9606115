"""Opening an input raster (a DEM, a pair product): one clear message for each way it can fail."""
import os

import numpy as np
import pytest
from osgeo import gdal

from sensetrack.core.errors import InputError
from sensetrack.core.gdal_utils import open_input_raster
from sensetrack.core.terrain.dem import open_dem
from sensetrack.core.timeseries.stack import open_stack


def test_a_readable_raster_opens(tmp_path):
    path = str(tmp_path / "ok.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 4, 3, 1, gdal.GDT_Float32)
    ds.GetRasterBand(1).WriteArray(np.ones((3, 4), np.float32))
    ds = None
    assert open_input_raster(path, "DEM").RasterXSize == 4


@pytest.mark.parametrize("case, message", [
    ("missing", "does not exist. Check the path"),
    ("folder", "is a folder, not a file"),
    ("empty", "is empty (0 bytes)"),
    ("text", "Cannot read the"),
])
@pytest.mark.parametrize("opener, what", [(lambda p: open_dem(p, ""), "DEM"),
                                          (lambda p: open_stack([p]), "pair product")])
def test_each_failure_is_named_with_what_the_file_should_be(tmp_path, case, message, opener, what):
    path = str(tmp_path / "input.tif")
    if case == "folder":
        os.mkdir(path)
    elif case == "empty":
        open(path, "wb").close()
    elif case == "text":
        with open(path, "w") as fh:
            fh.write("not a raster\n")
    with pytest.raises(InputError) as err:
        opener(path)
    assert message in str(err.value) and f"{what} '" in str(err.value)
