"""Where a sheet workbook keeps what: the columns of a worksheet, and the hidden worksheet
that names the sheet each worksheet holds (assessment, the version it was read at, layer)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.workflow import Layer

NUMBER_COL = 1
STANDARD_COL = 2
MAX_COL = 3
INPUT_COL = 4
"""The caller's layer: the one column read back."""
FIRST_LAYER_COL = 5
"""The layers as they stand, read-only, one column each from here."""

IDENTITY_SHEET = "_kaohe"
IDENTITY_HEADER = ("worksheet", "assessment_id", "version", "layer", "header_row")
MARK = "kaohe-sheet-book 1"
"""The first cell of the identity worksheet: a workbook without it is not one of ours."""


@dataclass(frozen=True)
class SheetIdentity:
    """Which sheet one worksheet holds, at which version, for which layer."""

    worksheet: str
    assessment_id: UUID
    version: int
    layer: Layer | None
    header_row: int
