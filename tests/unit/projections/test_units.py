"""The units read model: fed the events of a real quarter, it holds what the aggregates hold."""

from __future__ import annotations

from datetime import date

from application.service import Kaohe
from domain.ids import unit_id
from projections.units import Units, parent_on, subtree
from tests.unit.projections.activity import Quarter
from tests.unit.projections.fakes import InMemoryUnits, feed


def built(app: Kaohe) -> InMemoryUnits:
    view = InMemoryUnits()
    feed(app.store, Units(), view)
    return view


def test_each_unit_row_matches_its_aggregate(memory_app: Kaohe, quarter: Quarter) -> None:
    view = built(memory_app)
    assert len(view.units) == 7
    for row in view.units.values():
        unit = memory_app.units.get_by_id(row.unit_id)
        assert (row.code, row.name, row.level, row.parent_id) == (
            unit.code,
            unit.name,
            unit.level.value,
            unit.parent_id,
        )
        assert (row.contact, row.phone, row.closed, row.version) == (
            unit.contact,
            unit.phone,
            unit.closed,
            unit.version,
        )
    assert view.units[unit_id("T1")].name == "东街道"
    assert view.units[unit_id("V3")].closed
    assert view.units[unit_id("V1")].phone == "13800000000"


def test_the_parent_history_keeps_the_parent_before_a_move(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    history = built(memory_app).parent_history(unit_id("V2"))
    assert [(link.effective_from, link.parent_id) for link in history] == [
        ("", unit_id("T1")),
        ("2023-07-01", unit_id("T2")),
    ]
    v2 = memory_app.units.get("V2")
    for day in (date(2023, 6, 30), date(2023, 7, 1), date(2024, 1, 1)):
        assert parent_on(history, day) == v2.parent_on(day)


def test_a_subtree_follows_the_hierarchy_in_force_on_the_day(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    view = built(memory_app)
    t1, t2 = unit_id("T1"), unit_id("T2")
    assert subtree(view, t1, date(2023, 6, 30)) == {t1, unit_id("V1"), unit_id("V2")}
    assert subtree(view, t1) == {t1, unit_id("V1")}
    assert subtree(view, t2) == {t2, unit_id("V2"), unit_id("V3")}
    assert len(subtree(view, unit_id("CITY"))) == 7
    assert subtree(view, unit_id("V1")) == {unit_id("V1")}


def test_processing_the_same_events_again_gives_the_same_rows(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    first, second = built(memory_app), built(memory_app)
    assert first == second


def test_only_unit_events_are_decoded(memory_app: Kaohe, quarter: Quarter) -> None:
    processor = Units()
    topics = {n.topic for n in memory_app.store.recorder.select_notifications(1, 10_000)}
    handled = {t for t in topics if processor.handles(t)}
    assert handled == {t for t in topics if t.startswith("domain.unit:Unit.")}
    assert len(handled) == 5
