"""`kaohe rubric import FILE.xlsx` as an administrator runs it: the proposed file on stdout
(or in --output), what is left to settle on stderr, and a refusal naming the cell."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from infra.rubric_files import find_builtin_rubric, load_rubric_file
from tests.unit.infra.rubric_import.tables import seed_xlsx, sheet_of, xlsx_bytes
from web.cli import main

TITLE = "服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_writes_a_file_that_validates_and_lists_what_is_left(tmp_path: Path) -> None:
    table = tmp_path / "fengdu.xlsx"
    table.write_bytes(seed_xlsx("fengdu", TITLE, merged=(0,)))
    out = tmp_path / "fengdu.yaml"
    code, stdout, stderr = run(
        *("rubric", "import", str(table), "--code", "fengdu-village-station", "--version", "2"),
        *("--scored-level", "village", "--period", "quarter", "-o", str(out)),
    )
    assert code == 0, stderr
    assert stdout == ""
    assert "Sheet1!C60 … Sheet1!C61 (2): bonus tiers t1… are read from '加N分'" in stderr
    assert "code:" not in stderr and "period:" not in stderr  # given, so not placeholders
    rubric = load_rubric_file(out)
    fengdu = find_builtin_rubric("fengdu-village-station", 1)
    assert fengdu is not None
    assert (rubric.code, rubric.version, rubric.period.value) == (fengdu.code, 2, "quarter")
    assert [(i.number, i.max_points) for i in rubric.items()] == [
        (i.number, i.max_points) for i in fengdu.items()
    ]
    assert run("rubric", "validate", str(out))[0] == 0


def test_import_prints_the_proposal_with_the_list_as_comments_on_top(tmp_path: Path) -> None:
    table = tmp_path / "t.xlsx"
    table.write_bytes(seed_xlsx("zaozhuang", "枣庄市", merged=(0, 1)))
    code, stdout, _ = run("rubric", "import", str(table))
    assert code == 0
    assert stdout.startswith("# Proposed from a spreadsheet. To settle before publishing:\n")
    assert "# - code: 'imported-table' is a placeholder" in stdout
    assert "\nnodes:\n" in stdout


def test_import_refuses_a_table_with_words_for_points_naming_the_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [["序号", "工作标准", "分值"], [1, "一。", 2], [2, "二。", "五"]]
    table = tmp_path / "bad.xlsx"
    table.write_bytes(xlsx_bytes(sheet_of(rows, "评分表")))
    code, stdout, stderr = run("rubric", "import", str(table))
    assert code == 1
    assert stdout == ""
    assert "Sheet1!C4: 分值 '五' is not a number" in stderr
    assert "nothing was proposed" in stderr


def test_import_exits_1_when_the_proposal_would_be_refused_by_publishing(tmp_path: Path) -> None:
    rows: list[list[object]] = [["序号", "工作标准", "分值"], [1, "标准。", 2], [1, "又一条。", 3]]
    table = tmp_path / "twice.xlsx"
    table.write_bytes(xlsx_bytes(sheet_of(rows, "评分表")))
    code, stdout, stderr = run("rubric", "import", str(table))
    assert code == 1
    assert "nodes:" in stdout  # the proposal is still shown, to be mended
    assert "refused by publishing: node 1: item number '1' is used 2 times" in stderr
