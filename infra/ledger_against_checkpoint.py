"""Checking the store against a checkpoint kept elsewhere, naming every event that differs."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

from domain.merkle import root_of
from infra.checkpoints import CheckpointFile
from infra.errors import CheckpointRefusedError
from infra.ledger import LedgerProblem
from infra.ledger_log import LoggedEvent, logged_events
from infra.signed_note import VerifierKey, signed_by


@dataclass(frozen=True)
class CheckpointReport:
    """The store compared with a kept checkpoint: the tree sizes and each event that differs."""

    tree_size: int
    store_size: int
    problems: list[LedgerProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "tree_size": self.tree_size,
            "store_size": self.store_size,
            "problems": [problem.to_json() for problem in self.problems],
        }


def verify_against_checkpoint(
    recorder: ApplicationRecorder, kept: CheckpointFile, key: VerifierKey
) -> CheckpointReport:
    """The store's first `size` leaves must hash to the kept root (then the store only grew
    since); otherwise each event is compared with the kept file's leaves."""
    if signed_by(kept.note, key) is None:
        msg = f"the checkpoint is not signed by {key.name} (key {key.key_id.hex()})"
        raise CheckpointRefusedError(msg)
    checkpoint = kept.checkpoint
    events = list(logged_events(recorder))
    size = checkpoint.size
    if len(events) >= size and root_of([e.leaf for e in events[:size]]) == checkpoint.root:
        return CheckpointReport(size, len(events))
    if not kept.leaves:
        raise CheckpointRefusedError(
            f"the store's first {size} events do not hash to the checkpoint's root, and the "
            "checkpoint file lists no leaves to name them by"
        )
    if root_of([bytes.fromhex(h) for _, _, h in kept.leaves]) != checkpoint.root:
        raise CheckpointRefusedError("the file's leaves do not hash to its signed root")
    return CheckpointReport(size, len(events), _differences(kept, events))


def _differences(kept: CheckpointFile, events: list[LoggedEvent]) -> list[LedgerProblem]:
    stored = {(str(e.aggregate_id), e.version): e for e in events}
    problems: list[LedgerProblem] = []
    for index, (aggregate, version, leaf) in enumerate(kept.leaves):
        event = stored.get((aggregate, version))
        if event is None:
            why = f"in the checkpoint (leaf {index}) but missing from the store"
        elif event.leaf.hex() != leaf:
            why = f"differs from the event the checkpoint holds (leaf {index})"
        else:
            continue
        problems.append(LedgerProblem(UUID(aggregate), version, why))
    held = {(aggregate, version) for aggregate, version, _ in kept.leaves}
    for event in events:
        if (
            event.position <= kept.log_position
            and (str(event.aggregate_id), event.version) not in held
        ):
            why = f"stored at log position {event.position}, before the checkpoint, but not in it"
            problems.append(LedgerProblem(event.aggregate_id, event.version, why))
    if not problems:  # same events, other order: name the first that moved
        for index, (kept_leaf, event) in enumerate(zip(kept.leaves, events, strict=False)):
            if kept_leaf[2] != event.leaf.hex():
                why = f"stored out of the checkpoint's order (leaf {index} there)"
                problems.append(LedgerProblem(event.aggregate_id, event.version, why))
                break
    return problems
