"""Numbers and entries in words for the pages: the same words the tables and files use."""

from __future__ import annotations

from projections.entry_words import NOTHING, entry_words, plain

__all__ = ["NOTHING", "entry_words", "plain"]
