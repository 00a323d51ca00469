"""Changzhi's annex 2 through the read models and `kaohe export`, on SQLite and PostgreSQL:
加分减分 is bonus − deductions, and special points stand in their own column."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import openpyxl
import pytest
from click.testing import CliRunner

from application.actor import Actor
from application.commands.assessments import Approve, OpenAssessment, SaveSheet, Submit
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.rules import Kind
from domain.workflow import Layer
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.rubric_files import builtin_rubric_paths, read_definition
from tests.unit.application.conftest import by
from tests.unit.application.sending import send
from web.cli import main

RUBRIC = "changzhi-county-centre"
CENTRE = Actor(UUID(int=21), Role.STATION_STAFF, unit_id("C1"))
CITY = Actor(UUID(int=22), Role.CITY_REGULATOR, unit_id("CITY"))
SPECIAL = {"66": 9, "67": 2, "68": 3, "69": 2}
HEADER = ["县(市、区)", "服务(中心)站名称", "组织领导", "机构建设", "能力建设", "政治文化"]
COLUMNS = [*HEADER, "服务保障", "加分减分", "特别考核项", "总分", "考核结果"]
ROW = ["潞州区", "潞州区", "31", "23", "4", "13", "29", "0", "16", "116", "已验收"]


@pytest.fixture
def county_year(app: Kaohe, projections: Projections) -> None:
    """Both published versions of the table; a county with full marks, no bonus and no
    deduction, and 16 special points, approved on version 2."""
    app.setup(RegisterUnit(code="CITY", unit_name="长治市", level=UnitLevel.CITY, parent=None))
    app.setup(RegisterUnit(code="C1", unit_name="潞州区", level=UnitLevel.COUNTY, parent="CITY"))
    for path in builtin_rubric_paths():
        if path.name.startswith(RUBRIC):
            app.setup(PublishRubric(definition=read_definition(path)))
    a = app.assessments
    opening = OpenAssessment(unit="C1", rubric=RUBRIC, version=2, period="2023")
    aid = send(app, by(CENTRE), opening).id
    rubric = a.rubric_of(a.get(aid))
    entries = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind is Kind.STANDARD and i.max_points
    }
    entries.update({n: ItemEntry(points=Decimal(p)) for n, p in SPECIAL.items()})
    send(app, by(CENTRE), SaveSheet(assessment_id=aid, entries=entries), Layer.SELF)
    send(app, by(CENTRE), Submit(assessment_id=aid))
    send(app, by(CITY), Approve(assessment_id=aid))
    projections.catch_up()


def test_special_points_have_their_own_column_and_stay_out_of_bonus_minus_deductions(
    county_year: None, projections: Projections
) -> None:
    (table,) = read_tables(projections, TableRequest("county-summary", "CITY", "2023"))
    assert list(table.columns) == COLUMNS
    assert [str(cell) for cell in table.rows[0]] == ROW


def test_csv_json_and_xlsx_show_the_same_columns(
    county_year: None, cli: CliRunner, tmp_path: Path
) -> None:
    args = ["export", "county-summary", "--unit", "CITY", "--period", "2023"]
    as_json = json.loads(cli.invoke(main, [*args, "--format", "json"]).stdout)
    assert (as_json["columns"], [str(c) for c in as_json["rows"][0]]) == (COLUMNS, ROW)
    lines = io.StringIO(cli.invoke(main, [*args, "--format", "csv"]).stdout).read().splitlines()
    assert lines[0:2] == [",".join(COLUMNS), ",".join(ROW)]
    target = tmp_path / "annex2.xlsx"
    assert cli.invoke(main, [*args, "--format", "xlsx", "-o", str(target)]).exit_code == 0
    cells = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    header = cells.index(tuple(COLUMNS))
    assert [str(c) for c in cells[header + 1]] == ROW
