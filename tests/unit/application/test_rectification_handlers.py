"""Rectification through the bus: a closed campaign's finding opens an item, the unit's own
staff report, the county's auditors close or reopen; every refusal changes nothing."""

from __future__ import annotations

import hashlib
from datetime import date
from uuid import UUID

import pytest

from application.commands import assessments as sheets
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    FreezeFrame,
    weights_of,
)
from application.commands.rectifications import (
    CloseRectification,
    EvidenceFile,
    OpenRectification,
    ReopenRectification,
    ReportRectification,
)
from application.commands.rubrics import PublishRubric
from application.errors import ConflictError, PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.errors import FieldError
from domain.rectification import Rectification, Source, Status
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import as_system, by
from tests.unit.application.test_campaign_handlers import OPEN, RUBRIC, SEED, sheet

PEOPLE = (
    ("county.aud", Role.COUNTY_AUDITOR, "C1"),
    ("v1.staff", Role.STATION_STAFF, "V1"),
    ("v2.staff", Role.STATION_STAFF, "V2"),
    ("town.rev", Role.TOWN_REVIEWER, "T1"),
)


@pytest.fixture
def found(app: Kaohe) -> tuple[UUID, UUID]:
    """A closed campaign that found an error on V1's sheet: (campaign id, assessment id)."""
    as_system(app, PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    for username, role, unit in PEOPLE:
        as_system(app, CreateAccount(username=username, display_name=username, password="x" * 12))
        as_system(app, GrantRole(username=username, role=role, unit=unit))
    aid = sheet(app, "V1")
    cid = by(app, "county.aud", OPEN).id
    by(app, "county.aud", FreezeFrame(campaign_id=cid, weights=weights_of([aid])))
    by(app, "county.aud", EnterSeed(campaign_id=cid, seed=SEED, source="公开掷骰"))
    by(app, "county.aud", DrawSample(campaign_id=cid))
    by(app, "county.aud", sheets.RecordFinding(assessment_id=aid, finding="error", note="台账不符"))
    by(app, "county.aud", CloseCampaign(campaign_id=cid))
    return cid, aid


def opening(found: tuple[UUID, UUID], unit: str = "V1") -> OpenRectification:
    return OpenRectification(
        source=Source.finding(*found),
        unit=unit,
        problem="补齐服务台账",
        deadline=date(2023, 4, 30),
        owner_role=Role.STATION_STAFF.value,
    )


def item(app: Kaohe, rid: UUID) -> Rectification:
    found = app.runner.find(Rectification, rid)
    assert found is not None
    return found


def test_a_finding_becomes_an_item_the_unit_answers_and_the_county_closes(
    app: Kaohe, found: tuple[UUID, UUID]
) -> None:
    rid = by(app, "county.aud", opening(found)).id
    assert item(app, rid).period == "2023Q2" and item(app, rid).status is Status.OPEN
    photo = EvidenceFile(file_name="台账照片.jpg", content=b"photo")
    by(app, "v1.staff", ReportRectification(rectification_id=rid, action="已补齐", files=(photo,)))
    reported = item(app, rid)
    assert reported.status is Status.REPORTED
    assert app.bus.files.get(reported.reports[0].evidence[0].sha256) == b"photo"
    by(app, "county.aud", ReopenRectification(rectification_id=rid, reason="缺签字"))
    assert item(app, rid).status is Status.OPEN
    by(app, "v1.staff", ReportRectification(rectification_id=rid, action="已补签字"))
    by(app, "county.aud", CloseRectification(rectification_id=rid, note="复查合格"))
    assert item(app, rid).status is Status.CLOSED
    with pytest.raises(ConflictError, match="closed"):
        by(app, "county.aud", ReopenRectification(rectification_id=rid, reason="再查"))


def test_only_the_county_opens_and_closes_and_only_the_units_staff_report(
    app: Kaohe, found: tuple[UUID, UUID]
) -> None:
    for username in ("v1.staff", "town.rev"):
        with pytest.raises(PermissionDeniedError):
            by(app, username, opening(found))
    rid = by(app, "county.aud", opening(found)).id
    report = ReportRectification(rectification_id=rid, action="已整改")
    for username in ("county.aud", "town.rev", "v2.staff"):
        with pytest.raises(PermissionDeniedError):
            by(app, username, report)
    by(app, "v1.staff", report)
    with pytest.raises(PermissionDeniedError):
        by(app, "v1.staff", CloseRectification(rectification_id=rid, note="自己销号"))
    assert item(app, rid).status is Status.REPORTED


def test_a_finding_opens_one_item_on_its_own_unit_once_the_campaign_is_closed(
    app: Kaohe, found: tuple[UUID, UUID]
) -> None:
    with pytest.raises(FieldError, match="not V2's"):
        by(app, "county.aud", opening(found, unit="V2"))
    by(app, "county.aud", opening(found))
    with pytest.raises(ConflictError, match="already has a rectification"):
        by(app, "county.aud", opening(found))


def test_no_item_for_a_sheet_found_correct(app: Kaohe, found: tuple[UUID, UUID]) -> None:
    other = sheet(app, "V2")
    with pytest.raises(FieldError, match="absent"):
        by(app, "county.aud", opening((found[0], other), unit="V2"))


def test_a_refused_report_keeps_no_file_and_changes_nothing(
    app: Kaohe, found: tuple[UUID, UUID]
) -> None:
    rid = by(app, "county.aud", opening(found)).id
    photo = EvidenceFile(file_name="照片.jpg", content=b"never kept")
    with pytest.raises(FieldError, match="say what was done"):
        by(app, "v1.staff", ReportRectification(rectification_id=rid, action=" ", files=(photo,)))
    assert app.bus.files.get(hashlib.sha256(b"never kept").hexdigest()) is None
    assert item(app, rid).version == 1
