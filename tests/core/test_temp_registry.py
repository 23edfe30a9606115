"""Temporary outputs are registered and removed when the process ends, whatever the way out."""
import os
import subprocess
import sys

from helpers import PLUGINS

SCRIPT = """
import os, sys
sys.path.insert(0, {plugins!r})
from sensetrack.core.output import atomic_path, register_temp
folder = {folder!r}
os.makedirs(os.path.join(folder, "work"))
register_temp(os.path.join(folder, "work"))
ctx = atomic_path(os.path.join(folder, "out.tif"))
tmp = ctx.__enter__()          # a writer in the middle of its work...
open(tmp, "wb").write(b"partial")
print(tmp, flush=True)
sys.exit(3)                    # ...when the process is told to exit
"""


def test_registered_temporaries_go_at_exit(tmp_path):
    folder = str(tmp_path / "run")
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(plugins=PLUGINS, folder=folder)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    tmp = proc.stdout.strip().splitlines()[-1]
    assert os.path.basename(tmp).startswith(".out.part-")
    assert os.listdir(folder) == []


def test_cleanup_temps_removes_files_side_cars_and_folders(tmp_path):
    from sensetrack.core.output import cleanup_temps, register_temp

    f = tmp_path / ".x.part-1234.gpkg"
    f.write_text("x")
    (tmp_path / ".x.part-1234.gpkg-journal").write_text("j")
    d = tmp_path / "sensetrack-prep-abc"
    d.mkdir()
    (d / "a.tif").write_text("a")
    register_temp(str(f))
    register_temp(str(d))
    removed = cleanup_temps()
    assert str(f) in removed and str(d) in removed
    assert os.listdir(tmp_path) == []
    assert cleanup_temps() == []
