"""A falsification's consequence as the finding form offers it: the one the sheet's rubric
declares, else each veto condition and deduction line of the rubric."""

from __future__ import annotations

from dataclasses import dataclass

from application.consequences import Consequence, Deduct, Veto
from domain.entries import ItemEntry, deduction_problems
from domain.errors import DecimalTextError
from domain.input_text import parse_decimal
from domain.rubric import Rubric
from domain.rules import Kind


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    takes: str | None
    """"amount" (视情扣分), "count" (按次扣分) or None (a veto condition)."""


def consequence_options(rubric: Rubric) -> list[Option]:
    """The rubric's declared consequence of a falsification alone, where it declares one;
    otherwise every veto condition and deduction line."""
    if (declared := declared_option(rubric)) is not None:
        return [declared]
    found = []
    for item in rubric.items():
        if item.kind is Kind.VETO:
            for c in item.conditions:
                label = f"第 {item.number} 项一票否决：{c.text}"
                found.append(Option(f"veto:{item.number}:{c.id}", label, None))
        for line in item.deductions:
            takes = "amount" if line.discretionary else "count"
            label = f"第 {item.number} 项扣分：{line.text}"
            found.append(Option(f"deduct:{item.number}:{line.id}", label, takes))
    return found


def declared_option(rubric: Rubric) -> Option | None:
    """The consequence the rubric declares for a falsification, under its name."""
    declared = rubric.falsification
    item = rubric.item(declared.item) if declared else None
    if declared is None or item is None:
        return None
    if declared.condition is not None:
        found = next((c for c in item.conditions if c.id == declared.condition), None)
        if found is None:
            return None
        label = f"一票否决（{declared.name}，本评分表规定）：第 {item.number} 项 {found.text}"
        return Option(f"veto:{item.number}:{found.id}", label, None)
    line = item.deduction(declared.line) if declared.line else None
    if line is None:
        return None
    takes = "amount" if line.discretionary else "count"
    label = f"弄虚作假（本评分表规定）：第 {item.number} 项扣分：{line.text}"
    return Option(f"deduct:{item.number}:{line.id}", label, takes)


def chosen_consequence(
    rubric: Rubric, value: str, figure: str
) -> tuple[Consequence | None, str | None]:
    """The consequence chosen and its figure, or why it cannot be applied (in words)."""
    kind, _, rest = value.partition(":")
    number, _, ident = rest.partition(":")
    item = rubric.item(number)
    if item is None or kind not in ("veto", "deduct"):
        return None, "请从列表中选择处理方式。"
    if kind == "veto":
        return Veto(number, ident), None
    line = item.deduction(ident)
    if line is None:
        return None, "请从列表中选择处理方式。"
    if line.discretionary:
        try:
            amount = parse_decimal(figure)
        except DecimalTextError:
            return None, f"请填写扣分分值（{line.low}–{line.high} 分）。"
        if amount == 0 or deduction_problems(item, ItemEntry(amounts={ident: amount})):
            return None, f"扣分分值应在 {line.low} 至 {line.high} 分之间。"
        return Deduct(number, ident, amount=amount), None
    if not figure.isdigit() or int(figure) < 1:
        return None, "请填写发生的次数（正整数）。"
    return Deduct(number, ident, count=int(figure)), None
