"""One line of a timeline: who (name, username, role, unit acted for), when, what (event,
item, layer, old → new), why, and which event (position, hash), in words for people."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.assessment import Assessment
from projections.audit_changes import Change
from projections.audit_trail import AuditRow
from projections.event_words import (
    VALUES_BY_NAME,
    denied_words,
    event_words,
    name_of,
    reason_words,
)
from projections.tables.periods import period_label
from projections.tables.wording import FINDING_WORDS, LAYER_WORDS
from web.pages.base import ROLE_TITLES
from web.pages.timeline.names import NOWHERE, Names, Person, Place
from web.pages.timeline.words import json_entry_text, state_text


@dataclass(frozen=True)
class Line:
    """An event as a timeline shows it; `version` is its number in its aggregate's history
    (for an assessment: 第 N 个事件), `position` its place in the whole log."""

    name: str
    version: int
    at: datetime
    person: Person
    role: str
    acted_for: Place
    what: str
    reason: str
    hash: str
    position: int | None = None
    item: str | None = None
    layer: str | None = None
    old: str | None = None
    old_layer: str | None = None
    """The layer the old entry counted in, in words, where it is not the changed layer."""
    new: str | None = None
    note: str | None = None
    assessment_id: UUID | None = None
    concerns: Place = NOWHERE
    """The unit the event concerns (the assessed unit, the unit renamed, granted over …)."""

    @property
    def short_hash(self) -> str:
        return self.hash[:12]

    @property
    def changes(self) -> bool:
        return self.old is not None or self.new is not None


def role_words(role: str) -> str:
    return ROLE_TITLES.get(role, role or "—")


def grant_text(grant: str | None, names: Names) -> str | None:
    """A grant kept as `role@unit-id`, as 审核人员 · 某某镇."""
    if grant is None:
        return None
    role, _, unit = grant.partition("@")
    return f"{role_words(role)} · {names.place(unit).name}"


def denied_text(text: str) -> str:
    """A refusal kept as `denied: <action> <target>`."""
    return denied_words(text)


def change_texts(name: str, row: AuditRow | Change, names: Names) -> tuple[str | None, str | None]:
    """Old → new (of a trail's row, or of an event read now) as words: entries, statuses,
    units, grants; other values as kept."""
    old, new = row.old, row.new
    if row.layer is not None:
        return (None if old is None else json_entry_text(old)), json_entry_text(new)
    holds = VALUES_BY_NAME.get(name)
    if holds == "status":
        return (None if old is None else state_text(old)), state_text(new)
    if holds == "unit":
        return names.place(old).name or None, names.place(new).name
    if holds == "grant":
        return grant_text(old, names), grant_text(new, names)
    if holds == "refusal" and new is not None:
        return None, denied_text(new)
    if holds == "finding":
        return old, FINDING_WORDS.get(str(new), new)
    return old, new


def note_of(name: str, detail: str | None, names: Names) -> str | None:
    """What else people need to read from an event: the items returned, the rubric opened."""
    data: dict[str, Any] = json.loads(detail) if detail else {}
    if name == name_of(Assessment.Returned) and data.get("items"):
        return "退回项目：" + "、".join(data["items"])
    if name == name_of(Assessment.FindingRecorded) and data.get("items"):
        return "涉及项目：" + "、".join(data["items"])
    if name == name_of(Assessment.ScoredFromFile) and data.get("file_name"):
        return f"来自表格文件「{data['file_name']}」"
    if name == name_of(Assessment.Opened) and "rubric_code" in data and "period" in data:
        period = period_label(data["period"])
        return f"{names.rubric(data['rubric_code'], int(data.get('rubric_version', 1)))} · {period}"
    return None


def _other_layer(row: AuditRow) -> str | None:
    if row.old_layer is None or row.old_layer == row.layer:
        return None
    return LAYER_WORDS.get(row.old_layer, row.old_layer)


def line_of_row(row: AuditRow, names: Names) -> Line:
    name = row.event_name
    old, new = change_texts(name, row, names)
    return Line(
        name=name,
        version=row.aggregate_version,
        at=row.occurred_at,
        person=names.person(row.actor_id),
        role=role_words(row.actor_role),
        acted_for=names.place(row.actor_unit),
        what=event_words(name, row.old),
        reason=reason_words(name, row.reason),
        hash=row.hash,
        position=row.position,
        item=row.item,
        layer=LAYER_WORDS.get(row.layer, row.layer) if row.layer else None,
        old=old,
        old_layer=_other_layer(row),
        new=new,
        note=note_of(name, row.detail, names),
        assessment_id=row.assessment_id,
        concerns=names.place(row.unit_id),
    )


@dataclass(frozen=True)
class Run:
    """Events in a row by one person at one moment doing one thing (a whole sheet saved):
    the list folds them under one line, which a script may open."""

    lines: list[Line]

    @property
    def folds(self) -> bool:
        return len(self.lines) >= FOLD_AT

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


FOLD_AT = 5


def runs(lines: list[Line]) -> list[Run]:
    found: list[list[Line]] = []
    for line in lines:
        previous = found[-1][-1] if found else None
        if previous and (previous.person, previous.at, previous.what, previous.layer) == (
            line.person,
            line.at,
            line.what,
            line.layer,
        ):
            found[-1].append(line)
        else:
            found.append([line])
    return [Run(group) for group in found]
