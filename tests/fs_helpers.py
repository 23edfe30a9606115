"""Small file systems for the full-disk and read-only tests (root mounts a tmpfs; skipped otherwise)."""
from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess

import pytest


@contextlib.contextmanager
def tmpfs(folder, size_kb: int, read_only: bool = False):
    """Mount a ``size_kb`` KiB tmpfs at ``folder`` for the block; skip the test when mounting is not allowed."""
    folder = str(folder)
    os.makedirs(folder, exist_ok=True)
    opts = f"size={int(size_kb)}k" + (",ro" if read_only else "")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", folder], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): {proc.stderr.strip() or proc.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", folder], capture_output=True)


def fill(folder, leave_bytes: int) -> str:
    """Fill the file system of ``folder`` until about ``leave_bytes`` are free; return the filler's path."""
    path = os.path.join(str(folder), "filler.bin")
    st = os.statvfs(str(folder))
    free = st.f_bavail * st.f_frsize
    with open(path, "ab") as fh:
        fh.write(b"\0" * max(free - int(leave_bytes), 0))
    return path


def digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def leftovers(folder, keep=()) -> list:
    """Files in ``folder`` (recursively) other than ``keep`` and the filler: what a failed run left behind."""
    out = []
    for base, dirs, names in os.walk(str(folder)):
        for name in names + dirs:
            rel = os.path.relpath(os.path.join(base, name), str(folder))
            if rel not in keep and name != "filler.bin":
                out.append(rel)
    return sorted(out)
