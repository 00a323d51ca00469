"""The changes that caused a restatement: every change to a sheet of a restated row after
the hand-up's log position, read from the audit trail of the unit that handed up."""

from __future__ import annotations

from collections.abc import Sequence

from application.view_ports import TrailAsk
from domain.hand_up import HandUp
from domain.restatement import RowChange
from projections.audit_trail import AuditPage, AuditRow
from web.context import caller, queries

PAGES = 20
"""At most this many pages of the trail are read (newest first) for one restatement."""


def causes(record: HandUp, changes: Sequence[RowChange]) -> list[AuditRow]:
    """Newest first; a row's sheet is matched by its unit's name, as the table names it."""
    if not changes:
        return []
    handed = record.latest
    reach = queries().trail.reach(caller(), unit=queries().units.code_of(record.unit_id))
    rows: list[AuditRow] = []
    before = None
    for _ in range(PAGES):
        page: AuditPage = queries().trail.page(reach, TrailAsk(since=handed.at, before=before))
        rows += [r for r in page.rows if r.position > handed.position]
        before = page.next_before
        if before is None or before <= handed.position:
            break
    on_sheets = [r for r in rows if r.assessment_id is not None and r.unit_id is not None]
    names = queries().units.rows(r.unit_id for r in on_sheets if r.unit_id)
    keys = {c.key for c in changes}
    return [r for r in on_sheets if r.unit_id in names and names[r.unit_id].name in keys]
