"""After any activity, however the live batches fell, a rebuild (of each projection alone, or
of all from one reading of the log) gives the same rows, and a reading as of any moment gives
what the live views showed then."""

from __future__ import annotations

import tempfile
from contextlib import suppress
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.commands.assessments import (
    Approve,
    OpenAssessment,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.rubrics import PublishRubric
from application.commands.units import CloseUnit, MoveUnit, RegisterUnit, RenameUnit, SetUnitContact
from application.errors import ConflictError, NotFoundError
from application.service import Kaohe
from domain.entries import ItemEntry
from domain.errors import DomainError
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import UnitLevel
from infra.bootstrap import open_event_store
from infra.projections.registry import PROJECTIONS, Projections
from infra.rubric_files import BUILTIN_DIR, read_definition
from infra.settings import Settings
from projections.scores import SCORES, ScoreRow, SheetFilter
from projections.units import UNITS, UnitRow
from tests.integration.projections.conftest import views
from tests.unit.application.conftest import TOWN, VILLAGE, by, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, application, hierarchy

VILLAGES = ["V1", "V2", "V3", "N0", "N1", "N2"]
TOWNS = ["T1", "T2"]
ACTIONS = ["register", "rename", "move", "contact", "close", "open", "score", "sheet"]
ACTIONS += ["submit", "return", "approve"]
REFUSALS = (DomainError, ConflictError, NotFoundError)

Step = tuple[str, int, int, bool]
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 5), st.integers(0, 3), st.booleans()),
    min_size=10,
    max_size=40,
)


def act(app: Kaohe, step: Step) -> None:
    action, k, j, _ = step
    village, town = VILLAGES[k], TOWNS[j % 2]
    aid = assessment_id(unit_id(village), rubric_version_id(RUBRIC, 1), "2023Q2")
    if action == "register":
        app.setup(
            RegisterUnit(code=village, unit_name=f"新村{k}", level=UnitLevel.VILLAGE, parent=town)
        )
    elif action == "rename":
        app.setup(RenameUnit(code=[*VILLAGES, *TOWNS][(k + j) % 8], unit_name=f"更名{k}{j}"))
    elif action == "move":
        app.setup(
            MoveUnit(
                code=village,
                parent=town,
                effective_from=date(2023, 1 + 3 * j, 1),
                reason="区划调整",
            )
        )
    elif action == "contact":
        app.setup(SetUnitContact(code=village, contact=f"联系人{j}", phone=f"1380000000{j}"))
    elif action == "close":
        app.setup(CloseUnit(code=village, reason="撤并"))
    elif action == "open":
        opening = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period="2023Q2")
        send(app, by(VILLAGE), opening)
    elif action == "score":
        entry = ItemEntry(points=Decimal(j % 2))
        send(app, by(VILLAGE), ScoreItem(assessment_id=aid, number=str(1 + j), entry=entry))
    elif action == "sheet":
        send(app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)))
    elif action == "submit":
        send(app, by(VILLAGE), Submit(assessment_id=aid))
    elif action == "return":
        returned = ReturnAssessment(assessment_id=aid, reason="请补充材料", items=(str(1 + j),))
        send(app, by(TOWN), returned)
    else:
        send(app, by(TOWN), Approve(assessment_id=aid))


def shown(projections: Projections) -> tuple[int, list[ScoreRow], list[UnitRow]]:
    """What the live scores and units views show now, and the log position they stand at."""
    positions = {s.position for s in projections.status() if s.name in (SCORES, UNITS)}
    assert len(positions) == 1
    sheets = projections.scores().sheets(SheetFilter())
    return positions.pop(), sheets, projections.units().all_units()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(activity=steps, batch_size=st.integers(1, 9))
def test_a_rebuild_equals_the_live_views_after_any_activity(
    activity: list[Step], batch_size: int
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        store = open_event_store(Settings(data_dir=Path(directory)))
        try:
            app = application(store, Path(directory))
            hierarchy(app)
            app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
            for village in ("V1", "V2"):
                opening = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period="2023Q2")
                send(app, by(VILLAGE), opening)
            projections = Projections(store, batch_size=batch_size)
            seen: list[tuple[int, list[ScoreRow], list[UnitRow]]] = []
            for step in activity:
                with suppress(*REFUSALS):
                    act(app, step)
                if step[3]:
                    projections.catch_up()
                    seen.append(shown(projections))
            projections.catch_up()
            live = views(projections)
            for unit in live.units:
                aggregate = app.units.get_by_id(unit.unit_id)
                assert (unit.name, unit.parent_id, unit.closed, unit.version) == (
                    aggregate.name,
                    aggregate.parent_id,
                    aggregate.closed,
                    aggregate.version,
                )
            for name in PROJECTIONS:
                projections.rebuild(name, batch_size=batch_size + 3)
            assert views(projections) == live
            projections.rebuild_together(batch_size=batch_size + 5)
            assert views(projections) == live
            for position, sheets, units in seen:
                assert projections.scores().sheets(SheetFilter(), as_of=position) == sheets
                assert projections.units(as_of=position).all_units() == units
        finally:
            store.close()
