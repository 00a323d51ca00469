"""The rubric (评分表): a versioned, immutable tree of sections and items."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from domain.levels import PeriodKind as PeriodKind
from domain.levels import UnitLevel as UnitLevel
from domain.rules import (
    Band,
    Deduction,
    Falsification,
    Kind,
    NumericTarget,
    RuleName,
    SameMatter,
    Tier,
    VetoCondition,
)

if TYPE_CHECKING:
    from domain.deadlines import Deadlines
    from domain.rubric_workflow import Workflow


@dataclass(frozen=True)
class Assignment:
    """Who answers for a node and by when (任务分解: 完成时限, 牵头领导, 责任股室, 责任人)."""

    deadline: str | None = None
    due: date | None = None
    lead: str | None = None
    office: str | None = None
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A scored row. Its number is unique in the rubric; its max is None when unscored."""

    number: str
    standard: str
    kind: Kind
    rule: RuleName
    max_points: Decimal | None
    step: Decimal
    bands: tuple[Band, ...] = ()
    deductions: tuple[Deduction, ...] = ()
    tiers: tuple[Tier, ...] = ()
    conditions: tuple[VetoCondition, ...] = ()
    target: str | None = None
    numeric_target: NumericTarget | None = None
    assignment: Assignment = field(default_factory=Assignment)
    note: str | None = None

    def deduction(self, deduction_id: str) -> Deduction | None:
        return next((d for d in self.deductions if d.id == deduction_id), None)

    def tier(self, tier_id: str) -> Tier | None:
        return next((t for t in self.tiers if t.id == tier_id), None)


@dataclass(frozen=True)
class Section:
    """A node that groups sections and items; its max, when given, is what its children add to."""

    number: str
    title: str
    children: tuple[Node, ...]
    max_points: Decimal | None = None
    kind: Kind | None = None
    assignment: Assignment = field(default_factory=Assignment)
    note: str | None = None

    def items(self) -> Iterator[Item]:
        for child in self.children:
            if isinstance(child, Item):
                yield child
            else:
                yield from child.items()

    def sections(self) -> Iterator[Section]:
        """This section and every section below it, depth first."""
        yield self
        for child in self.children:
            if isinstance(child, Section):
                yield from child.sections()


Node = Item | Section


@dataclass(frozen=True)
class SummaryColumn:
    """One column of the rubric's summary table; `source` says where its figure comes from."""

    label: str
    source: str


@dataclass(frozen=True)
class SummaryTable:
    """The statistics table a bureau hands up (e.g. seed 001 annex 2)."""

    title: str
    columns: tuple[SummaryColumn, ...]


@dataclass(frozen=True)
class Rubric:
    """A published scoring table. Invariants (checked when built from a definition): item
    numbers are unique, sections add up, every rule fits its item's kind."""

    code: str
    version: int
    title: str
    source: str
    scored_level: UnitLevel
    period: PeriodKind
    base_max: Decimal
    nodes: tuple[Node, ...]
    pass_mark: Decimal | None = None
    bonus_cap: Decimal | None = None
    step: Decimal = Decimal("0.5")
    compliance_targets: tuple[tuple[str, Decimal], ...] = ()
    summary: SummaryTable | None = None
    decisions: tuple[str, ...] = ()
    format: int = 1
    same_matter_bonus: SameMatter = SameMatter.HIGHEST
    falsification: Falsification | None = None
    workflow: Workflow | None = None
    """Who acts on each layer, as declared (None: the default for the scored level)."""
    deadlines: Deadlines | None = None
    """Each period's window and deadlines, as declared (None: no deadlines)."""

    def items(self) -> Iterator[Item]:
        for node in self.nodes:
            if isinstance(node, Item):
                yield node
            else:
                yield from node.items()

    @cached_property
    def items_by_number(self) -> dict[str, Item]:
        return {item.number: item for item in self.items()}

    def item(self, number: str) -> Item | None:
        return self.items_by_number.get(number)

    def sections(self) -> Iterator[Section]:
        for node in self.nodes:
            if isinstance(node, Section):
                yield from node.sections()

    def top_section(self, number: str) -> Section | None:
        return next((n for n in self.nodes if isinstance(n, Section) and n.number == number), None)

    def compliance_target(self, quarter: str) -> Decimal | None:
        return dict(self.compliance_targets).get(quarter)
