"""An assessment's events exactly as version 1 of the entry events stored them: opened, two
self scores, submitted, a reviewer's first change to item 1 (4 → 3) and a second (3 → 2)."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.ids import assessment_id

ASSESSMENT = assessment_id(UUID(int=1), UUID(int=2), "2023Q2")
EVENTS = Path(__file__).with_name("assessment_v1.events")


def stored_v1_events() -> list[StoredEvent]:
    """Each line of the file is a topic and the payload as stored, with a tab between."""
    found = []
    for version, line in enumerate(EVENTS.read_text("utf-8").splitlines(), start=1):
        topic, _, state = line.partition("\t")
        found.append(StoredEvent(ASSESSMENT, version, topic, state.encode()))
    return found
