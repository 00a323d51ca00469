"""Two provinces' units under two roots in one store: each one's readers see only their own
tree in lists, sheets and tables, and are refused the other's (no leak across trees)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from application.authorization import Action
from application.commands.assessments import OpenAssessment, SaveSheet
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.errors import PermissionDeniedError
from application.service import Kaohe
from application.view_ports import TableAsk
from domain.account import Role
from domain.ids import unit_id
from domain.levels import UnitLevel
from domain.workflow import Layer
from infra.projections.registry import Projections
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.integration.read_queries import account, read_queries
from tests.unit.application.conftest import full_sheet
from tests.unit.projections.activity import RUBRIC

TREES = {"A": "甲", "B": "乙"}
PERIOD = "2023Q2"


def plant(app: Kaohe, root: str, word: str) -> list[UUID]:
    """A small province: a city, two counties of two towns of three villages each; every
    village's sheet opened and filled."""
    app.setup(RegisterUnit(code=root, unit_name=f"{word}市", level=UnitLevel.CITY, parent=None))
    sheets = []
    for c in (1, 2):
        county = f"{root}-{c}"
        app.setup(
            RegisterUnit(code=county, unit_name=f"{word}县{c}", level=UnitLevel.COUNTY, parent=root)
        )
        for t in (1, 2):
            town = f"{county}-{t}"
            app.setup(
                RegisterUnit(
                    code=town, unit_name=f"{word}镇{c}{t}", level=UnitLevel.TOWN, parent=county
                )
            )
            for v in (1, 2, 3):
                village = f"{town}-{v}"
                name = f"{word}村{c}{t}{v}"
                app.setup(
                    RegisterUnit(code=village, unit_name=name, level=UnitLevel.VILLAGE, parent=town)
                )
                opened = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period=PERIOD)
                aid = app.setup(opened).id
                app.setup(
                    SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)), layer=Layer.SELF
                )
                sheets.append(aid)
    return sheets


def test_each_province_reads_its_own_tree_only(app: Kaohe, projections: Projections) -> None:
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    sheets = {root: plant(app, root, word) for root, word in TREES.items()}
    regulators = {root: account(app, f"reg-{root}", Role.CITY_REGULATOR, root) for root in TREES}
    projections.catch_up()
    queries = read_queries(app, projections)

    for root, other in (("A", "B"), ("B", "A")):
        who = regulators[root]
        reach = queries.access.reach(who, Action.READ_ASSESSMENTS, "assessments")
        listed = queries.sheets.under(reach, False, PERIOD)
        assert sorted(r.assessment_id for r in listed) == sorted(sheets[root])
        assert len(listed) == 12

        ask = TableAsk("scores", root, PERIOD, None, date(2023, 7, 1))
        text = repr([t.rows for t in queries.tables.tables(who, ask)])
        assert all(
            f"{TREES[root]}村{c}{t}{v}" in text for c in (1, 2) for t in (1, 2) for v in (1, 2, 3)
        )
        assert TREES[other] not in text

        with pytest.raises(PermissionDeniedError):
            queries.tables.tables(who, TableAsk("scores", other, PERIOD, None, date(2023, 7, 1)))
        with pytest.raises(PermissionDeniedError):
            queries.assessments.sheet(who, sheets[other][0])
        with pytest.raises(PermissionDeniedError):
            queries.access.check(who, Action.READ_ASSESSMENTS, "unit", unit_id(f"{other}-1-1"))
