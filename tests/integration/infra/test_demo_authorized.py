"""The demo is what its accounts were allowed to do: replayed through the authorizer, no
step on a sheet is one the policy or its rubric's workflow forbids, each was taken with the
grant it is stamped with, and no regulator, administrator or the system changed a sheet."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any
from uuid import UUID

from application.actor import SYSTEM
from application.authorization import Action, Authorizer, UnknownUnitTree
from application.denials import StoreDenialLog
from application.refusals import InMemoryRefusalLog
from application.service import Kaohe
from application.sheet_work import SheetWork
from application.store import EventStore
from domain.account import Account, Role
from domain.rubric import UnitLevel
from domain.unit import Unit
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.evidence_files import FileEvidence
from tests.integration.web.demo_api import PlainHasher

ACTION_OF = {
    "Opened": Action.OPEN,
    **dict.fromkeys(
        ("ItemScored", "DeductionApplied", "BonusClaimed", "BonusWithdrawn", "VetoRaised"),
        Action.SCORE,
    ),
    **dict.fromkeys(("VetoLifted", "ProgressEntered"), Action.SCORE),
    "EvidenceAttached": Action.ATTACH_EVIDENCE,
    "Submitted": Action.SUBMIT,
    "Returned": Action.RETURN,
    "Approved": Action.APPROVE,
    "FindingRecorded": Action.RECORD_FINDING,
    "Finalized": Action.FINALIZE,
    "Reopened": Action.REOPEN,
    "SectionsAssigned": Action.ASSIGN_SECTIONS,
    "WindowExtended": Action.EXTEND_WINDOW,
}
"""Each kind of sheet event and the step that records it (a new kind fails the test)."""


def sheet_events(store: EventStore) -> list[tuple[str, Any]]:
    found = []
    for notification in store.recorder.select_notifications(start=None, limit=1_000_000):
        kind, _, name = notification.topic.rsplit(":", 1)[-1].partition(".")
        if kind == "Assessment":
            found.append((name, store.mapper.to_domain_event(notification)))
    return found


def test_every_step_on_a_demo_sheet_was_allowed_to_the_grant_it_names(
    store: EventStore, tmp_path: Path
) -> None:
    clock = DemoClock()
    app = Kaohe(store, clock, PlainHasher(), FileEvidence(tmp_path))
    load_demo(app)
    refusals, denials = InMemoryRefusalLog(clock), StoreDenialLog(store)
    authorizer = Authorizer(UnknownUnitTree(), app.runner, refusals, denials, clock)

    def level_of(unit: UUID) -> UnitLevel | None:
        found = app.runner.find(Unit, unit)
        return None if found is None else found.level

    sheets: dict[UUID, tuple[UUID, UUID]] = {}
    submitter: dict[UUID, str] = {}
    forbidden: list[str] = []
    done: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, event in sheet_events(store):
        if name == "Opened":
            sheets[event.originator_id] = (event.unit_id, event.rubric_id)
        unit, rubric_id = sheets[event.originator_id]
        rubric = app.rubrics.rubric(rubric_id)
        action = ACTION_OF[name]
        done[rubric.code].add((event.actor_role, action.value))
        assert event.actor_id != str(SYSTEM.account_id), f"the system {name} a sheet"
        assert event.actor_role not in (Role.CITY_REGULATOR, Role.ADMINISTRATOR), name
        account = app.runner.find(Account, UUID(event.actor_id))
        assert account is not None
        check = SheetWork(rubric, action, level_of).check
        grant = authorizer.acting_grant(account, action, unit, check)
        stamped = (event.actor_role, event.actor_unit)
        if grant is None or (grant.role.value, str(grant.unit_id)) != stamped:
            forbidden.append(f"{account.username} {name} a {rubric.code} sheet as {stamped}")
        if name == "Submitted":
            submitter[event.originator_id] = event.actor_id
        if name in ("Returned", "Approved") and submitter[event.originator_id] == event.actor_id:
            forbidden.append(f"{account.username} {name} a sheet they submitted")
    assert forbidden == []

    fill, review = Role.STATION_STAFF.value, Role.TOWN_REVIEWER.value
    assert {(review, "assessments.open"), (fill, "assessments.submit")} <= done[
        "changzhi-county-centre"
    ]
    assert (review, "assessments.approve") in done["changzhi-county-centre"]
    assert (review, "assessments.score") in done["changzhi-county-centre"]
    for code in ("wushen-banner-tasks", "zaozhuang-city-centre"):
        assert done[code] >= {(review, "assessments.open"), (fill, "assessments.score")}
    assert (Role.COUNTY_AUDITOR.value, "assessments.finding") in done["fengdu-village-station"]
