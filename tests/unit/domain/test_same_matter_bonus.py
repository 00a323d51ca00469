"""The same-matter bonus rule: only where the rubric declares it (format 2), always in format 1."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.entries import Claim, ItemEntry
from domain.errors import RubricDefinitionError
from domain.rubric import Rubric
from domain.rubric_json import content_hash, rubric_to_dict
from domain.rules import SameMatter
from domain.scoring import score
from infra.rubric_files import find_builtin_rubric
from tests.unit.domain.builders import item, rubric, section

D = Decimal
TIERS = {"national": "3", "provincial": "2", "city": "1"}
TIERED = {"kind": "bonus", "rule": "tiers", "tiers": TIERS}
MATTERS = ("老兵之家", "枫桥经验", "双拥共建")
BONUS_ITEMS = ("61", "62", "63")


def bonus_rubric(**top: Any) -> Rubric:
    """Three tiered bonus items whose caps never bind (9 = three matters at 3); format 2
    unless `top` says otherwise."""
    bonus = section("加分项", [item(n, "9", **TIERED) for n in BONUS_ITEMS], kind="bonus")
    return rubric([section("一", [item("1", "10")]), bonus], **{"format": "2", **top})


def test_format_2_counts_one_matter_under_each_item_unless_declared() -> None:
    sheet = {
        "61": ItemEntry(claims=(Claim("枫桥经验", "national"),)),
        "62": ItemEntry(claims=(Claim("枫桥经验", "national"),)),
    }
    assert score(bonus_rubric(), sheet).bonus == D(6)
    assert score(bonus_rubric(same_matter_bonus="highest"), sheet).bonus == D(3)


def test_format_1_keeps_counting_one_matter_once() -> None:
    sheet = {
        "61": ItemEntry(claims=(Claim("枫桥经验", "national"),)),
        "62": ItemEntry(claims=(Claim("枫桥经验", "provincial"),)),
    }
    card = score(bonus_rubric(format="1"), sheet)
    assert card.bonus == D(3)
    assert "已在第 61 项按国家级计 3" in card.item("62").explanation[0]


def test_a_matter_claimed_twice_in_one_item_counts_once_even_without_the_rule() -> None:
    sheet = {"61": ItemEntry(claims=(Claim("枫桥经验", "city"), Claim("枫桥经验", "national")))}
    card = score(bonus_rubric(), sheet)
    assert card.bonus == D(3)
    assert card.item("61").explanation[0].endswith("本项同一事项只计一次（已按国家级计 3）")


def test_changzhi_counts_the_same_matter_at_items_61_and_62_twice() -> None:
    changzhi = find_builtin_rubric("changzhi-county-centre")
    assert changzhi is not None and changzhi.same_matter_bonus is SameMatter.EACH
    sheet = {
        "61": ItemEntry(claims=(Claim("经验做法", "ministerial"),)),
        "62": ItemEntry(claims=(Claim("经验做法", "national"),)),
    }
    assert score(changzhi, sheet).bonus == D(6)


def test_fengdu_counts_one_matter_only_at_its_highest_bonus() -> None:
    fengdu = find_builtin_rubric("fengdu-village-station")
    assert fengdu is not None and fengdu.same_matter_bonus is SameMatter.HIGHEST
    sheet = {
        "58": ItemEntry(claims=(Claim("老兵之家", "ministerial"),)),
        "59": ItemEntry(claims=(Claim("老兵之家", "national"),)),
    }
    assert score(fengdu, sheet).bonus == D(4)


def test_the_declared_rule_is_part_of_the_content_hash_and_format_1_hashes_as_published() -> None:
    assert "same_matter_bonus" not in rubric_to_dict(bonus_rubric(format="1"))
    declared = content_hash(bonus_rubric(same_matter_bonus="highest"))
    assert declared != content_hash(bonus_rubric())


@pytest.mark.parametrize(
    ("top", "message"),
    [
        ({"same_matter_bonus": "max"}, "'same_matter_bonus' must be one of highest, each"),
        ({"format": "1", "same_matter_bonus": "each"}, "'same_matter_bonus' needs format 2"),
        ({"format": "3"}, "'format' must be 1 or 2, found '3'"),
    ],
)
def test_a_malformed_declaration_is_refused_with_its_reason(
    top: dict[str, str], message: str
) -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        bonus_rubric(**top)
    assert any(message in p.message for p in refused.value.problems)


claims = st.lists(
    st.tuples(
        st.sampled_from(BONUS_ITEMS), st.sampled_from(MATTERS), st.sampled_from(sorted(TIERS))
    ),
    max_size=8,
)


def sheet_of(drawn: list[tuple[str, str, str]]) -> dict[str, ItemEntry]:
    found: dict[str, tuple[Claim, ...]] = {}
    for number, matter, tier in drawn:
        found[number] = (*found.get(number, ()), Claim(matter, tier))
    return {number: ItemEntry(claims=made) for number, made in found.items()}


def highest(drawn: list[tuple[str, str, str]], key: Any) -> Decimal:
    """The sum over claim groups (by `key`) of each group's highest tier."""
    best: dict[Any, Decimal] = {}
    for claim in drawn:
        best[key(claim)] = max(best.get(key(claim), D(0)), D(TIERS[claim[2]]))
    return sum(best.values(), D(0))


@settings(max_examples=80, deadline=None)
@given(drawn=claims)
def test_with_the_rule_each_matter_earns_its_highest_bonus_once(
    drawn: list[tuple[str, str, str]],
) -> None:
    card = score(bonus_rubric(same_matter_bonus="highest"), sheet_of(drawn))
    assert card.bonus == highest(drawn, key=lambda c: c[1])


@settings(max_examples=80, deadline=None)
@given(drawn=claims)
def test_without_the_rule_each_item_earns_its_own_highest_per_matter(
    drawn: list[tuple[str, str, str]],
) -> None:
    card = score(bonus_rubric(), sheet_of(drawn))
    assert card.bonus == highest(drawn, key=lambda c: (c[0], c[1]))
    for number in BONUS_ITEMS:
        own = [c for c in drawn if c[0] == number]
        assert card.item(number).points == highest(own, key=lambda c: c[1])


@settings(max_examples=80, deadline=None)
@given(drawn=claims)
def test_the_rule_never_adds_and_only_takes_off_matters_claimed_under_two_items(
    drawn: list[tuple[str, str, str]],
) -> None:
    sheet = sheet_of(drawn)
    once = score(bonus_rubric(same_matter_bonus="highest"), sheet).bonus
    each = score(bonus_rubric(), sheet).bonus
    assert once <= each
    shared = {m for m in MATTERS if len({c[0] for c in drawn if c[1] == m}) > 1}
    assert (once == each) == (not shared)
