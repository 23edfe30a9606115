"""Reading HDF5 products (COSMO-SkyMed, PRISMA) through GDAL's multidimensional API.

GDAL's HDF5 driver gives attributes with their real names and types and
lets us read any hyperslab of a dataset (e.g. one spectral band of a
band-interleaved-by-line PRISMA cube, or a block of rows of a COSMO-SkyMed
image), so no h5py is needed at run time.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence

import numpy as np
from osgeo import gdal

from .errors import InputError, quote
from .files import check_readable
from .gdal_utils import gdal_errors


# deflate (gzip), the strongest filter in these products, cannot compress more than ~1032:1; more declared
# bytes per stored byte than this means chunks that are not there (a truncated or crafted file)
MAX_EXPANSION = 1100


class H5:
    """An open HDF5 file: attributes of the root and of datasets, and hyperslab reads."""

    def __init__(self, path: str, what: str = "HDF5 product"):
        self.path = path
        self.name = os.path.basename(path)
        self._checked: set = set()
        check_readable(path, what)
        try:
            with gdal_errors():
                self._ds = gdal.OpenEx(path, gdal.OF_MULTIDIM_RASTER | gdal.OF_READONLY)
                self.root = self._ds.GetRootGroup() if self._ds is not None else None
        except RuntimeError as exc:
            raise InputError(f"'{self.name}' cannot be read as HDF5 ({exc}). Is the file complete, and is it "
                             f"a {what}?") from None
        if self.root is None:
            raise InputError(f"'{self.name}' cannot be read as HDF5. Is the file complete, and is it a {what}?")

    def attrs(self, dataset: Optional[str] = None) -> Dict[str, Any]:
        """All attributes of the root (or of ``dataset``, a dataset or a group), decoded to str, float, int or
        arrays; a group that does not exist has none."""
        if dataset is None:
            node = self.root
        elif self.has(dataset):
            node = self.array(dataset)
        else:
            try:
                with gdal_errors():
                    node = self.root.OpenGroupFromFullname(dataset)
            except RuntimeError:
                node = None
            if node is None:
                return {}
        out = {}
        for a in node.GetAttributes() or []:
            out[a.GetName()] = _decode(a.Read())
        return out

    def has(self, dataset: str) -> bool:
        try:
            self.array(dataset)
        except InputError:
            return False
        return True

    def array(self, dataset: str):
        try:
            with gdal_errors():
                arr = self.root.OpenMDArrayFromFullname(dataset)
        except RuntimeError:
            arr = None
        if arr is None:
            raise InputError(f"'{self.name}' has no dataset '{dataset}'.")
        return arr

    def shape(self, dataset: str) -> Sequence[int]:
        return [d.GetSize() for d in self.array(dataset).GetDimensions()]

    def read(self, dataset: str, start: Optional[Sequence[int]] = None,
             count: Optional[Sequence[int]] = None) -> np.ndarray:
        """A hyperslab (``start``, ``count`` per dimension) or the whole dataset.

        The first read of a dataset checks its declared size against the
        file (:meth:`check_storage`), so a few-KB file declaring a huge image
        is refused instead of being "read" as gigabytes of fill values.
        """
        if dataset not in self._checked:
            self.check_storage(dataset)
            self._checked.add(dataset)
        try:
            with gdal_errors():
                return self.array(dataset).ReadAsArray(array_start_idx=start, count=count)
        except RuntimeError as exc:
            raise InputError(f"Cannot read '{dataset}' of '{self.name}' (the file may be truncated): {exc}") \
                from None


    def check_storage(self, dataset: str) -> None:
        """Raise InputError when ``dataset`` declares far more bytes than the whole file could hold."""
        arr = self.array(dataset)
        dims = [int(d.GetSize()) for d in arr.GetDimensions()]
        itemsize = max(int(arr.GetDataType().GetSize() or 1), 1)
        declared = itemsize * int(np.prod(dims, dtype=np.float64))
        stored = max(os.path.getsize(self.path), 1)
        if declared > MAX_EXPANSION * stored:
            shape = " x ".join(str(d) for d in dims)
            raise InputError(f"'{quote(self.name)[1:-1]}' declares a {shape} dataset {quote(dataset)} "
                             f"({declared / 2**30:.1f} GiB) but the whole file is {stored / 2**20:.2f} MiB: the "
                             "file is truncated or not a genuine product. Download it again.")


def _decode(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").rstrip("\x00")
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            return _decode(value[0])
        return np.asarray(value)
    return value
