"""Failure-time indicators from velocity time series (inverse velocity, Fukuzono 1985)."""
