"""Small COSMO-SkyMed and PRISMA HDF5 files written with h5py (test-only dependency).

Real products are not redistributable. These follow the dataset and
attribute layout of the specifications, as listed in the seed inventory
(section 11) and in core/cosmo/product.py and core/prisma/product.py:

* CSK SCS_B: COSMO-SkyMed SAR Products Handbook (ASI-CSM-ENG-RS-092-A), /S01/SBI int16 (rows, cols, 2) I/Q,
  /S01/QLK, corner and incidence attributes on /S01/SBI, "Estimated ..." corners on the root.
* CSG DGM: COSMO-SkyMed Second Generation Products Specification, /S01/IMG detected float32 (rows, cols),
  corners on /S01/IMG, incidence angles on the root.
* PRISMA L1/L2B/L2C/L2D: PRISMA Products Specification Document (PRS-SY-PSD), HDFEOS/SWATHS/PRS_<lvl>_HCO and
  _PCO swaths, cubes (rows, bands, cols) uint16, wavelength lists and scaling attributes on the root.
Values are small and exact so tests can check them (I=3, Q=4 gives amplitude 5).
"""
import numpy as np

CSK_NAME = "CSKS2_SCS_B_HI_05_HH_RA_SF_20200101052512_20200101052519"
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
        s01 = f.create_group("S01")
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
    import h5py

    path = f"{folder}/{CSG_NAME}.h5"
    with h5py.File(path, "w") as f:
        f.attrs["Mission ID"] = np.bytes_("CSG")
        f.attrs["Near Incidence Angle"] = 25.0
        f.attrs["Far Incidence Angle"] = 29.0
        img = f.create_group("S01").create_dataset("IMG", data=np.full((rows, cols), 2.5, np.float32))
        _corners(img)
    return path


VNIR_CW = np.array([0.0, 502.0, 498.0, 410.0], dtype=np.float32)  # descending like real lists, one flagged
VNIR_FWHM = np.array([0.0, 10.0, 10.0, 12.0], dtype=np.float32)
SWIR_CW = np.array([2400.0, 1650.0], dtype=np.float32)
SWIR_FWHM = np.array([9.0, 11.0], dtype=np.float32)


def write_prisma(folder, level="2D", rows=12, cols=15, name="PRS_L2D_STD_20230101101010_0001"):
    import h5py

    swath = "L1" if level == "1" else f"L{level}"
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
        f.attrs["Product_ULcorner_easting"], f.attrs["Product_ULcorner_northing"] = 600000.0, 5000000.0 + rows * 30
        f.attrs["Product_LLcorner_easting"], f.attrs["Product_LRcorner_northing"] = 600000.0, 5000000.0
        f.attrs["Product_URcorner_easting"] = 600000.0 + cols * 30
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
            if level == "1":
                for cube in ("VNIR", "SWIR"):
                    hco.create_dataset(f"Geolocation Fields/Latitude_{cube}", data=lat)
                    hco.create_dataset(f"Geolocation Fields/Longitude_{cube}", data=lon)
            else:
                hco.create_dataset("Geolocation Fields/Latitude", data=lat)
                hco.create_dataset("Geolocation Fields/Longitude", data=lon)
    return path
