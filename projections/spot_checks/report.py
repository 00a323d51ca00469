"""The risk report of a county and period: every signal, and towns and stations ranked by
the weighted signals behind them, with the weights to use in the next campaign."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from projections.spot_checks.evidence import Signal
from projections.spot_checks.fill_time import fill_time
from projections.spot_checks.history_signals import (
    edits_before_deadline,
    raised_after_return,
    scoring_burst,
)
from projections.spot_checks.scope import Scope
from projections.spot_checks.settings import RiskSettings
from projections.spot_checks.sheet_signals import (
    all_maximum,
    bunching_at_pass_mark,
    growing_gap,
    near_identical,
)
from projections.spot_checks.words import signal_words

Detector = Callable[[Scope, RiskSettings], Iterator[Signal]]

DETECTORS: Mapping[str, Detector] = {
    "raised_after_return": raised_after_return,
    "edits_before_deadline": edits_before_deadline,
    "near_identical": near_identical,
    "all_maximum": all_maximum,
    "bunching_at_pass_mark": bunching_at_pass_mark,
    "scoring_burst": scoring_burst,
    "fill_time": fill_time,
    "growing_gap": growing_gap,
}


@dataclass(frozen=True)
class Ranked:
    """A town or station with its risk score and the signals (by index) behind it."""

    unit_id: UUID
    score: Decimal
    signals: tuple[int, ...]
    reasons: tuple[str, ...]
    town_id: UUID | None = None

    @property
    def weight(self) -> Decimal:
        """The weight in the next campaign's weighted draw: 1 + score (never 0)."""
        return 1 + self.score

    def to_json(self) -> dict[str, Any]:
        return {
            "unit_id": str(self.unit_id),
            "town_id": None if self.town_id is None else str(self.town_id),
            "score": str(self.score),
            "weight": str(self.weight),
            "signals": list(self.signals),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class RiskReport:
    """Signals and rankings, with what they were computed from: county, period, the log
    position read and the settings."""

    county_id: UUID
    period: str
    position: int
    settings: RiskSettings
    signals: tuple[Signal, ...]
    stations: tuple[Ranked, ...]
    towns: tuple[Ranked, ...]

    def weights(self) -> dict[UUID, Decimal]:
        """Station → weight for a weighted campaign (stations without signals: 1)."""
        return {s.unit_id: s.weight for s in self.stations}

    def to_json(self) -> dict[str, Any]:
        return {
            "county_id": str(self.county_id),
            "period": self.period,
            "position": self.position,
            "settings": self.settings.to_json(),
            "signals": [s.to_json() for s in self.signals],
            "stations": [s.to_json() for s in self.stations],
            "towns": [t.to_json() for t in self.towns],
        }


def detect(scope: Scope, settings: RiskSettings) -> list[Signal]:
    return [s for detector in DETECTORS.values() for s in detector(scope, settings)]


def risk_report(county_id: UUID, scope: Scope, settings: RiskSettings, position: int) -> RiskReport:
    """Every signal of the scope, and each station and town ranked by its score (the sum of
    the weights of the signals behind it; a town adds its stations' scores to its own)."""
    signals = detect(scope, settings)
    unit_of = {r.assessment_id: r.head.unit_id for r in scope.rows}
    stations: dict[UUID, list[int]] = {r.head.unit_id: [] for r in scope.rows}
    towns: dict[UUID, list[int]] = {t: [] for t in map(scope.town, scope.rows) if t}
    for index, signal in enumerate(signals):
        if signal.subject == "town":
            towns.setdefault(UUID(signal.subject_id), []).append(index)
            continue
        for unit in {unit_of[a] for a in signal.assessments if a in unit_of}:
            stations.setdefault(unit, []).append(index)
    ranked_stations = _rank(
        ((unit, found, scope.town_of.get(unit)) for unit, found in stations.items()),
        signals,
        settings,
    )
    by_town: dict[UUID, Decimal] = {}
    for s in ranked_stations:
        if s.town_id is not None:
            by_town[s.town_id] = by_town.get(s.town_id, Decimal(0)) + s.score
    ranked_towns = _rank(
        ((t, found, None) for t, found in towns.items()), signals, settings, by_town
    )
    return RiskReport(
        county_id,
        scope.period,
        position,
        settings,
        tuple(signals),
        tuple(ranked_stations),
        tuple(ranked_towns),
    )


def _rank(
    units: Iterable[tuple[UUID, list[int], UUID | None]],
    signals: list[Signal],
    settings: RiskSettings,
    extra: Mapping[UUID, Decimal] | None = None,
) -> list[Ranked]:
    found = []
    for unit, indexes, town in units:
        own = sum((settings.weight(signals[i].kind) for i in indexes), Decimal(0))
        score = own + (extra or {}).get(unit, Decimal(0))
        reasons = tuple(
            f"{signal_words(signals[i].kind)}：{signals[i].explanation}" for i in indexes
        )
        found.append(Ranked(unit, score, tuple(indexes), reasons, town))
    return sorted(found, key=lambda r: (-r.score, str(r.unit_id)))
