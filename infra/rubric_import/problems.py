"""What an import refuses and what it leaves for a person to settle, said in English and
Chinese, each naming the cell (Sheet1!C7) or the node it is about."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    """One thing about the proposal: where it is, and what it says (English, Chinese)."""

    where: str
    message: str
    message_zh: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class SpreadsheetRefusedError(ValueError):
    """The spreadsheet cannot be read as a scoring table; nothing was proposed."""

    def __init__(self, source: str, problems: list[Note]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


def grouped(notes: list[Note]) -> list[Note]:
    """One note per message: the same thing said of many cells is said once, naming the
    first and last cell and how many there are."""
    cells: dict[tuple[str, str], list[str]] = {}
    for note in notes:
        cells.setdefault((note.message, note.message_zh), []).append(note.where)
    return [
        Note(where[0] if len(where) == 1 else f"{where[0]} … {where[-1]} ({len(where)})", *said)
        for said, where in cells.items()
    ]
