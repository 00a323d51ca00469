"""Publishing a rubric: a broken file shows its problems beside the file field; a valid one
shows its tree first and is published only then, exactly as previewed, and only once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import Site
from tests.browser.pages import assert_accessible, screenshot

SEED = Path(__file__).parents[2] / "infra" / "rubrics" / "fengdu-village-station.v1.yaml"
CODE = "fengdu-village-copy"


def copy_of_seed() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.replace("code: fengdu-village-station\n", f"code: {CODE}\n", 1)


def preview(page: Any, name: str, text: str) -> None:
    upload = {"name": name, "mimeType": "application/yaml", "buffer": text.encode("utf-8")}
    page.get_by_label("评分表文件").set_input_files(upload)
    page.get_by_role("button", name="校验并预览").click()


def test_a_broken_file_shows_its_problems_beside_the_file_field(site: Site, page: Any) -> None:
    site.login(page, "administrator")
    page.goto(site.url + "/admin/rubrics")
    broken = copy_of_seed().replace("    max: 5\n", "    maxx: 5\n", 1)
    broken = broken.replace("period: quarter\n", "period: month\n", 1)
    preview(page, "broken.yaml", broken)
    field = page.get_by_label("评分表文件")
    assert field.get_attribute("aria-invalid") == "true"
    problems = page.locator("#rubric-file-error")
    assert "文件 broken.yaml 中有 2 处问题，未发布任何内容" in problems.inner_text()
    rows = problems.get_by_role("row").all_inner_texts()
    assert any("节点 （一）" in r and "未知的键“maxx”" in r for r in rows)
    assert not any("unknown key" in r for r in rows)  # the English stays in the API
    assert any("period" in r and "month" in r for r in rows)
    assert_accessible(page)
    problems.scroll_into_view_if_needed()
    screenshot(page, "admin-rubric-problems")
    assert page.locator(f"#rubric-{CODE}-1").count() == 0


def test_a_valid_file_is_previewed_as_a_tree_then_published_once(site: Site, page: Any) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    site.login(page, "administrator")
    page.goto(site.url + "/admin/rubrics")
    assert_accessible(page)
    preview(page, "copy.yaml", copy_of_seed())
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("预览：服务对象100人以下村（社区）退役军人服务站")
    tree = page.get_by_role("region", name="评分表内容")
    assert tree.locator("tr.section").first.inner_text().split("\t")[:3] == [
        "（一）",
        "组织领导",
        "5",
    ]
    first_item = tree.locator("#item-1").get_by_role("cell").all_inner_texts()
    assert first_item[:4] == ["1", "村（社区）“两委”研究退役军人服务保障工作事项。", "1", "基本项"]
    assert "一票否决" in tree.locator("#item-61").inner_text()
    digest = page.locator("input[name=content_hash]").get_attribute("value")
    assert digest and digest in page.get_by_role("region", name="概要").inner_text()
    assert page.locator(f"#rubric-{CODE}-1").count() == 0  # nothing published yet
    assert_accessible(page)
    screenshot(page, "admin-rubric-preview")

    page.get_by_role("button", name="发布").click()
    page.wait_for_url("**/admin/rubrics?done=published*")
    assert "评分表已发布" in page.get_by_role("status").inner_text()
    row = page.locator(f"#rubric-{CODE}-1")
    assert row.locator("details code").first.text_content() == CODE
    assert row.locator("code.hash").get_attribute("title") == digest

    preview(page, "copy.yaml", copy_of_seed())
    assert "此前已按相同内容发布" in page.get_by_role("status").nth(1).inner_text()
    page.get_by_role("button", name="发布").click()
    assert "未重复发布" in page.get_by_role("status").inner_text()
    assert page.locator(f"#rubric-{CODE}-1").count() == 1

    changed = copy_of_seed().replace("pass_mark: 90\n", "pass_mark: 85\n", 1)
    preview(page, "changed.yaml", changed)
    assert f"{CODE} 第 1 版已经发布，且内容与此文件不同" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("button", name="发布").count() == 0
