"""Kaohe web layer."""
