"""Every table download states the log position and signed checkpoint it was computed at,
and `kaohe ledger verify-export` recomputes it from the ledger: an edited cell is named."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from application.store import EventStore
from tests.integration.web.world import World, build_world
from web.app import projections_of
from web.cli import main

QUARTER = "2023Q2"


@pytest.fixture
def world(
    store: EventStore, store_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> World:
    for name in ("KAOHE_DATABASE_URL", "KAOHE_POSTGRES_SCHEMA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    w = build_world(store, tmp_path / "evidence")
    w.assessment("V1", QUARTER, "approved")
    w.assessment("V2", QUARTER, "submitted")
    projections_of(w.app).catch_up()
    return w


def download(w: World, table: str, fmt: str, path: Path) -> Path:
    response = w.client.get(
        f"/api/v1/tables/{table}",
        headers=w.login("regulator"),
        query_string={"unit": "CITY", "period": QUARTER, "format": fmt},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    path.write_bytes(response.data)
    return path


def verify(path: Path) -> Result:
    return CliRunner().invoke(main, ["ledger", "verify-export", str(path)])


def test_an_xlsx_download_is_stamped_and_verifies_until_a_cell_is_edited(
    world: World, tmp_path: Path
) -> None:
    path = download(world, "quarterly", "xlsx", tmp_path / "q2.xlsx")
    sheet = load_workbook(path).worksheets[0]
    lines = [str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0]]
    assert any(line.startswith("数据截至日志第 ") and "；检查点 树大小 " in line for line in lines)

    passed = verify(path)
    assert passed.exit_code == 0, passed.output
    assert "export verified: quarterly" in passed.output

    book = load_workbook(path)
    cell = next(c for row in book.worksheets[0].iter_rows() for c in row if c.value == 100)
    cell.value = 98
    book.save(path)
    failed = verify(path)

    assert failed.exit_code == 1
    assert "export NOT verified" in failed.output
    assert "table 1, row 1, column " in failed.output
    assert "the file has '98', the ledger gives '100'" in failed.output


def test_a_csv_download_is_stamped_and_verifies_until_a_cell_is_edited(
    world: World, tmp_path: Path
) -> None:
    path = download(world, "scores", "csv", tmp_path / "scores.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "数据截至日志第 " in text

    passed = verify(path)
    assert passed.exit_code == 0, passed.output

    title = "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表"
    row = f"V1,V1 单位,{title},1,2023年第二季度,已验收,100,"
    assert row in text
    path.write_text(text.replace(row, row[:-4] + "98,"), encoding="utf-8-sig")
    failed = verify(path)

    assert failed.exit_code == 1
    assert "table 1, row 1, column 总分: the file has '98', the ledger gives '100'" in failed.output
    assert "the file's rows do not hash to the stamp's rows hash" in failed.output


def test_a_download_stays_verifiable_after_the_ledger_grows(world: World, tmp_path: Path) -> None:
    path = download(world, "quarterly", "csv", tmp_path / "q2.csv")
    world.assessment("V2", "2023Q3", "approved")  # later events change the live views
    projections_of(world.app).catch_up()

    result = verify(path)

    assert result.exit_code == 0, result.output


def test_the_table_page_states_its_log_position_and_folds_the_hashes(world: World) -> None:
    page = world.client.get(
        "/tables/quarterly",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "period": QUARTER},
    ).get_data(as_text=True)

    assert "数据截至日志第 " in page and "；检查点 树大小 " in page
    assert "<summary>技术信息</summary>" in page and "根哈希" in page


def last_position_of(store: EventStore, aid: UUID) -> int:
    """The notification id of the aggregate's last event, read from the log itself."""
    found = [
        n.id
        for n in store.recorder.select_notifications(start=1, limit=1_000_000)
        if str(n.originator_id) == str(aid)
    ]
    return found[-1]


def test_the_sheet_page_states_its_last_events_position_and_folds_the_hashes(
    world: World, store: EventStore
) -> None:
    aid = world.assessment("V1", "2023Q3", "submitted")
    position = last_position_of(store, aid)
    world.assessment("V2", "2023Q3", "approved")  # the log grows past the sheet

    page = world.client.get(f"/assessments/{aid}", headers=world.login("regulator"))
    text = page.get_data(as_text=True)

    assert page.status_code == 200, text
    assert f"数据截至日志第 {position} 条（本表最后一次变动）；检查点 树大小 " in text
    shown, folded = text.split("<summary>技术信息</summary>")
    assert "根哈希" in folded and str(aid) in folded
    last_hash = world.kaohe.assessments.get(aid).last_hash
    assert last_hash in folded and last_hash not in shown


def test_a_csv_of_several_tables_titles_each_and_still_verifies(
    world: World, tmp_path: Path
) -> None:
    world.assessment("V9", QUARTER, "approved")
    projections_of(world.app).catch_up()
    path = tmp_path / "all.csv"
    command = ["export", "quarterly", "--period", QUARTER, "-o", str(path)]
    exported = CliRunner().invoke(main, command)
    assert exported.exit_code == 0, exported.output
    text = path.read_text(encoding="utf-8-sig")
    blocks = [block.splitlines() for block in text.split("\n\n")]
    assert len(blocks) == 3  # two tables, then the stamp
    for block, unit in zip(blocks, ("CITY", "CITY9"), strict=False):
        assert block[0].startswith("服务对象") and f"填报单位：{unit} 单位" in block[0]
        assert block[1].startswith("序号,")

    result = verify(path)

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_with_rates_verifies(world: World, tmp_path: Path, fmt: str) -> None:
    """Rates are written as the page writes them (50.0% in a CSV, 0.5 shown as 0.0% in a
    workbook) and still read back to the ledger's figures."""
    path = download(world, "compliance", fmt, tmp_path / f"compliance.{fmt}")
    if fmt == "csv":
        assert "%," in path.read_text(encoding="utf-8-sig")
    else:
        cells = [c for row in load_workbook(path).worksheets[0].iter_rows() for c in row]
        assert any(c.number_format == "0.0%" and isinstance(c.value, float) for c in cells)
    passed = verify(path)
    assert passed.exit_code == 0, passed.output
