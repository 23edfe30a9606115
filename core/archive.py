"""Read a delivered product as it is: a folder, a zip or a tar, without unpacking it.

Each source lists its files relative to the product root (the folder that
holds an *anchor* file such as ``manifest.safe``, ``MTD_MSIL2A.xml`` or a
Landsat ``*_MTL.txt``), reads members as bytes (metadata) and gives GDAL a
path for rasters (``/vsizip/``, ``/vsitar/``), so nothing is ever extracted
beside the input.
"""
from __future__ import annotations

import os
import tarfile
import zipfile
from typing import Callable, List

from .errors import InputError

Anchor = Callable[[str], bool]  # is this base name the anchor file?

#: Largest metadata member read. The largest real one (a Sentinel-1 IW SLC annotation or noise file,
#: a Sentinel-2 MTD) is ~10 MB; a crafted zip member can inflate to gigabytes, so reading stops here.
MEMBER_MAX_BYTES = 64 << 20


def bounded(data: bytes, rel: str, product: str, size: int = -1) -> bytes:
    """``data`` unless it (or the declared ``size``) exceeds :data:`MEMBER_MAX_BYTES`; then InputError."""
    size = len(data) if size < 0 else size
    if size > MEMBER_MAX_BYTES:
        raise InputError(f"'{rel}' in '{product}' is larger than {MEMBER_MAX_BYTES >> 20} MB, far more than any "
                         "product metadata file: the product is corrupt or crafted. Download it again from the "
                         "official source.")
    return data


class Folder:
    """A product folder on disk."""

    def __init__(self, root: str):
        self.root = root
        self.files: List[str] = sorted(os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/")
                                       for d, _, fs in os.walk(root) for f in fs)

    def read(self, rel: str) -> bytes:
        try:
            with open(os.path.join(self.root, rel), "rb") as fh:
                data = fh.read(MEMBER_MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"Cannot read '{rel}' in '{self.root}' ({exc}).") from None
        return bounded(data, rel, os.path.basename(self.root))

    def gdal_path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def close(self) -> None:
        pass


class _Archive:
    kind = ""

    def __init__(self, path: str, names: List[str], anchor: Anchor, what: str):
        self.path = path
        anchors = [n for n in names if anchor(n.rsplit("/", 1)[-1])]
        if not anchors:
            self.close()
            raise InputError(f"'{os.path.basename(path)}' holds no {what}: it is not the product this tool reads.")
        # the shallowest anchor is the product's own (a SAFE also holds granule-level files)
        first = min(anchors, key=lambda n: n.count("/"))
        self.prefix = first[: len(first) - len(first.rsplit("/", 1)[-1])]
        self.anchor = first[len(self.prefix):]
        self.files = sorted(n[len(self.prefix):] for n in names if n.startswith(self.prefix) and not n.endswith("/"))

    def _corrupt(self, rel: str, exc: Exception) -> InputError:
        return InputError(f"Cannot read '{rel}' from '{os.path.basename(self.path)}' ({exc}). The {self.kind} is "
                          "probably truncated or corrupt: download the product again.")


class Zip(_Archive):
    """A zipped product (read through ``/vsizip/``)."""

    kind = "zip"

    def __init__(self, path: str, anchor: Anchor, what: str):
        self.zf = None
        try:
            self.zf = zipfile.ZipFile(path)
            names = self.zf.namelist()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise InputError(f"'{os.path.basename(path)}' is not a readable zip ({exc}). The download is probably "
                             "truncated or corrupt: download the product again.") from None
        super().__init__(path, names, anchor, what)

    def read(self, rel: str) -> bytes:
        try:
            info = self.zf.getinfo(self.prefix + rel)
            bounded(b"", rel, os.path.basename(self.path), info.file_size)  # declared size: refuse before inflating
            with self.zf.open(info) as fh:  # the declared size may lie: stop reading at the cap anyway
                data = fh.read(MEMBER_MAX_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, NotImplementedError) as exc:
            raise self._corrupt(rel, exc) from None
        return bounded(data, rel, os.path.basename(self.path))

    def gdal_path(self, rel: str) -> str:
        return f"/vsizip/{os.path.abspath(self.path)}/{self.prefix}{rel}"

    def close(self) -> None:
        if self.zf is not None:
            self.zf.close()


class Tar(_Archive):
    """A tar (optionally gzip-compressed) product, read through ``/vsitar/``."""

    kind = "tar"

    def __init__(self, path: str, anchor: Anchor, what: str):
        self.tf = None
        try:
            self.tf = tarfile.open(path)
            names = [m.name[2:] if m.name.startswith("./") else m.name for m in self.tf.getmembers() if m.isfile()]
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise InputError(f"'{os.path.basename(path)}' is not a readable tar ({exc}). The download is probably "
                             "truncated or corrupt: download the product again.") from None
        super().__init__(path, names, anchor, what)

    def read(self, rel: str) -> bytes:
        try:
            try:
                member = self.tf.getmember(self.prefix + rel)
            except KeyError:
                member = self.tf.getmember("./" + self.prefix + rel)
            bounded(b"", rel, os.path.basename(self.path), member.size)
            data = self.tf.extractfile(member).read(MEMBER_MAX_BYTES + 1)
        except (tarfile.TarError, OSError, EOFError, KeyError, AttributeError) as exc:
            raise self._corrupt(rel, exc) from None
        return bounded(data, rel, os.path.basename(self.path))

    def gdal_path(self, rel: str) -> str:
        return f"/vsitar/{os.path.abspath(self.path)}/{self.prefix}{rel}"

    def close(self) -> None:
        if self.tf is not None:
            self.tf.close()


def open_archive(path: str, anchor: Anchor, what: str):
    """A :class:`Zip` or :class:`Tar` for ``path`` rooted at its ``anchor`` file, or None if neither."""
    if zipfile.is_zipfile(path) or path.lower().endswith(".zip"):
        return Zip(path, anchor, what)
    if path.lower().endswith((".tar", ".tar.gz", ".tgz")) or _is_tar(path):
        return Tar(path, anchor, what)
    return None


def _is_tar(path: str) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False
