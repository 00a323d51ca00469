"""Kaohe domain layer."""
