"""The demo's quarter and inspection week keep to their tables' windows: its Fengdu quarter
runs on version 2 (the notice's deadlines, falsification named), its Changzhi inspection on
version 3 in the week the notice fixes, every hand-up is on time but the one the demo means to
be late, and the sheet the county finds falsified reads 一票否决（弄虚作假） in its tables and
its API."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

from application.service import Kaohe
from application.store import EventStore
from domain.deadlines import Timeliness, timeliness
from domain.workflow import Status
from infra.bootstrap import open_event_store
from infra.demo.clock import DemoClock
from infra.demo.late_hand_up import late_village
from infra.demo.plan import plan_demo
from infra.evidence_files import FileEvidence
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.settings import Settings
from tests.integration.infra.test_demo_authorized import sheet_events
from tests.integration.web.demo_api import DemoApi, LoadedDemo, PlainHasher, api_over

SIGNAL_TOWN = "DEMO-01-04"
"""石门镇, whose reviewer trims its stations' sheets on 3 July, after the review deadline."""
NAMED = "一票否决（弄虚作假）"


@pytest.fixture
def demo(loaded_demo: LoadedDemo, tmp_path: Path) -> Iterator[tuple[EventStore, DemoApi]]:
    """A copy of the session's demo: its store and the API over it."""
    folder = tmp_path / "store"
    shutil.copytree(loaded_demo.folder, folder)
    store = open_event_store(Settings(data_dir=folder))
    try:
        yield store, api_over(store, folder / "evidence", loaded_demo.plan)
    finally:
        store.close()


def test_the_demo_keeps_to_its_windows_and_names_its_falsification(
    demo: tuple[EventStore, DemoApi], tmp_path: Path
) -> None:
    store, api = demo
    app, plan = Kaohe(store, DemoClock(), PlainHasher(), FileEvidence(tmp_path)), plan_demo()
    opened = [e.originator_id for name, e in sheet_events(store) if name == "Opened"]
    by_rubric: dict[tuple[str, str], list[UUID]] = defaultdict(list)
    late_submissions, late_reviews = [], set()
    for aid in opened:
        sheet = app.assessments.get(aid)
        rubric = app.assessments.rubric_of(sheet)
        by_rubric[(rubric.code, sheet.period)].append(aid)
        window = sheet.window(rubric)
        if window is None:
            continue
        now, code = sheet.modified_on, app.units.get_by_id(sheet.unit_id).code
        if timeliness(window.submission, sheet.first_submitted_at, now) is Timeliness.LATE:
            late_submissions.append((code, sheet.period))
        if timeliness(window.review, sheet.first_reviewed_at, now) is Timeliness.LATE:
            late_reviews.add(code.rsplit("-", 1)[0])  # its town

    fengdu = [app.assessments.get(a) for a in by_rubric[("fengdu-village-station", "2023Q2")]]
    assert len(fengdu) == 68 and {s.rubric_version for s in fengdu} == {2}
    changzhi = [app.assessments.get(a) for a in by_rubric[("changzhi-county-centre", "2023")]]
    assert [(s.rubric_version, s.status) for s in changzhi] == [(3, Status.APPROVED)] * 3
    for sheet in changzhi:
        window = sheet.window(app.assessments.rubric_of(sheet))
        assert window is not None
        submitted = timeliness(window.submission, sheet.first_submitted_at, sheet.modified_on)
        reviewed = timeliness(window.review, sheet.first_reviewed_at, sheet.modified_on)
        assert (submitted, reviewed) == (Timeliness.ON_TIME, Timeliness.ON_TIME)
    assert late_submissions == [(late_village(plan), "2023Q1")]
    assert late_reviews == {SIGNAL_TOWN}

    falsified = [
        s for s in fengdu if any(f.to_data().get("finding") == "falsification" for f in s.findings)
    ]
    [sheet] = falsified
    card = sheet.scorecard(app.assessments.rubric_of(sheet))
    assert (card.result.value, card.vetoed_for) == ("vetoed", ("弄虚作假",))
    projections = Projections(store)
    projections.catch_up()
    town = plan.parent_of(app.units.get_by_id(sheet.unit_id).code)
    [table] = read_tables(projections, TableRequest("quarterly", town, "2023Q2"))
    assert any(NAMED in str(cell) for cell in table.column("备注"))
    score = api.read(f"/api/v1/assessments/{sheet.id}")["score"]
    assert (score["result"], score["result_label"]) == ("vetoed", NAMED)
    [row] = [r for r in api.read("/api/v1/assessments?period=2023Q2") if r["id"] == str(sheet.id)]
    assert row["result_label"] == NAMED
