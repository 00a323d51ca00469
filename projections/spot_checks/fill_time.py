"""The time taken to fill a sheet (填表用时): from its opening to its first submission, read
from the sheet's own events, against the least time its items can honestly take."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

from domain.workflow import Layer
from projections.scores import SheetChange
from projections.spot_checks.evidence import ENTRY_EVENTS, Signal, ref
from projections.spot_checks.scope import Scope
from projections.spot_checks.settings import RiskSettings


def filling(history: Sequence[SheetChange]) -> tuple[SheetChange, SheetChange, int] | None:
    """The opening, the first submission and the number of items the station scored in
    between (a sheet never submitted, or opened before the log shows it, has none)."""
    opened = next((c for c in history if c.event == "Opened"), None)
    submitted = next((c for c in history if c.event == "Submitted"), None)
    if opened is None or submitted is None:
        return None
    items = {
        c.item
        for c in history
        if c.version < submitted.version
        and c.event in ENTRY_EVENTS
        and c.layer == Layer.SELF.value
        and c.item is not None
    }
    return opened, submitted, len(items)


def fill_time(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """A sheet submitted sooner after its opening than `fill_seconds_per_item` seconds for
    each item scored (15 s by default: reading one standard and checking it against the
    station's records takes at least that); sheets of fewer than `fill_min_items` items are
    not judged, as a short sheet says little about care."""
    per_item = settings.fill_seconds_per_item
    for row in scope.rows:
        found = filling(scope.history(row.assessment_id))
        if found is None:
            continue
        opened, submitted, items = found
        took = submitted.at - opened.at
        least = timedelta(seconds=per_item * items)
        if items < settings.fill_min_items or took >= least:
            continue
        yield Signal(
            "fill_time",
            "assessment",
            str(row.assessment_id),
            f"{scope.station(row)}的评分表从新建到提交仅用 {_duration(took)}，填报了 {items} 项；"
            f"按每项至少 {per_item} 秒核对台账计，至少需要 {_duration(least)}",
            (ref(opened), ref(submitted)),
            {
                "seconds": str(int(took.total_seconds())),
                "items": str(items),
                "least_seconds": str(int(least.total_seconds())),
            },
            (row.assessment_id,),
        )


def _duration(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} 秒"
    return f"{minutes} 分钟" if not rest else f"{minutes} 分 {rest} 秒"
