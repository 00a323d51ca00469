"""Kaohe test suite."""
