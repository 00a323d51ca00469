"""Synthetic sheet histories for the spot-check tests: each change written out by hand."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from domain.rubric import Rubric
from projections.scores import ScoreRow, SheetChange, SheetHead, replay, score_row
from projections.spot_checks.scope import Scope
from tests.unit.domain.builders import item, rubric

NS = UUID(int=5)
RUBRIC_ID = uuid5(NS, "rubric")
START = datetime(2023, 6, 1, 9, 0, tzinfo=UTC)
ITEMS = [str(n) for n in range(1, 11)]


def ten_items() -> Rubric:
    """Ten standard items of 10 points each (steps of 0.5), pass mark 90."""
    return rubric([item(n, "10") for n in ITEMS], base_max="100", pass_mark="90", step="0.5")


RUBRIC = ten_items()


def town(name: str) -> UUID:
    return uuid5(NS, f"town:{name}")


@dataclass
class Story:
    """One assessment's history, told change by change (one minute apart by default)."""

    station: str
    period: str = "2023Q2"
    at: datetime = START
    changes: list[SheetChange] = field(default_factory=list)
    position: int = 0

    @property
    def assessment_id(self) -> UUID:
        return uuid5(NS, f"sheet:{self.station}:{self.period}")

    @property
    def unit_id(self) -> UUID:
        return uuid5(NS, f"unit:{self.station}")

    def _add(self, event: str, actor: str, at: datetime | None, **fields: object) -> Story:
        self.at = at or self.at + timedelta(minutes=1)
        self.position += 1
        self.changes.append(
            SheetChange(
                self.assessment_id,
                len(self.changes) + 1,
                self.position,
                self.at,
                actor,
                "role",
                event=event,
                **fields,  # type: ignore[arg-type]
            )
        )
        return self

    def opened(self, actor: str = "station") -> Story:
        return self._add("Opened", actor, None, status="draft")

    def score(
        self,
        item: str,
        points: str,
        layer: str = "self",
        actor: str = "station",
        at: datetime | None = None,
        event: str = "ItemScored",
    ) -> Story:
        entry = {"points": str(Decimal(points))}
        return self._add(event, actor, at, layer=layer, item=item, entry=entry)

    def sheet(self, points: Mapping[str, str] | None = None, actor: str = "station") -> Story:
        """Every item scored in the self layer: full marks unless given."""
        for n in ITEMS:
            self.score(n, (points or {}).get(n, "10"), actor=actor)
        return self

    def event(
        self,
        name: str,
        status: str | None = None,
        actor: str = "station",
        at: datetime | None = None,
    ) -> Story:
        return self._add(name, actor, at, status=status)

    def submitted(self, at: datetime | None = None) -> Story:
        return self.event("Submitted", "submitted", at=at)

    def returned(self) -> Story:
        return self.event("Returned", "returned", actor="town")

    def approved(self) -> Story:
        return self.event("Approved", "approved", actor="town")

    def head(self) -> SheetHead:
        return SheetHead(
            self.assessment_id, self.unit_id, RUBRIC_ID, RUBRIC.code, 1, self.period, 1
        )

    def row(self) -> ScoreRow:
        return score_row(replay(self.head(), self.changes), RUBRIC)


def scope(
    stories: Iterable[Story],
    towns: Mapping[str, str] | None = None,
    earlier: Iterable[Story] = (),
    period: str = "2023Q2",
) -> Scope:
    """The stories of one period (town by station: `towns`, default all in town A)."""
    told, before = list(stories), list(earlier)
    town_of = {s.unit_id: town((towns or {}).get(s.station, "A")) for s in (*told, *before)}
    return Scope(
        period,
        [s.row() for s in told],
        {s.assessment_id: s.changes for s in told},
        lambda _: RUBRIC,
        town_of,
        [s.row() for s in before],
        names(told, before, town_of),
    )


def names(
    told: Iterable[Story], before: Iterable[Story], town_of: Mapping[UUID, UUID]
) -> dict[str, str]:
    """Stations named 站V1 …, towns 镇A …, the account "fast.hand" 王快手."""
    found = {str(s.unit_id): f"站{s.station}" for s in (*told, *before)}
    found |= {str(town(t)): f"镇{t}" for t in "ABCDEF"}
    return found | {"fast.hand": "王快手"}
