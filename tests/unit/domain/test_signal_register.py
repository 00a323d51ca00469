"""The register of a county's signals: however often and in whatever order reports raise
them, each signal is recorded once; a replay gives back what was recorded and disposed."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.audit import Stamp
from domain.errors import FieldError
from domain.signal_register import Disposition, RaisedSignal, SignalRegister

AUDITOR = Stamp("auditor", "county_auditor", "C1", datetime(2023, 7, 4, tzinfo=UTC), "req")
COUNTY = UUID(int=1)
SHEETS = [str(UUID(int=n)) for n in (7, 8, 9)]
A, B, C = SHEETS

signals = st.builds(
    RaisedSignal,
    kind=st.sampled_from(["fill_time", "all_maximum", "near_identical"]),
    subject=st.just("assessment"),
    subject_id=st.sampled_from(["a", "b"]),
    explanation=st.text(min_size=1, max_size=5),
    assessments=st.lists(st.sampled_from(SHEETS), max_size=2, unique=True).map(tuple),
)


@given(st.lists(st.lists(signals, max_size=6), max_size=4))
def test_each_signal_is_recorded_once_whatever_the_runs(runs: list[list[RaisedSignal]]) -> None:
    register = SignalRegister.open(AUDITOR, COUNTY, "2023Q2")
    for position, raised in enumerate(runs):
        register.record(AUDITOR, raised, position, {"version": 1})
    keys = {s.key for run in runs for s in run}
    assert set(register.signals) == keys
    recorded = [
        e for e in register.collect_events() if isinstance(e, SignalRegister.SignalRecorded)
    ]
    assert len(recorded) == len(keys)


def test_the_key_ignores_wording_figures_and_the_order_of_sheets() -> None:
    one = RaisedSignal("near_identical", "assessment", "a", "甲", (A, B), {"share": "1"})
    two = RaisedSignal("near_identical", "assessment", "a", "乙", (B, A), {"share": "0.9"})
    other = RaisedSignal("near_identical", "assessment", "a", "甲", (A, C))
    assert one.key == two.key != other.key


def test_a_replay_gives_back_the_signals_and_their_latest_disposition() -> None:
    register = SignalRegister.open(AUDITOR, COUNTY, "2023Q2")
    raised = RaisedSignal("fill_time", "assessment", "a", "两分钟填完", (A,))
    register.record(AUDITOR, [raised], 7, {})
    register.dispose(AUDITOR, raised.key, "dismissed", "提前备好台账")
    register.dispose(AUDITOR, raised.key, "rectify", "复查属实")
    events = register.collect_events()
    replayed = None
    for event in events:
        replayed = event.mutate(replayed)
    assert isinstance(replayed, SignalRegister)
    shown = replayed.signals[raised.key]
    assert shown.signal == raised and shown.position == 7
    assert shown.disposition is Disposition.RECTIFY and shown.reason == "复查属实"
    assert [s.key for s in replayed.sent_to_rectification()] == [raised.key]


def test_a_signal_naming_no_sheet_id_or_no_kind_is_refused_and_nothing_recorded() -> None:
    register = SignalRegister.open(AUDITOR, COUNTY, "2023Q2")
    with pytest.raises(FieldError, match="not an assessment id"):
        register.record(
            AUDITOR, [RaisedSignal("fill_time", "assessment", "x", "说明", ("x",))], 1, {}
        )
    with pytest.raises(FieldError, match="kind"):
        register.record(AUDITOR, [RaisedSignal(" ", "assessment", "x", "说明")], 1, {})
    assert register.signals == {}
