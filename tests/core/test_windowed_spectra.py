"""Shared-band window spectra (the phase engine's forward FFTs) against a direct per-window computation."""
import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from sensetrack.core.blas_threads import _openblas_libraries, single_threaded_blas
from sensetrack.core.tracking.windowed import fft_backend
from sensetrack.core.tracking.windowed.spectra import Workspace, apodisation_window, window_spectra


@pytest.fixture(params=fft_backend.available())
def backend(request, monkeypatch):
    """Each test on every installed FFT backend (pyFFTW transforms the work arrays in place)."""
    monkeypatch.setitem(fft_backend._state, "name", None)
    fft_backend.select(request.param)
    yield request.param
    fft_backend.select("auto")


def _direct(image, top_r, top_c, n, kind):
    """rfft2 of (x - m) * w in float64, m the taper-weighted mean; and the energy."""
    w = apodisation_window(n, kind).astype(np.float64)
    x = sliding_window_view(image.astype(np.float64), (n, n))[top_r, top_c]
    m = (x * w).sum(axis=(1, 2)) / w.sum()
    y = (x - m[:, None, None]) * w
    return np.fft.rfft2(y), m, (y ** 2).sum(axis=(1, 2))


@pytest.mark.parametrize("kind", ["hann", "tukey", "none"])
@pytest.mark.parametrize("conjugate", [False, True])
@pytest.mark.parametrize("work", [False, True])
def test_spectra_means_and_energies_match_a_direct_computation(kind, conjugate, work, backend):
    rng = np.random.default_rng(1)
    # a bright, low-contrast image: the level (2000) is 200 times the texture (10)
    image = (rng.normal(size=(300, 260)) * 10 + 2000).astype(np.float32)
    top_r, top_c = (a.ravel() for a in np.mgrid[0:300 - 32:8, 0:260 - 32:8])
    out = window_spectra(image, top_r, top_c, 32, kind, Workspace() if work else None, conjugate=conjugate)
    ref, mean, energy = _direct(image, top_r, top_c, 32, kind)
    ref = np.conj(ref) if conjugate else ref
    assert out.spectra.shape == ref.shape
    assert np.abs(out.spectra - ref).max() < 1e-3 * np.abs(ref).max()
    np.testing.assert_allclose(out.mean, mean, rtol=1e-6)
    np.testing.assert_allclose(out.energy, energy, rtol=1e-4)


def test_a_window_does_not_depend_on_the_other_windows_of_its_batch(backend):
    rng = np.random.default_rng(2)
    image = rng.normal(size=(200, 200)).astype(np.float32)
    top_r, top_c = (a.ravel(order="F") for a in np.mgrid[0:200 - 32:8, 0:200 - 32:8])  # column by column
    whole = window_spectra(image, top_r, top_c, 32, workspace=Workspace())
    for part in (slice(0, 7), slice(5, 60), np.arange(0, top_r.size, 5)):  # shared bands, or one per window
        sub = window_spectra(image, top_r[part], top_c[part], 32, workspace=Workspace())
        np.testing.assert_array_equal(sub.spectra, whole.spectra[part])
        np.testing.assert_array_equal(sub.energy, whole.energy[part])


@pytest.mark.skipif(not _openblas_libraries(), reason="numpy's BLAS is not OpenBLAS here")
def test_openblas_is_single_threaded_inside_the_engine_and_restored_after():
    get = [g for g, _ in _openblas_libraries()]
    before = [g() for g in get]
    with single_threaded_blas():
        assert all(g() == 1 for g in get)
        with single_threaded_blas():
            assert all(g() == 1 for g in get)
        assert all(g() == 1 for g in get)
    assert [g() for g in get] == before
