"""A small, honest Sentinel-1 GRD fixture SAFE built from real metadata.

What is REAL: the manifest.safe and the VV annotation of
S1B_IW_GRDH_1SDV_20210401T052623_..._ECC8 (orbit, pass, footprint, and the
latitude/longitude/height/incidence of every geolocation tie point); the
calibration and noise LUT *values* of the real S1B IW1 SLC VV product of the
same datatake (the real GRD subset ships no calibration/noise files).
What is SYNTHETIC: the measurement (a 258 x 167 textured UInt16 image instead
of 25788 x 16685), and therefore the line/pixel indices of the tie points and
of the LUT vectors, rescaled linearly to the small image so that the real
geometry still spans the whole raster.
"""
import os
import shutil

import numpy as np
from lxml import etree
from osgeo import gdal

from helpers import S1_DATA  # noqa: F401 - re-exported for the Sentinel-1 tests
GRD = "S1B_IW_GRDH_1SDV_20210401T052623_20210401T052648_026269_032297_ECC8"
SLC = "S1B_IW_SLC__1SDV_20210401T052622_20210401T052650_026269_032297_EFA4"
STEM = "s1b-iw-grd-vv-20210401t052623-20210401t052648-026269-032297-001"
SLC_VV = "s1b-iw1-slc-vv-20210401t052624-20210401t052649-026269-032297-004"
GRD_SAFE = os.path.join(S1_DATA, GRD + ".SAFE")
SLC_CAL = os.path.join(S1_DATA, SLC + ".SAFE", "annotation", "calibration", f"calibration-{SLC_VV}.xml")
SLC_NOISE = os.path.join(S1_DATA, SLC + ".SAFE", "annotation", "calibration", f"noise-{SLC_VV}.xml")
WIDTH, HEIGHT = 258, 167
FULL_W, FULL_H = 25788, 16685      # real GRD size
SLC_W, SLC_H = 21632, 13509        # real IW1 SLC size (LUT index range)


def _scale_text(el, factor):
    el.text = " ".join(f"{float(v) * factor:.4f}" for v in el.text.split())


def _parse(path):
    return etree.parse(path, etree.XMLParser(huge_tree=True))


def texture(seed=0, shift_cols=0.0):
    """Speckle-free band-limited texture as DN (1..~2000), 0 = no data in the first two columns."""
    from sensetrack.core.synthetic import Texture
    rows, cols = np.mgrid[0:HEIGHT, 0:WIDTH].astype(float)
    t = Texture.natural(seed)(rows, cols - shift_cols)
    dn = np.round(600 + 400 * (t - t.mean()) / (t.std() + 1e-9)).clip(1, 2000).astype(np.uint16)
    dn[:, :2] = 0
    return dn


def make_grd_safe(folder, dn=None, calibration=True, noise=True):
    """Write the fixture SAFE under ``folder``; returns its path.

    ``dn``: the measurement (UInt16, any size; default :func:`texture`); the
    tie points and LUT vectors are rescaled to its size.
    """
    dn = texture() if dn is None else dn
    HEIGHT, WIDTH = dn.shape  # noqa: N806 - same names as the module defaults
    safe = os.path.join(folder, GRD + ".SAFE")
    os.makedirs(os.path.join(safe, "annotation", "calibration"))
    os.makedirs(os.path.join(safe, "measurement"))
    shutil.copy(os.path.join(GRD_SAFE, "manifest.safe"), safe)
    sx, sy = (WIDTH - 1) / (FULL_W - 1), (HEIGHT - 1) / (FULL_H - 1)
    ann = _parse(os.path.join(GRD_SAFE, "annotation", STEM + ".xml"))
    root = ann.getroot()
    root.find("imageAnnotation/imageInformation/numberOfSamples").text = str(WIDTH)
    root.find("imageAnnotation/imageInformation/numberOfLines").text = str(HEIGHT)
    for p in root.iter("geolocationGridPoint"):
        _scale_text(p.find("pixel"), sx)
        _scale_text(p.find("line"), sy)
    ann.write(os.path.join(safe, "annotation", STEM + ".xml"))
    cx, cy = (WIDTH - 1) / (SLC_W - 1), (HEIGHT - 1) / (SLC_H - 1)
    if calibration:
        cal = _parse(SLC_CAL)
        for v in cal.getroot().iter("calibrationVector"):
            _scale_text(v.find("pixel"), cx)
            _scale_text(v.find("line"), cy)
        cal.write(os.path.join(safe, "annotation", "calibration", f"calibration-{STEM}.xml"))
    if noise:
        noi = _parse(SLC_NOISE)
        r = noi.getroot()
        for v in r.iter("noiseRangeVector"):
            _scale_text(v.find("pixel"), cx)
            _scale_text(v.find("line"), cy)
        for v in r.iter("noiseAzimuthVector"):
            _scale_text(v.find("line"), cy)
            for tag, f in (("firstAzimuthLine", cy), ("lastAzimuthLine", cy), ("firstRangeSample", cx),
                           ("lastRangeSample", cx)):
                v.find(tag).text = str(int(round(int(v.find(tag).text) * f)))
        noi.write(os.path.join(safe, "annotation", "calibration", f"noise-{STEM}.xml"))
    ds = gdal.GetDriverByName("GTiff").Create(os.path.join(safe, "measurement", STEM + ".tiff"),
                                              WIDTH, HEIGHT, 1, gdal.GDT_UInt16)
    ds.GetRasterBand(1).WriteArray(dn)
    ds = None
    return safe


def cog_name(name, product_id="554A"):
    """The CDSE cloud-optimised name of a product: a new 4-hex id, then ``_COG`` (eu-cdse/utilities GRD2COG.sh)."""
    return f"{name[:-4]}{product_id}_COG"


def make_cog_safe(folder, **kw):
    """The fixture SAFE converted the way CDSE converts GRDs to COG: folder ``..._COG.SAFE``, measurement,
    annotation, calibration and noise files renamed ``...-cog`` (the measurement stays a plain GeoTIFF here:
    the reader does not depend on the TIFF layout)."""
    plain = make_grd_safe(folder, **kw)
    safe = os.path.join(folder, cog_name(GRD) + ".SAFE")
    os.rename(plain, safe)
    for sub, prefix, ext in (("measurement", "", ".tiff"), ("annotation", "", ".xml"),
                             ("annotation/calibration", "calibration-", ".xml"),
                             ("annotation/calibration", "noise-", ".xml")):
        src = os.path.join(safe, sub, f"{prefix}{STEM}{ext}")
        if os.path.exists(src):
            os.rename(src, os.path.join(safe, sub, f"{prefix}{STEM}-cog{ext}"))
    return safe
