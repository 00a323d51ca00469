"""A change of one item is based on the version of that item, not of the whole sheet: writers
of different items never refuse each other; a writer of an item changed since its read does."""

from __future__ import annotations

import threading
from decimal import Decimal
from uuid import UUID

import pytest

from application.commands.assessments import (
    ClaimBonus,
    OpenAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.errors import ConflictError
from domain.entries import ItemEntry
from domain.workflow import Layer
from tests.unit.application.conftest import VILLAGE, World, by, full_sheet
from tests.unit.application.sending import send

OPENING = OpenAssessment(unit="V1", rubric="fengdu-village-station", version=1, period="2023Q2")


def score(world: World, aid: UUID, number: str, points: str, expected: int) -> int:
    command = ScoreItem(assessment_id=aid, number=number, entry=ItemEntry(points=Decimal(points)))
    return send(world.app, by(VILLAGE, expected=expected), command).version


def test_writes_of_different_items_read_at_one_version_all_succeed(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    assert score(world, aid, "1", "1", expected=1) == 2
    assert score(world, aid, "2", "1", expected=1) == 3  # item 2 unchanged since version 1
    sheet = world.app.assessments.get(aid)
    assert sheet.version == 3
    assert sheet.entry(Layer.SELF, "1").points == sheet.entry(Layer.SELF, "2").points == 1
    assert sheet.item_version(Layer.SELF, "1") == 2
    assert sheet.item_version(Layer.SELF, "2") == 3
    assert sheet.item_version(Layer.SELF, "3") == 1


def test_a_write_of_an_item_changed_since_it_was_read_is_refused_naming_the_change(
    world: World,
) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    score(world, aid, "1", "1", expected=1)
    score(world, aid, "2", "1", expected=2)
    with pytest.raises(ConflictError) as refused:
        score(world, aid, "1", "0", expected=1)
    assert refused.value.current_version == 3
    assert refused.value.changed == [{"item": "1", "layer": "self", "version": 2}]
    assert "item 1" in str(refused.value) and "version 2" in str(refused.value)
    assert world.app.assessments.get(aid).entry(Layer.SELF, "1").points == 1


def test_the_items_own_version_is_accepted_as_the_precondition(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    score(world, aid, "1", "1", expected=1)
    score(world, aid, "2", "1", expected=2)
    assert score(world, aid, "1", "0.5", expected=2) == 4


def test_a_version_the_sheet_has_not_reached_is_refused(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    with pytest.raises(ConflictError) as refused:
        score(world, aid, "1", "1", expected=5)
    assert refused.value.current_version == 1


def test_other_item_commands_and_sheet_saves_check_only_what_they_touch(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    score(world, aid, "1", "1", expected=1)
    claim = ClaimBonus(assessment_id=aid, number="58", matter="表彰", tier="bureau")
    send(world.app, by(VILLAGE, expected=1), claim)
    entries = {"2": ItemEntry(points=Decimal(1)), "3": ItemEntry(points=Decimal(1))}
    send(world.app, by(VILLAGE, expected=1), SaveSheet(assessment_id=aid, entries=entries))
    touching_one = {"1": ItemEntry(points=Decimal(0)), "4": ItemEntry(points=Decimal(1))}
    with pytest.raises(ConflictError):
        send(world.app, by(VILLAGE, expected=1), SaveSheet(assessment_id=aid, entries=touching_one))


def test_a_whole_sheet_step_still_needs_the_sheets_version(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    saved = send(
        world.app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=full_sheet(world.app, aid))
    )
    score(world, aid, "1", "0", expected=saved.version)
    with pytest.raises(ConflictError) as refused:
        send(world.app, by(VILLAGE, expected=saved.version), Submit(assessment_id=aid))
    assert refused.value.current_version == saved.version + 1


def test_concurrent_writers_of_different_items_all_succeed(world: World) -> None:
    aid = send(world.app, by(VILLAGE), OPENING).id
    writers = ["1", "2", "3", "4", "5", "6"]
    barrier = threading.Barrier(len(writers))
    refused: list[str] = []

    def write(number: str) -> None:
        barrier.wait()
        try:
            score(world, aid, number, "1", expected=1)
        except ConflictError:
            refused.append(number)

    threads = [threading.Thread(target=write, args=(n,)) for n in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert refused == []
    sheet = world.app.assessments.get(aid)
    assert sheet.version == 1 + len(writers)
    assert all(sheet.entry(Layer.SELF, n).points == 1 for n in writers)
