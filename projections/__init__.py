"""Kaohe projections layer."""
