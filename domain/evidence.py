"""What a sheet holds beside its scores: the evidence files attached to it and the findings
of spot checks on it, as values (their events keep the payload they were always stored in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FINDINGS = ("none", "error", "falsification")
"""A spot check's finding on a sheet: no difference, an error, or falsification (弄虚作假)."""


@dataclass(frozen=True)
class Evidence:
    """A file attached to the sheet, optionally to one item, kept once by its SHA-256."""

    item: str | None
    name: str
    size: int
    sha256: str

    def to_data(self) -> dict[str, Any]:
        return {"item": self.item, "name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Finding:
    """A spot check's finding: the items and evidence (by SHA-256) it names, its note and
    the account that recorded it."""

    finding: str
    items: tuple[str, ...]
    evidence: tuple[str, ...]
    note: str
    by: str

    def to_data(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "items": list(self.items),
            "evidence": list(self.evidence),
            "note": self.note,
            "by": self.by,
        }
