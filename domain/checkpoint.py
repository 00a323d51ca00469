"""A transparency-log checkpoint (C2SP tlog-checkpoint): origin, tree size, root hash, time."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.errors import CheckpointError


@dataclass(frozen=True)
class Checkpoint:
    """The log's state at one moment: the first `size` events hash to `root`.

    `time` is an extension line (seconds since the epoch, UTC) so a reader sees when the
    log made it; cosigners make no statement about it."""

    origin: str
    size: int
    root: bytes
    time: datetime

    def __post_init__(self) -> None:
        if not self.origin or any(c.isspace() or c == "+" for c in self.origin):
            msg = f"a log origin is one word without spaces or '+', got {self.origin!r}"
            raise CheckpointError(msg)
        if self.size < 0 or len(self.root) != 32:
            msg = f"a checkpoint has a size ≥ 0 and a 32-byte root, got {self.size}"
            raise CheckpointError(msg)
        if self.time.tzinfo is None:
            raise CheckpointError("a checkpoint's time must be timezone-aware")

    def body(self) -> str:
        root = base64.b64encode(self.root).decode()
        return f"{self.origin}\n{self.size}\n{root}\ntime {int(self.time.timestamp())}\n"

    @classmethod
    def parse(cls, body: str) -> Checkpoint:
        """The checkpoint of a note body (the text before the signatures)."""
        lines = body.split("\n")
        if len(lines) < 5 or lines[-1] != "":
            msg = "a checkpoint body is origin, size, root and time lines, each ending in \\n"
            raise CheckpointError(msg)
        origin, size, root, time = lines[:4]
        if not size.isdigit() or (size != "0" and size.startswith("0")):
            raise CheckpointError(f"line 2 must be the tree size in decimal, got {size!r}")
        try:
            root_bytes = base64.b64decode(root, validate=True)
        except binascii.Error:
            raise CheckpointError(f"line 3 must be the root hash in base64, got {root!r}") from None
        seconds = time.removeprefix("time ")
        if not time.startswith("time ") or not seconds.isdigit():
            raise CheckpointError(f"line 4 must be 'time <seconds>', got {time!r}")
        at = datetime.fromtimestamp(int(seconds), UTC)
        return cls(origin, int(size), root_bytes, at)
