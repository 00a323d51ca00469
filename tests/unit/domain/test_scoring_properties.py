"""Scoring properties over the built-in rubrics: caps hold, order never matters, sums are exact."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.entries import Claim, ItemEntry
from domain.rubric import Item, Rubric
from domain.rules import Kind, RuleName
from domain.scoring import Result, score
from infra.rubric_files import builtin_rubrics

RUBRICS = {r.code: r for r in builtin_rubrics()}
ZERO = Decimal(0)


def steps(step: Decimal, top: Decimal) -> st.SearchStrategy[Decimal]:
    return st.integers(0, int(top / step)).map(lambda k: step * k)


def entry_for(item: Item) -> st.SearchStrategy[ItemEntry]:
    counts = st.fixed_dictionaries(
        {}, optional={d.id: st.integers(0, 12) for d in item.deductions if not d.discretionary}
    )
    amounts = st.fixed_dictionaries(
        {},
        optional={
            d.id: st.one_of(
                st.just(ZERO), steps(item.step, d.high - d.low).map(lambda a, d=d: a + d.low)
            )
            for d in item.deductions
            if d.discretionary and d.low is not None and d.high is not None
        },
    )
    maximum = item.max_points or ZERO
    if item.rule is RuleName.JUDGED:
        return st.builds(
            ItemEntry, points=steps(item.step, maximum), counts=counts, amounts=amounts
        )
    if item.rule is RuleName.BANDS:
        rates = st.decimals(0, 100, places=2)
        return st.builds(ItemEntry, rate=rates)
    if item.rule is RuleName.DEDUCTIONS:
        return st.builds(ItemEntry, counts=counts, amounts=amounts)
    if item.rule is RuleName.TIERS:
        claim = st.builds(
            Claim, st.sampled_from(["甲", "乙", "丙"]), st.sampled_from([t.id for t in item.tiers])
        )
        return st.builds(ItemEntry, claims=st.lists(claim, max_size=4).map(tuple))
    if item.rule is RuleName.VETO:
        ids = [c.id for c in item.conditions]
        return st.builds(ItemEntry, raised=st.frozensets(st.sampled_from(ids), max_size=2))
    return st.builds(ItemEntry, progress=st.text(max_size=5))


def sheets(rubric: Rubric) -> st.SearchStrategy[dict[str, ItemEntry]]:
    return st.fixed_dictionaries({}, optional={i.number: entry_for(i) for i in rubric.items()})


def ceiling(rubric: Rubric, kind: Kind) -> Decimal:
    return sum((i.max_points or ZERO for i in rubric.items() if i.kind is kind), ZERO)


@pytest.mark.parametrize("code", sorted(RUBRICS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_caps_hold_and_the_total_stays_within_its_ceiling(code: str, data: st.DataObject) -> None:
    rubric = RUBRICS[code]
    card = score(rubric, data.draw(sheets(rubric)))
    bonus_ceiling = ceiling(rubric, Kind.BONUS)
    if rubric.bonus_cap is not None:
        bonus_ceiling = min(bonus_ceiling, rubric.bonus_cap)
    assert card.total <= rubric.base_max + bonus_ceiling + ceiling(rubric, Kind.SPECIAL)
    assert card.bonus <= bonus_ceiling
    for item, item_score in zip(rubric.items(), card.items, strict=True):
        if item_score.points is None or item.kind in (Kind.VETO,):
            continue
        assert item_score.points >= 0
        if item.max_points is not None:
            assert item_score.points <= item.max_points, item.number
        if item.kind is Kind.DEDUCTION:
            cap_sum = sum((d.cap or d.high or ZERO for d in item.deductions), ZERO)
            assert item_score.points <= cap_sum


@pytest.mark.parametrize("code", sorted(RUBRICS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_result_does_not_depend_on_the_order_of_items(code: str, data: st.DataObject) -> None:
    rubric = RUBRICS[code]
    entries = data.draw(sheets(rubric))
    shuffled = data.draw(st.permutations(list(entries.items())))
    assert score(rubric, dict(shuffled)) == score(rubric, entries)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_decimal_sums_are_exact(data: st.DataObject) -> None:
    rubric = RUBRICS["wushen-banner-tasks"]
    judged = [i for i in rubric.items() if i.rule is RuleName.JUDGED and not i.deductions]
    entries = {
        i.number: ItemEntry(points=data.draw(steps(i.step, i.max_points or ZERO))) for i in judged
    }
    card = score(rubric, entries)
    exact = sum((Fraction(e.points or 0) for e in entries.values()), Fraction(0))
    assert Fraction(card.total) == exact


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_raised_veto_always_voids_the_result(data: st.DataObject) -> None:
    rubric = RUBRICS["fengdu-village-station"]
    entries = data.draw(sheets(rubric))
    entries["61"] = ItemEntry(raised=frozenset({"1"}))
    assert score(rubric, entries).result is Result.VETOED
