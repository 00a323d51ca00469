"""Verification factors against figures worked out by hand."""

from __future__ import annotations

from decimal import Decimal

from projections.spot_checks.pooling import verification_factors
from projections.spot_checks.settings import RiskSettings
from tests.unit.projections.spot_checks.stories import RUBRIC, Story, town

SETTINGS = RiskSettings()


def checked(station: str, docked: dict[str, str], verified: dict[str, str]) -> Story:
    """Reported: full marks but `docked`; the county re-scores the items in `verified`."""
    story = Story(station).opened().sheet(docked).submitted().approved()
    for item, points in verified.items():
        story.score(item, points, layer="verification", actor="county")
    return story


def test_factors_per_item_assessment_town_and_county() -> None:
    # V1 reports 100 and 10 at item 1; verified 7 at item 1 and 9 at item 2 → 96 / 100
    v1 = checked("V1", {}, {"1": "7", "2": "9"})
    # V2 reports 80 (items 1 and 2 at 0) and the county finds item 1 worth 10 → 90 / 80
    v2 = checked("V2", {"1": "0", "2": "0"}, {"1": "10"})
    # V3 reports 100; the county re-scores item 3 down to 0 → 90 / 100 = 0.9, on the band
    v3 = checked("V3", {}, {"3": "0"})
    # V4 reports 80; re-scoring confirms one item → 80 / 80
    v4 = checked("V4", {"1": "0", "2": "0"}, {"5": "10"})
    towns = {v1.unit_id: town("A"), v2.unit_id: town("A"), v3.unit_id: town("B")}
    towns[v4.unit_id] = town("B")
    rows = [s.row() for s in (v1, v2, v3, v4)]
    found = verification_factors(rows, lambda _: RUBRIC, towns, SETTINGS)

    by_unit = {a.unit_id: a for a in found.assessments}
    a1 = by_unit[v1.unit_id]
    assert (a1.reported, a1.verified, a1.factor, a1.band) == (100, 96, Decimal("0.96"), "within")
    assert [(i.item, i.reported, i.verified, i.factor) for i in a1.items] == [
        ("1", 10, 7, Decimal("0.7")),
        ("2", 10, 9, Decimal("0.9")),
    ]
    a2 = by_unit[v2.unit_id]
    assert (a2.factor, a2.band) == (Decimal("1.125"), "under_reporting")
    assert [i.factor for i in a2.items] == [None]  # reported 0: no ratio
    assert by_unit[v3.unit_id].factor == Decimal("0.9") and by_unit[v3.unit_id].band == "within"
    assert by_unit[v4.unit_id].factor == 1

    towns_by_key = {t.key: t for t in found.towns}
    town_a, town_b = towns_by_key[str(town("A"))], towns_by_key[str(town("B"))]
    assert (town_a.reported, town_a.verified, town_a.factor) == (180, 186, Decimal("1.0333"))
    assert (town_a.outside, town_a.over_reporting) == (1, 0)
    assert (town_b.reported, town_b.verified, town_b.factor) == (180, 170, Decimal("0.9444"))

    county = found.county
    assert (county.reported, county.verified) == (360, 356)
    assert county.factor == Decimal("0.9889")  # 356 / 360
    assert county.share_outside == Decimal("0.25") and county.band == "within"

    item_1 = next(i for i in found.items if i.key == "1")
    assert (item_1.reported, item_1.verified, item_1.factor) == (10, 7, Decimal("0.7"))
    assert item_1.band == "over_reporting"


def test_a_sheet_verified_at_less_than_90_percent_is_flagged_as_over_reporting() -> None:
    story = checked("V1", {}, {"1": "0", "2": "0", "3": "8"})  # 100 reported, 78 verified
    [a] = verification_factors([story.row()], lambda _: RUBRIC, {}, SETTINGS).assessments
    assert (a.factor, a.band) == (Decimal("0.78"), "over_reporting")
    assert a.to_json()["over_reporting"] is True


def test_a_narrower_band_stored_in_the_settings_changes_the_verdict() -> None:
    story = checked("V1", {}, {"1": "5"})  # 95 / 100
    narrow = RiskSettings(band_low=Decimal("0.97"))
    found = verification_factors([story.row()], lambda _: RUBRIC, {}, narrow)
    assert found.assessments[0].band == "over_reporting"
    assert found.to_json()["settings"]["band_low"] == "0.97"
