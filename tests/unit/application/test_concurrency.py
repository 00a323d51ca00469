"""Eight writers revise one item from the same version: exactly one wins per version."""

from __future__ import annotations

import threading
from decimal import Decimal

from application.commands.assessments import OpenAssessment, ScoreItem
from application.errors import ConflictError
from domain.entries import ItemEntry
from domain.workflow import Layer
from tests.unit.application.conftest import VILLAGE, World, by
from tests.unit.application.sending import send

WRITERS = 8
ROUNDS = 3
STEPS = [Decimal(n) / 2 for n in range(7)]  # item 6 is worth 3 points, in steps of 0.5


def test_concurrent_stale_writers_lose_and_nothing_is_lost_or_duplicated(world: World) -> None:
    app = world.app
    opening = OpenAssessment(unit="V1", rubric="fengdu-village-station", version=1, period="2023Q2")
    aid = send(app, by(VILLAGE), opening).id
    wins: list[tuple[int, int]] = []
    conflicts: list[int] = []
    lock = threading.Lock()

    for round_number in range(ROUNDS):
        current = app.assessments.get(aid)
        version = current.version
        barrier = threading.Barrier(WRITERS)
        # Every writer changes something: none writes the value the item already has.
        values = [v for v in STEPS if v != current.entry(Layer.SELF, "6").points]

        def revise(
            writer: int,
            version: int = version,
            values: list[Decimal] = values,
            barrier: threading.Barrier = barrier,
        ) -> None:
            entry = ItemEntry(points=values[writer % len(values)])
            barrier.wait()
            try:
                outcome = send(
                    app,
                    by(VILLAGE, expected=version),
                    ScoreItem(assessment_id=aid, number="6", entry=entry),
                )
            except ConflictError:
                with lock:
                    conflicts.append(writer)
            else:
                with lock:
                    wins.append((version, outcome.version))

        threads = [threading.Thread(target=revise, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len([w for w in wins if w[0] == version]) == 1, f"round {round_number}"

    assert len(wins) == ROUNDS and len(conflicts) == ROUNDS * (WRITERS - 1)
    history = app.history(aid)
    assert [h.version for h in history] == list(range(1, ROUNDS + 2))
    stored = app.assessments.get(aid)
    assert stored.version == ROUNDS + 1
