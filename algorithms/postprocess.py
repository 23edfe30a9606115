"""Base class of the post-processing algorithms: one displacement result in, same format out.

INPUT is a map layer (raster or GeoPackage point layer written by a SenseTrack
tracker or post-processing step). OUTPUT is a raster destination (created by
default); OUTPUT_POINTS an optional GeoPackage destination. Each requested
output is written: a raster input can also be written as points and a point
input as a raster of its grid.
"""
from __future__ import annotations

import os
from typing import Dict, List

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterVectorDestination,
    QgsProcessing,
)

from .base import SenseTrackAlgorithm
from .param_values import FileLayerParameter, product_source

FORMAT_HELP = (
    "<p><b>Input</b>: a SenseTrack displacement result, raster (bands DX, DY, MAGNITUDE, DIRECTION, …) or "
    "GeoPackage points (fields DX, DY, …); other layers are refused. <b>Output</b>: the same format, DX/DY "
    "(east/north, map units), MAGNITUDE and DIRECTION (degrees clockwise from north) recomputed, other bands "
    "carried over. Write it as a raster (OUTPUT), as points (OUTPUT_POINTS), or both. Every step is recorded in "
    "the SENSETRACK_HISTORY metadata used by the report.</p>"
)


class PostprocessAlgorithm(SenseTrackAlgorithm):
    """INPUT layer + OUTPUT / OUTPUT_POINTS handling shared by the post-processing algorithms."""

    GROUP_ID = "postprocessing"
    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    OUTPUT_POINTS = "OUTPUT_POINTS"
    TABLE = "TABLE"
    DESCRIPTION = ""
    REFERENCE = ""

    def shortHelpString(self) -> str:  # noqa: N802
        return self.described_help(self.DESCRIPTION, FORMAT_HELP, self.REFERENCE)

    def add_input(self) -> None:
        p = FileLayerParameter(self.INPUT, self.tr("Displacement result"),
                                  types=[QgsProcessing.TypeRaster, QgsProcessing.TypeVectorPoint])
        p.setHelp(self.tr("A SenseTrack displacement raster or point layer (GeoPackage)."))
        self.addParameter(p)

    def add_outputs(self, label: str = "Result", table: str = "", table_help: str = "") -> None:
        p = QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr(label), optional=True,
                                                    createByDefault=True)
        p.setHelp(self.tr("GeoTIFF in the SenseTrack displacement format (a point input is written on its grid)."))
        self.addParameter(p)
        self.add_cog_parameter()
        p = QgsProcessingParameterVectorDestination(self.OUTPUT_POINTS, self.tr(label + " (points)"),
                                                    QgsProcessing.TypeVectorPoint, optional=True,
                                                    createByDefault=False)
        p.setHelp(self.tr("GeoPackage point layer 'displacements' in the SenseTrack format (optional)."))
        self.addParameter(p)
        if table:
            p = QgsProcessingParameterFileDestination(self.TABLE, self.tr(table), "CSV (*.csv);;JSON (*.json)",
                                                      optional=True, createByDefault=False)
            p.setHelp(self.tr(table_help or table))
            self.addParameter(p)

    def input_path(self, parameters, context) -> str:
        return product_source(self, parameters, self.INPUT, context)

    def output_paths(self, parameters, context) -> List[str]:
        """Requested outputs, points first when the input is points (the first is the core's target)."""
        outs = []
        for name in (self.OUTPUT, self.OUTPUT_POINTS):
            if parameters.get(name) is None:
                continue
            path = self.parameterAsOutputLayer(parameters, name, context)
            if path:
                if name == self.OUTPUT_POINTS and not path.lower().endswith(".gpkg"):
                    path = os.path.splitext(path)[0] + ".gpkg"
                outs.append((name, path))
        if not outs:
            raise QgsProcessingException(self.tr("Choose at least one output (OUTPUT or OUTPUT_POINTS)."))
        return outs

    def table_path(self, parameters, context) -> str:
        if parameters.get(self.TABLE) is None:
            return ""
        return self.parameterAsFileOutput(parameters, self.TABLE, context) or ""

    def write_copies(self, first: str, outs, results: Dict[str, str]) -> None:
        """Write the product at ``first`` to the other requested outputs (format from the extension)."""
        from ..core.postprocess.product import read_product, write_product

        product = None
        for name, path in outs:
            if os.path.abspath(path) != os.path.abspath(first):
                product = product or read_product(first)
                write_product(product, path)
            results[name] = path
