"""The units read model: fed the events of a real quarter, it holds what the aggregates hold."""

from __future__ import annotations

from datetime import date, datetime

from application.service import Kaohe
from domain.audit import Stamp
from domain.china_time import china_day
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.unit import Unit
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


def test_rows_carry_the_days_of_registration_and_of_each_change(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    view = built(memory_app)
    for row in view.history:
        unit = memory_app.units.get_by_id(row.unit_id)
        assert row.registered_on == china_day(unit.created_on).isoformat()
        assert row.registered_on <= row.changed_on
    renamed = memory_app.units.get("T1")
    assert view.units[unit_id("T1")].changed_on == china_day(renamed.modified_on).isoformat()


def stamp(day: str) -> Stamp:
    """16:30 UTC is half past midnight the next day in China."""
    at = datetime.fromisoformat(f"{day}T16:30:00+00:00")
    return Stamp("admin", "administrator", "", at, "test")


def test_units_on_a_day_show_the_name_and_closing_of_that_day_in_china() -> None:
    city = Unit.register(stamp("2023-01-01"), "CITY", "长治市", UnitLevel.CITY, None)
    county = Unit.register(stamp("2023-01-01"), "C1", "潞州区", UnitLevel.COUNTY, city)
    county.rename(stamp("2026-03-01"), "潞州新区")
    county.close(stamp("2027-01-01"), "撤并")
    late = Unit.register(stamp("2026-03-01"), "C2", "新区", UnitLevel.COUNTY, city)
    view = InMemoryUnits()
    events = [*city.collect_events(), *county.collect_events(), *late.collect_events()]
    for position, event in enumerate(events, start=1):
        Units().process(event, position, view)

    def on(day: str) -> dict[str, tuple[str, bool, str]]:
        return {u.code: (u.name, u.closed, u.registered_on) for u in view.units_on(day)}

    assert on("2026-03-01")["C1"] == ("潞州区", False, "2023-01-02")
    assert on("2026-03-02")["C1"] == ("潞州新区", False, "2023-01-02")
    assert on("2027-01-02")["C1"] == ("潞州新区", True, "2023-01-02")
    assert on("2023-06-30")["C2"] == ("新区", False, "2026-03-02")
