"""ESA SNAP integration: graphs with safe placeholders, gpt discovery and runs, AOI, multilook, batch naming."""
from .aoi import extent_to_wgs84_wkt, to_wgs84_wkt
from .batch import cosmo_output_name, run_batch, s1_output_name
from .graph import Graph, shipped_graphs
from .multilook import Looks, estimate_looks
from .runner import find_gpt, gpt_error, run_graph

__all__ = ["Graph", "Looks", "cosmo_output_name", "estimate_looks", "extent_to_wgs84_wkt", "find_gpt", "gpt_error",
           "run_batch", "run_graph", "s1_output_name", "shipped_graphs", "to_wgs84_wkt"]
