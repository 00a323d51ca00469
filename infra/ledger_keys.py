"""The Ed25519 key files of the log (and of a witness): made on first use, never overwritten."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from infra.errors import KeyFileError, NoteError
from infra.signed_note import COSIGNATURE, ED25519, VerifierKey, raw_public

LOG_NAME = "kaohe.local/ledger"
"""The checkpoint origin and the log key's name."""


@dataclass(frozen=True)
class SigningKey:
    """A private key and the name its signatures carry."""

    name: str
    private: Ed25519PrivateKey
    algorithm: int = ED25519

    def verifier(self) -> VerifierKey:
        return VerifierKey(self.name, self.algorithm, raw_public(self.private.public_key()))


def log_key_path(data_dir: Path) -> Path:
    return data_dir / "ledger" / "service.key"


def open_signing_key(path: Path, name: str, witness: bool = False) -> tuple[SigningKey, bool]:
    """The key in `path`, or a new one written there (mode 0600) with its public key beside
    it in `<stem>.pub`; True when it was made now."""
    algorithm = COSIGNATURE if witness else ED25519
    created = not path.exists()
    if created:
        _write_new(path)
    try:
        private = load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as error:
        raise KeyFileError(f"{path} is not a PEM private key: {error}") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyFileError(f"{path} holds a {type(private).__name__}, not an Ed25519 key")
    key = SigningKey(name, private, algorithm)
    public = path.with_suffix(".pub")
    if not public.exists():
        public.write_text(key.verifier().text() + "\n", encoding="utf-8")
    return key, created


def _write_new(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    # O_EXCL: two processes starting together never overwrite each other's key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as file:
        file.write(pem)


def read_verifier_key(path: Path) -> VerifierKey:
    """A public key file (`<name>+<key id>+<base64 key>`), with a clear error if it is not."""
    try:
        return VerifierKey.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, NoteError) as error:
        raise KeyFileError(f"{path}: {error}") from None
