"""The rectification item: opened from a finding, answered by the unit, closed or reopened."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.audit import Stamp
from domain.errors import DomainError, FieldError
from domain.evidence import Evidence
from domain.rectification import (
    Owner,
    Rectification,
    Source,
    Status,
    rectification_id,
)

AT = datetime(2023, 7, 10, 2, tzinfo=UTC)
COUNTY = Stamp("auditor", "county_auditor", "C1", AT, "req")
STATION = Stamp("staff", "station_staff", "V1", AT + timedelta(days=3), "req2")
FINDING = Source.finding(UUID(int=1), UUID(int=2))
FILE = Evidence(None, "整改照片.jpg", 10, "a" * 64)


def opened(deadline: date = date(2023, 7, 31)) -> Rectification:
    owner = Owner(role="station_staff")
    return Rectification.open(
        COUNTY, FINDING, UUID(int=3), "2023Q2", "补签任命文件", owner, deadline
    )


def test_one_item_per_source() -> None:
    assert opened().id == rectification_id(FINDING) == opened(date(2023, 8, 1)).id
    assert rectification_id(Source.signal("s-1")) != rectification_id(FINDING)


def test_report_then_close_is_the_whole_cycle() -> None:
    r = opened()
    r.report(STATION, "已重新任命并公示", [FILE])
    assert r.status is Status.REPORTED
    assert r.reports[0].evidence == (FILE,) and r.reports[0].by == "staff"
    r.close(COUNTY, "现场复查，已整改到位")
    assert r.status is Status.CLOSED
    assert [type(e).__name__ for e in r.collect_events()] == ["Opened", "Reported", "Closed"]
    assert [(s.kind, s.text, s.actor_id) for s in r.history] == [
        ("Opened", "补签任命文件", "auditor"),
        ("Reported", "已重新任命并公示", "staff"),
        ("Closed", "现场复查，已整改到位", "auditor"),
    ]


def test_reopen_sends_it_back_with_a_reason_and_a_new_deadline() -> None:
    r = opened()
    r.report(STATION, "已整改", [])
    r.reopen(COUNTY, "公示照片不清晰", date(2023, 8, 15))
    assert (r.status, r.deadline) == (Status.OPEN, date(2023, 8, 15))
    r.report(STATION, "已重新公示", [FILE])
    assert r.status is Status.REPORTED


def test_refusals_change_nothing() -> None:
    r = opened()
    with pytest.raises(FieldError, match="reported"):
        r.close(COUNTY, "ok")
    r.report(STATION, "x", [])
    with pytest.raises(FieldError, match="why it goes back"):
        r.reopen(COUNTY, "  ", None)
    assert r.status is Status.REPORTED
    r.close(COUNTY, "复查通过")
    with pytest.raises(FieldError, match="closed"):
        r.report(STATION, "再报", [])
    assert r.status is Status.CLOSED


def test_open_needs_a_problem_an_owner_and_a_deadline_not_past() -> None:
    with pytest.raises(FieldError, match="before today"):
        opened(date(2023, 7, 9))
    with pytest.raises(FieldError, match="owner"):
        Owner()
    with pytest.raises(DomainError, match="signal"):
        Source.signal("  ")
    with pytest.raises(FieldError, match="fixed"):
        Rectification.open(COUNTY, FINDING, UUID(int=3), "2023Q2", " ", Owner(role="x"), AT.date())


@given(st.integers(min_value=-40, max_value=40), st.sampled_from(["open", "reported", "closed"]))
def test_overdue_only_after_the_deadline_day_and_never_when_closed(days: int, end: str) -> None:
    r = opened()
    if end != "open":
        r.report(STATION, "已整改", [])
    if end == "closed":
        r.close(COUNTY, "通过")
    today = r.deadline + timedelta(days=days)
    assert r.overdue(today) == (days > 0 and end != "closed")


def test_source_round_trips_through_its_stored_data() -> None:
    for source in (FINDING, Source.signal("risk-7")):
        assert Source.from_data(source.to_data()) == source
