"""The FFT backends' work-array paths (pyFFTW in place / into given buffers) against scipy.fft."""
import numpy as np
import pytest
import scipy.fft as sfft

from sensetrack.core.tracking.windowed import fft_backend as fb

BACKENDS = fb.available()


@pytest.fixture(params=BACKENDS)
def backend(request, monkeypatch):
    monkeypatch.setitem(fb._state, "name", None)
    fb.select(request.param)
    yield request.param
    fb.select("auto")


def _spectra(shape, seed=0):
    rng = np.random.default_rng(seed)
    x = fb.aligned_empty(shape, np.complex64)
    x[...] = rng.normal(size=shape) + 1j * rng.normal(size=shape)
    return x


def test_aligned_empty_is_aligned_and_contiguous():
    for shape in [(3,), (5, 7, 33), (1, 64, 64)]:
        a = fb.aligned_empty(shape, np.complex64)
        assert a.shape == shape and fb.is_aligned(a)


def test_in_place_transforms_equal_scipy(backend):
    x = _spectra((40, 64, 33))
    want = sfft.fft(x, axis=1)
    want_inv = sfft.ifft(x, axis=1, norm="forward")
    got = fb.fft(_copy(x), axis=1, overwrite_x=True)
    np.testing.assert_allclose(got, want, rtol=0, atol=2e-5 * np.abs(want).max())
    got = fb.ifft_unnormalised(_copy(x), axis=1, overwrite_x=True)
    np.testing.assert_allclose(got, want_inv, rtol=0, atol=2e-5 * np.abs(want_inv).max())


def _copy(x):
    y = fb.aligned_empty(x.shape, x.dtype)
    y[...] = x
    return y


def test_in_place_pyfftw_really_reuses_the_input():
    pytest.importorskip("pyfftw")
    fb.select("pyfftw")
    try:
        x = _spectra((8, 64, 33))
        assert fb.fft(x, axis=1, overwrite_x=True) is x
    finally:
        fb.select("auto")


def test_rfft_into_a_work_array(backend):
    rng = np.random.default_rng(3)
    x = fb.aligned_empty((3, 200, 64), np.float32)
    x[...] = rng.normal(size=x.shape)
    out = fb.aligned_empty((3, 200, 33), np.complex64)
    got = fb.rfft(x, axis=2, out=out)
    np.testing.assert_allclose(got, sfft.rfft(x, axis=2), rtol=0, atol=1e-4)
    if backend == "pyfftw":
        assert got is out


def test_inverse_into_work_arrays_keeps_its_input_and_states_its_factor(backend):
    x = _spectra((16, 64, 33), seed=4)
    before = x.copy()
    out = fb.aligned_empty((16, 64, 64), np.float32)
    scratch = fb.aligned_empty(x.shape, x.dtype)
    got, factor = fb.irfft2_into(x, (64, 64), out=out, scratch=scratch)
    np.testing.assert_array_equal(x, before)  # the 2-D complex-to-real transform destroys its input: not ours
    want = sfft.irfft2(x, s=(64, 64))
    np.testing.assert_allclose(got * factor, want, rtol=0, atol=1e-5 * np.abs(want).max())
    if backend == "pyfftw":
        assert got is out and factor == 1 / 64 ** 2
    # unaligned work arrays: still right (a new array)
    bad = np.empty(out.size + 1, np.float32)[1:].reshape(out.shape)
    got2, factor2 = fb.irfft2_into(x, (64, 64), out=bad, scratch=scratch)
    np.testing.assert_allclose(got2 * factor2, want, rtol=0, atol=1e-5 * np.abs(want).max())
