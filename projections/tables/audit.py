"""The audit trail as a table: one row per event that changed anything, newest first, in
people's and units' names, Chinese words and China time (the log position and hash say
which event it was)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from uuid import UUID

from domain.china_time import in_words
from projections.audit_trail import AuditRow
from projections.entry_words import entry_words
from projections.event_words import (
    STATE_WORDS,
    VALUES_BY_NAME,
    denied_words,
    event_words,
    reason_words,
)
from projections.tables.table import Cell, Table
from projections.tables.wording import FINDING_WORDS, LAYER_WORDS, ROLE_WORDS

AUDIT = "audit"
COLUMNS = (
    *("时间", "操作人", "角色", "代表单位", "事件", "涉及单位", "项目", "层级"),
    *("原值", "原值层级", "新值", "理由", "日志位置", "哈希"),
)


def audit_table(
    rows: Iterable[AuditRow], unit_names: Mapping[UUID, str], people: Mapping[str, str]
) -> Table:
    """The rows as given (the trail reads newest first); units and people by name."""

    def unit(value: str | UUID | None) -> Cell:
        if value is None:
            return None
        try:
            return unit_names.get(UUID(str(value)), "（未知单位）")
        except ValueError:
            return str(value)

    def value(r: AuditRow, text: str | None) -> Cell:
        return None if text is None else value_words(r, text, unit)

    return Table(
        name=AUDIT,
        title="考核操作审计记录",
        columns=COLUMNS,
        rows=tuple(
            (
                in_words(r.occurred_at),
                people.get(r.actor_id, "系统"),
                ROLE_WORDS.get(r.actor_role, r.actor_role),
                unit(r.actor_unit),
                event_words(r.event_name, r.old),
                unit(r.unit_id),
                r.item,
                None if r.layer is None else LAYER_WORDS.get(r.layer, r.layer),
                value(r, r.old),
                None if r.old_layer is None else LAYER_WORDS.get(r.old_layer, r.old_layer),
                value(r, r.new),
                reason_words(r.event_name, r.reason) or None,
                r.position,
                r.hash,
            )
            for r in rows
        ),
    )


def value_words(r: AuditRow, text: str, unit: Callable[[str], Cell]) -> Cell:
    """An old or new value in words: an entry, a status, a finding, a unit or a grant."""
    holds = VALUES_BY_NAME.get(r.event_name)
    if r.layer is not None:
        return entry_words(json.loads(text))
    if holds == "status":
        return STATE_WORDS.get(text, text)
    if holds == "finding":
        return FINDING_WORDS.get(text, text)
    if holds == "unit":
        return unit(text)
    if holds == "grant":
        role, _, where = text.partition("@")
        return f"{ROLE_WORDS.get(role, role)} · {unit(where)}"
    if holds == "refusal":
        return denied_words(text)
    return text
