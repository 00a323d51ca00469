"""The hierarchy on a day, read from the units view: a move takes effect on its day."""

from datetime import date
from uuid import UUID

from domain.ids import unit_id
from projections.tables.hierarchy import Hierarchy, hierarchy_on
from projections.units import ParentLink
from tests.unit.projections.fakes import InMemoryUnits
from tests.unit.projections.tables.builders import hierarchy, unit

UNITS = (
    unit("C", "丰都县", "county"),
    unit("T1", "三合街道", "town", "C"),
    unit("T2", "名山街道", "town", "C"),
    unit("V1", "双路村", "village", "T1"),
)


def view() -> InMemoryUnits:
    units = InMemoryUnits()
    for row in UNITS:
        units.put_unit(row)
        units.add_parent(ParentLink(row.unit_id, 1, "", row.parent_id, 1))
    units.add_parent(ParentLink(unit_id("V1"), 2, "2023-07-15", unit_id("T2"), 2))
    return units


def test_a_move_counts_from_its_effective_day() -> None:
    before = hierarchy_on(view(), date(2023, 6, 30))
    after = hierarchy_on(view(), date(2023, 9, 30))
    assert before.parents[unit_id("V1")] == unit_id("T1")
    assert after.parents[unit_id("V1")] == unit_id("T2")
    assert unit_id("V1") in before.subtree(unit_id("T1"))
    assert unit_id("V1") not in after.subtree(unit_id("T1"))
    assert after.units[unit_id("V1")].name == "双路村"


def test_children_come_in_code_order_and_sort_keys_in_tree_order() -> None:
    h = hierarchy(date(2023, 6, 30), *reversed(UNITS))
    assert h.children(unit_id("C")) == (unit_id("T1"), unit_id("T2"))
    assert h.sort_key(unit_id("V1")) == ("C", "T1", "V1")


def test_the_county_of_a_unit_is_itself_or_its_county_ancestor() -> None:
    h = hierarchy(date(2023, 6, 30), *UNITS)
    for code in ("C", "T1", "V1"):
        county = h.county_of(unit_id(code))
        assert county is not None
        assert county.name == "丰都县"


def test_a_cycle_in_bad_data_does_not_hang() -> None:
    a, b = UUID(int=1), UUID(int=2)
    h = Hierarchy(date(2023, 6, 30), {}, {a: b, b: a})
    assert h.lineage(a) == (a, b)
    assert h.county_of(a) is None
    assert h.name(a) == str(a)
