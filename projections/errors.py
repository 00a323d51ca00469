"""Errors of the read models, each saying what was wrong and what is allowed."""

from __future__ import annotations


class UnknownSourceError(ValueError):
    """A summary column names a source the table builder cannot fill."""
