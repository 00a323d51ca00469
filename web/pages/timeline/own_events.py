"""A unit's or an account's own events as stored, oldest first, with what each replaced:
the audit trail's reading of each event (`change_of`), in the words of the timelines."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from application.read_ports import StoredChange
from domain.account import Account
from domain.unit import Unit
from projections.audit_changes import MemoryFacts, change_of
from projections.event_words import event_words, reason_words
from projections.processing import Dispatch
from web.pages.timeline.lines import Line, change_texts, denied_text, role_words
from web.pages.timeline.names import Names

Fuller = Callable[[Any, str | None, Names], str | None]
"""The new value of an event as its own history says it more fully than the trail's row."""

FULLER: Mapping[type, Fuller] = {
    Unit.Registered: lambda e, new, names: (
        f"{e.name}（{e.code}）"
        + (f"，上级：{above}" if (above := names.place(e.parent_id).name) else "")
    ),
    Unit.Moved: lambda e, new, names: f"{new}（{e.effective_from} 起）",
    Account.Created: lambda e, new, names: f"{e.display_name}（{e.username}）",
    Account.AccessDenied: lambda e, new, names: denied_text(f"{e.action} {e.target}"),
}
_FULLER: Dispatch[Fuller] = Dispatch(FULLER)


def own_lines(changes: Sequence[StoredChange], names: Names) -> list[Line]:
    """Each stored event of one aggregate as a line, with what it changed from and to."""
    facts = MemoryFacts()
    lines = []
    for change in changes:
        e = change.event
        name = change.topic.rpartition(":")[2]
        old, new = change_texts(name, change_of(e, facts), names)
        fuller = _FULLER.find(type(e))
        lines.append(
            Line(
                name=name,
                version=change.version,
                at=e.timestamp,
                person=names.person(e.actor_id),
                role=role_words(e.actor_role),
                acted_for=names.place(e.actor_unit),
                what=event_words(name),
                reason=reason_words(name, e.reason),
                hash=e.hash,
                old=old,
                new=new if fuller is None else fuller(e, new, names),
            )
        )
    return lines
