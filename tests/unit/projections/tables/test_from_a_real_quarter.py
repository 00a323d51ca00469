"""The quarterly table from the events of a real quarter, through the units and scores views.

V1 was scored, returned, approved, spot-checked, finalized and reopened (so it awaits review
again): full marks less 0.5 (item 1, self), 1 (item 2, review) and 1 (item 3, verification)
= 97.5. V2 holds a draft scoring item 1 at 1 point, and moved to T2 on 2023-07-01: it still
rolls up to T1 (since renamed 东街道) for 2023Q2."""

from datetime import date
from decimal import Decimal

from application.service import Kaohe
from domain.ids import unit_id
from infra.rubric_files import find_builtin_rubric
from projections.scores import Scores
from projections.tables.hierarchy import hierarchy_on
from projections.tables.periods import last_day_of
from projections.tables.quarterly import quarterly_table
from projections.units import Units
from tests.unit.projections.activity import Quarter
from tests.unit.projections.fakes import InMemoryScores, InMemoryUnits, feed

REMARKS = "待验收（已抽查复核）（验收后有改动）"


def test_the_towns_table_for_the_quarter(memory_app: Kaohe, quarter: Quarter) -> None:
    units, scores = InMemoryUnits(), InMemoryScores()
    feed(memory_app.store, Units(), units)
    feed(memory_app.store, Scores(), scores)
    rows = [row for aid in scores.heads if (row := scores.sheet(aid)) is not None]
    rubric = find_builtin_rubric("fengdu-village-station", 1)
    assert rubric is not None
    table = quarterly_table(
        rubric, "2023Q2", unit_id("T1"), rows, hierarchy_on(units, last_day_of("2023Q2"))
    )
    assert table.context[0] == "填报单位：东街道"
    assert table.rows == (
        # Approved, then re-scored by the county's spot check, then reopened.
        (1, "东街社区", Decimal("97.5"), "王五", "13800000000", REMARKS),
        (2, "西街社区", "未提交", "", "", "未提交"),  # a draft shows no score
    )
    later = hierarchy_on(units, date(2023, 9, 30))
    assert unit_id("V2") not in later.subtree(unit_id("T1"))
