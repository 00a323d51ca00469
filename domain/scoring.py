"""The pure scoring function: rubric + entries → item points, subtotals, total and result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from domain.bonus_scoring import score_bonus_items
from domain.entries import ItemEntry, entry_problems
from domain.errors import ScoringInputError
from domain.item_scoring import (
    ZERO,
    ItemScore,
    score_deduction_item,
    score_points_item,
    score_veto_item,
)
from domain.rubric import Rubric, Section
from domain.rules import Kind

REQUIRED = (Kind.STANDARD, Kind.SPECIAL, Kind.PROGRESS)


class Result(StrEnum):
    """The outcome of an assessment; `unrated` when the rubric has no pass mark."""

    PASSED = "passed"
    NOT_PASSED = "not_passed"
    VETOED = "vetoed"
    UNRATED = "unrated"


@dataclass(frozen=True)
class SectionScore:
    """A section's subtotal: what its items add (deductions subtract)."""

    path: tuple[str, ...]
    title: str
    points: Decimal
    max_points: Decimal | None


@dataclass(frozen=True)
class Scorecard:
    """Every figure of a scored sheet, each with the rules and caps that produced it."""

    items: tuple[ItemScore, ...]
    sections: tuple[SectionScore, ...]
    base: Decimal
    bonus_claimed: Decimal
    bonus: Decimal
    deductions: Decimal
    special: Decimal
    total: Decimal
    result: Result
    reasons: tuple[str, ...]
    unscored: tuple[str, ...]
    vetoed_for: tuple[str, ...] = ()
    """The names raised vetoes were recorded under (e.g. 弄虚作假), in the rubric's order."""

    def item(self, number: str) -> ItemScore:
        return next(score for score in self.items if score.number == number)

    def section(self, *path: str) -> SectionScore:
        return next(score for score in self.sections if score.path == path)


def score(rubric: Rubric, entries: Mapping[str, ItemEntry], checked: bool = False) -> Scorecard:
    """Score a sheet. Raises ScoringInputError, naming each item, when an entry does not fit
    (`checked`: the entries were checked when they were recorded; skip checking again)."""
    if not checked:
        check_entries(rubric, entries)
    items = list(rubric.items())
    bonus_items = [item for item in items if item.kind is Kind.BONUS]
    scores = {
        s.number: s for s in score_bonus_items(bonus_items, entries, rubric.same_matter_bonus)
    }
    for item in items:
        entry = entries.get(item.number)
        if item.kind is Kind.DEDUCTION:
            scores[item.number] = score_deduction_item(item, entry)
        elif item.kind is Kind.VETO:
            scores[item.number] = score_veto_item(item, entry)
        elif item.kind is not Kind.BONUS:
            scores[item.number] = score_points_item(item, entry)
    ordered = tuple(scores[item.number] for item in items)
    unscored = tuple(
        item.number
        for item in items
        if scores[item.number].points is None and item.kind in REQUIRED and item.max_points
    )
    card = total_up(rubric, ordered, unscored)
    names = [
        name
        for item in items
        if item.kind is Kind.VETO and (entry := entries.get(item.number)) is not None
        for c in item.conditions
        if c.id in entry.raised and (name := entry.named.get(c.id))
    ]
    return replace(card, vetoed_for=tuple(dict.fromkeys(names))) if names else card


def check_entries(rubric: Rubric, entries: Mapping[str, ItemEntry]) -> None:
    problems: list[str] = []
    for number, entry in entries.items():
        item = rubric.item(number)
        if item is None:
            problems.append(f"item {number}: no such item in {rubric.code} v{rubric.version}")
        else:
            problems += entry_problems(item, entry)
    if problems:
        raise ScoringInputError(problems)


def points_of(scores: tuple[ItemScore, ...], kind: Kind) -> Decimal:
    return sum((s.points or ZERO for s in scores if s.kind is kind), ZERO)


def total_up(rubric: Rubric, scores: tuple[ItemScore, ...], unscored: tuple[str, ...]) -> Scorecard:
    base = points_of(scores, Kind.STANDARD)
    bonus_claimed = points_of(scores, Kind.BONUS)
    bonus = bonus_claimed
    reasons: list[str] = []
    if rubric.bonus_cap is not None and bonus_claimed > rubric.bonus_cap:
        bonus = rubric.bonus_cap
        reasons.append(f"加分合计 {bonus_claimed} 超过加分上限 {rubric.bonus_cap}，计 {bonus}")
    deductions = points_of(scores, Kind.DEDUCTION)
    special = points_of(scores, Kind.SPECIAL)
    total = base + bonus + special - deductions
    vetoes = [line for s in scores if s.kind is Kind.VETO for line in s.explanation]
    result, why = judge(rubric, total, vetoes)
    return Scorecard(
        items=scores,
        sections=tuple(section_scores(rubric, scores)),
        base=base,
        bonus_claimed=bonus_claimed,
        bonus=bonus,
        deductions=deductions,
        special=special,
        total=total,
        result=result,
        reasons=(*reasons, *why),
        unscored=unscored,
    )


def judge(rubric: Rubric, total: Decimal, vetoes: list[str]) -> tuple[Result, list[str]]:
    if vetoes:
        return Result.VETOED, vetoes
    if rubric.pass_mark is None:
        return Result.UNRATED, [f"总分 {total}；本评分表未设合格线"]
    if total >= rubric.pass_mark:
        return Result.PASSED, [f"总分 {total} ≥ 合格线 {rubric.pass_mark}"]
    return Result.NOT_PASSED, [f"总分 {total} < 合格线 {rubric.pass_mark}"]


def section_scores(rubric: Rubric, scores: tuple[ItemScore, ...]) -> list[SectionScore]:
    by_number = {s.number: s for s in scores}
    result: list[SectionScore] = []

    def walk(section: Section, path: tuple[str, ...]) -> None:
        here = (*path, section.number)
        points = sum((by_number[i.number].signed for i in section.items()), ZERO)
        result.append(SectionScore(here, section.title, points, section.max_points))
        for child in section.children:
            if isinstance(child, Section):
                walk(child, here)

    for node in rubric.nodes:
        if isinstance(node, Section):
            walk(node, ())
    return result
