"""The risk report: stations and towns ranked by their signals; settings kept with it."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from projections.spot_checks.report import risk_report
from projections.spot_checks.settings import RiskSettings
from tests.unit.projections.spot_checks.stories import START, Story, scope, town

COUNTY = UUID(int=42)


def test_stations_and_towns_are_ranked_by_the_weights_of_their_signals() -> None:
    full = Story("V1").opened().sheet().submitted().approved()  # all maximum: 1
    raised = Story("V2").opened().sheet({"3": "6"}).submitted()
    raised.score("3", "4", layer="review", actor="town").returned()
    raised.score("3", "9").submitted().approved()  # raised after return: 3
    quiet = Story("V3").opened().sheet({"1": "9"}).submitted().approved()
    found = risk_report(
        COUNTY,
        scope([full, raised, quiet], towns={"V1": "A", "V2": "B", "V3": "B"}),
        RiskSettings(),
        position=77,
    )
    assert [(s.unit_id, s.score) for s in found.stations] == [
        (raised.unit_id, 3),
        (full.unit_id, 1),
        (quiet.unit_id, 0),
    ]
    assert [(t.unit_id, t.score) for t in found.towns] == [(town("B"), 3), (town("A"), 1)]
    assert found.weights()[quiet.unit_id] == 1  # no station is immune in the next draw
    assert found.stations[0].reasons[0].startswith("退回后自行调高分数：站")
    data = found.to_json()
    assert data["position"] == 77 and data["settings"] == RiskSettings().to_json()
    assert {s["kind"] for s in data["signals"]} == {"all_maximum", "raised_after_return"}


def test_an_account_signal_counts_for_every_station_it_touched() -> None:
    stories = []
    for n in range(5):
        story = Story(f"V{n}").opened()
        story.score("1", "10", actor="fast.hand", at=START + timedelta(minutes=n))
        stories.append(story)
    found = risk_report(COUNTY, scope(stories), RiskSettings(), position=1)
    assert {s.score for s in found.stations} == {2}
    assert found.towns[0].score == 10


def test_settings_go_to_json_and_back_unchanged() -> None:
    custom = RiskSettings(
        band_low=Decimal("0.95"),
        burst_sheets=8,
        deadlines={"2023Q2": "2023-06-28T17:00:00+08:00"},
        weights={"all_maximum": Decimal("0.5")},
    )
    data = json.loads(json.dumps(custom.to_json()))
    assert RiskSettings.from_json(data) == custom
    assert RiskSettings.from_json({}) == RiskSettings()
    with pytest.raises(ValueError, match="unknown risk settings: colour"):
        RiskSettings.from_json({"colour": "red"})
