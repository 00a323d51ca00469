"""A stale form is told it was the account's own change only when every newer change is its
own; a submit among them is named."""

from __future__ import annotations

from decimal import Decimal

from application.read_ports import StoredChange
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.workflow import Layer
from tests.unit.domain.test_assessment import RUBRIC, filled, stamp
from web.pages.sheet.stale import OWN_CHANGE, OWN_SUBMIT, own_stale_words

ME, OTHER = "village", "town"
"""The actors of the domain tests' stamps (`stamp("village")`, `stamp("town")`)."""
BASE = filled().version
"""The version the other person left the sheet at."""


def history(*steps: tuple[str, str]) -> list[StoredChange]:
    """A sheet opened and filled in by someone else (up to version BASE), then each
    (actor, step) in turn, as stored changes."""
    a = filled()
    for minute, (who, step) in enumerate(steps, start=2):
        if step == "score":
            entry = ItemEntry(points=Decimal(minute % 4))
            layer = Layer.SELF if who == ME else Layer.REVIEW
            a.score_item(stamp(who, minute), RUBRIC, "1", layer, entry, "核实")
        else:
            a.submit(stamp(who, minute), RUBRIC)
    events = a.collect_events()
    for earlier in events[:BASE]:
        object.__setattr__(earlier, "actor_id", OTHER)
    return [StoredChange(e.originator_version, "", {}, e) for e in events]


def test_ones_own_submit_is_named() -> None:
    changes = history((ME, "score"), (ME, "submit"))
    assert own_stale_words(changes, BASE, ME) == OWN_SUBMIT
    assert own_stale_words(changes, BASE + 1, ME) == OWN_SUBMIT
    assert isinstance(changes[-1].event, Assessment.Submitted)


def test_ones_own_save_is_an_own_change() -> None:
    assert own_stale_words(history((ME, "score")), BASE, ME) == OWN_CHANGE


def test_anyone_elses_change_among_them_is_not_ones_own() -> None:
    changes = history((ME, "score"), (ME, "submit"), (OTHER, "score"))
    assert own_stale_words(changes, BASE, ME) is None


def test_nothing_newer_is_not_stale() -> None:
    assert own_stale_words(history((ME, "score")), BASE + 1, ME) is None


def test_a_change_read_before_someone_elses_is_not_ones_own() -> None:
    assert own_stale_words(history((ME, "score")), BASE - 1, ME) is None
