"""The campaign commands through the bus: steps once each and in order, a frame of approved
sheets of the county only, and every step authorized on the county."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.actor import Actor
from application.commands import assessments as sheets
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.base import Command
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    FreezeFrame,
    weights_of,
)
from application.commands.rubrics import PublishRubric
from application.errors import ConflictError, PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.campaign import Campaign, Stage
from domain.errors import DomainError
from domain.ids import unit_id
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.campaign_opening import SEED, opening
from tests.unit.application.conftest import full_sheet
from tests.unit.application.memory_world import as_system, by

RUBRIC = "fengdu-village-station"
AUDITOR = Actor(UUID(int=13), Role.COUNTY_AUDITOR, unit_id("C1"))
OPEN = opening()


def act(app: Kaohe, actor: Actor, command: Command) -> UUID:
    return app.setup(command, "test", actor).id


def sheet(app: Kaohe, village: str, approve: bool = True) -> UUID:
    staff = Actor(UUID(int=100 + int(village[1:])), Role.STATION_STAFF, unit_id(village))
    opened = sheets.OpenAssessment(unit=village, rubric=RUBRIC, version=1, period="2023Q2")
    aid = act(app, staff, opened)
    act(app, staff, sheets.SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)))
    act(app, staff, sheets.Submit(assessment_id=aid))
    if approve:
        town = Actor(UUID(int=201), Role.TOWN_REVIEWER, unit_id("T1"))
        act(app, town, sheets.Approve(assessment_id=aid))
    return aid


@pytest.fixture
def county(app: Kaohe) -> dict[str, UUID]:
    as_system(app, PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    return {"V1": sheet(app, "V1"), "V2": sheet(app, "V2", approve=False)}


def campaign(app: Kaohe, cid: UUID) -> Campaign:
    return app.campaigns.get(cid)


def test_a_campaign_runs_its_steps_once_each_and_in_order(
    app: Kaohe, county: dict[str, UUID]
) -> None:
    cid = act(app, AUDITOR, OPEN)
    with pytest.raises(ConflictError, match="cannot draw the sample of a campaign that is opened"):
        act(app, AUDITOR, DrawSample(campaign_id=cid))
    act(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of([county["V1"]])))
    act(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SEED, source="公开掷骰"))
    act(app, AUDITOR, DrawSample(campaign_id=cid))
    assert [s.assessment_id for s in campaign(app, cid).sample] == [county["V1"]]
    finding = sheets.RecordFinding(assessment_id=county["V1"], finding="none", note="核实无误")
    act(app, AUDITOR, finding)
    act(app, AUDITOR, CloseCampaign(campaign_id=cid))
    closed = campaign(app, cid)
    assert closed.stage is Stage.CLOSED and closed.findings == {str(county["V1"]): "none"}
    with pytest.raises(ConflictError, match="cannot close a campaign that is closed"):
        act(app, AUDITOR, CloseCampaign(campaign_id=cid))


def test_the_frame_takes_only_approved_sheets_and_is_refused_whole(
    app: Kaohe, county: dict[str, UUID]
) -> None:
    cid = act(app, AUDITOR, OPEN)
    both = weights_of([county["V1"], county["V2"]])
    with pytest.raises(DomainError, match="is submitted; the frame takes approved"):
        act(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=both))
    assert campaign(app, cid).stage is Stage.OPENED and not campaign(app, cid).frame


def test_a_campaign_is_opened_once_for_a_county(app: Kaohe, county: dict[str, UUID]) -> None:
    act(app, AUDITOR, OPEN)
    with pytest.raises(ConflictError, match="C1 already has campaign '抽查' for 2023Q2"):
        act(app, AUDITOR, OPEN)
    town = opening(county="T1")
    with pytest.raises(DomainError, match="T1 is a town unit, not a county"):
        act(app, AUDITOR, town)


def test_only_the_countys_auditors_take_its_steps(app: Kaohe, county: dict[str, UUID]) -> None:
    cid = act(app, AUDITOR, OPEN)
    as_system(app, CreateAccount(username="town.rev", display_name="审核", password="x" * 12))
    as_system(app, GrantRole(username="town.rev", role=Role.TOWN_REVIEWER, unit="T1"))
    freeze = FreezeFrame(campaign_id=cid, weights=weights_of([county["V1"]]))
    with pytest.raises(PermissionDeniedError):
        by(app, "town.rev", freeze)
    assert campaign(app, cid).stage is Stage.OPENED
