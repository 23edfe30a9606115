"""Sign and unit conventions of pixel -> map conversion (the one place for signs)."""
import numpy as np
import pytest

from sensetrack.core.displacement import direction, displacement_bands, map_to_pixel, pixel_to_map

NORTH_UP = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)


def test_north_up_moving_down_the_image_is_southward():
    dx, dy = pixel_to_map(np.array([2.0]), np.array([3.0]), NORTH_UP)
    assert dx[0] == pytest.approx(20.0)  # 2 columns right = 20 m east
    assert dy[0] == pytest.approx(-30.0)  # 3 rows down = 30 m south


def test_non_square_pixels_use_their_own_size():
    gt = (0.0, 5.0, 0.0, 0.0, 0.0, -20.0)
    dx, dy = pixel_to_map(np.array([1.0]), np.array([1.0]), gt)
    assert (dx[0], dy[0]) == (5.0, -20.0)


def test_rotated_grid_round_trip():
    a = np.radians(30)
    gt = (0.0, 10 * np.cos(a), 10 * np.sin(a), 0.0, 10 * np.sin(a), -10 * np.cos(a))
    dcol, drow = np.array([1.5, -2.0]), np.array([0.25, 4.0])
    dx, dy = pixel_to_map(dcol, drow, gt)
    assert np.hypot(dx, dy) == pytest.approx(10 * np.hypot(dcol, drow))
    back = map_to_pixel(dx, dy, gt)
    np.testing.assert_allclose(back, (dcol, drow), atol=1e-12)


def test_not_georeferenced_is_pixels_with_up_positive():
    dx, dy = pixel_to_map(np.array([2.0]), np.array([3.0]), NORTH_UP, georeferenced=False)
    assert (dx[0], dy[0]) == (2.0, -3.0)


@pytest.mark.parametrize("dx,dy,az", [(0, 1, 0), (1, 0, 90), (0, -1, 180), (-1, 0, 270), (1, 1, 45), (-1, 1, 315)])
def test_direction_is_azimuth_clockwise_from_north(dx, dy, az):
    assert direction(np.array([float(dx)]), np.array([float(dy)]))[0] == pytest.approx(az)


def test_bands_nan_where_invalid_and_zero_is_kept():
    dcol = np.zeros((2, 2))
    drow = np.zeros((2, 2))
    valid = np.array([[True, False], [True, True]])
    b = displacement_bands(dcol, drow, NORTH_UP, True, valid, pixel_offsets=True)
    assert set(b) == {"DX", "DY", "MAGNITUDE", "DIRECTION", "COL_SHIFT", "ROW_SHIFT"}
    assert np.isnan(b["DX"][0, 1]) and np.isnan(b["MAGNITUDE"][0, 1])
    assert b["DX"][0, 0] == 0.0 and b["MAGNITUDE"][1, 1] == 0.0  # a real zero is data
    assert all(v.dtype == np.float32 for v in b.values())
