"""The campaigns read model on both stores: what the aggregates hold, live and rebuilt."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    EscalateCampaign,
    FreezeFrame,
    weights_of,
)
from domain.account import Role
from domain.campaign_plan import Escalation, FollowUp
from domain.commitment import Commitment, seed_digest
from domain.ids import unit_id
from infra.projections.registry import Projections
from projections.campaigns import CampaignRow, Campaigns
from projections.spot_checks.reading import eligible
from tests.campaign_opening import opening
from tests.integration.read_queries import read_queries
from tests.integration.spot_checks.conftest import AUDITOR, PERIOD, County
from tests.integration.spot_checks.test_campaigns import SEED, drawn
from tests.unit.application.conftest import admin, by
from tests.unit.application.sending import record_finding, send
from tests.unit.projections.fakes import feed


@dataclass
class InMemoryCampaigns:
    """The campaigns view over a dict."""

    campaigns: dict[UUID, CampaignRow] = field(default_factory=dict)

    def campaign(self, campaign_id: UUID) -> CampaignRow | None:
        return self.campaigns.get(campaign_id)

    def put_campaign(self, campaign: CampaignRow) -> None:
        self.campaigns[campaign.campaign_id] = campaign


SECOND = "27182818284590452353"


def closed(county: County, projections: Projections) -> UUID:
    app = county.app
    cid = drawn(county, projections)
    for s in app.campaigns.get(cid).sample:
        record_finding(app, by(AUDITOR), s.assessment_id, "none", [], [], "核实无误")
    send(app, by(AUDITOR), CloseCampaign(campaign_id=cid))
    return cid


def test_each_campaign_row_matches_its_aggregate_in_the_order_opened(
    county: County, projections: Projections
) -> None:
    app = county.app
    first = closed(county, projections)
    second = send(
        app,
        by(AUDITOR),
        opening(period=PERIOD, name="三季度抽查", mode="simple", size=2),
    ).id
    projections.catch_up()
    rows = projections.campaigns().all_campaigns()
    assert [r.campaign_id for r in rows] == [first, second]
    for row in rows:
        c = app.campaigns.get(row.campaign_id)
        assert (row.county_id, row.period, row.name, row.mode, row.size) == (
            *(c.county_id, c.period, c.name, c.mode.value, c.size),
        )
        assert (row.stage, row.version, row.opened_at) == (c.stage.value, c.version, c.created_on)
        assert (row.method, row.frame_size, row.frame_hash, row.sampled) == (
            *(c.method, len(c.frame), c.frame_hash, len(c.sample)),
        )
    assert (rows[0].stage, rows[1].stage) == ("closed", "opened")
    assert rows[0].sampled > 0 and rows[0].frame_hash is not None and rows[1].frame_hash is None
    assert rows[0].closed_at == app.campaigns.get(first).modified_on
    assert rows[1].closed_at is None


def test_a_rebuild_equals_the_live_view_and_replaying_changes_nothing(
    county: County, projections: Projections
) -> None:
    closed(county, projections)
    projections.catch_up()
    live = projections.campaigns().all_campaigns()
    assert projections.rebuild("campaigns") == 2
    assert projections.campaigns().all_campaigns() == live
    once, twice = InMemoryCampaigns(), InMemoryCampaigns()
    feed(county.app.store, Campaigns(), once)
    feed(county.app.store, Campaigns(), once)
    feed(county.app.store, Campaigns(), twice)
    assert once == twice
    assert sorted(once.campaigns.values(), key=lambda r: r.opened_position) == live


def test_a_caller_sees_the_campaigns_of_counties_in_reach_including_one_just_opened(
    county: County, projections: Projections
) -> None:
    app = county.app
    queries = read_queries(app, projections)
    callers = {}
    for code in ("C1", "C2"):
        made = send(
            app,
            admin(),
            CreateAccount(
                username=f"auditor.{code.lower()}", display_name=code, password="password-12345"
            ),
        )
        send(
            app,
            admin(),
            GrantRole(username=f"auditor.{code.lower()}", role=Role.COUNTY_AUDITOR, unit=code),
        )
        callers[code] = Caller(made.id, "test")
    opened = send(
        app,
        by(AUDITOR),
        opening(period=PERIOD, name="三季度抽查", mode="simple", size=2),
    ).id
    assert [c.campaign_id for c in queries.campaigns.visible(callers["C1"])] == [opened]
    assert queries.campaigns.visible(callers["C2"]) == []
    lines = queries.campaigns.lines(callers["C1"])
    county = app.units.get("C1")
    assert [(x.id, x.county, x.county_name, x.stage, x.sampled) for x in lines] == [
        (opened, "C1", county.name, "opened", 0)
    ]


def test_an_escalated_campaigns_row_counts_every_rounds_sheets(
    county: County, projections: Projections
) -> None:
    app = county.app
    projections.catch_up()
    frame = eligible(projections.scores(), projections.units(), unit_id("C1"), PERIOD)
    rule = Escalation(0, FollowUp.ROUND, 1)
    plan = opening(period=PERIOD, name="升级抽查", size=1, seed=SEED, escalation=rule)
    cid = send(app, by(AUDITOR), plan).id
    send(app, by(AUDITOR), FreezeFrame(campaign_id=cid, weights=weights_of(frame)))
    send(app, by(AUDITOR), EnterSeed(campaign_id=cid, seed=SEED, source="立项前掷骰"))
    send(app, by(AUDITOR), DrawSample(campaign_id=cid))
    [first] = app.campaigns.get(cid).sample
    record_finding(app, by(AUDITOR), first.assessment_id, "error", [], [], "台账有误")
    fresh = Commitment.to_seed(seed_digest(SECOND))
    send(app, by(AUDITOR), EscalateCampaign(campaign_id=cid, commitment=fresh))
    projections.catch_up()
    assert projections.campaigns().campaign(cid).stage == "escalated"  # type: ignore[union-attr]
    send(app, by(AUDITOR), EnterSeed(campaign_id=cid, seed=SECOND, source="升级时承诺"))
    send(app, by(AUDITOR), DrawSample(campaign_id=cid))
    projections.catch_up()
    row = projections.campaigns().campaign(cid)
    c = app.campaigns.get(cid)
    assert row is not None and (row.stage, row.sampled, row.version) == ("drawn", 2, c.version)
    assert len(c.sample) == 2
