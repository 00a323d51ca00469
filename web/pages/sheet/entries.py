"""Reading the sheet form: the entries it changes in the account's layer, and what is wrong
with a value (said next to its field); the preview scores the layers as they would be."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from domain.entries import ItemEntry, entry_problems
from domain.entry_data import entry_from_data, entry_to_data
from domain.input_text import parse_decimal
from domain.layers import Layers, counting_entry
from domain.rubric import Item, Rubric
from domain.workflow import Layer
from infra.sheet_book.editable import FILE_FIELDS, editable_field
from infra.sheet_book.plan import problem_words
from projections.scores import Summary, summarize
from web.pages.words import plain

MAIN_FIELDS = FILE_FIELDS
"""The one value the sheet form carries per item, by rule; deductions, bonus tiers and
vetoes have forms of their own."""

main_field = editable_field


def field_id(item: Item) -> str:
    return f"{main_field(item)}-{item.number}"


@dataclass
class SheetForm:
    """What a submitted sheet form asks for: the items it changes (each entry checked by the
    rubric), the problems by field id, and the values as typed (kept on a refused form)."""

    entries: dict[str, ItemEntry] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


def read_form(rubric: Rubric, layers: Layers, layer: Layer, form: Mapping[str, str]) -> SheetForm:
    read = SheetForm()
    for item in rubric.items():
        kind = main_field(item)
        fid = f"{kind}-{item.number}"
        if kind is None or fid not in form:
            continue
        raw = form[fid].strip()
        read.values[fid] = raw
        stored = layers.get(layer.value, {}).get(item.number)
        try:
            value = parse_number(raw)
        except ValueError:
            read.errors[fid] = NUMBER_WORDS
            continue
        if value is None and stored is None:
            continue  # left empty where the layer has nothing: no change
        if value is None and layer is not Layer.SELF:
            read.errors[fid] = "已填写的分数不能清空；如同意下级评分，请填写相同分数。"
            continue
        start = entry_from_data(counting_entry(layers, item.number, layer) or {})
        entry = replace(start, rate=value) if kind == "rate" else replace(start, points=value)
        if stored is not None and entry == entry_from_data(stored):
            continue
        problems = entry_problems(item, entry)
        if problems:
            read.errors[fid] = problem_words(item, kind, problems)
        else:
            read.entries[item.number] = entry
    return read


def changed_from(
    rubric: Rubric,
    then: Layers,
    layer: Layer,
    typed: Mapping[str, str],
    entries: Mapping[str, ItemEntry],
) -> dict[str, ItemEntry]:
    """Of a form's entries, those whose value the user changed from what the layer held when
    the form was read (`then`): a value left as read is not saved over a newer one."""
    kept = {}
    for number, entry in entries.items():
        item = rubric.item(number)
        kind = main_field(item) if item else None
        held = then.get(layer.value, {}).get(number) or {}
        if kind is None or typed.get(f"{kind}-{number}") != plain(held.get(kind)):
            kept[number] = entry
    return kept


NUMBER_WORDS = "请填写半角数字，如 1 或 1.5（不能用全角数字、下划线、科学计数法或 -0）。"


def parse_number(raw: str) -> Decimal | None:
    """A typed number (None: left empty); ValueError when it is not a plain number."""
    if not raw:
        return None
    return parse_decimal(raw)  # its DecimalTextError is a ValueError


def preview(rubric: Rubric, layers: Layers, layer: Layer, read: SheetForm) -> Summary:
    """The score of the layers with the form's valid entries in place (nothing is stored)."""
    changed: dict[str, dict[str, Any]] = {name: dict(found) for name, found in layers.items()}
    for item_number, entry in read.entries.items():
        changed.setdefault(layer.value, {})[item_number] = entry_to_data(entry)
    return summarize(rubric, changed)
