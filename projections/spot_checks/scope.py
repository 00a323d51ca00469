"""What the risk signals read: a county's sheets of a period, their histories and towns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from projections.scores import ScoreRow, SheetChange
from projections.spot_checks.evidence import RubricOf


@dataclass(frozen=True)
class Scope:
    """The sheets of one period (and, for trends, of earlier periods) with each sheet's
    history and each station's town."""

    period: str
    rows: Sequence[ScoreRow]
    histories: Mapping[UUID, Sequence[SheetChange]]
    rubric_of: RubricOf
    town_of: Mapping[UUID, UUID]
    earlier: Sequence[ScoreRow] = field(default_factory=tuple)
    """Sheets of earlier periods, for the trends across periods."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Unit and account id (as text) → name, for the explanations: names, not ids."""

    def history(self, assessment_id: UUID) -> Sequence[SheetChange]:
        return self.histories.get(assessment_id, ())

    def town(self, row: ScoreRow) -> UUID | None:
        return self.town_of.get(row.head.unit_id)

    def name(self, some_id: UUID | str) -> str:
        """A unit's or an account's name (never its id)."""
        return self.names.get(str(some_id), "（未具名）")

    def station(self, row: ScoreRow) -> str:
        """The name of the station a sheet scores."""
        return self.name(row.head.unit_id)
