"""Making signed checkpoints of the event log, and the file a regulator keeps of one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eventsourcing.persistence import ApplicationRecorder

from domain.checkpoint import Checkpoint
from domain.merkle_frontier import Frontier
from infra.ledger_keys import SigningKey
from infra.ledger_log import logged_events
from infra.persistence.checkpoint_table import CheckpointRow, CheckpointTable
from infra.signed_note import sign_line, split_note

FILE_FORMAT = "kaohe-checkpoint/v1"


def make_checkpoint(recorder: ApplicationRecorder, key: SigningKey, now: datetime) -> CheckpointRow:
    """Sign and store a checkpoint of every event stored so far (the latest one again when
    nothing was stored since). Only the events after the last checkpoint are read."""
    table = CheckpointTable(recorder)
    last = table.latest()
    upto = recorder.max_notification_id() or 0
    if last is not None and last.log_position >= upto:
        return last
    frontier = Frontier() if last is None else Frontier(last.frontier.size, [*last.frontier.nodes])
    position = 0 if last is None else last.log_position
    for event in logged_events(recorder, after=position, upto=upto):
        frontier.append(event.leaf)
        position = event.position
    body = Checkpoint(key.name, frontier.size, frontier.root(), now).body()
    note = f"{body}\n{sign_line(key.private, key.name, body)}\n"
    table.insert(CheckpointRow(frontier.size, position, note, frontier))
    stored = table.latest()
    assert stored is not None  # inserted just now, or by a process that was faster
    return stored


@dataclass(frozen=True)
class CheckpointFile:
    """What `kaohe ledger checkpoint -o FILE` writes: the signed note (the only part that is
    trusted), the log position of its last event, and each leaf (aggregate, version, leaf
    hash), so a later check can name every event that changed, vanished or appeared."""

    note: str
    log_position: int
    leaves: list[tuple[str, int, str]]

    @property
    def checkpoint(self) -> Checkpoint:
        return Checkpoint.parse(split_note(self.note)[0])

    def to_json(self, log_key: str) -> dict[str, object]:
        checkpoint = self.checkpoint
        return {
            "format": FILE_FORMAT,
            "note": self.note,
            "tree_size": checkpoint.size,
            "root_hash": checkpoint.root.hex(),
            "time": checkpoint.time.isoformat(),
            "log_position": self.log_position,
            "log_key": log_key,
            "leaves": [list(leaf) for leaf in self.leaves],
        }

    @classmethod
    def read(cls, path: Path) -> CheckpointFile:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"cannot read the checkpoint file {path}: {error}") from None
        if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
            raise ValueError(f"{path} is not a checkpoint file (format {FILE_FORMAT})")
        leaves = [(str(a), int(v), str(h)) for a, v, h in data.get("leaves", [])]
        return cls(str(data["note"]), int(data["log_position"]), leaves)


def checkpoint_file(recorder: ApplicationRecorder, row: CheckpointRow) -> CheckpointFile:
    leaves = [
        (str(e.aggregate_id), e.version, e.leaf.hex())
        for e in logged_events(recorder, upto=row.log_position)
    ]
    return CheckpointFile(row.note, row.log_position, leaves)
