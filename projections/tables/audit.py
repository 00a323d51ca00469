"""The audit trail as a table: one row per event that changed anything, newest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID

from projections.audit_trail import AuditRow
from projections.tables.table import Cell, Table
from projections.tables.wording import LAYER_WORDS, ROLE_WORDS

AUDIT = "audit"
COLUMNS = (
    *("时间", "操作账号", "角色", "代表单位", "事件", "考核", "涉及单位", "项目", "层级"),
    *("原值", "原值层级", "新值", "理由", "事件编号", "日志位置", "哈希"),
)


def audit_table(rows: Iterable[AuditRow], unit_names: Mapping[UUID, str]) -> Table:
    """The rows as given (the trail reads newest first); units by name where known."""

    def unit(value: str | UUID | None) -> Cell:
        if value is None:
            return None
        try:
            return unit_names.get(UUID(str(value)), str(value))
        except ValueError:
            return str(value)

    return Table(
        name=AUDIT,
        title="考核操作审计记录",
        columns=COLUMNS,
        rows=tuple(
            (
                r.occurred_at.isoformat(timespec="seconds"),
                r.actor_id,
                ROLE_WORDS.get(r.actor_role, r.actor_role),
                unit(r.actor_unit),
                r.event_name,
                None if r.assessment_id is None else str(r.assessment_id),
                unit(r.unit_id),
                r.item,
                None if r.layer is None else LAYER_WORDS.get(r.layer, r.layer),
                r.old,
                None if r.old_layer is None else LAYER_WORDS.get(r.old_layer, r.old_layer),
                r.new,
                r.reason or None,
                r.event_id,
                r.position,
                r.hash,
            )
            for r in rows
        ),
    )
