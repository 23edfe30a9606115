"""COSMO-SkyMed / PRISMA through qgis_process.bin: one run and one refused file."""
import json
import os
import subprocess

import pytest
from helpers import ROOT

SCRIPT = os.path.join(ROOT, "scripts", "qgis_process.sh")
pytest.importorskip("h5py")


def _run(tmp_path, *args):
    env = dict(os.environ, SENSETRACK_QGIS_PROFILE=str(tmp_path / "profile"))
    return subprocess.run([SCRIPT, "run", *args], capture_output=True, text=True, env=env, timeout=300)


def test_prismaextract_and_a_cosmo_file_refused_by_prisma(tmp_path):
    from product_fixtures import write_csk, write_prisma

    prisma = write_prisma(str(tmp_path))
    proc = _run(tmp_path, "sensetrack:prismaextract", "--json", "--", f"INPUT={prisma}", "CUBE=swir",
                f"OUTPUT={tmp_path / 'swir.tif'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout[proc.stdout.index("{"):])["results"]["OUTPUT"].endswith("swir.tif")
    csk = write_csk(str(tmp_path))
    proc = _run(tmp_path, "sensetrack:prismaextract", "--", f"INPUT={csk}", f"OUTPUT={tmp_path / 'bad.tif'}")
    assert proc.returncode != 0 and "not a PRISMA product" in proc.stdout + proc.stderr
    assert not (tmp_path / "bad.tif").exists()


def test_cosmoamplitude_gec_grid_and_refused_calibration(tmp_path):
    from osgeo import gdal
    from product_fixtures import GEC_TOP_LEFT, write_csk_gec

    gec = write_csk_gec(str(tmp_path))
    before = open(gec, "rb").read()
    proc = _run(tmp_path, "sensetrack:cosmoamplitude", "--", f"INPUT={gec}", f"OUTPUT={tmp_path / 'gec.tif'}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert gdal.Open(str(tmp_path / "gec.tif")).GetGeoTransform()[:4] == (GEC_TOP_LEFT[0], 2.5, 0.0, GEC_TOP_LEFT[1])
    proc = _run(tmp_path, "sensetrack:cosmoamplitude", "--", f"INPUT={gec}", "CALIBRATION=sigma0",
                f"OUTPUT={tmp_path / 'bad.tif'}")
    assert proc.returncode != 0 and "offered for SCS and DGM" in proc.stdout + proc.stderr
    assert not (tmp_path / "bad.tif").exists() and open(gec, "rb").read() == before
