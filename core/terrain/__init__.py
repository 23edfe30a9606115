"""Terrain: a DEM on the product grid, slope/aspect, and the surface-parallel projection of motion.

``dem`` puts a DEM (any CRS and resolution) on a product's grid and derives
its gradient; ``projection`` turns horizontal displacement into 3-D
displacement assuming motion parallel to the surface; ``apply`` runs both on
SenseTrack displacement, velocity and time-series files; ``report`` is the
displacement report's section. The inverse-velocity indicator is in
``core.forecast``.
"""
