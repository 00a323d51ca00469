"""C2SP signed notes with Ed25519: the log's signature and a witness's timestamped cosignature."""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from infra.errors import NoteError

ED25519 = 0x01  # signed-note's algorithm byte for a plain Ed25519 note signature
COSIGNATURE = 0x04  # tlog-cosignature/v1's: the witness signs a timestamped message


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class VerifierKey:
    """A public key as signed-note writes it: `<name>+<key id hex>+<base64(alg ‖ key)>`."""

    name: str
    algorithm: int
    public: bytes

    @property
    def key_id(self) -> bytes:
        data = self.name.encode() + b"\n" + bytes([self.algorithm]) + self.public
        return hashlib.sha256(data).digest()[:4]

    def text(self) -> str:
        encoded = base64.b64encode(bytes([self.algorithm]) + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    def fingerprint(self) -> str:
        """SHA-256 of the key text: what a regulator compares by telephone or on paper."""
        return hashlib.sha256(self.text().encode()).hexdigest()

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        parts = text.strip().split("+", 2)  # base64 may hold "+"; the name may not
        if len(parts) != 3 or not parts[0]:
            raise NoteError(f"a verifier key is <name>+<key id>+<base64 key>, got {text!r}")
        try:
            raw = base64.b64decode(parts[2], validate=True)
        except binascii.Error:
            raise NoteError(f"the key part of {parts[0]}'s verifier key is not base64") from None
        if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE):
            raise NoteError(f"{parts[0]}'s verifier key is not an Ed25519 key (33 bytes)")
        key = cls(parts[0], raw[0], raw[1:])
        if key.key_id.hex() != parts[1]:
            raise NoteError(f"{parts[0]}'s key id {parts[1]} does not match its key")
        return key


def split_note(note: str) -> tuple[str, list[str]]:
    """The body (ending in a newline) and the signature lines of a signed note."""
    body, sep, signatures = note.partition("\n\n")
    if not sep or not body:
        raise NoteError("a signed note is a body, a blank line, then signature lines")
    lines = signatures.split("\n")
    if lines[-1] != "" or not all(line.startswith("— ") for line in lines[:-1]):
        raise NoteError("every signature line starts with '— ' and the note ends in a newline")
    return body + "\n", lines[:-1]


def sign_line(key: Ed25519PrivateKey, name: str, body: str, timestamp: int | None = None) -> str:
    """The log's signature line (timestamp None) or a witness's cosignature line."""
    public = raw_public(key.public_key())
    if timestamp is None:
        signed = VerifierKey(name, ED25519, public).key_id + key.sign(body.encode())
    else:
        message = cosigned_message(body, timestamp)
        stamp = struct.pack(">Q", timestamp)
        signed = VerifierKey(name, COSIGNATURE, public).key_id + stamp + key.sign(message)
    return f"— {name} {base64.b64encode(signed).decode()}"


def cosigned_message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


def signed_by(note: str, key: VerifierKey) -> int | None:
    """Whether one of the note's signatures is `key`'s and holds: the cosignature's time
    (0 for the log's own signature), or None when no such valid signature is there."""
    body, lines = split_note(note)
    for line in lines:
        name, _, encoded = line.removeprefix("— ").rpartition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            continue
        if name != key.name or raw[:4] != key.key_id:
            continue
        stamp = 0
        message = body.encode()
        if key.algorithm == COSIGNATURE and len(raw) == 76:
            stamp = struct.unpack(">Q", raw[4:12])[0]
            message = cosigned_message(body, stamp)
        try:
            Ed25519PublicKey.from_public_bytes(key.public).verify(raw[-64:], message)
        except InvalidSignature:
            continue
        return stamp
    return None
