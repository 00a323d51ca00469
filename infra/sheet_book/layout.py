"""Where a sheet workbook keeps what: the columns of a worksheet, and the hidden worksheet
that names the sheet each worksheet holds (assessment, the version it was read at, layer)."""

from __future__ import annotations

import json
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
MARK = "技术信息 评分表文件标识 1（请勿修改）"
"""The first cell of the identity worksheet: a workbook without it is not one of ours.
Each cell below it names one worksheet's sheet as JSON after the prefix `LINE`."""
LINE = "技术信息 "


@dataclass(frozen=True)
class SheetIdentity:
    """Which sheet one worksheet holds, at which version, for which layer."""

    worksheet: str
    assessment_id: UUID
    version: int
    layer: Layer | None
    header_row: int

    def to_cell(self) -> str:
        layer = self.layer.value if self.layer else None
        data = {
            "worksheet": self.worksheet,
            "assessment_id": str(self.assessment_id),
            "version": self.version,
            "layer": layer,
            "header_row": self.header_row,
        }
        return LINE + json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_cell(cls, text: object) -> SheetIdentity:
        """ValueError (or TypeError, KeyError) when the cell is not one we wrote."""
        if not isinstance(text, str) or not text.startswith(LINE):
            raise ValueError("not an identity line")
        data = json.loads(text.removeprefix(LINE))
        layer = data["layer"]
        return cls(
            str(data["worksheet"]),
            UUID(str(data["assessment_id"])),
            int(data["version"]),
            Layer(layer) if layer else None,
            int(data["header_row"]),
        )
