"""An inspection group on one Changzhi county-centre sheet, on the bus: the leader (who opened
it) assigns sections to inspectors, each scores only their sections, the leader approves
only what others scored too, and the window is extended by the opening body alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from application.commands import assessments as c
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.errors import PermissionDeniedError
from domain.account import Role
from domain.deadlines import WindowClosedError
from domain.entries import ItemEntry
from domain.errors import FieldError
from domain.ids import account_id
from domain.rubric import UnitLevel
from domain.rules import Kind
from domain.workflow import Status
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.test_assessment_handlers import Desk

CHANGZHI = "changzhi-county-centre"
SELF_CHECK_DAY = datetime(2023, 9, 8, 2, 0, tzinfo=UTC)
INSPECTION_DAY = datetime(2023, 9, 12, 2, 0, tzinfo=UTC)
AFTER_THE_WEEK = datetime(2023, 9, 16, 2, 0, tzinfo=UTC)
TEAM = {
    "leader": (Role.TOWN_REVIEWER, "CZ"),
    "member": (Role.TOWN_REVIEWER, "CZ"),
    "other": (Role.TOWN_REVIEWER, "CZ"),
    "centre": (Role.STATION_STAFF, "QA"),
}


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    found = Desk(tmp_path)
    setup = found.kaohe.setup
    setup(RegisterUnit(code="CZ", unit_name="长治市", level=UnitLevel.CITY, parent=None))
    setup(RegisterUnit(code="QA", unit_name="桥安县", level=UnitLevel.COUNTY, parent="CZ"))
    setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{CHANGZHI}.v3.yaml")))
    for name, (role, unit) in TEAM.items():
        setup(CreateAccount(username=name, display_name=f"{name}-名", password="a-long-password"))
        setup(GrantRole(username=name, role=role, unit=unit))
    yield found
    found.kaohe.close()


def opened(desk: Desk) -> UUID:
    desk.clock.current = SELF_CHECK_DAY
    opening = c.OpenAssessment(unit="QA", rubric=CHANGZHI, version=3, period="2023")
    return desk.run("leader", opening).id


def self_checked(desk: Desk) -> UUID:
    """Opened by the leader, scored in full by the centre and submitted."""
    aid = opened(desk)
    rubric = desk.kaohe.assessments.rubric_of(desk.sheet(aid))
    entries = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind in (Kind.STANDARD, Kind.SPECIAL) and i.max_points is not None
    }
    desk.run("centre", c.SaveSheet(assessment_id=aid, entries=entries))
    desk.run("centre", c.Submit(assessment_id=aid))
    desk.clock.current = INSPECTION_DAY
    return aid


def score(desk: Desk, who: str, aid: UUID, number: str, points: str) -> None:
    entry = ItemEntry(points=Decimal(points))
    desk.run(who, c.ScoreItem(assessment_id=aid, number=number, entry=entry, reason="现场检查"))


def test_inspectors_score_only_their_sections_once_the_leader_assigns_them(desk: Desk) -> None:
    aid = self_checked(desk)
    desk.run("leader", c.AssignSections(assessment_id=aid, inspector="member", sections=("一",)))
    desk.run("leader", c.AssignSections(assessment_id=aid, inspector="leader", sections=("二",)))
    score(desk, "member", aid, "1", "1")
    score(desk, "leader", aid, "14", "1")
    before = desk.sheet(aid).version
    with pytest.raises(FieldError) as refused:
        score(desk, "other", aid, "1", "0")
    assert "组织领导" in refused.value.message_zh and "member-名" in refused.value.message_zh
    with pytest.raises(FieldError, match="nobody"):
        score(desk, "member", aid, "23", "1")  # 三 is not assigned to anyone
    assert desk.sheet(aid).version == before
    sheet = desk.sheet(aid)
    assert sheet.scored_by["review"] == {
        "1": str(account_id("member")),
        "14": str(account_id("leader")),
    }


def test_only_the_leader_assigns_and_only_to_inspectors_of_the_group(desk: Desk) -> None:
    aid = self_checked(desk)
    with pytest.raises(FieldError, match="leader"):
        desk.run(
            "member", c.AssignSections(assessment_id=aid, inspector="member", sections=("一",))
        )
    with pytest.raises(FieldError, match="not an inspector"):
        desk.run(
            "leader", c.AssignSections(assessment_id=aid, inspector="centre", sections=("一",))
        )
    with pytest.raises(FieldError, match="section"):
        desk.run(
            "leader", c.AssignSections(assessment_id=aid, inspector="member", sections=("九",))
        )
    with pytest.raises(PermissionDeniedError):
        desk.run(
            "centre", c.AssignSections(assessment_id=aid, inspector="member", sections=("一",))
        )
    assert desk.sheet(aid).assigned == {}


def test_the_leader_approves_only_what_the_group_did_not_leave_to_him_alone(desk: Desk) -> None:
    aid = self_checked(desk)
    score(desk, "leader", aid, "1", "1")
    with pytest.raises(FieldError, match="alone"):
        desk.run("leader", c.Approve(assessment_id=aid))
    assert desk.sheet(aid).status is Status.SUBMITTED
    score(desk, "member", aid, "2", "1")
    desk.run("leader", c.Approve(assessment_id=aid))
    assert desk.sheet(aid).status is Status.APPROVED


def test_an_extended_window_takes_the_self_check_until_its_new_last_day(desk: Desk) -> None:
    aid = opened(desk)
    desk.clock.current = AFTER_THE_WEEK
    refused = c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None))
    with pytest.raises(WindowClosedError, match="2023-09-15"):
        desk.run("centre", refused)
    extend = c.ExtendWindow(assessment_id=aid, until=date(2023, 9, 22), reason="县中心停电一周")
    with pytest.raises(PermissionDeniedError):
        desk.run("centre", extend)
    with pytest.raises(FieldError, match="after its last day"):
        desk.run("leader", c.ExtendWindow(assessment_id=aid, until=date(2023, 9, 14), reason="x"))
    desk.run("leader", extend)
    desk.run("centre", refused)
    assert desk.sheet(aid).window(desk.kaohe.assessments.rubric_of(desk.sheet(aid))).closes == date(
        2023, 9, 22
    )
    desk.clock.current = datetime(2023, 9, 23, 2, 0, tzinfo=UTC)
    with pytest.raises(WindowClosedError, match="2023-09-22"):
        desk.run("centre", refused)


def test_the_leader_extends_a_whole_round_and_the_centre_cannot(desk: Desk) -> None:
    aid = opened(desk)
    desk.clock.current = AFTER_THE_WEEK
    extend = c.ExtendRound(
        rubric=CHANGZHI,
        version=3,
        period="2023",
        units=("QA",),
        until=date(2023, 9, 30),
        reason="全市检查顺延",
    )
    with pytest.raises(PermissionDeniedError):
        desk.run("centre", extend)
    desk.run("leader", extend)
    desk.run("centre", c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None)))
    assert desk.sheet(aid).extended_to == date(2023, 9, 30)
