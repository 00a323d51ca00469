"""Signed notes and cosignatures in the C2SP formats: what verifies and what is refused."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from domain.checkpoint import Checkpoint
from domain.errors import CheckpointError
from infra.errors import KeyFileError, NoteError
from infra.ledger_keys import open_signing_key, read_verifier_key
from infra.signed_note import COSIGNATURE, VerifierKey, cosigned_message, sign_line, signed_by

BODY = "example.org/log\n4\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 1700000000\n"


def test_a_note_verifies_with_its_key_only(tmp_path: Path) -> None:
    key, created = open_signing_key(tmp_path / "log.key", "example.org/log")
    other, _ = open_signing_key(tmp_path / "other.key", "example.org/log")
    note = f"{BODY}\n{sign_line(key.private, key.name, BODY)}\n"

    assert created and (tmp_path / "log.key").stat().st_mode & 0o777 == 0o600
    assert signed_by(note, read_verifier_key(tmp_path / "log.pub")) == 0
    assert signed_by(note, other.verifier()) is None
    assert signed_by(note.replace("\n4\n", "\n5\n"), key.verifier()) is None


def test_a_key_file_is_kept_not_remade(tmp_path: Path) -> None:
    first, _ = open_signing_key(tmp_path / "log.key", "n")
    again, created = open_signing_key(tmp_path / "log.key", "n")

    assert not created and again.verifier() == first.verifier()


def test_a_cosignature_signs_the_timestamped_message(tmp_path: Path) -> None:
    witness, _ = open_signing_key(tmp_path / "w.key", "city.example/witness", witness=True)
    line = sign_line(witness.private, witness.name, BODY, timestamp=1700000100)
    raw = base64.b64decode(line.rsplit(" ", 1)[1])

    assert raw[:4] == witness.verifier().key_id and witness.verifier().algorithm == COSIGNATURE
    assert struct.unpack(">Q", raw[4:12])[0] == 1700000100
    witness.private.public_key().verify(raw[12:], cosigned_message(BODY, 1700000100))
    assert signed_by(f"{BODY}\n{line}\n", witness.verifier()) == 1700000100


def test_verifier_keys_round_trip_even_with_plus_in_base64() -> None:
    key = VerifierKey("a.example/log", 1, bytes([0xFB] * 32))  # base64 full of '+'
    assert "+" in key.text().split("+", 2)[2]
    assert VerifierKey.parse(key.text()) == key
    with pytest.raises(NoteError, match="key id 00000000 does not match"):
        VerifierKey.parse("a.example/log+00000000+" + key.text().split("+", 2)[2])


def test_a_broken_key_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.pub").write_text("not a key")
    with pytest.raises(KeyFileError, match=r"bad\.pub"):
        read_verifier_key(tmp_path / "bad.pub")


def test_a_checkpoint_body_round_trips_and_bad_lines_are_named() -> None:
    checkpoint = Checkpoint.parse(BODY)

    assert checkpoint.body() == BODY and checkpoint.size == 4
    with pytest.raises(CheckpointError, match="line 2 must be the tree size"):
        Checkpoint.parse(BODY.replace("\n4\n", "\n04\n"))
    with pytest.raises(CheckpointError, match="line 4 must be 'time <seconds>'"):
        Checkpoint.parse(BODY.replace("time ", "at "))
