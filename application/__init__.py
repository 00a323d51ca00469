"""Kaohe application layer."""
