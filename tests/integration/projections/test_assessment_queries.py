"""The assessment queries: a sheet as of a moment, its history and files, for those in reach."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.workflow import Status
from infra.projections.registry import Projections
from tests.integration.read_queries import account, read_queries
from tests.unit.projections.activity import a_quarter

APPOINTMENT = hashlib.sha256(b"%PDF-1.4 appointment").hexdigest()


def test_a_reviewer_reads_a_sheet_as_it_stood_its_history_and_its_files(
    app: Kaohe, projections: Projections
) -> None:
    sheet = a_quarter(app).finalized
    queries = read_queries(app, projections)
    reviewer = account(app, "reviewer.t1", Role.TOWN_REVIEWER, "T1")
    history = queries.assessments.history(reviewer, sheet)
    submitted = next(c for c in history if c.topic.endswith(".Submitted"))
    at = datetime.fromisoformat(str(submitted.state["timestamp"]))
    then = queries.assessments.sheet(reviewer, sheet, as_of=at)
    assert (then.version, then.status) == (submitted.version, Status.SUBMITTED)
    assert queries.assessments.sheet(reviewer, sheet).version == len(history)
    assert [c.version for c in history] == list(range(1, len(history) + 1))
    assert queries.assessments.evidence(reviewer, sheet, APPOINTMENT.upper()) == (
        "任命文件.pdf",
        b"%PDF-1.4 appointment",
    )
    assert queries.assessments.evidence(reviewer, sheet, "0" * 64) is None


def test_staff_of_another_village_reads_neither_the_sheet_nor_its_history_nor_files(
    app: Kaohe, projections: Projections
) -> None:
    sheet = a_quarter(app).finalized
    queries = read_queries(app, projections)
    outsider = account(app, "staff.v2", Role.STATION_STAFF, "V2")
    with pytest.raises(PermissionDeniedError):
        queries.assessments.sheet(outsider, sheet)
    with pytest.raises(PermissionDeniedError):
        queries.assessments.history(outsider, sheet)
    with pytest.raises(PermissionDeniedError):
        queries.assessments.evidence(outsider, sheet, APPOINTMENT)


def test_a_moment_before_anything_was_recorded_is_position_zero(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    log = read_queries(app, projections).log
    assert log.position_at(None) is None
    assert log.position_at(datetime(2000, 1, 1).astimezone()) == 0
    assert (log.position_at(log.now()) or 0) > 0
