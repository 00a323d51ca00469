"""The ledger verifier: recompute every aggregate's hash chain from the stored rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification, Transcoder

from application.store import EventStore
from domain.audit import GENESIS, event_hash
from infra.persistence.event_index import EventIndex, IndexedVersions


@dataclass(frozen=True)
class LedgerProblem:
    """One stored event (or missing one) that breaks its aggregate's chain."""

    aggregate_id: UUID
    version: int
    problem: str

    def to_json(self) -> dict[str, object]:
        return {
            "aggregate_id": str(self.aggregate_id),
            "version": self.version,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class LedgerReport:
    """What the verifier read and every problem it found, in log order."""

    count: int
    aggregates: int
    problems: list[LedgerProblem]
    index_checked: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "count": self.count,
            "aggregates": self.aggregates,
            "index_checked": self.index_checked,
            "problems": [problem.to_json() for problem in self.problems],
        }


def verify_ledger(store: EventStore, batch: int = 1000) -> LedgerReport:
    """Stream every stored event in notification order and check each aggregate's chain:
    versions run 1, 2, 3…; each `prev_hash` is the stored `hash` of the event before
    (GENESIS for version 1); each `hash` is `event_hash` of the stored row.

    Only the last (version, hash) of each aggregate is kept in memory. The chain alone
    cannot show a row deleted from the END of a chain (the rest still links up), nor a
    row appended with a recomputed hash. So each aggregate's last version is also compared
    with the timestamp index, which the recorder writes in the same transaction (one row
    per stored event): an index row without its event, or an event without its index
    row, is reported. Both tables are read up to the same notification id, so events
    saved while the verifier runs are left for the next run."""
    index = store.recorder if isinstance(store.recorder, EventIndex) else None
    upto = max(store.recorder.max_notification_id() or 0, index.index_position() if index else 0)
    chains = Chains(store.mapper.transcoder)
    for notification in _notifications(store.recorder, upto, batch):
        chains.check(notification)
    if index is not None:
        chains.cross_check(index.indexed_versions(upto))
    return LedgerReport(chains.count, len(chains.last), chains.problems, index is not None)


def _notifications(recorder: ApplicationRecorder, upto: int, batch: int) -> Iterator[Notification]:
    start = 0
    while start < upto:
        page = recorder.select_notifications(start, batch, stop=upto, inclusive_of_start=False)
        if not page:
            return
        yield from page
        start = page[-1].id


@dataclass
class Chains:
    """The head of every aggregate's chain seen so far, and the problems found."""

    transcoder: Transcoder
    last: dict[UUID, tuple[int, str | None]] = field(default_factory=dict)
    problems: list[LedgerProblem] = field(default_factory=list)
    count: int = 0

    def check(self, notification: Notification) -> None:
        self.count += 1
        aggregate_id = UUID(str(notification.originator_id))
        version = notification.originator_version
        head_version, head_hash = self.last.get(aggregate_id, (0, GENESIS))
        if version <= head_version:
            self._add(aggregate_id, version, f"stored again or out of order after {head_version}")
            return
        if version > head_version + 1:
            missing = _versions(head_version + 1, version - 1)
            self._add(aggregate_id, head_version + 1, f"{missing} missing before {version}")
            head_hash = None  # the link to a missing event cannot be checked
        state = self._decode(aggregate_id, version, notification.state)
        stored_hash = None if state is None else state.get("hash")
        self.last[aggregate_id] = (version, stored_hash if isinstance(stored_hash, str) else None)
        if state is not None:
            self._check_link(aggregate_id, version, state.get("prev_hash"), head_hash)
            recomputed = event_hash(aggregate_id, version, notification.topic, state)
            if stored_hash != recomputed:
                why = (
                    f"hash {stored_hash} does not match the stored event (recomputed {recomputed})"
                )
                self._add(aggregate_id, version, why)

    def _check_link(
        self, aggregate_id: UUID, version: int, prev_hash: object, head_hash: str | None
    ) -> None:
        if head_hash is None or prev_hash == head_hash:
            return
        before = "GENESIS" if version == 1 else f"the stored hash of version {version - 1}"
        self._add(aggregate_id, version, f"prev_hash {prev_hash} is not {before} ({head_hash})")

    def cross_check(self, indexed: dict[UUID, IndexedVersions]) -> None:
        """Compare each chain's last version with the timestamp index."""
        ids = list(self.last) + sorted(set(indexed) - set(self.last), key=str)
        for aggregate_id in ids:
            chain_last = self.last.get(aggregate_id, (0, None))[0]
            index = indexed.get(aggregate_id, IndexedVersions(0, 0))
            if index.last > chain_last:
                missing = _versions(chain_last + 1, index.last)
                why = "in the timestamp index but missing from the events table (deleted?)"
                self._add(aggregate_id, chain_last + 1, f"{missing} {why}")
            elif index.last < chain_last:
                extra = _versions(index.last + 1, chain_last)
                why = "stored without a timestamp-index row (written outside the event store?)"
                self._add(aggregate_id, index.last + 1, f"{extra} {why}")
            if index.rows > index.last:
                why = f"the timestamp index has {index.rows} rows for versions 1–{index.last}"
                self._add(aggregate_id, index.last, why)

    def _decode(self, aggregate_id: UUID, version: int, raw: bytes) -> dict[str, Any] | None:
        try:
            state = self.transcoder.decode(raw)
        except (ValueError, TypeError, KeyError) as error:
            self._add(aggregate_id, version, f"the stored payload cannot be decoded: {error}")
            return None
        if not isinstance(state, dict):
            self._add(aggregate_id, version, "the stored payload is not a JSON object")
            return None
        return state

    def _add(self, aggregate_id: UUID, version: int, problem: str) -> None:
        self.problems.append(LedgerProblem(aggregate_id, version, problem))


def _versions(first: int, last: int) -> str:
    return f"version {first}" if first == last else f"versions {first}–{last}"
