"""What a read worksheet would change on its sheet: each item's old → new in the caller's
layer, the entries to save, and every problem (the cell, the item, what is allowed). A
problem anywhere refuses the whole file, so nothing is saved while any is listed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from domain.assessment import Assessment
from domain.entries import ItemEntry, entry_problems
from domain.entry_data import entry_from_data
from domain.layers import counting_entry
from domain.rubric import Item, Rubric
from domain.workflow import Layer
from infra.sheet_book.editable import editable_field
from infra.sheet_book.reader import Problem, SheetRead, Value
from projections.entry_words import NOTHING, plain
from projections.numbers import rate_text
from projections.tables.wording import LAYER_WORDS

PAGE_ONLY = "不能在表格中填写（扣分、加分、一票否决等），请在网页上填写。"


@dataclass(frozen=True)
class Change:
    """One item's value in the caller's layer, before and after, as people read it."""

    item: str
    standard: str
    cell: str
    old: str
    new: str

    def to_data(self) -> dict[str, str]:
        return {
            "item": self.item,
            "standard": self.standard,
            "cell": self.cell,
            "old": self.old,
            "new": self.new,
        }


@dataclass
class SheetPlan:
    """The changes of one sheet, the entries that make them, and what refuses them."""

    assessment: Assessment
    downloaded: int
    """The sheet's version the worksheet was downloaded at."""
    changes: list[Change] = field(default_factory=list)
    entries: dict[str, ItemEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def plan_sheet(a: Assessment, rubric: Rubric, layer: Layer | None, read: SheetRead) -> SheetPlan:
    """Compare a worksheet with the sheet as it is now, for the layer the caller writes."""
    plan = SheetPlan(a, read.identity.version, problems=list(read.problems))
    sheet = read.identity.worksheet
    if read.identity.assessment_id != a.id:
        plan.problems.append(
            Problem(
                "文件中的评分表不是这一张（属于另一单位、期间或评分表）；请下载本表填写。", sheet
            )
        )
        return plan
    if read.identity.layer is None:
        if any(v.number is not None for v in read.values):
            words = "此工作表下载时为只读（您当时不能修改这张评分表），其中填写的内容不能保存。"
            plan.problems.append(Problem(words, sheet))
        return plan
    if layer is None:
        plan.problems.append(
            Problem("您现在不能修改此评分表：您所在层级的评分不在可修改的阶段。", sheet)
        )
        return plan
    if read.identity.layer is not layer:
        was = LAYER_WORDS[read.identity.layer.value] if read.identity.layer else "只读"
        plan.problems.append(
            Problem(
                f"文件是按「{was}」下载的，您现在填写「{LAYER_WORDS[layer.value]}」；请重新下载。",
                sheet,
            )
        )
        return plan
    for value in read.values:
        _plan_value(plan, rubric, layer, value, sheet)
    return plan


def _plan_value(plan: SheetPlan, rubric: Rubric, layer: Layer, value: Value, sheet: str) -> None:
    item = rubric.item(value.item)
    at = value.cell
    if item is None:
        plan.problems.append(
            Problem(f"{at}：序号「{value.item[:20]}」不是本评分表的项目。", sheet, at)
        )
        return
    kind = editable_field(item)
    if kind is None:
        if value.number is not None:
            words = f"{at}（第 {item.number} 项）{PAGE_ONLY}"
            plan.problems.append(Problem(words, sheet, at, item.number))
        return
    layers = plan.assessment.layers
    stored = layers[layer.value].get(item.number)
    if value.number is None and stored is None:
        return
    if value.number is None and layer is not Layer.SELF:
        words = f"{at}（第 {item.number} 项）已填写的分数不能清空；如同意下级评分，请填写相同分数。"
        plan.problems.append(Problem(words, sheet, at, item.number))
        return
    start = entry_from_data(counting_entry(layers, item.number, layer) or {})
    number = value.number
    entry = replace(start, rate=number) if kind == "rate" else replace(start, points=number)
    if stored is not None and entry == entry_from_data(stored):
        return
    problems = entry_problems(item, entry)
    if problems:
        words = f"{at}（第 {item.number} 项）{problem_words(item, kind, problems)}"
        plan.problems.append(Problem(words, sheet, at, item.number))
        return
    plan.entries[item.number] = entry
    old = _shown(kind, (stored or {}).get(kind))
    plan.changes.append(Change(item.number, item.standard, at, old, _shown(kind, value.number)))


def _shown(kind: str, number: Any) -> str:
    if number is None:
        return NOTHING
    return f"完成率 {rate_text(number)}" if kind == "rate" else f"{plain(number)} 分"


def problem_words(item: Item, kind: str, problems: list[str]) -> str:
    """The rubric's objection to a value, in Chinese: what is allowed."""
    said = " ".join(problems)
    if kind == "rate":
        return "完成率不在本项任何档次内：" + "、".join(str(b.rate) for b in item.bands)
    if "outside" in said:
        most = plain(item.max_points)
        return f"超出分值范围：本项满分 {most} 分，应填 0 至 {most}。"
    if "steps" in said:
        return f"分数须为 {plain(item.step)} 的整数倍。"
    return said
