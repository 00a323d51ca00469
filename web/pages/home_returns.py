"""The home page's returned sheets: each with why it came back (the overall opinion and the
reason per item), so a station sees what to redo before it opens the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from domain.workflow import Status
from web.pages.sheet.returned import ReturnReasons, return_reasons


class Listed(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def assessment_id(self) -> UUID: ...


class Line(Protocol):
    @property
    def row(self) -> Listed: ...


@dataclass(frozen=True)
class ReturnedSheet:
    sheet: Line
    reasons: ReturnReasons


def returned_sheets(sheets: Sequence[Line]) -> list[ReturnedSheet]:
    """Of the sheets listed, those returned, each with the reasons of its last return."""
    found = []
    for s in sheets:
        if s.row.status != Status.RETURNED.value:
            continue
        reasons = return_reasons(s.row.assessment_id)
        if reasons is not None:
            found.append(ReturnedSheet(s, reasons))
    return found
