"""A campaign end to end on both stores: frame from the read model, seed, draw, verify,
findings with their consequences, close, and the verification factors."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from uuid import UUID

import pytest

from application.commands.assessments import AttachEvidence, ScoreItem
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    FreezeFrame,
    weights_of,
)
from application.consequences import Veto
from application.errors import ConflictError
from domain.campaign import Stage
from domain.entries import ItemEntry
from domain.errors import DomainError
from domain.ids import unit_id
from domain.sampling import Design, Mode, draw
from domain.workflow import Layer
from infra.ledger import verify_ledger
from infra.projections.registry import Projections
from projections.spot_checks.reading import eligible, read_factors, read_report, weighted_frame
from projections.spot_checks.settings import RiskSettings
from tests.campaign_opening import opening
from tests.integration.infra.rawdb import RawDb
from tests.integration.spot_checks.conftest import AUDITOR, PERIOD, County
from tests.unit.application.conftest import by, run
from tests.unit.application.sending import record_finding, send

SEED = "48213907561234509876"


def drawn(county: County, projections: Projections, mode: str = "stratified") -> UUID:
    app = county.app
    projections.catch_up()
    frame = eligible(projections.scores(), projections.units(), unit_id("C1"), PERIOD)
    cid = run(
        app,
        AUDITOR,
        opening(period=PERIOD, name="二季度抽查", mode=mode, size=4, seed=SEED),
    ).id
    run(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of(frame)))
    run(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SEED, source="2023-07-03 县中心公开掷骰"))
    run(app, AUDITOR, DrawSample(campaign_id=cid))
    return cid


def test_the_frame_holds_the_countys_approved_sheets_and_the_sample_redraws(
    county: County, projections: Projections
) -> None:
    app = county.app
    cid = drawn(county, projections)
    c = app.campaigns.get(cid)
    approved = {county.sheets[v] for v in ("V1", "V2", "V3", "V4", "V5", "V6", "V7")}
    assert {e.assessment_id for e in c.frame} == approved  # not V8 (submitted), not V9 (C2)
    for e in c.frame:
        a = app.assessments.get(e.assessment_id)
        assert (e.version, e.content_hash) == (a.version, a.last_hash)
    # T1 has 4 of 7 sheets, T2 3: quotas 2.29 and 1.71 → 2 and 2
    assert len(c.sample) == 4
    towns = [
        next(e.town_id for e in c.frame if e.assessment_id == s.assessment_id) for s in c.sample
    ]
    assert sorted(towns.count(t) for t in set(towns)) == [2, 2]
    assert c.sample == draw(Design(Mode.STRATIFIED, 4), c.frame, SEED)
    result = app.campaigns.verify(cid)
    assert result.matches and result.differences == ()
    assert [x.id for x in app.campaigns.all()] == [cid]
    assert verify_ledger(app.store).ok  # the campaign's events chain like every other


def test_the_frame_refuses_sheets_not_approved_or_of_another_county(county: County) -> None:
    app = county.app
    cid = run(
        app,
        AUDITOR,
        opening(period=PERIOD, name="抽查", mode="simple", size=2, seed=SEED),
    ).id
    with pytest.raises(DomainError, match="is submitted; the frame takes approved"):
        run(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of([county.sheets["V8"]])))
    with pytest.raises(DomainError, match="not a station under a town of this county"):
        run(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of([county.sheets["V9"]])))
    with pytest.raises(ConflictError):
        run(
            app,
            AUDITOR,
            opening(period=PERIOD, name="抽查", mode="simple", size=2, seed=SEED),
        )


def test_nothing_changes_the_frame_once_frozen(county: County, projections: Projections) -> None:
    app = county.app
    cid = drawn(county, projections)
    with pytest.raises(DomainError, match="cannot freeze the frame of a campaign that is drawn"):
        run(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of([county.sheets["V1"]])))


def test_a_tampered_sample_fails_verification_naming_the_difference(
    county: County, projections: Projections
) -> None:
    app = county.app
    cid = drawn(county, projections)
    db = RawDb(app.store)
    state = db.state(cid, 5)
    state["selected"][0]["probability"] = "1"
    db.set_state(cid, 5, state)
    result = app.campaigns.verify(cid)
    assert not result.matches
    assert "recorded probability 1" in result.differences[0]


def test_a_seed_changed_in_the_store_fails_its_commitment(
    county: County, projections: Projections
) -> None:
    app = county.app
    cid = drawn(county, projections)
    db = RawDb(app.store)
    state = db.state(cid, 4)
    state["seed"] = "11111111111111111111"
    db.set_state(cid, 4, state)
    result = app.campaigns.verify(cid)
    assert not result.matches
    assert any("round 1: the seed does not match the commitment" in d for d in result.differences)


def test_a_campaign_stored_before_commitments_reads_and_verifies_saying_so(
    county: County, projections: Projections
) -> None:
    app = county.app
    cid = drawn(county, projections)
    db = RawDb(app.store)
    opened = db.state(cid, 1)
    for key in ("commitment", "plan"):
        del opened[key]
    opened["class_version"] = 1  # as campaigns were stored before commitments
    db.set_state(cid, 1, opened)
    old = app.campaigns.get(cid)
    assert old.commitment is None and old.plan is None and len(old.sample) == 4
    result = app.campaigns.verify(cid)
    assert result.matches and result.commitment == "none"
    assert any("no commitment was made" in note for note in result.notes)


def test_a_falsification_vetoes_the_sheet_in_one_command_and_the_campaign_closes(
    county: County, projections: Projections
) -> None:
    app = county.app
    cid = drawn(county, projections)
    first, second, *rest = [s.assessment_id for s in app.campaigns.get(cid).sample]
    a = app.assessments
    # the first: re-scored item 6 down to 0, an error
    zero = ScoreItem(
        assessment_id=first, number="6", entry=ItemEntry(points=Decimal(0)), reason="台账缺失"
    )
    send(app, by(AUDITOR), zero, Layer.VERIFICATION)
    record_finding(app, by(AUDITOR), first, "error", ["6"], [], "台账缺失，按实扣分")
    # the second: falsified minutes, vetoed (item 61, condition 4)
    attach = AttachEvidence(
        assessment_id=second, file_name="会议记录.jpg", content=b"photo", item="4"
    )
    evidence = send(app, by(AUDITOR), attach)
    sha = a.get(second).evidence[-1].sha256
    with pytest.raises(DomainError, match="leads to a deduction or a veto"):
        record_finding(app, by(AUDITOR), second, "falsification", ["4"], [sha], "补写")
    outcome = record_finding(
        app,
        by(AUDITOR, expected=evidence.version),
        second,
        "falsification",
        ["4"],
        [sha],
        "会议记录系事后补写",
        Veto("61", "4"),
    )
    assert outcome.version == evidence.version + 2  # the veto and the finding, saved together
    names = [c.topic.rpartition(".")[2] for c in app.history(second)[-2:]]
    assert names == ["VetoRaised", "FindingRecorded"]
    vetoed = a.get(second)
    assert vetoed.layers["verification"]["61"] == {"raised": ["4"]}
    assert app.history(second)[-2].state["reason"] == "弄虚作假：会议记录系事后补写"
    assert vetoed.findings[-1].items == ("4", "61")
    for aid in rest:
        record_finding(app, by(AUDITOR), aid, "none", [], [], "核实无误")
    run(app, AUDITOR, CloseCampaign(campaign_id=cid))
    closed = app.campaigns.get(cid)
    assert closed.stage is Stage.CLOSED
    assert closed.findings[str(second)] == "falsification"

    projections.catch_up()
    factors = read_factors(
        projections.scores(),
        projections.units(),
        unit_id("C1"),
        [first, second, *rest],
        RiskSettings(),
        findings={UUID(aid): finding for aid, finding in closed.findings.items()},
    )
    by_id = {f.assessment_id: f for f in factors.assessments}
    [item_6] = by_id[first].items
    assert item_6.verified == 0
    assert by_id[first].verified == by_id[first].reported - item_6.reported
    assert by_id[first].factor == (by_id[first].verified / by_id[first].reported).quantize(
        Decimal("0.0001")
    )
    assert by_id[second].verified_result == "vetoed"
    assert factors.county.assessments == 4


def test_a_weighted_campaign_takes_its_weights_from_a_risk_report(
    county: County, projections: Projections
) -> None:
    app = county.app
    projections.catch_up()
    report = read_report(
        projections.scores(),
        projections.units(),
        unit_id("C1"),
        PERIOD,
        RiskSettings(),
        app.store.history.max_position(),
    )
    weights = weighted_frame(
        projections.scores(), projections.units(), unit_id("C1"), PERIOD, report.weights()
    )
    # every sheet here is filled in at once (填表用时过短: 1 + 2); all-maximum ones weigh 1 more
    assert set(weights.values()) == {3, 4}
    cid = run(
        app,
        AUDITOR,
        opening(period=PERIOD, name="风险加权抽查", mode="weighted", size=3, seed=SEED),
    ).id
    run(app, AUDITOR, FreezeFrame(campaign_id=cid, weights=weights_of(weights)))
    run(app, AUDITOR, EnterSeed(campaign_id=cid, seed=SEED, source="公开掷骰"))
    run(app, AUDITOR, DrawSample(campaign_id=cid))
    c = app.campaigns.get(cid)
    total = sum(weights.values())
    assert {s.probability for s in c.sample} <= {
        Fraction(3) * Fraction(w) / Fraction(total) for w in weights.values()
    }
    assert app.campaigns.verify(cid).matches
