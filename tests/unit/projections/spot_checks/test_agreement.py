"""Grading the graders: each reviewer's and town's agreement with the county's verification,
against figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from projections.spot_checks.agreement import grade
from tests.unit.projections.spot_checks.stories import RUBRIC, Story, town


def story(station: str) -> Story:
    return Story(station).opened().sheet().submitted()


def test_agreement_per_reviewer_and_town() -> None:
    # V1 (town A): r1 lowers item 1 to 8, the county finds 5 (3 off: outside 10 % of 10);
    # item 2 kept at the self score by the approver "town", verified 10 (agrees)
    v1 = story("V1").score("1", "8", layer="review", actor="r1").approved()
    v1.score("1", "5", layer="verification", actor="county")
    v1.score("2", "10", layer="verification", actor="county")
    # V2 (town A): r1 sets item 3 to 9, verified 9
    v2 = story("V2").score("3", "9", layer="review", actor="r1").approved()
    v2.score("3", "9", layer="verification", actor="county")
    # V3 (town B): approved by "townB" as reported; the county finds item 4 worth 9.5 (within)
    v3 = story("V3").event("Approved", "approved", actor="townB")
    v3.score("4", "9.5", layer="verification", actor="county")
    # V4 (town B): never checked, so not graded
    v4 = story("V4").score("1", "2", layer="review", actor="r9").approved()
    told = (v1, v2, v3, v4)
    towns = {v1.unit_id: town("A"), v2.unit_id: town("A"), v3.unit_id: town("B")}
    towns[v4.unit_id] = town("B")
    found = grade(
        [s.row() for s in told], {s.assessment_id: s.changes for s in told}, lambda _: RUBRIC, towns
    )
    by_key = {(r.key, r.town_id): r for r in found.reviewers}
    r1 = by_key[("r1", town("A"))]
    assert (r1.sheets, r1.items, r1.within, r1.share_within) == (2, 2, 1, Decimal("0.5"))
    assert (r1.mean_absolute, r1.mean_difference) == (Decimal("1.5"), Decimal("-1.5"))
    assert found.reviewers[0] == r1  # the least agreement first
    assert by_key[("town", town("A"))].share_within == 1
    assert by_key[("townB", town("B"))].mean_difference == Decimal("-0.5")
    assert "r9" not in {r.key for r in found.reviewers}

    towns_found = {t.town_id: t for t in found.towns}
    a, b = towns_found[town("A")], towns_found[town("B")]
    assert (a.items, a.within, a.share_within) == (3, 2, Decimal("0.6667"))
    assert (a.mean_absolute, a.mean_difference) == (Decimal("1"), Decimal("-1"))
    assert a.weight == Decimal("1.6667")  # 1 + 2 × (1 − 2/3)
    assert b.weight == 1
    assert found.town_weights() == {town("A"): a.weight, town("B"): b.weight}


@given(st.lists(st.sampled_from(["0", "2.5", "6", "9.5", "10"]), min_size=1, max_size=10))
def test_a_county_that_confirms_every_review_score_finds_full_agreement(
    points: list[str],
) -> None:
    s = story("V1")
    for number, value in enumerate(points, start=1):
        s.score(str(number), value, layer="review", actor="r1")
    s.approved()
    for number, value in enumerate(points, start=1):
        s.score(str(number), value, layer="verification", actor="county")
    found = grade([s.row()], {s.assessment_id: s.changes}, lambda _: RUBRIC, {})
    [r1] = found.reviewers
    assert (r1.items, r1.share_within, r1.mean_absolute, r1.weight) == (len(points), 1, 0, 1)


@given(st.lists(st.sampled_from(["0", "5", "10"]), min_size=1, max_size=10))
def test_the_weight_grows_with_disagreement_and_stays_between_1_and_3(points: list[str]) -> None:
    s = story("V1").approved()
    for number, value in enumerate(points, start=1):
        s.score(str(number), value, layer="verification", actor="county")
    found = grade([s.row()], {s.assessment_id: s.changes}, lambda _: RUBRIC, {})
    [t] = found.towns
    off = sum(1 for p in points if p != "10")
    assert t.weight == (1 + Decimal(2) * off / len(points)).quantize(Decimal("0.0001"))
    assert 1 <= t.weight <= 3
