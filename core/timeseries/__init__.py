"""Time series of displacement from a stack of dated images.

``dates`` (acquisition date of an image), ``network`` (which pairs to track),
``batch`` (track every pair, restartable), ``solver`` / ``inversion`` (pair
products -> cumulative displacement per date), ``report`` and ``plots``.
"""
