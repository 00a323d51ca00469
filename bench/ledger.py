"""Benchmark 7: the transparency log's cost, on synthetic leaves in memory.

Checkpoint cost per 1,000 events: each event's leaf (`event_leaf`, which hashes its stored
bytes), its RFC 6962 leaf hash and its append to the tree's frontier, then the root and an
Ed25519 signature, against the baseline of one plain SHA-256 over the same leaf bytes (header
and stored bytes) per event, in the same run, rounds alternating. Reading the events from the
store is left out: it is the same for both. The payloads are synthetic, 700 bytes each, like a
stored item change.

At 1,000,000 leaves (synthetic: SHA-256 of the index, not events): the size of an inclusion
proof and of a consistency proof (from half the tree), the time to make them from the leaf
list, and the time to verify them, against one SHA-256 of 64 bytes in the same run.

    .venv/bin/python -m bench.ledger [--leaves 1000000] [--rounds 30]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID, uuid5

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.harness import header, median, quartiles
from domain.checkpoint import Checkpoint
from domain.ledger_leaf import LEAF_FORMAT, event_leaf
from domain.merkle import (
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)
from domain.merkle_frontier import Frontier
from infra.signed_note import sign_line

TOPIC = "domain.assessment_events:EntryChanged"
NAMESPACE = UUID("6f1c1b57-0000-4000-8000-000000000000")
Event = tuple[UUID, int, bytes]


def events(count: int) -> list[Event]:
    state = b'{"hash":"' + b"a" * 64 + b'","prev_hash":"' + b"b" * 64 + b'","x":"'
    return [
        (uuid5(NAMESPACE, str(i // 50)), i % 50 + 1, state + b"c" * (700 - len(state)))
        for i in range(count)
    ]


def checkpoint(batch: list[Event], key: Ed25519PrivateKey) -> None:
    frontier = Frontier()
    for aggregate, version, state in batch:
        frontier.append(leaf_hash(event_leaf(aggregate, version, TOPIC, state)))
    body = Checkpoint("bench/log", frontier.size, frontier.root(), datetime.now(UTC)).body()
    sign_line(key, "bench/log", body)


def plain(batch: list[Event]) -> None:
    for aggregate, version, state in batch:
        hashlib.sha256(LEAF_FORMAT + f"{aggregate}\n{version}\n{TOPIC}\n".encode() + state)


def timed(call: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def row(name: str, samples: list[float], unit: float, base: float, label: str) -> str:
    low, high = quartiles(samples)
    m = median(samples)
    return (
        f"| {name} | {m / unit:.3f} [{low / unit:.3f}–{high / unit:.3f}] | {m / base:.1f} {label} |"
    )


def checkpoint_table(rounds: int) -> list[str]:
    batch, key = events(1000), Ed25519PrivateKey.generate()
    ours: list[float] = []
    base: list[float] = []
    for turn in range(rounds):  # A B, then B A
        pair = [(ours, lambda: checkpoint(batch, key)), (base, lambda: plain(batch))]
        for samples, call in pair if turn % 2 == 0 else pair[::-1]:
            samples.extend(timed(call, 1))
    b = median(base)
    return [
        "| per 1,000 events | median ms [IQR] | ÷ plain SHA-256 |",
        "|---|---|---|",
        row("plain SHA-256 of each leaf's bytes (baseline)", base, 1e-3, b, "×"),
        row("leaves, tree, root and signature", ours, 1e-3, b, "×"),
    ]


def proofs_table(size: int, rounds: int) -> list[str]:
    leaves = [leaf_hash(i.to_bytes(8, "big")) for i in range(size)]
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    root, half = frontier.root(), size // 2
    old = Frontier()
    for leaf in leaves[:half]:
        old.append(leaf)
    index = size * 2 // 3 + 7
    start = time.perf_counter()
    inclusion = inclusion_proof(leaves, index)
    made_inclusion = time.perf_counter() - start
    start = time.perf_counter()
    consistency = consistency_proof(leaves, half)
    made_consistency = time.perf_counter() - start
    old_root = old.root()
    assert verify_inclusion(leaves[index], index, size, inclusion, root)
    assert verify_consistency(half, size, old_root, root, consistency)
    sha = timed(lambda: hashlib.sha256(b"\x01" + root + root).digest(), rounds * 100)
    check_in = timed(
        lambda: verify_inclusion(leaves[index], index, size, inclusion, root), rounds * 100
    )
    check_co = timed(
        lambda: verify_consistency(half, size, old_root, root, consistency), rounds * 100
    )
    b = median(sha)
    return [
        f"Proofs in a tree of {size:,} synthetic leaves (made from the leaf list: "
        f"inclusion {made_inclusion:.2f} s, consistency {made_consistency:.2f} s):",
        "",
        f"* inclusion proof of leaf {index:,}: {len(inclusion)} hashes, "
        f"{32 * len(inclusion)} bytes ({64 * len(inclusion)} as hex in a bundle)",
        f"* consistency proof {half:,} → {size:,}: {len(consistency)} hashes, "
        f"{32 * len(consistency)} bytes",
        "",
        "| to verify | median µs [IQR] | ÷ one SHA-256 of 64 bytes |",
        "|---|---|---|",
        row("one SHA-256 of 64 bytes (baseline)", sha, 1e-6, b, "×"),
        row("an inclusion proof", check_in, 1e-6, b, "×"),
        row("a consistency proof", check_co, 1e-6, b, "×"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    lines = [header("The transparency log", "in memory", "bench.ledger")]
    lines += checkpoint_table(args.rounds)
    lines += ["", *proofs_table(args.leaves, args.rounds)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
