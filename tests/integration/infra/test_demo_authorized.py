"""The demo is what its accounts were allowed to do: replayed through the authorizer, no
step on a sheet is one the policy or its rubric's workflow forbids, each was taken with the
grant it is stamped with, and no regulator, administrator or the system changed a sheet.
And it runs all four seeds with their actors: each seed's sheets are opened, filled,
reviewed and approved by the roles the README's role table names."""

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

FILL, REVIEW, VERIFY = Role.STATION_STAFF, Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR
BY_THE_ROLE_TABLE: dict[str, set[tuple[Role, Action]]] = {
    "changzhi-county-centre": {
        *((REVIEW, a) for a in (Action.OPEN, Action.SCORE, Action.APPROVE)),
        *((FILL, a) for a in (Action.SCORE, Action.SUBMIT)),
    },
    "fengdu-village-station": {
        *((FILL, a) for a in (Action.OPEN, Action.SCORE, Action.SUBMIT)),
        *((REVIEW, a) for a in (Action.SCORE, Action.RETURN, Action.APPROVE)),
        *((VERIFY, a) for a in (Action.SCORE, Action.RECORD_FINDING)),
    },
    "wushen-banner-tasks": {
        *((REVIEW, a) for a in (Action.OPEN, Action.SCORE, Action.APPROVE)),
        *((FILL, a) for a in (Action.SCORE, Action.SUBMIT)),
    },
    "zaozhuang-city-centre": {
        *((REVIEW, a) for a in (Action.OPEN, Action.APPROVE)),
        *((FILL, a) for a in (Action.SCORE, Action.SUBMIT)),
    },
}
"""Who does what on each seed's sheets, by the README's role table (stored role names: 填报
station_staff, 审核 town_reviewer, 复核 county_auditor): each must happen in the demo."""


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
    approved_by: dict[str, set[str]] = defaultdict(set)
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
        if name == "Approved":
            approved_by[rubric.code].add(event.actor_id)
        if name in ("Returned", "Approved") and submitter[event.originator_id] == event.actor_id:
            forbidden.append(f"{account.username} {name} a sheet they submitted")
    assert forbidden == []
    for code, expected in BY_THE_ROLE_TABLE.items():
        missing = {(role.value, action.value) for role, action in expected} - done[code]
        assert missing == set(), f"{code}: the demo has nobody doing {sorted(missing)}"
    untouchable = {app.accounts.get(name).id for name in ("regulator", "admin")}
    assert {UUID(e.actor_id) for _, e in sheet_events(store)} & untouchable == set()
    lead = str(app.accounts.get("inspector-01").id)  # the city inspection group's leader
    for code in ("changzhi-county-centre", "wushen-banner-tasks", "zaozhuang-city-centre"):
        assert approved_by[code] == {lead}, code
