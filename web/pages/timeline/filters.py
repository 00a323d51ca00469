"""The filters of a history page (a date range in local time, an actor's username) and its
page cursor, read from the query string (a value that cannot be used is said beside its
field), and the page of the audit trail they select."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from application.queries.trail import TrailReach
from application.view_ports import TrailAsk
from domain.china_time import CHINA
from domain.ids import account_id
from web.context import queries
from web.errors import PageInputError
from web.pages.timeline.lines import Line, line_of_row
from web.pages.timeline.names import Names

PAGE = 50
"""Audit rows per page."""


@dataclass(frozen=True)
class TrailFilters:
    """What the filter form sent (to show it again) and what it means for the query."""

    since: str = ""
    until: str = ""
    actor: str = ""
    before: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    since_at: datetime | None = None
    until_at: datetime | None = None
    actor_id: str | None = None

    def args(self, **more: object) -> dict[str, object]:
        """The filters as query arguments for a link (with `more`, e.g. the next page)."""
        given = {"since": self.since, "until": self.until, "actor": self.actor}
        return {k: v for k, v in {**given, **more}.items() if v not in ("", None)}

    @property
    def filtered(self) -> bool:
        return bool(self.since or self.until or self.actor)


def _day(raw: str, errors: dict[str, str], key: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[key] = f"“{raw[:20]}”不是日期，请按 2023-06-30 的格式填写。"
        return None


def read_filters(args: Mapping[str, str]) -> TrailFilters:
    since, until = args.get("since", "").strip(), args.get("until", "").strip()
    actor = args.get("actor", "").strip()
    errors: dict[str, str] = {}
    first, last = _day(since, errors, "since"), _day(until, errors, "until")
    if first and last and last < first:
        errors["until"] = "结束日期不能早于开始日期。"
    if actor and not queries().accounts.username_taken(actor):
        errors["actor"] = f"没有用户名为“{actor[:40]}”的账号。"
    return TrailFilters(
        since=since,
        until=until,
        actor=actor,
        before=_cursor(args.get("before")),
        errors=errors,
        since_at=datetime.combine(first, time(0), CHINA) if first else None,
        until_at=datetime.combine(last + timedelta(days=1), time(0), CHINA) if last else None,
        actor_id=str(account_id(actor)) if actor and "actor" not in errors else None,
    )


def _cursor(raw: str | None) -> int | None:
    """A page cursor: only our own links carry one."""
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 2**62:
        raise PageInputError(f"before must be a log position; got {raw[:20]!r}")
    return int(raw)


def trail_lines(
    filters: TrailFilters,
    names: Names,
    reach: TrailReach,
    actor_id: str | None = None,
    as_of: int | None = None,
) -> tuple[list[Line], int | None]:
    """One page of the audit trail, newest first, under the filters (none when they are
    wrong) and up to a log position (`as_of`), and the cursor of the next (older) page."""
    if filters.errors:
        return [], None
    ask = TrailAsk(
        actor_id=actor_id or filters.actor_id,
        since=filters.since_at,
        until=filters.until_at,
        as_of=as_of,
        before=filters.before,
        limit=PAGE,
    )
    page = queries().trail.page(reach, ask)
    return [line_of_row(row, names) for row in page.rows], page.next_before
