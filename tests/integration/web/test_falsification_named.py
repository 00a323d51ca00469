"""Seed 002 v2 through the pages: the county's spot-check finding form offers only the
declared consequence of falsification, and the sheet, its timeline and the tables then show
the result as disqualified for 弄虚作假, not under condition 4's printed words alone."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from openpyxl import load_workbook

from application.commands.assessments import (
    Approve,
    OpenAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.campaigns import DrawSample, EnterSeed, FreezeFrame
from domain.entries import ItemEntry
from tests.campaign_opening import opening
from tests.integration.web.test_page_text import signed_in
from tests.integration.web.world import RUBRIC, SEED, World
from web.app import projections_of

MAY_10 = datetime(2023, 5, 10, 2, 0, tzinfo=UTC)
PERIOD = "2023Q2"
DECLARED = "一票否决（弄虚作假，本评分表规定）：第 61 项 其他规定取消考核资格的"
NAMED = "一票否决（弄虚作假）"


def sampled_v2_sheet(world: World) -> tuple[UUID, UUID]:
    """V1's 2023Q2 sheet on Fengdu v2, approved by its town and drawn by C1's spot check."""
    world.clock.current = MAY_10
    auditor = world.actor("auditor")
    opened = OpenAssessment(unit="V1", rubric=RUBRIC, version=2, period=PERIOD)
    aid = world.send("staff", opened).id
    world.send("staff", SaveSheet(assessment_id=aid, entries=world.full_sheet(aid)))
    world.send("staff", Submit(assessment_id=aid))
    world.send("reviewer", Approve(assessment_id=aid))
    campaign = opening(period=PERIOD, name="二季度抽查", seed=SEED)
    cid = world.step(auditor, campaign)
    world.step(auditor, FreezeFrame(campaign_id=cid, weights={aid: 1}))
    world.step(auditor, EnterSeed(campaign_id=cid, seed=SEED, source="公开掷骰"))
    world.step(auditor, DrawSample(campaign_id=cid))
    return cid, aid


def test_the_finding_form_offers_the_declared_consequence_and_the_result_shows_its_name(
    world: World,
) -> None:
    cid, aid = sampled_v2_sheet(world)
    # re-scoring is blind: the finding form shows once the county's own score is saved
    rescored = ScoreItem(assessment_id=aid, number="2", entry=ItemEntry(points=Decimal(0)))
    world.send("auditor", replace(rescored, reason="任命文件倒签日期"))
    auditor = signed_in(world, "auditor")
    page = auditor.get(f"/campaigns/{cid}/sheets/{aid}").get_data(as_text=True)
    assert DECLARED in page
    offered = re.findall(r'value="((?:veto|deduct):[^"]*)"', page)
    assert offered == ["veto:61:4"]  # no other condition the finding could void it under
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert token and version
    form = {
        "csrf_token": token.group(1),
        "version": version.group(1),
        "finding": "falsification",
        "items": "2",
        "note": "任命文件倒签日期",
        "consequence": "veto:61:4",
        "figure": "",
        "evidence_file": (io.BytesIO(b"site record"), "现场核查记录.pdf"),
    }
    sent = auditor.post(f"/campaigns/{cid}/sheets/{aid}/finding", data=form)
    assert sent.status_code == 303, sent.get_data(as_text=True)
    entry = world.kaohe.assessments.get(aid).layers["verification"]["61"]
    assert entry == {"raised": ["4"], "named": {"4": "弄虚作假"}}

    projections_of(world.app).catch_up()
    sheet = auditor.get(f"/assessments/{aid}").get_data(as_text=True)
    assert NAMED in sheet
    timeline = auditor.get(f"/assessments/{aid}/timeline").get_data(as_text=True)
    assert NAMED in timeline and "<ins>一票否决：弄虚作假（4）</ins>" in timeline
    shown = {
        "quarterly": "一票否决（弄虚作假）（已抽查复核）",
        "scores": NAMED,
        "audit": "一票否决：弄虚作假（4）",
    }
    for table, words in shown.items():
        assert words in download(world, table, "csv").decode("utf-8-sig"), table
    book = load_workbook(io.BytesIO(download(world, "quarterly", "xlsx")))
    cells = {c for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert "一票否决（弄虚作假）（已抽查复核）（验收后有改动）" in cells
    book = load_workbook(io.BytesIO(download(world, "compliance", "xlsx")))
    cells = {c for row in book.worksheets[0].iter_rows(values_only=True) for c in row}
    assert "一票否决（弄虚作假），不计达标：V1 单位" in cells  # the table's note


def download(world: World, table: str, fmt: str) -> bytes:
    response = world.client.get(
        f"/api/v1/tables/{table}",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "period": PERIOD, "format": fmt},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.data
