"""What an entry change records: the layer's own previous entry, and what counted for the
item up to that layer just before (the self score a reviewer's first change overrode)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from application.store import EventStore
from domain.assessment import Assessment
from domain.assessment_events import NOT_RECORDED
from domain.audit import event_hash
from domain.entries import ItemEntry
from domain.workflow import Layer
from tests.unit.domain.builders import item, rubric
from tests.unit.domain.test_assessment import RUBRIC, filled, stamp, submitted
from tests.unit.stored_v1 import stored_v1_events

RUBRIC_OF_V1 = rubric([item("1", "4"), item("2", "6")], pass_mark="6")
"""The rubric the version 1 events were scored against."""


def entry(points: str) -> ItemEntry:
    return ItemEntry(points=Decimal(points))


def last_change(a: Assessment) -> tuple[Any, Any, Any]:
    event = a.pending_events[-1]
    return event.previous, event.counted, event.entry


def test_a_first_entry_records_that_nothing_counted_before() -> None:
    a = filled()
    first = a.pending_events[1]
    assert (first.previous, first.counted) == (None, None)


def test_a_revision_in_the_same_layer_records_its_own_entry_as_what_counted() -> None:
    a = filled()
    a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("3"))
    assert last_change(a) == (
        {"points": "4"},
        {"layer": "self", "entry": {"points": "4"}},
        {"points": "3"},
    )


def test_a_reviewers_first_change_records_the_self_score_it_overrode() -> None:
    a = submitted()
    a.score_item(stamp("town"), RUBRIC, "1", Layer.REVIEW, entry("3"), "台账不全")
    assert last_change(a) == (
        None,
        {"layer": "self", "entry": {"points": "4"}},
        {"points": "3"},
    )


def test_a_verification_records_the_review_score_that_counted_above_the_self_one() -> None:
    a = submitted()
    a.score_item(stamp("town"), RUBRIC, "2", Layer.REVIEW, entry("4"), "缺台账")
    a.approve(stamp("town"))
    a.score_item(stamp("county"), RUBRIC, "2", Layer.VERIFICATION, entry("2"), "抽查不符")
    assert last_change(a)[1] == {"layer": "review", "entry": {"points": "4"}}
    a.score_item(stamp("county"), RUBRIC, "1", Layer.VERIFICATION, entry("1"), "抽查不符")
    assert last_change(a)[1] == {"layer": "self", "entry": {"points": "4"}}


def test_a_self_change_below_a_review_records_what_counted_in_the_self_layer() -> None:
    a = submitted()
    a.score_item(stamp("town"), RUBRIC, "1", Layer.REVIEW, entry("3"), "台账不全")
    a.return_to_unit(stamp("town"), RUBRIC, "请补台账", ["1"])
    a.score_item(stamp(), RUBRIC, "1", Layer.SELF, entry("2"))
    assert last_change(a)[1] == {"layer": "self", "entry": {"points": "4"}}


def test_a_change_stored_as_version_1_reads_back_marked_as_not_recording_what_counted() -> None:
    mapper = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    events = [mapper.to_domain_event(s) for s in stored_v1_events()]
    first_review = events[4]
    assert (first_review.layer, first_review.entry) == ("review", {"points": "3"})
    assert (first_review.previous, first_review.counted) == (None, dict(NOT_RECORDED))
    folded: Any = None
    for event in events:
        folded = event.mutate(folded)
    assert folded.layers["review"] == {"1": {"points": "2"}}
    assert folded.scorecard(RUBRIC_OF_V1).total == Decimal(7)


def test_a_change_stored_as_version_1_still_verifies_against_its_hash() -> None:
    transcoder = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper.transcoder
    for stored in stored_v1_events():
        state = transcoder.decode(stored.state)
        assert "counted" not in state and "class_version" not in state
        topic, version = stored.topic, stored.originator_version
        assert event_hash(stored.originator_id, version, topic, state) == state["hash"]
