"""Numbers written in any format but the one: points without trailing zeros (12.5, 3) and
rates with one decimal and a percent sign (50.0%, 33.3%)."""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

ROOT = Path(__file__).parents[3]
RUBRICS, DEMO = ROOT / "infra" / "rubrics", ROOT / "infra" / "demo"

PERCENT = re.compile(r"(?<![\d.])-?\d+(?:\.\d+)?\s*[%％]")
RATE = re.compile(r"-?\d+\.\d%")
RATE_CELL = re.compile(r"(?:\d+/\d+（)?-?\d+\.\d%）?")
"""A rate, or a probability written as a fraction and its rate: 1/3（33.3%）."""
TRAILING_ZERO = re.compile(r"(?<![\d.])-?\d+\.\d*0(?![\d.%％])")
"""12.50, 99.0, 0.500: a number with a zero its value does not need."""
RATIO = re.compile(r"-?\d+\.\d{4}")
"""A spot check's ratio (核实系数 1.0000, a probability) is written to four decimals."""
SHORTEST_CUT = 10
"""A quoted text cut short ("完成率在50%至65%(包...") keeps at least this many characters."""
RATE_COLUMN = re.compile(r"率")
BLANK = ("", "尚未统计", "无服务站", "尚未验收", "未设", "—")


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield " ".join(node.split())
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def typed_texts() -> Iterator[str]:
    """What the demo's people type (notes, progress reports), as they typed it."""
    for path in DEMO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield " ".join(node.value.split())
    for path in DEMO.rglob("*.yaml"):
        yield from strings(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def quoted_words() -> tuple[str, ...]:
    """Words with a number that the service quotes, not writes: the rubrics' own wording
    ("满意度达到90%以上", from the paper form) and what people typed ("申请完成率93%").
    Longest first."""
    rubric = (
        text
        for path in RUBRICS.glob("*.yaml")
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    )
    found = {t for t in (*rubric, *typed_texts()) if PERCENT.search(t) or TRAILING_ZERO.search(t)}
    return tuple(sorted(found, key=len, reverse=True))


def unquoted(text: str) -> str:
    """The text without quoted words, whole or cut short with an ellipsis."""
    for quoted in quoted_words():
        text = text.replace(quoted, "")
        if quoted[:SHORTEST_CUT] in text:
            for end in range(len(quoted) - 1, SHORTEST_CUT - 1, -1):
                for ellipsis in ("...", "…"):
                    text = text.replace(quoted[:end] + ellipsis, "")
    return text


def misformatted(text: str) -> list[str]:
    """Each number in the text written otherwise than the one way, with a little context;
    quoted words aside."""
    text = unquoted(text)
    found = [m for m in PERCENT.finditer(text) if not RATE.fullmatch(m.group(0))]
    found += [m for m in TRAILING_ZERO.finditer(text) if not RATIO.fullmatch(m.group(0))]
    return [f"{m.group(0)!r} in …{text[max(m.start() - 30, 0) : m.end() + 30]}…" for m in found]


def bare_rates(header: list[str], rows: list[list[str]]) -> list[str]:
    """Cells under a rate's column (a header saying 率) that are not written as a rate."""
    columns = [i for i, label in enumerate(header) if RATE_COLUMN.search(label)]
    return [
        f"{header[i]} {row[i]!r} in {' | '.join(row)}"
        for row in rows
        for i in columns
        if i < len(row) and row[i].strip() not in BLANK and not RATE_CELL.fullmatch(row[i].strip())
    ]


class _Tables(HTMLParser):
    """Each HTML table as its header cells and its body rows of cell text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self.head = True
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            header, rows = self.tables[-1]
            header.extend(self.row) if self.head else rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_bare_rates(html: str) -> list[str]:
    parser = _Tables()
    parser.feed(html)
    return [found for header, rows in parser.tables for found in bare_rates(header, rows)]


def csv_bare_rates(rows: list[list[str]]) -> list[str]:
    """Each block of a CSV file: a header row with a rate column, then its rows."""
    found: list[str] = []
    header: list[str] | None = None
    for row in rows:
        if not any(row):
            header = None
        elif header is None or len(row) != len(header):
            header = row
        else:
            found += bare_rates(header, [row])
    return found


def xlsx_rates(data: bytes) -> list[str]:
    """Numeric cells in percent format shown otherwise than 0.0%, and numbers under a rate
    column that are not in percent format."""
    found = []
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        header: list[str] = []
        for row in sheet.iter_rows():
            if row and row[0].fill.fill_type == "solid":  # the header row is shaded
                header = [str(c.value or "") for c in row]
            for cell, label in zip(row, header or [""] * len(row), strict=False):
                number = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
                percent = str(cell.number_format).endswith("%")
                if percent and cell.number_format != "0.0%":
                    found.append(f"{sheet.title}!{cell.coordinate} shown as {cell.number_format}")
                if number and RATE_COLUMN.search(label) and not percent:
                    found.append(f"{sheet.title}!{cell.coordinate} {label} {cell.value} not a rate")
    return found
