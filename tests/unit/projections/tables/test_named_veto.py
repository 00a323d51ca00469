"""A sheet disqualified for falsification (seed 002 v2: item 61 condition 4, named 弄虚作假)
shows under that name in every table, not under condition 4's printed words alone."""

from datetime import date
from decimal import Decimal

from domain.ids import unit_id
from projections.tables.compliance import compliance_table
from projections.tables.quarterly import quarterly_table
from projections.tables.scores import scores_table
from tests.unit.projections.tables.builders import builtin, full_marks, hierarchy, sheet, unit

FENGDU = builtin("fengdu-village-station", 2)
UNITS = (
    unit("C", "丰都县", "county"),
    unit("T1", "三合街道", "town", "C"),
    unit("V1", "双路村", "village", "T1"),
    unit("V2", "滨江社区", "village", "T1"),
)
Q2 = hierarchy(date(2023, 6, 30), *UNITS)
FULL = full_marks(FENGDU)
FALSIFIED = {"61": {"raised": ["4"], "named": {"4": "弄虚作假"}}}
SHEETS = [
    sheet(FENGDU, "V1", "2023Q2", review=FULL, verification=FALSIFIED),
    sheet(FENGDU, "V2", "2023Q2", review={**FULL, "61": {"raised": ["4"]}}),
]


def test_the_quarterly_acceptance_table_says_disqualified_for_falsification() -> None:
    t = quarterly_table(FENGDU, "2023Q2", unit_id("T1"), SHEETS, Q2)
    assert t.column("备注") == ("一票否决（弄虚作假）（已抽查复核）", "一票否决")
    assert t.column("得分") == (Decimal(100), Decimal(100))


def test_the_scores_table_gives_the_result_under_its_name() -> None:
    units = {u.unit_id: u for u in UNITS}
    t = scores_table(SHEETS, units, {}, {})
    assert [r[7] for r in t.rows] == ["一票否决（弄虚作假）", "一票否决"]


def test_the_compliance_table_counts_no_pass_and_names_the_disqualified_station() -> None:
    t = compliance_table(FENGDU, "2023Q2", unit_id("C"), SHEETS, Q2)
    assert t.rows[-1][:4] == ("合计", 2, 2, 0)
    assert "一票否决（弄虚作假），不计达标：双路村" in t.context
    assert not [line for line in t.context if "滨江社区" in line]
