"""The audit trail's old value of an entry change is what counted for the item, up to the
changed layer, just before the change, with the layer it came from; changes stored before
they recorded it get the same value from the sheet's history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eventsourcing.persistence import StoredEvent
from hypothesis import given, settings
from hypothesis import strategies as st

from application.store import EventStore
from domain.assessment import Assessment
from domain.assessment_events import EntryChanged
from domain.entries import ItemEntry
from domain.workflow import PRECEDENCE, Layer, Status
from projections.audit_trail import AuditRow, AuditTrail
from tests.unit.domain.test_assessment import RUBRIC, filled, stamp
from tests.unit.projections.fakes import InMemoryAuditTrail
from tests.unit.stored_v1 import stored_v1_events

MAPPER = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper


def trail(events: list[Any]) -> list[AuditRow]:
    view = InMemoryAuditTrail()
    for position, event in enumerate(events, start=1):
        AuditTrail().process(event, position, view)
    return view.added


def as_stored_by_version_1(event: Any) -> Any:
    """The event read back as if stored before entry changes recorded what counted."""
    stored = MAPPER.to_stored_event(event)
    state = MAPPER.transcoder.decode(stored.state)
    state.pop("counted", None)
    state.pop("class_version", None)
    encoded = MAPPER.transcoder.encode(state)
    return MAPPER.to_domain_event(
        StoredEvent(stored.originator_id, stored.originator_version, stored.topic, encoded)
    )


def test_changes_stored_as_version_1_show_what_counted_before_them() -> None:
    rows = trail([MAPPER.to_domain_event(s) for s in stored_v1_events()])
    changes = [(r.item, r.layer, r.old_layer, r.old, r.new) for r in rows if r.item]
    assert changes == [
        ("1", "self", None, None, '{"points":"4"}'),
        ("2", "self", None, None, '{"points":"5"}'),
        ("1", "review", "self", '{"points":"4"}', '{"points":"3"}'),
        ("1", "review", "review", '{"points":"3"}', '{"points":"2"}'),
    ]
    assert all("counted" not in (r.detail or "") for r in rows)


# A step: the layer, the item and its points (None: the entry emptied, above the self layer,
# which must stay scored to be submitted).
steps = st.lists(
    st.tuples(
        st.sampled_from(list(Layer)),
        st.sampled_from(["1", "2"]),
        st.none() | st.integers(0, 4),
    ),
    max_size=12,
)


def open_layer(a: Assessment, layer: Layer) -> None:
    """Move the workflow to where `layer` may change, the way its people would."""
    wanted = {Layer.SELF: Status.RETURNED, Layer.REVIEW: Status.SUBMITTED}
    target = wanted.get(layer, Status.APPROVED)
    if a.status in (Status.DRAFT, Status.RETURNED) and layer is Layer.SELF:
        return
    if a.status is Status.APPROVED and target is not Status.APPROVED:
        a.finalize(stamp("county"))
        a.reopen(stamp("city"), "复核发现问题")
    if a.status in (Status.DRAFT, Status.RETURNED):
        a.submit(stamp(), RUBRIC)
    if a.status is Status.SUBMITTED and target is Status.RETURNED:
        a.return_to_unit(stamp("town"), RUBRIC, "请修改", ["1"])
    if a.status is Status.SUBMITTED and target is Status.APPROVED:
        a.approve(stamp("town"))


def counted_just_before(
    layers: dict[str, dict[str, Any]], item: str, layer: str
) -> tuple[str | None, Any]:
    for below in PRECEDENCE[PRECEDENCE.index(Layer(layer)) :]:
        if item in layers[below.value]:
            return below.value, layers[below.value][item]
    return None, None


@settings(max_examples=60, deadline=None)
@given(steps)
def test_the_old_value_is_always_what_counted_just_before(
    sequence: list[tuple[Layer, str, int | None]],
) -> None:
    a = filled()
    for layer, item, points in sequence:
        open_layer(a, layer)
        empty = points is None and layer is not Layer.SELF
        entry = ItemEntry() if empty else ItemEntry(points=Decimal(points or 0))
        a.score_item(stamp("county"), RUBRIC, item, layer, entry, "核实")
    events = list(a.collect_events())
    layers: dict[str, dict[str, Any]] = {la.value: {} for la in Layer}
    expected = []
    for event in events:
        if isinstance(event, EntryChanged):
            layer, old = counted_just_before(layers, event.item, event.layer)
            expected.append((layer, None if old is None else MAPPER.transcoder.encode(old)))
            layers[event.layer][event.item] = event.entry
    for read in (events, [as_stored_by_version_1(e) for e in events]):
        rows = [r for r in trail(read) if r.item]
        shown = [(r.old_layer, None if r.old is None else r.old.encode()) for r in rows]
        assert shown == expected
