"""What the queries read from the views pages show as they are: sheets, the trail, tables.

Their rows are the projections' own types, which `application` may not import; so each
port is generic in the row it returns, and the queries hand those rows on untouched."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Protocol, TypeVar
from uuid import UUID

from application.commands.campaigns import Candidates
from domain.rubric import Rubric


class SheetHeadRecord(Protocol):
    """What a sheet's row says it is of."""

    @property
    def unit_id(self) -> UUID: ...
    @property
    def rubric_id(self) -> UUID: ...
    @property
    def period(self) -> str: ...


class SheetRecord(Protocol):
    """A sheet's row in the scores view, as far as the queries look into it."""

    @property
    def assessment_id(self) -> UUID: ...
    @property
    def head(self) -> SheetHeadRecord: ...


SheetT = TypeVar("SheetT", bound=SheetRecord, covariant=True)
ChangeT = TypeVar("ChangeT", covariant=True)
PageT = TypeVar("PageT", covariant=True)
TableT = TypeVar("TableT", covariant=True)


class ScoresRead(Protocol[SheetT, ChangeT]):
    """The scores view: each sheet's row and changes, now or at a log position."""

    def sheet(self, aid: UUID, as_of: int | None = None) -> SheetT | None: ...

    def sheets(
        self,
        unit_ids: frozenset[UUID],
        period: str | None = None,
        rubric_code: str | None = None,
        as_of: int | None = None,
    ) -> Sequence[SheetT]:
        """The sheets of these units (of a period and rubric, when given)."""
        ...

    def histories(self, aids: Iterable[UUID]) -> Mapping[UUID, Sequence[ChangeT]]:
        """Each sheet's changes in version order."""
        ...

    def rubric(self, rid: UUID) -> Rubric: ...

    def rubrics(self) -> Sequence[Rubric]: ...


@dataclass(frozen=True)
class TrailAsk:
    """A page of the audit trail: every condition given holds; `unit_id` selects the unit's
    subtree, `as_of` bounds the log position, `before` is the next page's cursor."""

    assessment_id: UUID | None = None
    item: str | None = None
    actor_id: str | None = None
    unit_id: UUID | None = None
    since: datetime | None = None
    until: datetime | None = None
    as_of: int | None = None
    before: int | None = None
    limit: int = 50


class TrailRead(Protocol[PageT]):
    """The audit trail view, a page at a time, newest first."""

    def page(self, ask: TrailAsk) -> PageT: ...


@dataclass(frozen=True)
class TableAsk:
    """One unit's tables of a kind (a period, as of a moment, on a day), at a log position."""

    name: str
    unit: str
    period: str | None
    as_of: datetime | None
    today: date
    position: int | None = None


class TablesRead(Protocol[TableT]):
    """The tables computed from the views."""

    def tables(self, ask: TableAsk) -> Sequence[TableT]: ...

    def pinned(self, as_of: datetime | None) -> int:
        """The log position tables as of a moment (None: now) are computed at."""
        ...


class SpotChecksRead(Protocol):
    """What spot checks read from the units and scores views."""

    def risk(self, county: str, period: str, position: int | None) -> dict[str, Any]:
        """A county's risk report (by code) as JSON, each ranked unit with its code and name,
        as the views stood at a log position (None: as far as they have applied); a code
        that is not a county's is not found."""
        ...

    def factors(
        self,
        county_id: UUID,
        probabilities: Mapping[UUID, Fraction],
        findings: Mapping[UUID, str],
    ) -> dict[str, Any]:
        """The verification factors of the given (checked) sheets, each weighted by 1/π and
        classified with its finding, as JSON."""
        ...

    def agreement(self, county: str, period: str | None) -> dict[str, Any]:
        """How far each reviewer's and town's review scores stood from the county's
        verification over the checked sheets (of a period, or all), with each town's weight
        for a weighted campaign (and, for a period, each approved sheet's), units and
        reviewers named; a code that is not a county's is not found."""
        ...

    def frame(self, county_id: UUID, period: str, weighted: bool) -> Candidates:
        """The county's approved sheets of the period (weighted: by its risk report)."""
        ...

    def periods(self, county_id: UUID) -> list[str]:
        """The periods of the county's station sheets, latest first."""
        ...

    def agreement_frame(self, county_id: UUID, period: str) -> Candidates:
        """The county's approved sheets of the period, each weighted by its town's agreement
        weight (grading the graders)."""
        ...


class ViewReads(Protocol[SheetT, ChangeT, PageT, TableT]):
    """Every view the pages show rows of."""

    def spot_checks(self) -> SpotChecksRead: ...

    def scores(self) -> ScoresRead[SheetT, ChangeT]: ...

    def trail(self) -> TrailRead[PageT]: ...

    def tables(self) -> TablesRead[TableT]: ...
