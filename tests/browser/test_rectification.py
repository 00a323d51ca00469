"""Rectification through the browser: a closed campaign's finding becomes an item the county's
auditor opens (a past deadline is said beside its field), the station's staff answer it from
their home page with a file, the auditor re-checks and closes it, and every step shows in
the item's history, the ledger (with its CSV) and the audit table."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from application.actor import Actor
from application.commands.assessments import RecordFinding
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    EnterSeed,
    FreezeFrame,
    weights_of,
)
from domain.account import Role
from domain.china_time import china_day
from domain.ids import unit_id
from projections.spot_checks.reading import eligible
from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot
from tests.campaign_opening import opening
from tests.unit.application.sending import Who, send
from web.app import projections_of, services_of

COUNTY = "DEMO-01"
NAME = "整改跟踪抽查"


def found_error(site: Site) -> tuple[UUID, str]:
    """A closed one-sheet campaign of the county with an error found (as the auditor would
    record it): its id and the sampled station's code."""
    kaohe = services_of(site.app).kaohe
    projections = projections_of(site.app)
    projections.catch_up()
    account = kaohe.accounts.get(site.demo.account("county_auditor", COUNTY).username)
    auditor = Who(Actor(account.id, Role.COUNTY_AUDITOR, unit_id(COUNTY)), "test-rectify")
    staffed = {unit_id(a.unit) for a in site.demo.accounts if a.role == "station_staff"}
    frame = [  # the stations whose staff the test signs in as
        aid
        for aid in eligible(projections.scores(), projections.units(), unit_id(COUNTY), "2023Q2")
        if kaohe.assessments.get(aid).unit_id in staffed
    ]
    seed = "27182818284590452353"
    cid = send(kaohe, auditor, opening(county=COUNTY, name=NAME, seed=seed)).id
    send(kaohe, auditor, FreezeFrame(campaign_id=cid, weights=weights_of(frame)))
    send(kaohe, auditor, EnterSeed(campaign_id=cid, seed=seed, source="公开"))
    send(kaohe, auditor, DrawSample(campaign_id=cid))
    [selected] = kaohe.campaigns.get(cid).sample
    error = RecordFinding(
        assessment_id=selected.assessment_id, finding="error", note="服务台账缺少三月记录"
    )
    send(kaohe, auditor, error)
    outcome = send(kaohe, auditor, CloseCampaign(campaign_id=cid))
    assert projections.wait_for(outcome.position)
    station = kaohe.units.get_by_id(kaohe.assessments.get(selected.assessment_id).unit_id)
    return cid, station.code


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")


def open_item(site: Site, page: Any, cid: UUID) -> None:
    """As the county's auditor: from the closed campaign to an opened item."""
    site.login(page, "county_auditor", COUNTY)
    page.goto(f"{site.url}/campaigns/{cid}")
    page.locator("table.sample").get_by_role("link", name="整改").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("立整改")
    assert page.get_by_label("需要整改的问题").input_value() == "服务台账缺少三月记录"
    assert_accessible(page)
    today = china_day(services_of(site.app).kaohe.runner.clock.now())
    page.get_by_label("整改时限").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="立整改").click()
    assert "不能早于今天" in page.locator("#deadline-error").inner_text()
    page.get_by_label("整改时限").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="立整改").click()
    page.wait_for_url("**/rectifications/*")
    assert "待整改" in page.locator("dl").inner_text()
    assert page.get_by_role("heading", name="报送整改情况").count() == 0
    sign_out(page)


def report(site: Site, page: Any, station: str, tmp: Any) -> None:
    """As the station's staff: the item waits on the home page; report with a file."""
    site.login(page, "station_staff", station)
    section = page.locator("section", has=page.get_by_role("heading", name="整改事项"))
    section.get_by_role("link", name="服务台账缺少三月记录").click()
    page.get_by_label("整改情况", exact=True).fill("已补录三月服务台账并由站长签字")
    proof = tmp / "台账照片.jpg"
    proof.write_bytes(b"photo of the ledger")
    page.get_by_label("佐证材料").set_input_files(str(proof))
    page.get_by_role("button", name="报送").click()
    page.wait_for_selector("text=待复查")
    assert page.get_by_role("link", name="台账照片.jpg").is_visible()
    assert_accessible(page)
    sign_out(page)


def close(site: Site, page: Any) -> None:
    """As the county's auditor: the reported item waits on the home page; close it."""
    site.login(page, "county_auditor", COUNTY)
    section = page.locator("section", has=page.get_by_role("heading", name="整改事项"))
    section.get_by_role("link", name="服务台账缺少三月记录").click()
    page.get_by_role("button", name="整改到位，销号").click()
    assert "请填写复查意见" in page.locator("#note-error").inner_text()
    page.get_by_label("复查意见").fill("现场复查，台账已补齐")
    page.get_by_role("button", name="整改到位，销号").click()
    page.wait_for_selector("text=已销号")
    history = page.locator("#history-h + table").inner_text()
    for words in ("立整改", "报送整改情况", "复查销号", "已补录三月服务台账", "现场复查"):
        assert words in history
    screenshot(page, "rectification")


def test_a_finding_is_rectified_answered_and_closed(site: Site, page: Any, tmp_path: Any) -> None:
    cid, station = found_error(site)
    open_item(site, page, cid)
    report(site, page, station, tmp_path)
    close(site, page)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="整改台账").click()
    closed = page.locator("section", has=page.get_by_role("heading", name="已销号（2）"))
    assert closed.get_by_role("link").count() == 2  # the demo's falsification and this one
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "服务台账缺少三月记录" in text and "已销号" in text
    page.goto(site.url + "/tables/audit")
    trail = page.locator("table").first.inner_text()
    assert "复查销号" in trail and "报送整改情况" in trail and "立整改" in trail
