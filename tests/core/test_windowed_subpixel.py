"""Sub-pixel refinement: the tabled grid DFT against the direct one, and peaks found where they are."""
import numpy as np
import pytest

from sensetrack.core.tracking.windowed import subpixel
from sensetrack.core.tracking.windowed.subpixel import dft_grid, dft_points, refine_peaks


def _spectra(b, n, seed=0):
    """rfft2 of random real surfaces (complex64, as the engine keeps them) and the surfaces."""
    rng = np.random.default_rng(seed)
    surf = rng.normal(size=(b, n, n))
    return np.fft.rfft2(surf).astype(np.complex64), surf


@pytest.mark.parametrize("n, steps", [(64, 10), (32, 4), (84, 10), (45, 8)])
def test_grid_dft_equals_the_direct_dft_and_the_surface_at_whole_pixels(n, steps):
    spec, surf = _spectra(6, n)
    # centres in steps: negative, positive, around the half-size wrap, and a whole pixel
    r_steps = np.array([-23, 0, 7, n * steps // 2 - 1, -(n * steps // 2) + 3, 5 * steps])
    c_steps = np.array([14, -3 * steps, n * steps // 2, 1, -51, -2 * steps])
    offsets = np.arange(-2, 3)
    got = dft_grid(spec, n, n, r_steps, c_steps, steps, offsets)
    offs = offsets / steps
    want = dft_points(spec.astype(np.complex128), n, n, r_steps / steps, c_steps / steps, offs, offs)
    assert got.shape == (6, 5, 5) and got.dtype == np.float64
    assert np.abs(got - want).max() <= 2e-6 * np.abs(want).max()
    # on whole pixels the interpolation is the surface itself (index modulo n)
    whole = dft_grid(spec, n, n, np.array([5 * steps]), np.array([-2 * steps]), steps, np.array([0]))
    assert whole[0, 0, 0] == pytest.approx(surf[0, 5 % n, -2 % n], abs=1e-5 * np.abs(surf[0]).max())


def test_a_window_grid_dft_does_not_depend_on_its_batch():
    spec, _ = _spectra(40, 64, seed=2)
    rng = np.random.default_rng(3)
    r, c = rng.integers(-300, 300, 40), rng.integers(-300, 300, 40)
    batch = dft_grid(spec, 64, 64, r, c, 10, np.arange(-2, 3))
    for i in (0, 17, 39):
        alone = dft_grid(spec[i:i + 1], 64, 64, r[i:i + 1], c[i:i + 1], 10, np.arange(-2, 3))
        assert np.array_equal(alone[0], batch[i])


def _peaked(n, rows, cols):
    """Cross-spectra of band-limited peaks at the given (sub-pixel) positions, and their integer surfaces."""
    k = np.fft.fftfreq(n) * n
    kc = np.arange(n // 2 + 1)
    taper = np.exp(-((k[:, None] / (n / 4)) ** 2) - ((kc[None, :] / (n / 4)) ** 2))
    spec = np.stack([taper * np.exp(-2j * np.pi * (k[:, None] * r + kc[None, :] * c) / n)
                     for r, c in zip(rows, cols)]).astype(np.complex64)
    return spec, np.fft.irfft2(spec, s=(n, n))


@pytest.mark.parametrize("upsampling", [10, 20])
@pytest.mark.parametrize("tables", [True, False])
def test_refined_peaks_land_on_the_true_sub_pixel_positions(upsampling, tables, monkeypatch):
    if not tables:
        monkeypatch.setattr(subpixel, "GRID_TABLES_MAX", 0)  # the per-call kernels of dft_points
    n = 64
    rows = np.array([1.37, -2.61, 0.05, 10.5, -7.93])
    cols = np.array([-2.61, 0.44, -0.05, 3.25, 12.71])
    spec, surf = _peaked(n, rows, cols)
    flat = surf.reshape(len(rows), -1).argmax(axis=1)
    r0, c0 = np.divmod(flat, n)
    ib = np.arange(len(rows))[:, None, None]
    k3 = np.array([-1, 0, 1])
    neigh = surf[ib, ((r0[:, None] + k3) % n)[:, :, None], ((c0[:, None] + k3) % n)[:, None, :]]
    r0 = np.where(r0 > n // 2, r0 - n, r0)
    c0 = np.where(c0 > n // 2, c0 - n, c0)
    row, col = refine_peaks(spec, n, n, r0, c0, neigh, upsampling)
    assert np.abs(row - rows).max() < 0.01 and np.abs(col - cols).max() < 0.01


def test_both_kernel_paths_agree_and_lost_positions_stay_lost(monkeypatch):
    n = 64
    rows, cols = np.array([1.37, -2.61, 4.0]), np.array([-2.61, 0.44, 0.0])
    spec, _ = _peaked(n, rows, cols)
    r0, c0 = np.array([1.0, -3.0, np.nan]), np.array([-3.0, 0.0, 0.0])  # the last: no integer peak
    neigh = np.ones((3, 3, 3))
    neigh[:, 1, 1] = 2.0
    tabled = refine_peaks(spec, n, n, r0, c0, neigh, 10)
    monkeypatch.setattr(subpixel, "GRID_TABLES_MAX", 0)
    direct = refine_peaks(spec, n, n, r0, c0, neigh, 10)
    for got in (tabled, direct):
        assert np.abs(got[0][:2] - rows[:2]).max() < 0.01 and np.abs(got[1][:2] - cols[:2]).max() < 0.01
        assert np.isnan(got[0][2])
    assert np.abs(tabled[0][:2] - direct[0][:2]).max() < 1e-4
    assert np.abs(tabled[1][:2] - direct[1][:2]).max() < 1e-4
