"""The audit trail: one row per change of a real quarter, with who, what (old → new) and why."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from application.service import Kaohe
from domain.ids import account_id, unit_id
from projections.audit_trail import AuditQuery, AuditRow, AuditTrail, audit_trail
from projections.units import Units
from tests.unit.application.conftest import COUNTY, TOWN, VILLAGE
from tests.unit.projections.activity import CITY, Quarter
from tests.unit.projections.fakes import InMemoryAuditTrail, InMemoryUnits, feed


def trail_of(app: Kaohe) -> InMemoryAuditTrail:
    view = InMemoryAuditTrail()
    feed(app.store, AuditTrail(), view)
    return view


def named(rows: list[AuditRow], name: str) -> list[AuditRow]:
    return [r for r in rows if r.event_name.endswith(name)]


def test_every_event_but_idempotency_records_gets_one_row(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    notifications = memory_app.store.recorder.select_notifications(1, 10_000)
    rows = trail_of(memory_app).added
    recorded = [n.id for n in notifications if not n.topic.startswith("domain.command_record:")]
    assert [r.position for r in rows] == recorded
    assert len(recorded) == len(notifications) - 1  # one command ran with an idempotency key
    kinds = Counter(r.aggregate_kind for r in rows)
    assert set(kinds) == {"unit", "rubric", "assessment", "account"}


def test_an_entry_change_shows_item_layer_old_new_actor_and_reason(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    rows = trail_of(memory_app).added
    changed = [r for r in rows if r.item == "1" and r.assessment_id == quarter.finalized]
    assert [(r.layer, r.old, r.new) for r in changed] == [
        ("self", None, '{"points":"1"}'),
        ("self", '{"points":"1"}', '{"points":"0.5"}'),
    ]
    review = next(r for r in rows if r.layer == "review")
    assert (review.actor_id, review.actor_role, review.actor_unit) == (
        str(TOWN.account_id),
        "town_reviewer",
        str(TOWN.unit_id),
    )
    assert (review.reason, review.unit_id, review.item) == ("站长未由书记兼任", unit_id("V1"), "2")
    stored = memory_app.history(review.aggregate_id)[review.aggregate_version - 1]
    assert review.hash == stored.state["hash"]
    assert review.event_id == f"{quarter.finalized}:{review.aggregate_version}"
    assert review.topic == "domain.assessment:Assessment.ItemScored"


def test_workflow_events_show_status_transitions(memory_app: Kaohe, quarter: Quarter) -> None:
    rows = [r for r in trail_of(memory_app).added if r.assessment_id == quarter.finalized]
    transitions = [(r.event_name, r.old, r.new) for r in rows if r.item is None]
    assert transitions == [
        ("Assessment.Opened", None, "draft"),
        ("Assessment.Submitted", "draft", "submitted"),
        ("Assessment.Returned", "submitted", "returned"),
        ("Assessment.Submitted", "returned", "submitted"),
        ("Assessment.Approved", "submitted", "approved"),
        ("Assessment.Finalized", "approved", "finalized"),
        ("Assessment.Reopened", "finalized", "submitted"),
    ]
    returned = named(rows, "Returned")[0]
    assert json.loads(returned.detail or "") == {"items": ["2"]}
    assert (returned.reason, returned.actor_role) == ("请补充站长任命文件", "town_reviewer")
    reopened = named(rows, "Reopened")[0]
    assert (reopened.actor_id, reopened.reason) == (str(CITY.account_id), "复核发现问题")
    evidence = named(rows, "EvidenceAttached")[0]
    assert (evidence.item, evidence.new, evidence.actor_id) == (
        "2",
        "任命文件.pdf",
        str(VILLAGE.account_id),
    )


def test_unit_and_account_changes_show_what_they_replaced(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    rows = trail_of(memory_app).added
    renamed = named(rows, "Unit.Renamed")[0]
    assert (renamed.unit_id, renamed.old, renamed.new) == (unit_id("T1"), "东街街道", "东街道")
    moved = named(rows, "Unit.Moved")[0]
    assert (moved.old, moved.new, moved.reason) == (
        str(unit_id("T1")),
        str(unit_id("T2")),
        "区划调整",
    )
    assert json.loads(moved.detail or "")["effective_from"] == "2023-07-01"
    assert (named(rows, "Unit.Closed")[0].old, named(rows, "Unit.Closed")[0].new) == (
        "open",
        "closed",
    )
    grant = f"town_reviewer@{unit_id('T1')}"
    granted, revoked = named(rows, "RoleGranted")[0], named(rows, "RoleRevoked")[0]
    assert (granted.unit_id, granted.new) == (unit_id("T1"), grant)
    assert (revoked.unit_id, revoked.old, revoked.new, revoked.reason) == (
        unit_id("T1"),
        grant,
        None,
        "调岗",
    )
    disabled = named(rows, "Disabled")[0]
    assert (disabled.aggregate_id, disabled.old, disabled.new) == (
        account_id("zhang.san"),
        "enabled",
        "disabled",
    )


def test_a_published_rubric_is_named_without_its_definition(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    published = named(trail_of(memory_app).added, "Published")[0]
    assert published.new == "fengdu-village-station v1"
    assert "definition" not in json.loads(published.detail or "")


def test_processing_the_same_events_again_gives_the_same_rows(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    assert trail_of(memory_app) == trail_of(memory_app)


@pytest.fixture
def readers(memory_app: Kaohe, quarter: Quarter) -> tuple[InMemoryAuditTrail, InMemoryUnits]:
    units = InMemoryUnits()
    feed(memory_app.store, Units(), units)
    return trail_of(memory_app), units


def test_pages_run_newest_first_by_position_without_gaps_or_repeats(
    readers: tuple[InMemoryAuditTrail, InMemoryUnits],
) -> None:
    trail, units = readers
    seen: list[int] = []
    before = None
    while True:
        page = audit_trail(trail, units, AuditQuery(before=before, limit=7))
        seen += [r.position for r in page.rows]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == sorted((r.position for r in trail.added), reverse=True)


def test_queries_by_assessment_item_actor_unit_subtree_time_and_as_of(
    memory_app: Kaohe, quarter: Quarter, readers: tuple[InMemoryAuditTrail, InMemoryUnits]
) -> None:
    trail, units = readers

    def positions(**query: Any) -> list[int]:
        return [r.position for r in audit_trail(trail, units, AuditQuery(limit=500, **query)).rows]

    everything = sorted((r.position for r in trail.added), reverse=True)
    by_item = positions(assessment_id=quarter.finalized, item="1")
    assert len(by_item) == 2 and by_item == sorted(by_item, reverse=True)
    county = positions(actor_id=str(COUNTY.account_id))
    assert [r.event_name for r in trail.added if r.position in county] == [
        "Assessment.ItemScored",
        "Assessment.Finalized",
    ]
    t2 = positions(unit_id=unit_id("T2"))
    assert {r.unit_id for r in trail.added if r.position in t2} == {
        unit_id("T2"),
        unit_id("V2"),
        unit_id("V3"),
    }
    before_move = positions(unit_id=unit_id("T1"), unit_on=date(2023, 6, 1))
    assert quarter.drafted in {r.assessment_id for r in trail.added if r.position in before_move}
    assert positions(as_of=everything[-5]) == everything[-5:]
    middle = trail.added[len(trail.added) // 2].occurred_at
    assert positions(since=middle, until=middle + timedelta(seconds=1)) == [
        r.position for r in reversed(trail.added) if r.occurred_at == middle
    ]
    assert positions(as_of=0) == [] and positions(unit_id=unit_id("T1"), item="none") == []


def test_a_page_holds_one_to_five_hundred_rows(
    readers: tuple[InMemoryAuditTrail, InMemoryUnits],
) -> None:
    with pytest.raises(ValueError, match="1 to 500 rows"):
        audit_trail(*readers, AuditQuery(limit=0))


def test_a_refused_attempt_shows_under_the_unit_it_aimed_at(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    account = memory_app.accounts.get("zhang.san")
    stamp = VILLAGE.stamp(datetime(2023, 7, 1, tzinfo=UTC), "refused-1")
    target = f"assessment {quarter.drafted}"
    account.record_access_denied(stamp, "approve", target, unit_id("V2"), "站点不能验收")
    memory_app.store.save(account)
    view = trail_of(memory_app)
    (row,) = named(view.added, "AccessDenied")
    assert (row.unit_id, row.new, row.reason) == (
        unit_id("V2"),
        f"denied: approve {target}",
        "站点不能验收",
    )
    units = InMemoryUnits()
    feed(memory_app.store, Units(), units)
    query = AuditQuery(unit_id=unit_id("T1"), unit_on=date(2023, 6, 30))
    assert row in audit_trail(view, units, query).rows


def test_a_refused_attempt_on_an_assessment_is_in_that_sheets_trail(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    account = memory_app.accounts.get("zhang.san")
    stamp = VILLAGE.stamp(datetime(2023, 7, 1, tzinfo=UTC), "refused-2")
    target = f"assessment:{quarter.drafted}"
    account.record_access_denied(stamp, "assessments.approve", target, unit_id("V1"), "不能验收")
    memory_app.store.save(account)
    view = trail_of(memory_app)
    (row,) = named(view.added, "AccessDenied")
    assert row.assessment_id == quarter.drafted
    page = audit_trail(view, InMemoryUnits(), AuditQuery(assessment_id=quarter.drafted))
    assert row in page.rows
