"""Who takes each step on a sheet is the rubric's word: the city inspects county centres,
the bureau scores its city centre, towns review villages; nobody acts outside it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import (
    Approve,
    EnterProgress,
    OpenAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.rubrics import PublishRubric
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from domain.rules import Kind
from domain.workflow import Status
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import as_system, by, memory_kaohe

CHANGZHI, FENGDU = "changzhi-county-centre", "fengdu-village-station"
VERSIONS = {CHANGZHI: 2, FENGDU: 1, "zaozhuang-city-centre": 2}
"""The versions that declare their documents' workflow (Fengdu's is the default)."""


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Kaohe]:
    for kaohe in memory_kaohe(tmp_path):
        for code, version in (*VERSIONS.items(), (CHANGZHI, 1)):
            definition = read_definition(BUILTIN_DIR / f"{code}.v{version}.yaml")
            as_system(kaohe, PublishRubric(definition=definition))
        for name, role, unit in (
            ("county.staff", Role.STATION_STAFF, "C1"),
            ("inspector", Role.TOWN_REVIEWER, "CITY"),
            ("centre.staff", Role.STATION_STAFF, "CITY"),
            ("town.reviewer", Role.TOWN_REVIEWER, "T1"),
            ("auditor", Role.COUNTY_AUDITOR, "C1"),
            ("regulator", Role.CITY_REGULATOR, "CITY"),
        ):
            as_system(kaohe, CreateAccount(username=name, display_name=name, password="pw-" * 4))
            as_system(kaohe, GrantRole(username=name, role=role, unit=unit))
        yield kaohe


def opening(
    unit: str, rubric: str, period: str = "2023", version: int | None = None
) -> OpenAssessment:
    version = VERSIONS[rubric] if version is None else version
    return OpenAssessment(unit=unit, rubric=rubric, version=version, period=period)


def fill(app: Kaohe, who: str, aid: UUID) -> None:
    """Full marks on every standard and special item, then submit."""
    rubric = app.assessments.rubric_of(app.assessments.get(aid))
    entries = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind in (Kind.STANDARD, Kind.SPECIAL) and i.max_points is not None
    }
    by(app, who, SaveSheet(assessment_id=aid, entries=entries))
    by(app, who, Submit(assessment_id=aid))


def test_the_city_inspection_opens_scores_and_approves_a_county_centre_sheet(app: Kaohe) -> None:
    aid = by(app, "inspector", opening("C1", CHANGZHI)).id
    fill(app, "county.staff", aid)
    lower = ItemEntry(points=Decimal(1))
    by(app, "inspector", ScoreItem(assessment_id=aid, number="1", entry=lower, reason="台账不全"))
    by(app, "inspector", Approve(assessment_id=aid))
    sheet = app.assessments.get(aid)
    assert sheet.status is Status.APPROVED
    assert {layer for layer, entries in sheet.layers.items() if entries} == {"self", "review"}


def test_a_county_centre_does_not_open_or_approve_its_own_changzhi_sheet(app: Kaohe) -> None:
    with pytest.raises(PermissionDeniedError, match="review layer's step"):
        by(app, "county.staff", opening("C1", CHANGZHI))
    aid = by(app, "inspector", opening("C1", CHANGZHI)).id
    fill(app, "county.staff", aid)
    with pytest.raises(PermissionDeniedError, match="not a step of station_staff"):
        by(app, "county.staff", Approve(assessment_id=aid))
    assert app.assessments.get(aid).status is Status.SUBMITTED


def test_a_version_published_without_a_workflow_is_opened_by_the_centre_itself(
    app: Kaohe,
) -> None:
    with pytest.raises(PermissionDeniedError, match="self layer's step"):
        by(app, "inspector", opening("C1", CHANGZHI, version=1))
    aid = by(app, "county.staff", opening("C1", CHANGZHI, version=1)).id
    fill(app, "county.staff", aid)
    by(app, "inspector", Approve(assessment_id=aid))
    assert app.assessments.get(aid).status is Status.APPROVED


def test_neither_a_town_reviewer_nor_the_county_auditor_inspects_a_centre(
    app: Kaohe,
) -> None:
    aid = by(app, "inspector", opening("C1", CHANGZHI)).id
    fill(app, "county.staff", aid)
    with pytest.raises(PermissionDeniedError, match=r"outside the units town\.reviewer may act"):
        by(app, "town.reviewer", Approve(assessment_id=aid))
    score = ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=Decimal(0)))
    with pytest.raises(PermissionDeniedError, match="verification layer of its sheets to nobody"):
        by(app, "auditor", score)
    assert app.assessments.get(aid).status is Status.SUBMITTED


def test_the_bureau_scores_what_its_city_centre_reports(app: Kaohe) -> None:
    aid = by(app, "inspector", opening("CITY", "zaozhuang-city-centre", "2022")).id
    progress = EnterProgress(assessment_id=aid, number="1.1", progress="全年接待来访")
    by(app, "centre.staff", progress)
    by(app, "centre.staff", Submit(assessment_id=aid))
    with pytest.raises(PermissionDeniedError):
        by(app, "regulator", Approve(assessment_id=aid))
    by(app, "inspector", Approve(assessment_id=aid))
    assert app.assessments.get(aid).status is Status.APPROVED


def test_village_sheets_are_opened_by_the_station_and_reviewed_by_its_town(app: Kaohe) -> None:
    with pytest.raises(PermissionDeniedError, match="self layer's step"):
        by(app, "town.reviewer", opening("V1", FENGDU, "2023Q2"))
    as_system(app, CreateAccount(username="staff.v1", display_name="站", password="pw-" * 4))
    as_system(app, GrantRole(username="staff.v1", role=Role.STATION_STAFF, unit="V1"))
    aid = by(app, "staff.v1", opening("V1", FENGDU, "2023Q2")).id
    fill(app, "staff.v1", aid)
    with pytest.raises(PermissionDeniedError, match="to the town level"):
        by(app, "inspector", Approve(assessment_id=aid))
    by(app, "town.reviewer", Approve(assessment_id=aid))
    assert app.assessments.get(aid).status is Status.APPROVED
