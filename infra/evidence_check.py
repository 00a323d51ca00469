"""Re-hashing every evidence file: its content must still hash to the sha256 it is filed under."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EvidenceReport:
    """How many evidence files were read and each one whose content no longer matches."""

    count: int = 0
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"count": self.count, "problems": self.problems}


def verify_evidence(root: Path) -> EvidenceReport:
    """Events record each file by its SHA-256 and the file is stored under that name, so a
    file whose bytes were overwritten no longer hashes to its own name."""
    if not root.is_dir():
        return EvidenceReport()
    count, problems = 0, []
    for path in sorted(root.glob("??/*")):
        if path.suffix == ".part":  # a write in progress, renamed once complete
            continue
        count += 1
        actual = _sha256(path)
        if path.name != actual or path.parent.name != path.name[:2]:
            problems.append(
                f"evidence file {path.name}: its content hashes to {actual} (overwritten?)"
            )
    return EvidenceReport(count, problems)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
