"""Small COSMO-SkyMed and PRISMA HDF5 files written with h5py (test-only dependency).

Real products are not redistributable. Each structure follows a public reader that was tested on real files
(paths and attribute names checked against them; values are small and exact so tests can check them, e.g.
I=3, Q=4 gives amplitude 5):

* CSK SCS_B (``write_csk``): COSMO-SkyMed SAR Products Handbook; sarpy's CSK reader (sarpy/io/complex/csk.py:
  ``/S01/SBI`` int16 (rows, cols, 2) I/Q, ``Polarisation`` and ``Calibration Constant`` on the ``/S01`` group,
  ``Rescaling Factor``, ``Reference Slant Range (Exponent)`` and the compensation flags on the root), SNAP's
  ``CosmoSkymedCalibrator``; corner and incidence attributes on ``/S01/SBI``, ``Estimated ...`` corners on the root.
* CSK DGM_B and GEC_B (``write_csk_dgm``, ``write_csk_gec``, first generation): GDAL's HDF5 driver
  (hdf5imagedataset.cpp: ``CaptureCSKGCPs``, ``CaptureCSKGeoTransform``, ``CaptureCSKGeolocation``) and its
  autotest files CSK_DGM.h5 / CSK_GEC.h5 (detected image in ``/S01/SBI``, root ``Product Type``, GEC
  ``Top Left East-North`` 275592.5, 4998152.5 with 2.5 m ``Line/Column Spacing``, root ``Projection ID`` UTM and
  ``Map Projection Centre`` / ``Scale Factor`` / ``False East-North`` giving central meridian 15, k 0.9996,
  500 km false easting).
* CSG DGM (``write_csg``, second generation): SNAP's CSG product reader (``/S01/IMG`` detected with ``Rescaling
  Factor``, ``Column/Line Spacing`` on it; ``Near/Far Incidence Angle``, ``Polarization`` and the compensation
  geometries on the root) and sarpy (``Polarization`` on the root); corners on ``/S01/IMG``.
* CSG GEC (``write_csg_gec``): the first-generation map attributes on ``/S01/IMG`` and the root (assumed, no
  public reader of CSG GEC was found), zone and hemisphere also in the file name (seed inventory, CSG naming).
* PRISMA L1/L1G/L2B/L2C/L2D (``write_prisma``, ``write_prisma_l2d_real``): PRISMA Products Specification
  (PRS-SY-PSD) as read by EnMAP-Box's PRISMA importers, the prismaread R package and acolite's PRISMA reader:
  HDFEOS/SWATHS/PRS_<lvl>_HCO and _PCO swaths, cubes (rows, bands, cols) uint16, wavelength lists and scaling
  attributes on the root, L2D corner attributes as pixel centres, L1G geolocation ``Latitude``/``Longitude`` in
  PRS_L1_HCO with 65535 fill values (acolite).
"""
import numpy as np

CSK_NAME = "CSKS2_SCS_B_HI_05_HH_RA_SF_20200101052512_20200101052519"
DGM_NAME = "CSKS1_DGM_B_HI_0A_HH_RD_SF_20200105051010_20200105051017"
GEC_NAME = "CSKS4_GEC_B_HI_0A_HH_RA_SF_20200106050808_20200106050815"
# radiometric attributes (first generation: F and R_ref on the root, K on /S01); hand-checkable numbers
RADIOMETRY = {"Rescaling Factor": 2.0, "Reference Slant Range": 700000.0, "Reference Slant Range Exponent": 1.0,
              "Reference Incidence Angle": 30.0, "Calibration Constant": 1.6e13}
INCIDENCE = (30.0, 34.0)  # near, far (degrees)


def _radiometry(root, group, image=None, incidence_compensated=False):
    """Calibration attributes where first-generation files have them (``image``: put F there, as CSG does)."""
    (image if image is not None else root).attrs["Rescaling Factor"] = RADIOMETRY["Rescaling Factor"]
    for key in ("Reference Slant Range", "Reference Slant Range Exponent", "Reference Incidence Angle"):
        root.attrs[key] = RADIOMETRY[key]
    root.attrs["Range Spreading Loss Compensation Geometry"] = np.bytes_("GLOBAL")
    root.attrs["Incidence Angle Compensation Geometry"] = np.bytes_("GLOBAL" if incidence_compensated else "NONE")
    root.attrs["Calibration Constant Compensation Flag"] = np.uint8(0)
    group.attrs["Calibration Constant"] = RADIOMETRY["Calibration Constant"]
CSG_NAME = "CSG_SSAR1_DGM_B_0101_STR_003_VV_LD_F_20230102030405_20230102030412_1_F_44N_Z32_F12"
CORNERS = {"Top Left": (45.0, 10.0, 100.0), "Top Right": (45.0, 10.2, 100.0),
           "Bottom Right": (44.8, 10.2, 100.0), "Bottom Left": (44.8, 10.0, 100.0)}


def _corners(node, prefix=""):
    for name, value in CORNERS.items():
        node.attrs[f"{prefix}{name} Geodetic Coordinates"] = np.array(value, dtype=np.float64)


def write_csk(folder, rows=40, cols=50):
    import h5py

    path = f"{folder}/{CSK_NAME}.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Product Filename"] = np.bytes_(CSK_NAME + ".h5")  # fixed-length bytes, as in real files
        f.attrs["Mission ID"] = np.bytes_("CSK")
        f.attrs["Product Type"] = np.bytes_("SCS_B")
        _corners(f, "Estimated ")
        f.attrs["Projection ID"] = np.bytes_("SLANT RANGE/AZIMUTH")
        s01 = f.create_group("S01")
        s01.attrs["Polarisation"] = np.bytes_("HH")
        _radiometry(f, s01)
        sbi = np.zeros((rows, cols, 2), dtype=np.int16)
        sbi[..., 0], sbi[..., 1] = 3, 4
        sbi[: rows // 2, :, 0] = 6
        sbi[: rows // 2, :, 1] = 8
        d = s01.create_dataset("SBI", data=sbi)
        _corners(d)
        d.attrs["Near Incidence Angle"] = 30.0
        d.attrs["Far Incidence Angle"] = 34.0
        s01.create_dataset("QLK", data=np.arange(20 * 25, dtype=np.uint8).reshape(20, 25))
    return path


def write_csg(folder, rows=30, cols=20):
    """Second-generation DGM: incidence angles and Polarization on the root, Rescaling Factor on the image."""
    import h5py

    path = f"{folder}/{CSG_NAME}.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Mission ID"] = np.bytes_("CSG")
        f.attrs["Product Type"] = np.bytes_("DGM_B")
        f.attrs["Polarization"] = np.bytes_("VV")
        f.attrs["Near Incidence Angle"] = 25.0
        f.attrs["Far Incidence Angle"] = 29.0
        s01 = f.create_group("S01")
        img = s01.create_dataset("IMG", data=np.full((rows, cols), 2.5, np.float32))
        img.attrs["Column Spacing"], img.attrs["Line Spacing"] = 5.0, 5.0
        _radiometry(f, s01, image=img)
        _corners(img)
    return path


def _detected(f, name, product_type, rows, cols, values):
    f.attrs["Product Filename"] = np.bytes_(name + ".h5")
    f.attrs["Mission ID"] = np.bytes_("CSK")
    f.attrs["Product Type"] = np.bytes_(product_type)
    f.attrs["Ellipsoid Designator"] = np.bytes_("WGS84")
    _corners(f, "Estimated ")
    s01 = f.create_group("S01")
    s01.attrs["Polarisation"] = np.bytes_("HH")
    sbi = s01.create_dataset("SBI", data=values.astype(np.float32))
    _corners(sbi)
    sbi.attrs["Near Incidence Angle"], sbi.attrs["Far Incidence Angle"] = INCIDENCE
    s01.create_dataset("QLK", data=np.full((rows // 2, cols // 2), 7, np.uint8))
    return s01, sbi


def write_csk_dgm(folder, rows=24, cols=32, incidence_compensated=False):
    """First-generation DGM_B: detected amplitude in /S01/SBI (rows, cols) float32, value 10 + column."""
    import h5py

    path = f"{folder}/{DGM_NAME}.h5"
    with h5py.File(path, "w") as f:
        s01, sbi = _detected(f, DGM_NAME, "DGM_B", rows, cols,
                             np.tile(10.0 + np.arange(cols, dtype=np.float32), (rows, 1)))
        f.attrs["Projection ID"] = np.bytes_("GROUND RANGE/AZIMUTH")
        sbi.attrs["Column Spacing"], sbi.attrs["Line Spacing"] = 2.5, 2.5
        _radiometry(f, s01, incidence_compensated=incidence_compensated)
    return path


GEC_TOP_LEFT = (275592.5, 4998152.5)  # GDAL autotest CSK_GEC.h5 geotransform origin


def write_csk_gec(folder, rows=20, cols=30, column_spacing=2.5, line_spacing=2.5, projection="UTM",
                  centre=(0.0, 15.0), scale=0.9996, false_en=(500000.0, 0.0)):
    """First-generation GEC_B: detected image in /S01/SBI on a UTM 33N grid (as GDAL's CSK_GEC.h5)."""
    import h5py

    path = f"{folder}/{GEC_NAME}.h5"
    with h5py.File(path, "w") as f:
        _, sbi = _detected(f, GEC_NAME, "GEC_B", rows, cols, np.arange(rows * cols).reshape(rows, cols) + 1.0)
        f.attrs["Projection ID"] = np.bytes_(projection)
        f.attrs["Map Projection Centre"] = np.array(centre, np.float64)
        f.attrs["Map Projection Scale Factor"] = np.float64(scale)
        f.attrs["Map Projection False East-North"] = np.array(false_en, np.float64)
        sbi.attrs["Top Left East-North"] = np.array(GEC_TOP_LEFT, np.float64)
        sbi.attrs["Column Spacing"], sbi.attrs["Line Spacing"] = column_spacing, line_spacing
    return path


VNIR_CW = np.array([0.0, 502.0, 498.0, 410.0], dtype=np.float32)  # descending like real lists, one flagged
VNIR_FWHM = np.array([0.0, 10.0, 10.0, 12.0], dtype=np.float32)
SWIR_CW = np.array([2400.0, 1650.0], dtype=np.float32)
SWIR_FWHM = np.array([9.0, 11.0], dtype=np.float32)


def _l2d_corners(f, rows, cols, x0=600015.0, y0=None, px=30.0):
    """Corner attributes as real L2D files carry them: pixel CENTRES of the four corner pixels.

    ``x0``/``y0`` are the upper-left centre; the grid's outer edge is half a pixel further out.
    """
    y0 = 5000000.0 + rows * px - px / 2 if y0 is None else y0
    x1, y1 = x0 + (cols - 1) * px, y0 - (rows - 1) * px
    for corner, (x, y) in {"UL": (x0, y0), "UR": (x1, y0), "LL": (x0, y1), "LR": (x1, y1)}.items():
        f.attrs[f"Product_{corner}corner_easting"] = np.float64(x)
        f.attrs[f"Product_{corner}corner_northing"] = np.float64(y)


def write_prisma(folder, level="2D", rows=12, cols=15, name="PRS_L2D_STD_20230101101010_0001", fill_rows=0):
    """PRISMA product of any level; ``level="1G"`` writes an L1G one (plain Latitude/Longitude in PRS_L1_HCO,
    the first ``fill_rows`` rows of the geolocation set to the 65535 fill value, as acolite's reader expects)."""
    import h5py

    swath = "L1" if level in ("1", "1G") else f"L{level}"
    path = f"{folder}/{name}.he5"
    with h5py.File(path, "w") as f:
        f.attrs["Processing_Level"] = np.bytes_(level)
        f.attrs["Product_ID"] = np.bytes_(f"PRS_{swath}_STD")
        f.attrs["Product_StartTime"] = np.bytes_("2023-01-01T10:10:10.000")
        f.attrs["Epsg_Code"] = np.int32(32632)
        f.attrs["Cloudy_pixels_percentage"] = np.float32(1.5)
        f.attrs["List_Cw_Vnir"], f.attrs["List_Fwhm_Vnir"] = VNIR_CW, VNIR_FWHM
        f.attrs["List_Cw_Swir"], f.attrs["List_Fwhm_Swir"] = SWIR_CW, SWIR_FWHM
        for key in ("Vnir", "Swir", "Pan"):
            f.attrs[f"L2Scale{key}Min"] = np.float32(0.0)
            f.attrs[f"L2Scale{key}Max"] = np.float32(0.65535)
            f.attrs[f"ScaleFactor_{key}"] = np.float32(100.0)
            f.attrs[f"Offset_{key}"] = np.float32(0.0)
        _l2d_corners(f, rows, cols)  # outer edges 600000 .. 600000 + 30 cols, 5000000 .. 5000000 + 30 rows
        hco = f.create_group(f"HDFEOS/SWATHS/PRS_{swath}_HCO")
        pco = f.create_group(f"HDFEOS/SWATHS/PRS_{swath}_PCO")
        # band b of the VNIR cube holds DN = 1000 * (b + 1) + column, so values identify band and column
        vnir = np.zeros((rows, VNIR_CW.size, cols), np.uint16)
        for b in range(VNIR_CW.size):
            vnir[:, b, :] = 1000 * (b + 1) + np.arange(cols)[None, :]
        hco.create_dataset("Data Fields/VNIR_Cube", data=vnir)
        hco.create_dataset("Data Fields/SWIR_Cube", data=np.full((rows, SWIR_CW.size, cols), 500, np.uint16))
        pco.create_dataset("Data Fields/Cube", data=np.full((rows * 6, cols * 6), 700, np.uint16))
        if level != "2D":
            lat = 45.0 - 0.0003 * np.arange(rows)[:, None] + 0.00005 * np.arange(cols)[None, :]
            lon = 10.0 + 0.0004 * np.arange(cols)[None, :] + 0.00002 * np.arange(rows)[:, None]
            if level == "1G":
                lat, lon = lat.copy(), lon.copy()
                lat[:fill_rows], lon[:fill_rows] = 65535.0, 65535.0
                hco.create_dataset("Geolocation Fields/Latitude", data=lat.astype(np.float32))
                hco.create_dataset("Geolocation Fields/Longitude", data=lon.astype(np.float32))
            elif level == "1":
                for cube in ("VNIR", "SWIR"):
                    hco.create_dataset(f"Geolocation Fields/Latitude_{cube}", data=lat)
                    hco.create_dataset(f"Geolocation Fields/Longitude_{cube}", data=lon)
            else:
                hco.create_dataset("Geolocation Fields/Latitude", data=lat)
                hco.create_dataset("Geolocation Fields/Longitude", data=lon)
    return path


# A PRISMA L2D product shaped like an h5py dump of a real one (band tables, level string, scaling and corner
# attributes; the cube is cut to a few pixels). Structure as read by EnMAP-Box's PRISMA importers, the prismaread
# R package and acolite's PRISMA reader: 66 VNIR and 173 SWIR centre wavelengths in DESCENDING order, the first
# 3 VNIR and the last 2 SWIR entries 0 (bands not delivered); cubes (rows, bands, cols) uint16; reflectance =
# L2Scale<Cube>Min + DN (Max - Min) / 65535; ScaleFactor_<Cube> 100 and Offset_<Cube> 0 (the specification's
# defaults quoted by the public readers; real L2D files carry them too, unused at L2). The Min/Max values below
# are illustrative, not copied from a real file.
REAL_VNIR_CW = np.concatenate([np.zeros(3), np.linspace(978.2, 402.4, 63)]).astype(np.float32)
REAL_VNIR_FWHM = np.concatenate([np.zeros(3), np.linspace(14.5, 9.8, 63)]).astype(np.float32)
REAL_SWIR_CW = np.concatenate([np.linspace(2496.9, 942.4, 171), np.zeros(2)]).astype(np.float32)
REAL_SWIR_FWHM = np.concatenate([np.linspace(8.9, 12.8, 171), np.zeros(2)]).astype(np.float32)
REAL_L2D_UL_CENTRE = (386745.0, 4990215.0)  # upper-left pixel centre (m, EPSG:32633)


def write_prisma_l2d_real(folder, rows=6, cols=7, name="PRS_L2D_STD_20210711101111_20210711101115_0001"):
    import h5py

    path = f"{folder}/{name}.he5"
    with h5py.File(path, "w") as f:
        f.attrs["Processing_Level"] = np.bytes_("2D")
        f.attrs["Product_ID"] = np.bytes_("PRS_L2D_STD")
        f.attrs["Product_StartTime"] = np.bytes_("2021-07-11T10:11:11.000000")
        f.attrs["Epsg_Code"] = np.int32(32633)
        f.attrs["Projection_Id"] = np.bytes_("33")
        f.attrs["Projection_Name"] = np.bytes_("UTM")
        f.attrs["List_Cw_Vnir"], f.attrs["List_Fwhm_Vnir"] = REAL_VNIR_CW, REAL_VNIR_FWHM
        f.attrs["List_Cw_Swir"], f.attrs["List_Fwhm_Swir"] = REAL_SWIR_CW, REAL_SWIR_FWHM
        f.attrs["List_Cw_Vnir_Flags"] = (REAL_VNIR_CW > 0).astype(np.int8)
        f.attrs["List_Cw_Swir_Flags"] = (REAL_SWIR_CW > 0).astype(np.int8)
        for key, hi in (("Vnir", 1.0), ("Swir", 0.6), ("Pan", 0.8)):
            f.attrs[f"L2Scale{key}Min"] = np.float32(0.0)
            f.attrs[f"L2Scale{key}Max"] = np.float32(hi)
            f.attrs[f"ScaleFactor_{key}"] = np.float32(100.0)
            f.attrs[f"Offset_{key}"] = np.float32(0.0)
        _l2d_corners(f, rows, cols, *REAL_L2D_UL_CENTRE)
        hco = f.create_group("HDFEOS/SWATHS/PRS_L2D_HCO")
        vnir = np.zeros((rows, REAL_VNIR_CW.size, cols), np.uint16)
        vnir[:, 3:, :] = 30000
        swir = np.zeros((rows, REAL_SWIR_CW.size, cols), np.uint16)
        swir[:, :-2, :] = 20000
        hco.create_dataset("Data Fields/VNIR_Cube", data=vnir)
        hco.create_dataset("Data Fields/SWIR_Cube", data=swir)
        f.create_group("HDFEOS/SWATHS/PRS_L2D_PCO").create_dataset(
            "Data Fields/Cube", data=np.full((rows * 6, cols * 6), 40000, np.uint16))
    return path


CSG_GEC_NAME = "CSG_SSAR2_GEC_B_0101_STR_003_HH_RA_F_20230102030405_20230102030412_1_F_45N_Z33_N00"


def write_csg_gec(folder, rows=10, cols=12, name=CSG_GEC_NAME, map_parameters=True):
    """Second-generation GEC on UTM 33 N: detected /S01/IMG with the map grid attributes."""
    import h5py

    path = f"{folder}/{name}.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Mission ID"] = np.bytes_("CSG")
        f.attrs["Product Type"] = np.bytes_("GEC_B")
        f.attrs["Polarization"] = np.bytes_("HH")
        f.attrs["Projection ID"] = np.bytes_("UTM")
        if map_parameters:
            f.attrs["Map Projection Centre"] = np.array((0.0, 15.0))
            f.attrs["Map Projection Scale Factor"] = np.float64(0.9996)
            f.attrs["Map Projection False East-North"] = np.array((500000.0, 0.0))
        img = f.create_group("S01").create_dataset("IMG", data=np.ones((rows, cols), np.float32))
        img.attrs["Top Left East-North"] = np.array(GEC_TOP_LEFT, np.float64)
        img.attrs["Column Spacing"], img.attrs["Line Spacing"] = 5.0, 5.0
        _corners(img)
    return path
