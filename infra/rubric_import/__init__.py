"""Proposing a rubric file from a scoring table typed into a spreadsheet (.xlsx)."""
