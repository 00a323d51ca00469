"""The risk report as a table through the read models on SQLite and PostgreSQL: towns then
stations ranked with their signals, reasons and events, per county under the unit asked for,
and exported by `kaohe export risk` as CSV, JSON or XLSX."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from domain.ids import unit_id
from domain.rubric import UnitLevel
from infra.errors import TableRequestError
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.rubric_files import BUILTIN_DIR, read_definition
from projections.spot_checks.reading import read_report
from projections.spot_checks.settings import RiskSettings
from projections.tables import Table
from tests.integration.spot_checks.conftest import PERIOD, RUBRIC, STATIONS, sheet
from web.cli import main


@pytest.fixture
def counties(app: Kaohe, projections: Projections) -> Kaohe:
    """C1 (towns T1, T2) and C2 (T3) of one city, with approved sheets but V8's."""
    for code, level, parent in (
        ("CITY", UnitLevel.CITY, None),
        ("C1", UnitLevel.COUNTY, "CITY"),
        ("C2", UnitLevel.COUNTY, "CITY"),
        ("T1", UnitLevel.TOWN, "C1"),
        ("T2", UnitLevel.TOWN, "C1"),
        ("T3", UnitLevel.TOWN, "C2"),
    ):
        app.setup(RegisterUnit(code=code, unit_name=f"{code}名", level=level, parent=parent))
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    for town, villages in STATIONS.items():
        for code in villages:
            app.setup(
                RegisterUnit(
                    code=code, unit_name=f"{code}社区", level=UnitLevel.VILLAGE, parent=town
                )
            )
            sheet(app, code, town, approve=code != "V8")
    projections.catch_up()
    return app


def risk(projections: Projections, unit: str, as_of: datetime | None = None) -> list[Table]:
    return read_tables(projections, TableRequest("risk", unit, PERIOD, as_of))


def test_the_table_ranks_towns_then_stations_as_the_report_does(
    projections: Projections, counties: Kaohe
) -> None:
    [table] = risk(projections, "C1")
    assert table.columns == (
        "层级",
        "排名",
        "乡镇",
        "站点",
        "风险分",
        "抽样权重",
        "信号",
        "依据",
        "事件",
    )
    assert table.context[0] == "县（区）：C1名" and table.context[1] == "期间：2023年第二季度"
    report = read_report(
        projections.scores(),
        projections.units(),
        unit_id("C1"),
        PERIOD,
        RiskSettings(),
        counties.store.history.max_position(),
    )
    towns = [r for r in table.rows if r[0] == "乡镇"]
    stations = [r for r in table.rows if r[0] == "站点"]
    assert {r[2] for r in towns} == {"T1名", "T2名"} and [r[3] for r in towns] == [None, None]
    assert [r[4] for r in towns] == [t.score for t in report.towns]
    assert [r[1] for r in stations] == list(range(1, len(report.stations) + 1))
    assert [r[4] for r in stations] == [s.score for s in report.stations]
    assert [r[5] for r in stations] == [s.weight for s in report.stations]
    flagged = [r for r in stations if r[6] and "全部满分" in str(r[6])]
    assert {r[3] for r in flagged} >= {"V3社区", "V6社区"}  # full marks on every item
    assert all(r[7] and r[8] for r in flagged)  # reasons and the events behind them
    assert all(f"全部满分：{r[3]}的评分表全部 57 个标准项均报满分" in str(r[7]) for r in flagged)
    assert all(r[4] > Decimal(0) for r in flagged)


def test_a_city_gives_one_table_per_county_and_a_period_is_needed(
    projections: Projections, counties: Kaohe
) -> None:
    tables = risk(projections, "CITY")
    assert [t.context[0] for t in tables] == ["县（区）：C1名", "县（区）：C2名"]
    assert risk(projections, "T1") == []  # no county under a town
    with pytest.raises(TableRequestError, match="the risk table is of one period"):
        read_tables(projections, TableRequest("risk", "C1"))
    future = datetime(2100, 1, 1, tzinfo=UTC)
    assert risk(projections, "C1", future)[0].rows == risk(projections, "C1")[0].rows


def test_kaohe_export_risk_writes_csv_json_and_xlsx(
    counties: Kaohe, cli: CliRunner, tmp_path: Path
) -> None:
    args = ["export", "risk", "--unit", "C1", "--period", PERIOD]
    as_json = cli.invoke(main, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["name"] == "risk" and data["columns"][1] == "排名"
    as_csv = cli.invoke(main, args)
    assert as_csv.exit_code == 0 and "全部满分：V3社区的评分表" in as_csv.stdout
    assert "all_maximum" not in as_csv.stdout
    target = tmp_path / "risk.xlsx"
    written = cli.invoke(main, [*args, "--format", "xlsx", "-o", str(target)])
    assert written.exit_code == 0, written.output
    sheet_rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert any(row and "站点" in row for row in sheet_rows)
    missing = cli.invoke(main, ["export", "risk", "--unit", "C1"])
    assert missing.exit_code == 1 and "of one period" in missing.output
