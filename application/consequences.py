"""A falsification finding's consequence: a deduction line or a veto condition of the rubric,
applied in the verification layer together with the finding."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.assessment import Assessment
from domain.audit import Stamp
from domain.errors import DomainError
from domain.rubric import Rubric
from domain.rules import Falsification, Kind
from domain.workflow import Layer


@dataclass(frozen=True)
class Deduct:
    """A falsification's consequence: a deduction line of the rubric (e.g. seed 001 item 65,
    line `falsification`, 视情扣1-5分), by amount (discretionary) or count (counted)."""

    item: str
    line: str
    amount: Decimal | None = None
    count: int | None = None


@dataclass(frozen=True)
class Veto:
    """A falsification's consequence: a veto condition of the rubric (一票否决)."""

    item: str
    condition: str


Consequence = Deduct | Veto


def check_consequence(rubric: Rubric, finding: str, consequence: Consequence | None) -> None:
    if finding != "falsification":
        if consequence is not None:
            raise DomainError("only a falsification finding carries a deduction or veto")
        return
    if rubric.falsification is not None:
        check_declared(rubric, rubric.falsification, consequence)
        return
    if consequence is None:
        routes = [i.number for i in rubric.items() if i.kind in (Kind.DEDUCTION, Kind.VETO)]
        if routes:
            raise DomainError(
                "a falsification finding leads to a deduction or a veto; name one "
                f"(items {', '.join(routes)} of this rubric)"
            )


def check_declared(
    rubric: Rubric, declared: Falsification, consequence: Consequence | None
) -> None:
    """Where the rubric declares what a falsification triggers, nothing else stands in for it."""
    if consequence is not None and named(consequence) == named(declared_consequence(declared)):
        return
    item = rubric.item(declared.item)
    if declared.condition is not None:
        found = (
            next((c for c in item.conditions if c.id == declared.condition), None) if item else None
        )
        words = f" ({found.text})" if found else ""
        what = f"veto condition '{declared.condition}'{words} named {declared.name}"
    else:
        line = item.deduction(declared.line) if item and declared.line else None
        words = f" ({line.text})" if line else ""
        what = f"deduction line '{declared.line}'{words}"
    raise DomainError(
        f"this rubric declares what a falsification finding triggers: item {declared.item}, "
        f"{what}; name it as the consequence"
    )


def named(consequence: Consequence) -> tuple[str, str, str]:
    """What a consequence names, its figure aside: a deduction line or a veto condition."""
    if isinstance(consequence, Deduct):
        return ("deduct", consequence.item, consequence.line)
    return ("veto", consequence.item, consequence.condition)


def declared_consequence(declared: Falsification) -> Consequence:
    """The declared consequence as a finding names it (a deduction's figure aside)."""
    if declared.condition is not None:
        return Veto(declared.item, declared.condition)
    return Deduct(declared.item, declared.line or "")


def apply_consequence(
    a: Assessment, rubric: Rubric, stamp: Stamp, consequence: Consequence, note: str
) -> None:
    reason = f"弄虚作假：{note.strip()}" if note.strip() else ""
    if isinstance(consequence, Deduct):
        a.apply_deduction(
            *(stamp, rubric, consequence.item, Layer.VERIFICATION),
            *(consequence.line, consequence.count, consequence.amount, reason),
        )
    else:
        declared = rubric.falsification
        name = declared.name if declared and declared.condition is not None else None
        a.raise_veto(
            *(stamp, rubric, consequence.item, Layer.VERIFICATION),
            *(consequence.condition, reason, name),
        )
