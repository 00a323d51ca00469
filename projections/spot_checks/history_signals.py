"""Risk signals read from the history of sheets: raised after a return without evidence,
edits in the last hour before the deadline, and one account scoring many sheets within
minutes (the time one sheet took to fill is `fill_time`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from domain.china_time import CHINA as BEIJING
from domain.china_time import in_words
from domain.workflow import QUARTER, YEAR, Layer
from projections.scores import SheetChange
from projections.spot_checks.evidence import Signal, entry_changes, ref
from projections.spot_checks.scope import Scope
from projections.spot_checks.settings import RiskSettings

DUE_MONTH = {1: 4, 2: 6, 3: 9, 4: 12}
"""Seed 002: each quarter's acceptance table is due by the end of April, June, September
and December."""


def deadline(period: str, settings: RiskSettings) -> datetime | None:
    """The moment a period's sheets are due (the first instant after the due day, UTC+8)."""
    if period in settings.deadlines:
        found = datetime.fromisoformat(settings.deadlines[period])
        return found if found.tzinfo else found.replace(tzinfo=BEIJING)
    quarter = QUARTER.match(period)
    if quarter:
        year, month = int(quarter.group(1)), DUE_MONTH[int(quarter.group(2))]
    elif YEAR.match(period):
        year, month = int(period), 12
    else:
        return None
    return datetime(year + month // 12, month % 12 + 1, 1, tzinfo=BEIJING)


def points(change: SheetChange) -> Decimal | None:
    value = (change.entry or {}).get("points")
    return None if value is None else Decimal(value)


def raised_after_return(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """A self score raised after the sheet was returned, with no evidence attached between
    the return and the next submission."""
    for row in scope.rows:
        history = scope.history(row.assessment_id)
        for returned, window in _return_windows(history):
            before = _self_points_before(history, returned.version)
            raised = [c for c in window if _raises(c, before)]
            if not raised or any(c.event == "EvidenceAttached" for c in window):
                continue
            items = "，".join(
                f"第{c.item}项 {before[c.item or '']} → {points(c)} 分" for c in raised
            )
            yield Signal(
                "raised_after_return",
                "assessment",
                str(row.assessment_id),
                f"{scope.station(row)}的评分表于{in_words(returned.at)}被退回后，站点自行调高了"
                f"得分（{items}），其间没有补充佐证材料",
                tuple(ref(c) for c in (returned, *raised, *_submitted(window))),
                {"items": str(len(raised))},
                (row.assessment_id,),
            )


SCORED = frozenset({"ItemScored", "ScoredFromFile"})
"""A score typed on the page, or read from an uploaded sheet file."""


def _raises(change: SheetChange, before: dict[str, Decimal]) -> bool:
    """A self-layer score higher than the item had when the sheet was returned."""
    now, then = points(change), before.get(change.item or "")
    own = change.event in SCORED and change.layer == Layer.SELF.value
    return own and now is not None and then is not None and now > then


def _return_windows(
    history: Sequence[SheetChange],
) -> Iterator[tuple[SheetChange, list[SheetChange]]]:
    """Each return and the changes after it up to and including the next submission."""
    for i, change in enumerate(history):
        if change.event != "Returned":
            continue
        window: list[SheetChange] = []
        for later in history[i + 1 :]:
            window.append(later)
            if later.event == "Submitted":
                break
        yield change, window


def _self_points_before(history: Sequence[SheetChange], version: int) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for c in history:
        if c.version >= version:
            break
        value = points(c)
        if c.layer == Layer.SELF.value and c.item is not None and value is not None:
            found[c.item] = value
    return found


def _submitted(window: Sequence[SheetChange]) -> list[SheetChange]:
    return [c for c in window if c.event == "Submitted"]


def edits_before_deadline(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """Entries changed in the last hour (by default) before the period's deadline."""
    due = deadline(scope.period, settings)
    if due is None:
        return
    start = due - timedelta(minutes=settings.deadline_window_minutes)
    for row in scope.rows:
        late = [c for c in entry_changes(scope.history(row.assessment_id)) if start <= c.at < due]
        if late:
            yield Signal(
                "edits_before_deadline",
                "assessment",
                str(row.assessment_id),
                f"{scope.station(row)}的评分表在截止时间（{in_words(due)}）前 "
                f"{settings.deadline_window_minutes} 分钟内改动了 {len(late)} 处得分",
                tuple(ref(c) for c in late),
                {"edits": str(len(late)), "deadline": due.isoformat()},
                (row.assessment_id,),
            )


def scoring_burst(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """One account entering scores on many sheets within a short window."""
    by_actor: dict[str, list[SheetChange]] = {}
    for row in scope.rows:
        for c in entry_changes(scope.history(row.assessment_id)):
            by_actor.setdefault(c.actor_id, []).append(c)
    window = timedelta(minutes=settings.burst_minutes)
    for actor in sorted(by_actor):
        best = _densest(sorted(by_actor[actor], key=lambda c: (c.at, c.position)), window)
        if len(best) < settings.burst_sheets:
            continue
        firsts = list(best.values())
        span = firsts[-1].at - firsts[0].at
        yield Signal(
            "scoring_burst",
            "account",
            actor,
            f"{scope.name(actor)}在 {int(span.total_seconds() // 60)} 分钟内为 {len(best)} 张"
            f"评分表打分（阈值：{settings.burst_minutes} 分钟内 {settings.burst_sheets} 张）",
            tuple(ref(c) for c in firsts),
            {"sheets": str(len(best)), "minutes": str(int(span.total_seconds() // 60))},
            tuple(best),
        )


def _densest(changes: Sequence[SheetChange], window: timedelta) -> dict[UUID, SheetChange]:
    """The most sheets touched within one window: each sheet's first change in it."""
    best: dict[UUID, SheetChange] = {}
    start = 0
    for end in range(len(changes)):
        while changes[end].at - changes[start].at > window:
            start += 1
        touched: dict[UUID, SheetChange] = {}
        for c in changes[start : end + 1]:
            touched.setdefault(c.assessment_id, c)
        if len(touched) > len(best):
            best = touched
    return best
