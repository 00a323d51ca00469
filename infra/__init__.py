"""Kaohe infra layer."""
