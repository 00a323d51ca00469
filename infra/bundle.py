"""A self-contained bundle of aggregates' events (one sheet, or every sheet of a unit's subtree
for a period) with their proofs into one signed checkpoint."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

from domain.ledger_leaf import event_leaf
from domain.merkle import inclusion_proof, leaf_hash
from infra.checkpoints import CheckpointFile
from infra.signed_note import VerifierKey

BUNDLE_FORMAT = "kaohe-bundle/v1"


def make_bundle(
    recorder: ApplicationRecorder,
    aggregate_ids: Collection[UUID],
    kept: CheckpointFile,
    keys: list[VerifierKey],
    subject: Mapping[str, str],
) -> dict[str, object]:
    """Every event of the aggregates in the checkpoint's tree, each with its stored bytes as
    text and its inclusion proof; the (cosigned) note; the keys' fingerprints to compare;
    what was asked for and the chains it holds, which kaohe-verify checks are all whole."""
    wanted = frozenset(aggregate_ids)
    leaves: list[bytes] = []
    events: list[dict[str, object]] = []
    start = 0
    while page := recorder.select_notifications(
        start, 1000, stop=kept.log_position, inclusive_of_start=False
    ):
        for n in page:
            aggregate = UUID(str(n.originator_id))
            state = bytes(n.state)
            leaves.append(leaf_hash(event_leaf(aggregate, n.originator_version, n.topic, state)))
            if aggregate in wanted:
                events.append({"index": len(leaves) - 1, "aggregate_id": str(aggregate),
                               "version": n.originator_version, "topic": n.topic,
                               "state": state.decode("utf-8")})  # fmt: skip
        start = page[-1].id
    for event in events:
        event["proof"] = [h.hex() for h in inclusion_proof(leaves, int(str(event["index"])))]
    return {
        "format": BUNDLE_FORMAT,
        "note": kept.note,
        "tree_size": len(leaves),
        "key_fingerprints": {
            key.name: hashlib.sha256(key.text().encode()).hexdigest() for key in keys
        },
        "subject": dict(subject),
        "chains": sorted({str(event["aggregate_id"]) for event in events}),
        "events": events,
    }
