"""The reasons of a return: read from the review page's form, checked, and written as the
one reason text the assessment keeps.

A return keeps one reason and the numbers of the items to redo. The page asks for an
overall opinion and a reason per ticked item, and writes them as one line, the overall
opinion first, then each item in rubric order, separated by full-width semicolons:

    总体意见；第12项：缺少活动照片；第31项：台账未按月装订

`split_reason` reads such a text back (only before the numbers the return names, so a
semicolon inside a reason stays in it); a reason written otherwise (by the API) is shown
whole as the overall opinion."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.rubric import Rubric
from web.errors import PageInputError

SEPARATOR = "；"
OVERALL_LIMIT = 1000
ITEM_LIMIT = 300


def item_label(number: str) -> str:
    return f"第{number}项"


def compose_reason(overall: str, reasons: Mapping[str, str]) -> str:
    """The reason text of a return: the overall opinion, then `第N项：…` per item."""
    parts = [overall] if overall else []
    parts += [f"{item_label(n)}：{text}" for n, text in reasons.items()]
    return SEPARATOR.join(parts)


def split_reason(text: str, items: Sequence[str]) -> tuple[str, dict[str, str]]:
    """The overall opinion and the reason per item of a composed reason text."""
    if not items:
        return text, {}
    numbers = "|".join(re.escape(n) for n in sorted(items, key=len, reverse=True))
    found = list(re.finditer(f"(?:^|{SEPARATOR})第({numbers})项：", text))
    if not found:
        return text, {}
    ends = [m.start() for m in found[1:]] + [len(text)]
    per_item = {m.group(1): text[m.end() : end] for m, end in zip(found, ends, strict=True)}
    return text[: found[0].start()], per_item


@dataclass
class ReturnForm:
    """What the reviewer sent: the overall opinion, the ticked items with their reasons (in
    rubric order), and the problems to show beside the fields (by field id)."""

    overall: str = ""
    ticked: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return compose_reason(self.overall, {n: self.reasons[n] for n in self.ticked})


def read_return_form(form: Mapping[str, str], ticked: Sequence[str], rubric: Rubric) -> ReturnForm:
    """Read and check the return form. An item whose reason is filled in counts as ticked."""
    known = [item.number for item in rubric.items()]
    unknown = [n for n in ticked if n not in known]
    if unknown:
        raise PageInputError(f"no items {', '.join(unknown[:5])} in this rubric")
    found = ReturnForm(overall=_one_line(form.get("overall", "")))
    for number in known:
        text = _one_line(form.get(f"reason-{number}", ""))
        if number in ticked or text:
            found.ticked.append(number)
            found.reasons[number] = text
            if not text:
                found.errors[f"reason-{number}"] = f"请填写退回{item_label(number)}的理由。"
            elif len(text) > ITEM_LIMIT:
                found.errors[f"reason-{number}"] = (
                    f"{item_label(number)}的理由请不超过 {ITEM_LIMIT} 字（现为 {len(text)} 字）。"
                )
    if len(found.overall) > OVERALL_LIMIT:
        found.errors["overall"] = (
            f"总体意见请不超过 {OVERALL_LIMIT} 字（现为 {len(found.overall)} 字）。"
        )
    elif not found.ticked and not found.overall:
        found.errors["overall"] = "请勾选需要整改的项目并逐项填写理由，或填写总体意见。"
    return found


def _one_line(text: str) -> str:
    """A reason as one line: the composed text keeps its parts apart by their separators."""
    return " ".join(text.split())
