"""A witness's cosignature: given only after the new checkpoint proves consistent with the last."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from domain.checkpoint import Checkpoint
from domain.merkle import verify_consistency
from infra.errors import WitnessRefusedError
from infra.ledger_keys import SigningKey
from infra.signed_note import VerifierKey, sign_line, signed_by, split_note


@dataclass(frozen=True)
class ConsistencyProof:
    """The hashes that show the tree of `old_size` leaves is a prefix of the one of `new_size`."""

    old_size: int
    new_size: int
    hashes: list[bytes]

    def to_json(self) -> dict[str, object]:
        return {
            "old_size": self.old_size,
            "new_size": self.new_size,
            "proof": [h.hex() for h in self.hashes],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ConsistencyProof:
        hashes = data.get("proof")
        if not isinstance(hashes, list):
            raise WitnessRefusedError("a consistency proof file has old_size, new_size and proof")
        return cls(int(str(data["old_size"])), int(str(data["new_size"])),
                   [bytes.fromhex(str(h)) for h in hashes])  # fmt: skip


def cosign(
    note: str,
    log_key: VerifierKey,
    witness: SigningKey,
    state: Path,
    proof: ConsistencyProof | None,
) -> str:
    """The note with the witness's cosignature added, and `state` moved on to it; refused
    (nothing written) unless the log signed it and it extends the last note cosigned."""
    if signed_by(note, log_key) is None:
        raise WitnessRefusedError(f"the checkpoint is not signed by the log key {log_key.name}")
    body, lines = split_note(note)
    new = Checkpoint.parse(body)
    if state.exists():
        old = Checkpoint.parse(json.loads(state.read_text(encoding="utf-8"))["body"])
        _check_extends(old, new, proof)
    stamp = int(time.time())
    line = sign_line(witness.private, witness.name, body, timestamp=stamp)
    state.write_text(json.dumps({"body": body}) + "\n", encoding="utf-8")
    return body + "\n" + "".join(f"{sig}\n" for sig in [*lines, line])


def _check_extends(old: Checkpoint, new: Checkpoint, proof: ConsistencyProof | None) -> None:
    if old.origin != new.origin:
        raise WitnessRefusedError(f"this witness cosigns {old.origin}, not {new.origin}")
    if new.size < old.size:
        raise WitnessRefusedError(
            f"the log shrank: {new.size} events after {old.size} were cosigned (truncated?)"
        )
    if new.size == old.size:
        if new.root != old.root:
            raise WitnessRefusedError(f"a second root for tree size {new.size}: a forked log")
        return
    if proof is None or (proof.old_size, proof.new_size) != (old.size, new.size):
        raise WitnessRefusedError(
            f"a consistency proof from size {old.size} to {new.size} is needed "
            f"(kaohe ledger consistency --from {old.size} on the log's server)"
        )
    if not verify_consistency(old.size, new.size, old.root, new.root, proof.hashes):
        raise WitnessRefusedError(
            f"the checkpoint of {new.size} events is not consistent with the one of "
            f"{old.size} cosigned before: history was rewritten or forked"
        )
