"""What a person reads on a page or in a downloaded file, and what must not be in it: ids,
event class names, English codes and ISO moments (folded 技术信息 sections aside)."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from openpyxl import load_workbook

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
CLASS_NAME = re.compile(r"\b(?:Assessment|Unit|Account|RubricVersion|Campaign)\.[A-Z]\w+")
PYTHON_REPR = re.compile(r"<(?:built-in method|bound method|function) [^>]*>|object at 0x[0-9a-f]+")
"""A Python object written as the interpreter shows it (a template reading a dict's method)."""
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)")
CODES = re.compile(
    r"\b(?:falsification|none|draft|submitted|returned|approved|finalized|passed|not_passed"
    r"|vetoed|fengdu-village-station|changzhi-county-centre|wushen-banner-tasks"
    r"|zaozhuang-city-centre|ministerial|provincial|bureau|beijing|city_petition"
    r"|raised_after_return|station_staff|town_reviewer|county_auditor|city_regulator)\b"
)
"""Codes the store keeps that a page must say in Chinese."""
UNREAD = ("script", "style", "details", "title")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNREAD:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of a page outside scripts, styles and folded <details> sections."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


TECHNICAL = "技术信息"
"""A file's lines for auditors' tools (the stamp `kaohe ledger verify-export` reads) begin
with this word, as a page folds the same under a <details> of that name."""


def csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return "\n".join(" | ".join(row) for row in rows if not _technical(row))


def xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = (
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None and not _technical([str(value)])
    )
    return "\n".join(cells)


def _technical(cells: list[str]) -> bool:
    return bool(cells) and cells[0].startswith(TECHNICAL)


def unreadable(text: str) -> list[str]:
    """Each id, class name, Python object, ISO moment or code in the text, with a little
    context."""
    found = []
    for pattern in (UUID, CLASS_NAME, PYTHON_REPR, ISO_MOMENT, CODES):
        for match in pattern.finditer(text):
            start, end = max(match.start() - 30, 0), match.end() + 30
            found.append(f"{match.group(0)!r} in …{text[start:end]}…")
    return found
