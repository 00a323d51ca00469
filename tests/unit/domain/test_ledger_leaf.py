"""A log leaf commits to every byte of the stored event it stands for."""

from __future__ import annotations

import hashlib
from uuid import UUID

import pytest

from domain.ledger_leaf import event_leaf

ID = UUID("12345678-1234-5678-1234-567812345678")
STATE = b'{"hash":"ab","prev_hash":"00","name":"\xe6\x9e\xa3"}'


def test_the_leaf_is_readable_lines_and_the_payloads_sha256() -> None:
    leaf = event_leaf(ID, 3, "domain.unit:Unit.Renamed", STATE)

    head = b"kaohe-event/v1\n12345678-1234-5678-1234-567812345678\n3\ndomain.unit:Unit.Renamed\n"
    assert leaf == head + hashlib.sha256(STATE).digest()


def test_any_changed_part_changes_the_leaf() -> None:
    leaf = event_leaf(ID, 3, "t:T", STATE)
    changed = [
        event_leaf(UUID(int=ID.int + 1), 3, "t:T", STATE),
        event_leaf(ID, 4, "t:T", STATE),
        event_leaf(ID, 3, "t:U", STATE),
        event_leaf(ID, 3, "t:T", STATE.replace(b"ab", b"ac")),
    ]
    assert leaf not in changed


def test_a_topic_that_spans_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="one-line topic"):
        event_leaf(ID, 1, "t:T\n4", STATE)
