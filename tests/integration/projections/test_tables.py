"""The tables through the read models on SQLite and PostgreSQL: now, as of a moment, and
exported by `kaohe export` (figures of the quarter are explained in test_from_a_real_quarter).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from application.commands.assessments import Approve, OpenAssessment, SaveSheet, Submit
from application.commands.rubrics import PublishRubric
from application.service import Kaohe
from domain.china_time import in_words
from infra.errors import TableRequestError
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.rubric_files import BUILTIN_DIR, read_definition
from projections.audit_trail import AuditQuery
from tests.unit.application.conftest import TOWN, VILLAGE, by, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, Quarter, a_quarter, hierarchy
from web.cli import main

NOW = ("待验收（已抽查复核）（验收后有改动）", Decimal("97.5"))
"""V1 was approved, re-scored by the county and reopened: its figures changed since."""


@pytest.fixture
def quarter(app: Kaohe, projections: Projections) -> Quarter:
    found = a_quarter(app)
    projections.catch_up()
    return found


def moment_of(projections: Projections, quarter: Quarter, event: str) -> datetime:
    rows = projections.audit_trail(AuditQuery(assessment_id=quarter.finalized, limit=500)).rows
    return next(r.occurred_at for r in reversed(rows) if r.event_name == event)


def t1_quarterly(
    projections: Projections, as_of: datetime | None = None
) -> list[tuple[object, ...]]:
    tables = read_tables(projections, TableRequest("quarterly", "T1", "2023Q2", as_of))
    assert len(tables) == 1
    return [(row[5], row[2]) for row in tables[0].rows]


def test_the_quarterly_table_now_and_as_of_earlier_moments(
    projections: Projections, quarter: Quarter
) -> None:
    assert t1_quarterly(projections) == [NOW, ("未提交", "未提交")]
    approved = moment_of(projections, quarter, "Assessment.Approved")
    assert t1_quarterly(projections, approved)[0] == ("合格", Decimal("98.5"))
    opened = moment_of(projections, quarter, "Assessment.Opened")
    assert t1_quarterly(projections, opened - timedelta(seconds=1)) == []
    future = datetime(2100, 1, 1, tzinfo=UTC)
    assert t1_quarterly(projections, future) == t1_quarterly(projections)


def test_as_of_names_the_moment_and_the_log_position(
    projections: Projections, quarter: Quarter
) -> None:
    approved = moment_of(projections, quarter, "Assessment.Approved")
    table = read_tables(projections, TableRequest("scores", as_of=approved))[0]
    position = projections.position_at(approved)
    assert table.context[-1] == f"数据截至：{in_words(approved)}（日志位置 {position}）"


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (TableRequest("grades"), "no table 'grades'; the tables are scores, quarterly"),
        (TableRequest("quarterly", "NOPE"), "no unit with code 'NOPE'"),
        (TableRequest("quarterly", period="2023Q5"), "period '2023Q5' is not a real period"),
        (TableRequest("scores", period="0000"), "period '0000' is not a real.*2000–2099"),
        (TableRequest("tasks", period="9999Q4"), "period '9999Q4' is not a real.*2000–2099"),
        (TableRequest("tasks"), "no published rubric defines what the tasks table needs"),
    ],
)
def test_a_request_that_does_not_fit_is_refused_clearly(
    projections: Projections, quarter: Quarter, request_: TableRequest, message: str
) -> None:
    with pytest.raises(TableRequestError, match=message):
        read_tables(projections, request_)


def test_export_writes_the_same_table_as_csv_json_and_xlsx(
    quarter: Quarter, cli: CliRunner, tmp_path: Path
) -> None:
    args = ["export", "quarterly", "--unit", "T1", "--period", "2023Q2"]
    as_json = cli.invoke(main, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    table = json.loads(as_json.stdout)
    assert table["columns"] == ["序号", "退役军人服务站名称", "得分", "联系人", "联系电话", "备注"]
    assert table["rows"][0] == [1, "东街社区", "97.5", "王五", "13800000000", NOW[0]]

    as_csv = cli.invoke(main, [*args, "--format", "csv"])
    lines = io.StringIO(as_csv.stdout).read().splitlines()
    assert lines[1] == f"1,东街社区,97.5,王五,13800000000,{NOW[0]}"

    target = tmp_path / "t1.xlsx"
    written = cli.invoke(main, [*args, "--format", "xlsx", "-o", str(target)])
    assert written.exit_code == 0, written.output
    sheet = openpyxl.load_workbook(target).worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True) if row[0] is not None]
    header = values.index(tuple(table["columns"]))
    assert [text(row) for row in values[header + 1 : header + 3]] == [
        text(row) for row in table["rows"]
    ]


def text(row: Sequence[object]) -> list[str]:
    """Cells as text; an empty cell reads back from a workbook as None."""
    return ["" if cell is None else str(cell) for cell in row]


def test_export_refuses_what_it_cannot_write(quarter: Quarter, cli: CliRunner) -> None:
    binary = cli.invoke(main, ["export", "scores", "--format", "xlsx"])
    assert binary.exit_code == 2 and "name a file with -o" in binary.output
    unknown = cli.invoke(main, ["export", "quarterly", "--unit", "NOPE"])
    assert unknown.exit_code == 1 and "no unit with code 'NOPE'" in unknown.output
    when = cli.invoke(main, ["export", "scores", "--as-of", "yesterday"])
    assert when.exit_code == 2 and "is not an ISO time" in when.output


def test_a_sheets_history_names_each_event_up_to_a_moment(
    projections: Projections, quarter: Quarter
) -> None:
    approved = projections.position_at(moment_of(projections, quarter, "Assessment.Approved"))
    reader = projections.scores()
    then = reader.histories([quarter.finalized], as_of=approved)[quarter.finalized]
    assert then[0].event == "Opened" and then[-1].event == "Approved"
    assert [c.event for c in then].count("Submitted") == 2
    assert "EvidenceAttached" in [c.event for c in then]
    now = reader.histories([quarter.finalized])[quarter.finalized]
    assert [c.event for c in now][-3:] == ["ItemScored", "Finalized", "Reopened"]


def test_compliance_counts_a_station_passed_earlier_in_the_year(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q1")
    q1 = send(app, by(VILLAGE), opening).id
    send(app, by(VILLAGE), SaveSheet(assessment_id=q1, entries=full_sheet(app, q1)))
    send(app, by(VILLAGE), Submit(assessment_id=q1))
    send(app, by(TOWN), Approve(assessment_id=q1))
    projections.catch_up()
    (q2,) = read_tables(projections, TableRequest("compliance", "T1", "2023Q2"))
    total = dict(zip(q2.columns, q2.rows[-1], strict=True))
    assert (total["服务站数"], total["已验收"], total["达标数"]) == (2, 0, 0)
    assert (total["累计达标数"], total["累计达标率(%)"]) == (1, Decimal(50))
