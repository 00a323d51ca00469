"""The sheet API names a veto as the tables do: a Fengdu v2 sheet the county's spot check
finds falsified reads 一票否决（弄虚作假） in the sheet and in the sheet list, beside the
stable result code; a sheet vetoed under a printed condition reads 一票否决 alone."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from uuid import UUID

from application.commands.assessments import AttachEvidence, RaiseVeto, RecordFinding, ScoreItem
from application.consequences import Veto
from domain.entries import ItemEntry
from tests.integration.web.test_falsification_named import PERIOD, sampled_v2_sheet
from tests.integration.web.world import World
from web.app import projections_of

NAMED = "一票否决（弄虚作假）"


def found_falsified(world: World, aid: UUID) -> None:
    """The auditor re-scores item 2, files the record and records the declared veto."""
    why = "任命文件倒签日期"
    world.send(
        "auditor",
        ScoreItem(assessment_id=aid, number="2", entry=ItemEntry(points=Decimal(0)), reason=why),
    )
    record = b"site record"
    world.send(
        "auditor",
        AttachEvidence(assessment_id=aid, file_name="现场核查记录.pdf", content=record, item="2"),
    )
    finding = RecordFinding(
        assessment_id=aid,
        finding="falsification",
        items=("2",),
        evidence=(hashlib.sha256(record).hexdigest(),),
        note=why,
        consequence=Veto("61", "4"),
    )
    world.send("auditor", finding)


def sheet(world: World, aid: UUID) -> dict[str, object]:
    response = world.client.get(f"/api/v1/assessments/{aid}", headers=world.login("regulator"))
    assert response.status_code == 200, response.get_data(as_text=True)
    score: dict[str, object] = response.get_json()["score"]
    return score


def listed(world: World, aid: UUID) -> dict[str, object]:
    projections_of(world.app).catch_up()
    response = world.client.get(
        "/api/v1/assessments", headers=world.login("regulator"), query_string={"period": PERIOD}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    [row] = [r for r in response.get_json() if r["id"] == str(aid)]
    return dict(row)


def test_a_falsified_sheet_reads_vetoed_for_falsification_in_the_sheet_and_the_list(
    world: World,
) -> None:
    _, aid = sampled_v2_sheet(world)
    assert sheet(world, aid)["result_label"] == "合格"
    found_falsified(world, aid)
    score = sheet(world, aid)
    assert (score["result"], score["result_label"]) == ("vetoed", NAMED)
    assert score["vetoed_for"] == ["弄虚作假"]
    row = listed(world, aid)
    assert (row["result"], row["result_label"], row["vetoed_for"]) == (
        "vetoed",
        NAMED,
        ["弄虚作假"],
    )


def test_a_veto_under_a_printed_condition_reads_the_veto_alone(world: World) -> None:
    aid = world.assessment("V1", PERIOD, "submitted")
    why = "本季度发生重大舆情负面炒作"
    world.send("reviewer", RaiseVeto(assessment_id=aid, number="61", condition="3", reason=why))
    score = sheet(world, aid)
    assert (score["result_label"], score["vetoed_for"]) == ("一票否决", [])
    assert listed(world, aid)["result_label"] == "一票否决"


def test_the_openapi_document_describes_the_result_label(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    for name in ("Score", "AssessmentRow"):
        label = schemas[name]["properties"]["result_label"]
        assert "一票否决（弄虚作假）" in label["description"], name
