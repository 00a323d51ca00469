"""The scoring sheet of a village station: typing scores shows the subtotals before saving,
a wrong score is said beside its field and saves nothing, evidence is attached, and once
submitted the sheet is read-only and waits for review."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot


def open_next_quarter(site: Site, page: Any) -> str:
    """A station opens its 2023Q3 sheet from the home page; the sheet's address."""
    site.login(page, "station_staff", "DEMO-01-01-01")
    page.get_by_label("考核期间").fill("2023Q3")
    page.get_by_role("button", name="新建并填写").click()
    page.wait_for_url("**/assessments/*")
    url: str = page.url
    return url


def subtotal(page: Any, path: str) -> str:
    text: str = page.locator(f'[data-subtotal="{path}"]').inner_text()
    return text


def total(page: Any) -> str:
    text: str = page.locator("#sheet-total").inner_text()
    return text


def test_a_station_fills_saves_attaches_and_submits_its_sheet(
    site: Site, page: Any, tmp_path: Any
) -> None:
    sheet = open_next_quarter(site, page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("服务对象100人以下")
    assert "2023年第三季度" in page.locator(".sheet-head").inner_text()
    assert page.locator("#sheet-status").inner_text() == "未提交"
    assert subtotal(page, "（一）") == "0"
    assert total(page) == "0"
    assert_accessible(page)

    # Typing shows the section subtotal and the total before anything is saved.
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_label("第 2 项自评得分").fill("1.5")
    page.wait_for_function(
        "document.querySelector('[data-subtotal=\"（一）\"]').textContent === '2.5'"
    )
    assert total(page) == "2.5"
    assert page.locator('[data-points="2"]').inner_text() == "1.5"

    # A score above the item's maximum is said beside it, while typing and on saving.
    page.get_by_label("第 3 项自评得分").fill("5")
    error = page.locator("#points-3-error")
    error.wait_for()
    assert "满分 2 分" in error.inner_text()
    assert total(page) == "2.5"
    page.get_by_role("button", name="保存草稿").click()
    assert "本次未保存任何内容" in page.get_by_role("alert").first.inner_text()
    assert "满分 2 分" in page.locator("#points-3-error").inner_text()
    assert page.get_by_label("第 3 项自评得分").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("第 1 项自评得分").input_value() == "1"  # what was typed stays
    assert_accessible(page)
    page.goto(sheet)
    assert page.get_by_label("第 1 项自评得分").input_value() == ""  # nothing was saved
    assert page.locator("#sheet-version").inner_text() == "1"

    # A draft saved with every item scored (one short of full marks on item 3).
    for score in page.locator("input.score").all():
        score.fill(score.evaluate("e => e.closest('tr').children[2].textContent.trim()"))
    page.get_by_label("第 3 项自评得分").fill("1.5")
    page.get_by_label("第 60 项自评得分").fill("0")  # a discretionary bonus, not claimed
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    assert page.get_by_role("status").first.inner_text() == "已保存。"
    assert page.get_by_label("第 3 项自评得分").input_value() == "1.5"
    assert subtotal(page, "（一）") == "4.5"
    assert total(page) == "99.5"
    screenshot(page, "sheet-village")

    # Evidence: its name, size and SHA-256, and a download link.
    proof = tmp_path / "制度上墙照片.txt"
    content = b"photo of the rules on the wall"
    proof.write_bytes(content)
    page.get_by_label("选择文件").set_input_files(str(proof))
    page.get_by_label("对应项目（可选）").select_option("12")
    page.get_by_role("button", name="上传佐证材料").click()
    page.wait_for_url("**done=evidence*")
    evidence = page.get_by_role("region", name="佐证材料")
    row = evidence.get_by_role("row", name="制度上墙照片.txt")
    assert "第 12 项" in row.inner_text()
    assert "30 字节" in row.inner_text()
    assert row.locator("code").inner_text() == hashlib.sha256(content).hexdigest()
    with page.expect_download() as download:
        row.get_by_role("link").click()
    assert download.value.suggested_filename == "制度上墙照片.txt"

    # Submitting (after confirming) leaves the sheet read-only, waiting for review.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交评分表").click()
    page.wait_for_url("**done=submitted*")
    assert page.locator("#sheet-status").inner_text() == "待验收"
    assert page.locator("input.score").count() == 0
    assert page.get_by_role("button", name="保存草稿").count() == 0
    assert page.get_by_role("button", name="提交评分表").count() == 0
    assert "此评分表对您只读" in page.locator("main").inner_text()
    assert page.locator("#item-3 td.layer").inner_text().strip() == "1.5"
    assert_accessible(page)


def test_submitting_with_items_unscored_names_them_and_changes_nothing(
    site: Site, page: Any
) -> None:
    open_next_quarter(site, page)
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交评分表").click()
    assert "尚未评分" in page.get_by_role("alert").first.inner_text()
    assert page.locator("#points-2-error").inner_text() == "提交前须填写本项得分。"
    assert page.locator("#sheet-status").inner_text() == "未提交"
    assert_accessible(page)


def test_a_bonus_claim_needs_its_matter_and_then_adds_to_the_total(site: Site, page: Any) -> None:
    open_next_quarter(site, page)
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    row = page.locator("#item-58")
    row.get_by_role("button", name="申报加分").click()
    assert page.locator("#bonus-58-matter-error").inner_text() == "请填写加分事项。"
    assert_accessible(page)
    row = page.locator("#item-58")
    row.get_by_label("加分事项").fill("退役军人之家经验交流")
    row.get_by_label("档次").select_option("ministerial")
    row.get_by_role("button", name="申报加分").click()
    page.wait_for_url("**done=bonus*")
    assert page.locator('[data-points="58"]').inner_text() == "3"
    assert page.locator('[data-sum="bonus"]').inner_text() == "3"
    assert total(page) == "4"
    assert "退役军人之家经验交流" in page.locator("#item-58").inner_text()


def test_a_lower_claim_keeps_the_higher_one_and_a_withdrawal_names_its_claim(
    site: Site, page: Any
) -> None:
    open_next_quarter(site, page)
    page.get_by_label("第 1 项自评得分").fill("1")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**done=saved*")
    for tier in ("central", "ministerial"):
        row = page.locator("#item-58")
        row.get_by_label("加分事项").fill("老兵之家")
        row.get_by_label("档次").select_option(tier)
        row.get_by_role("button", name="申报加分").click()
        page.wait_for_url("**done=bonus*")
    assert page.locator('[data-points="58"]').inner_text() == "4"
    claims = page.locator("#item-58 ul.lines li")
    assert claims.count() == 2
    claims.first.get_by_role("button", name="撤回").click()
    assert page.locator("#withdraw-58-0-reason-error").inner_text() != ""
    assert page.locator('[data-points="58"]').inner_text() == "4"
    claims = page.locator("#item-58 ul.lines li")
    claims.first.get_by_label("撤回理由").fill("中央领导未到站视察")
    claims.first.get_by_role("button", name="撤回").click()
    page.wait_for_url("**done=withdrawn*")
    assert page.locator('[data-points="58"]').inner_text() == "3"
    assert "省部级" in page.locator("#item-58 ul.lines").inner_text()
