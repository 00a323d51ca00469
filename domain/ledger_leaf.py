"""What one leaf of the transparency log commits to: one stored event, byte for byte."""

from __future__ import annotations

import hashlib
from uuid import UUID

LEAF_FORMAT = b"kaohe-event/v1\n"
"""Names the encoding, so a later one can never be mistaken for this one."""


def event_leaf(aggregate_id: UUID, version: int, topic: str, state: bytes) -> bytes:
    """The leaf data of a stored event: format line, aggregate id, version and topic, one a
    line, then the SHA-256 of the stored payload bytes.

    The stored payload holds the event's own hash and its predecessor's, so the leaf commits
    to the payload and the chain; hashing the bytes as stored (not a re-encoding) lets a
    verifier without this code base check a leaf with nothing but SHA-256."""
    if "\n" in topic or version < 1:
        msg = f"an event has a one-line topic and a version ≥ 1, got {topic!r} v{version}"
        raise ValueError(msg)
    head = f"{aggregate_id}\n{version}\n{topic}\n".encode()
    return LEAF_FORMAT + head + hashlib.sha256(state).digest()
