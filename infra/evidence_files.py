"""Evidence files kept once by their SHA-256 under the data directory."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from application.errors import EvidenceAlteredError


class FileEvidence:
    """Files named by their SHA-256; a file whose content no longer matches is never served."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        path = self._path(sha256)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(content)
            partial.replace(path)
        return sha256

    def get(self, sha256: str) -> bytes | None:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            return None
        path = self._path(sha256)
        if not path.exists():
            return None
        content = path.read_bytes()
        found = hashlib.sha256(content).hexdigest()
        if found != sha256:
            raise EvidenceAlteredError(
                f"the stored evidence file {sha256} now hashes to {found}: it was altered or "
                "damaged after it was recorded, so it is not served; run kaohe ledger verify"
            )
        return content
