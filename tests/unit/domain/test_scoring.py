"""Scoring: every rule kind, each band edge, caps, the highest-tier rule and the result."""

from decimal import Decimal

import pytest

from domain.entries import Claim, ItemEntry
from domain.errors import ScoringInputError
from domain.scoring import Result, score
from tests.unit.domain.builders import item, rubric, section

D = Decimal

BANDS = [
    {"rate": "[0, 50)", "points": "0"},
    {"rate": "[50, 65]", "points": "1"},
    {"rate": "(65, 90]", "points": "1.5"},
    {"rate": "(90, 100]", "points": "2"},
]


def test_judged_points_count_towards_base_and_section() -> None:
    r = rubric([section("一", [item("1", "4"), item("2", "6")], max="10")], pass_mark="8")
    card = score(r, {"1": ItemEntry(points=D("3.5")), "2": ItemEntry(points=D("6"))})
    assert card.item("1").points == D("3.5")
    assert card.section("一").points == D("9.5")
    assert card.total == D("9.5")
    assert card.result is Result.PASSED
    assert card.unscored == ()


def test_judged_points_outside_the_range_or_steps_are_refused() -> None:
    r = rubric([item("1", "4"), item("2", "6")])
    with pytest.raises(ScoringInputError) as refused:
        score(r, {"1": ItemEntry(points=D("4.5")), "2": ItemEntry(points=D("0.3"))})
    assert refused.value.problems == (
        "item 1: points 4.5 are outside 0..4",
        "item 2: points 0.3 are not in steps of 0.5",
    )


def test_five_fifths_of_a_point_make_exactly_one() -> None:
    items = [item(f"{n}", "0.2") for n in range(1, 6)]
    r = rubric([section("一", items, max="1"), item("6", "9")], step="0.1")
    card = score(r, {f"{n}": ItemEntry(points=D("0.2")) for n in range(1, 6)})
    assert card.section("一").points == D("1.0")
    assert card.section("一").points == D(1)
    assert str(card.base) == "1.0"


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        ("0", "0"),
        ("49.99", "0"),
        ("50", "1"),
        ("65", "1"),
        ("65.01", "1.5"),
        ("90", "1.5"),
        ("90.01", "2"),
        ("100", "2"),
    ],
)
def test_band_edges_are_inclusive_or_exclusive_as_written(rate: str, points: str) -> None:
    r = rubric([item("1", "2", rule="bands", bands=BANDS), item("2", "8")])
    card = score(r, {"1": ItemEntry(rate=D(rate))})
    assert card.item("1").points == D(points)


def test_a_band_explains_its_rate_as_pages_write_rates() -> None:
    r = rubric([item("1", "2", rule="bands", bands=BANDS), item("2", "8")])
    card = score(r, {"1": ItemEntry(rate=D("100"))})
    assert card.item("1").explanation == ("完成率 100.0% 落在 (90, 100] 档，得 2",)


def test_a_rate_outside_every_band_is_refused() -> None:
    r = rubric([item("1", "2", rule="bands", bands=BANDS), item("2", "8")])
    with pytest.raises(ScoringInputError, match=r"rate 101 falls in no band"):
        score(r, {"1": ItemEntry(rate=D("101"))})


PETITIONS = {
    "kind": "deduction",
    "deductions": [
        {"id": "beijing", "text": "1人次扣3分，最多扣10分", "per": "3", "cap": "10"},
        {"id": "province", "text": "1人次扣1分，最多扣5分", "per": "1", "cap": "5"},
        {"id": "falsification", "text": "视情扣1-5分", "range": ["1", "5"]},
    ],
}


def test_per_occurrence_deductions_each_keep_their_own_cap() -> None:
    r = rubric([item("1", "10"), item("65", None, **PETITIONS)])
    card = score(
        r,
        {
            "1": ItemEntry(points=D("10")),
            "65": ItemEntry(counts={"beijing": 4, "province": 2}),
        },
    )
    assert card.item("65").points == D("12")  # 4 × 3 = 12 capped at 10, plus 2 × 1
    assert card.deductions == D("12")
    assert card.total == D("-2")
    assert any("超过上限 10" in line for line in card.item("65").explanation)


def test_discretionary_deduction_must_lie_in_its_range() -> None:
    r = rubric([item("1", "10"), item("65", None, **PETITIONS)])
    card = score(
        r, {"1": ItemEntry(points=D("10")), "65": ItemEntry(amounts={"falsification": D("3")})}
    )
    assert card.total == D("7")
    with pytest.raises(ScoringInputError, match=r"must be 0 or 1..5"):
        score(r, {"65": ItemEntry(amounts={"falsification": D("6")})})


def test_deduction_item_cap_limits_its_total() -> None:
    capped = {**PETITIONS, "max": "8"}
    r = rubric([item("1", "10"), item("65", None, **capped)])
    card = score(r, {"65": ItemEntry(counts={"beijing": 2, "province": 5})})
    assert card.item("65").points == D("8")


LATE = {
    "rule": "deductions",
    "deductions": [
        {"id": "late", "text": "出现一次扣0.1分，出现6次及以上的扣1分", "per": "0.1", "all_at": "6"}
    ],
}


@pytest.mark.parametrize(
    ("count", "points"), [(0, "1"), (1, "0.9"), (5, "0.5"), (6, "0"), (9, "0")]
)
def test_six_or_more_occurrences_lose_the_whole_item(count: int, points: str) -> None:
    r = rubric([item("1", "1", **LATE), item("2", "9")], step="0.1")
    card = score(r, {"1": ItemEntry(counts={"late": count})})
    assert card.item("1").points == D(points)


def test_deductions_never_take_an_item_below_zero() -> None:
    rule = {"deductions": [{"id": "bad", "text": "每有1件不合格扣除0.5分", "per": "0.5"}]}
    r = rubric([item("1", "2", **rule), item("2", "8")])
    card = score(r, {"1": ItemEntry(points=D("1"), counts={"bad": 3})})
    assert card.item("1").points == D("0")
    assert "本项最低 0 分" in card.item("1").explanation[-1]


TIERED = {"kind": "bonus", "rule": "tiers"}


def bonus_rubric(bonus_cap: str | None = "5") -> dict[str, object]:
    tiers = {"national": "4", "provincial": "3", "city": "2"}
    caps = {"bonus_cap": bonus_cap} if bonus_cap else {}
    return {
        "nodes": [
            item("1", "10"),
            item("58", "4", tiers=tiers, **TIERED),
            item("59", "4", tiers=tiers, **TIERED),
        ],
        **caps,
    }


def test_one_matter_earns_only_its_highest_tier_across_items() -> None:
    spec = bonus_rubric(bonus_cap=None)
    r = rubric(spec["nodes"])  # type: ignore[arg-type]
    card = score(
        r,
        {
            "58": ItemEntry(claims=(Claim("经验做法A", "city"),)),
            "59": ItemEntry(claims=(Claim("经验做法A", "national"), Claim("经验做法B", "city"))),
        },
    )
    assert card.item("58").points == D("0")
    assert card.item("59").points == D("4")  # A at national (4) + B at city (2), capped at 4
    assert card.bonus_claimed == D("4")
    assert "同一事项只计最高加分" in card.item("58").explanation[0]


def test_bonus_total_is_capped_by_the_rubric() -> None:
    spec = bonus_rubric(bonus_cap="5")
    r = rubric(spec["nodes"], bonus_cap="5")  # type: ignore[arg-type]
    card = score(
        r,
        {
            "1": ItemEntry(points=D("10")),
            "58": ItemEntry(claims=(Claim("A", "national"),)),
            "59": ItemEntry(claims=(Claim("B", "provincial"),)),
        },
    )
    assert card.bonus_claimed == D("7")
    assert card.bonus == D("5")
    assert card.total == D("15")


def test_an_unknown_tier_is_refused() -> None:
    r = rubric(bonus_rubric()["nodes"])  # type: ignore[arg-type]
    with pytest.raises(ScoringInputError, match=r"unknown tier 'county'; tiers: national"):
        score(r, {"58": ItemEntry(claims=(Claim("A", "county"),))})


VETO = {
    "kind": "veto",
    "conditions": [{"id": "1", "text": "发生重大群体性事件的"}, {"id": "2", "text": "其他"}],
}


def test_a_raised_veto_voids_the_result_whatever_the_total() -> None:
    r = rubric([item("1", "10"), item("61", None, **VETO)], pass_mark="9")
    card = score(r, {"1": ItemEntry(points=D("10")), "61": ItemEntry(raised=frozenset({"1"}))})
    assert card.total == D("10")
    assert card.result is Result.VETOED
    assert card.reasons == ("一票否决：1. 发生重大群体性事件的",)


def test_special_items_add_outside_the_base_maximum() -> None:
    r = rubric([item("1", "10"), section("特别考核项", [item("66", "5")], kind="special")])
    card = score(r, {"1": ItemEntry(points=D("10")), "66": ItemEntry(points=D("5"))})
    assert (card.base, card.special, card.total) == (D("10"), D("5"), D("15"))


def test_progress_items_without_points_are_not_unscored() -> None:
    progress = {
        "kind": "progress",
        "target": "完成率不低于80%",
        "numeric_target": {"op": ">=", "value": "80"},
    }
    r = rubric([section("一", [item("1.1", None, **progress)], max="10")])
    card = score(r, {"1.1": ItemEntry(progress="完成受理10.2万人", value=D("93"))})
    assert card.unscored == ()
    assert card.result is Result.UNRATED


def test_missing_entries_are_listed_as_unscored_and_below_the_pass_mark() -> None:
    r = rubric([item("1", "5"), item("2", "5")], pass_mark="9")
    card = score(r, {"1": ItemEntry(points=D("5"))})
    assert card.unscored == ("2",)
    assert card.result is Result.NOT_PASSED
    assert card.reasons == ("总分 5 < 合格线 9",)


def test_entries_for_unknown_items_or_the_wrong_rule_are_refused() -> None:
    r = rubric([item("1", "5"), item("2", "5")])
    with pytest.raises(ScoringInputError) as refused:
        score(r, {"9": ItemEntry(points=D("1")), "1": ItemEntry(rate=D("50"))})
    assert refused.value.problems == (
        "item 9: no such item in test-rubric v1",
        "item 1: 'rate' does not apply to rule 'judged'",
    )
