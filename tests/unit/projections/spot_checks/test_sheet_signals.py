"""Signals from the sheets: near-identical, all-maximum, bunching at the pass mark and a
growing gap; each fires on sheets made to show it and not on a near miss."""

from __future__ import annotations

from decimal import Decimal

from projections.spot_checks.settings import RiskSettings
from projections.spot_checks.sheet_signals import (
    all_maximum,
    bunching_at_pass_mark,
    earlier_periods,
    growing_gap,
    near_identical,
    upper_tail,
)
from tests.unit.projections.spot_checks.stories import Story, scope, town

SETTINGS = RiskSettings()
DOCKED = {"1": "8", "2": "7.5", "3": "9", "4": "6", "5": "8.5", "6": "9.5"}


def approved(station: str, points: dict[str, str], period: str = "2023Q2") -> Story:
    return Story(station, period).opened().sheet(points).submitted().approved()


def test_two_stations_with_the_same_docked_items_fire() -> None:
    other = {**DOCKED, "6": "9"}  # 5 of the 6 items not at full marks agree: 83 % < 85 %
    a, b, c = approved("V1", DOCKED), approved("V2", DOCKED), approved("V3", other)
    [signal] = near_identical(scope([a, b, c]), SETTINGS)
    assert set(signal.assessments) == {a.assessment_id, b.assessment_id}
    assert signal.figures == {"same": "6", "compared": "6", "share": "1"}
    assert [e.event for e in signal.events] == ["Submitted", "Approved"] * 2
    assert signal.explanation == (
        "站V1与站V2的评分表，在双方并非都是满分的 6 项中有 6 项得分相同（100.0%，阈值 85.0%）"
    )


def test_sheets_that_differ_or_agree_only_on_full_marks_do_not_fire() -> None:
    spread = {"1": "5", "2": "9", "3": "8", "4": "9.5", "5": "7", "6": "6"}
    assert not list(
        near_identical(scope([approved("V1", DOCKED), approved("V2", spread)]), SETTINGS)
    )
    # two all-maximum sheets are alike everywhere, but that is the all-maximum signal's
    assert not list(near_identical(scope([approved("V1", {}), approved("V2", {})]), SETTINGS))


def test_an_all_maximum_sheet_fires_and_one_item_short_does_not() -> None:
    full, short = approved("V1", {}), approved("V2", {"7": "9.5"})
    [signal] = all_maximum(scope([full, short]), SETTINGS)
    assert signal.subject_id == str(full.assessment_id)
    assert signal.explanation == "站V1的评分表全部 10 个标准项均报满分"


def totals(*values: str) -> list[Story]:
    """One sheet per total: items 1 and 2 take the points short of 100."""
    stories = []
    for n, value in enumerate(values):
        short = 100 - Decimal(value)
        first, second = 10 - min(short, Decimal(10)), 10 - max(short - 10, Decimal(0))
        stories.append(approved(f"V{n}", {"1": str(first), "2": str(second)}))
    return stories


def test_the_binomial_tail_is_exact() -> None:
    assert upper_tail(7, 8) == Decimal(9) / 256
    assert upper_tail(0, 5) == 1


def test_totals_bunched_at_the_pass_mark_across_a_town_fire() -> None:
    stories = totals("90", "90", "90.5", "91", "90", "91.5", "90", "95", "85")
    [signal] = bunching_at_pass_mark(scope(stories), SETTINGS)
    assert signal.subject == "town" and signal.subject_id == str(town("A"))
    # 7 of the 7 totals in [88, 92) at or above 90: P = 1/128 under a flat density
    assert signal.figures == {
        "above": "7",
        "below": "0",
        "p": "0.007812",
    }  # 0.0078125, half to even
    assert len(signal.assessments) == 7
    assert signal.explanation.startswith(
        "镇A达标线上下 2 分内的 7 份总分中，7 份恰在达标线或略高，只有 0 份略低；"
    )


def test_totals_spread_around_the_pass_mark_do_not_fire() -> None:
    stories = totals("88", "89", "89.5", "90", "91", "88.5", "90.5", "95")
    assert not list(bunching_at_pass_mark(scope(stories), SETTINGS))
    # nor too few sheets near the mark to tell
    assert not list(bunching_at_pass_mark(scope(totals("90", "90", "91", "91.5")), SETTINGS))


def test_earlier_periods_count_back_across_years() -> None:
    assert earlier_periods("2023Q2", 3) == ["2022Q4", "2023Q1", "2023Q2"]
    assert earlier_periods("2023", 2) == ["2022", "2023"]


def reviewed(station: str, period: str, gap: str) -> Story:
    """Self: full marks; the town's review takes `gap` points off item 1."""
    story = Story(station, period).opened().sheet().submitted()
    story.score("1", str(10 - Decimal(gap)), layer="review", actor="town")
    return story.approved()


def test_a_self_review_gap_growing_every_quarter_fires() -> None:
    earlier = [reviewed("V1", "2022Q4", "0.5"), reviewed("V1", "2023Q1", "1.5")]
    now = [reviewed("V1", "2023Q2", "3"), reviewed("V2", "2023Q2", "2")]
    [signal] = growing_gap(scope(now, earlier=earlier), SETTINGS)
    assert signal.subject == "town"
    assert signal.figures == {
        "gap": "self_review",
        "2022Q4": "0.5",
        "2023Q1": "1.5",
        "2023Q2": "2.5",
    }
    assert signal.explanation == (
        "镇A各站自评与初审的平均分差逐期扩大：2022年第四季度 0.5 分、"
        "2023年第一季度 1.5 分、2023年第二季度 2.5 分"
    )


def test_a_gap_that_falls_back_or_grows_too_little_does_not_fire() -> None:
    fell = [reviewed("V1", "2022Q4", "0.5"), reviewed("V1", "2023Q1", "3")]
    assert not list(growing_gap(scope([reviewed("V1", "2023Q2", "2.5")], earlier=fell), SETTINGS))
    little = [reviewed("V1", "2022Q4", "0.5"), reviewed("V1", "2023Q1", "1")]
    assert not list(growing_gap(scope([reviewed("V1", "2023Q2", "1.5")], earlier=little), SETTINGS))
