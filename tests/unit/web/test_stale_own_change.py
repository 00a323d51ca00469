"""A stale form is told it was the account's own change only when every newer change is its
own; a submit among them is named."""

from __future__ import annotations

from application.read_ports import StoredChange
from web.pages.sheet.stale import OWN_CHANGE, OWN_SUBMIT, own_stale_words

ME, OTHER = "a1", "b2"


def change(version: int, event: str, actor: str) -> StoredChange:
    return StoredChange(version, f"domain.assessment:Assessment.{event}", {"actor_id": actor})


HISTORY = [change(1, "Created", OTHER), change(2, "ItemScored", ME)]


def test_ones_own_submit_is_named() -> None:
    history = [*HISTORY, change(3, "Submitted", ME)]
    assert own_stale_words(history, 2, ME) == OWN_SUBMIT


def test_ones_own_save_is_an_own_change() -> None:
    assert own_stale_words(HISTORY, 1, ME) == OWN_CHANGE


def test_anyone_elses_change_among_them_is_not_ones_own() -> None:
    history = [*HISTORY, change(3, "ItemScored", OTHER), change(4, "Submitted", ME)]
    assert own_stale_words(history, 2, ME) is None


def test_nothing_newer_is_not_stale() -> None:
    assert own_stale_words(HISTORY, 2, ME) is None
