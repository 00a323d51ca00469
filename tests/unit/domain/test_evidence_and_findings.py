"""Evidence and findings are values on the sheet; their events keep the shape they were
always stored in, so sheets recorded before read back the same."""

from __future__ import annotations

from typing import Any

from application.store import EventStore
from domain.assessment import Assessment
from domain.evidence import Evidence, Finding
from tests.unit.domain.test_assessment import HASH, RUBRIC, approved, stamp


def found_on_a_checked_sheet() -> Assessment:
    a = approved()
    a.attach_evidence(stamp("county", 5), RUBRIC, " 照片.jpg ", 10, HASH.upper(), "1")
    a.record_finding(stamp("county", 6), RUBRIC, "falsification", ["1"], [HASH], "台账造假")
    return a


def test_the_sheet_holds_its_evidence_and_findings_as_values() -> None:
    a = found_on_a_checked_sheet()
    assert a.evidence == [Evidence(item="1", name="照片.jpg", size=10, sha256=HASH)]
    assert a.findings == [Finding("falsification", ("1",), (HASH,), "台账造假", "county")]


def test_the_events_keep_their_stored_payload() -> None:
    a = found_on_a_checked_sheet()
    attached, found = a.pending_events[-2:]
    assert (attached.item, attached.name, attached.size, attached.sha256) == (
        *("1", "照片.jpg"),
        *(10, HASH),
    )
    assert (found.finding, found.items, found.evidence) == ("falsification", ["1"], [HASH])


def test_a_sheet_read_back_from_the_store_has_the_same_values() -> None:
    a = found_on_a_checked_sheet()
    mapper = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    stored = [mapper.to_stored_event(e) for e in a.pending_events]
    state = mapper.transcoder.decode(stored[-1].state)
    assert (state["finding"], state["items"], state["evidence"]) == ("falsification", ["1"], [HASH])
    folded: Any = None
    for event in (mapper.to_domain_event(s) for s in stored):
        folded = event.mutate(folded)
    assert (folded.evidence, folded.findings) == (a.evidence, a.findings)


def test_their_plain_data_is_what_the_api_has_always_shown() -> None:
    a = found_on_a_checked_sheet()
    assert [e.to_data() for e in a.evidence] == [
        {"item": "1", "name": "照片.jpg", "size": 10, "sha256": HASH}
    ]
    assert [f.to_data() for f in a.findings] == [
        {
            "finding": "falsification",
            "items": ["1"],
            "evidence": [HASH],
            "note": "台账造假",
            "by": "county",
        }
    ]
