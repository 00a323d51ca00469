"""Extending a window (延长期限) where the unit opens its own sheets (Fengdu): the station
cannot move its own lock; its town, which reviews and returns, can."""

from __future__ import annotations

from datetime import date

import pytest

from application.commands import assessments as c
from application.errors import PermissionDeniedError
from domain.workflow import Status
from tests.unit.application.test_assessment_handlers import Desk
from tests.unit.application.test_deadline_lock import MAY_1_IN_CHINA, scored_q1
from tests.unit.application.test_deadline_lock import desk as desk  # the fixture


def test_a_station_cannot_extend_its_own_window_and_its_town_can(desk: Desk) -> None:
    aid = scored_q1(desk)
    desk.clock.current = MAY_1_IN_CHINA
    extend = c.ExtendWindow(assessment_id=aid, until=date(2023, 5, 10), reason="系统故障顺延")
    with pytest.raises(PermissionDeniedError):
        desk.run("staff", extend)
    desk.run("reviewer", extend)
    desk.run("staff", c.Submit(assessment_id=aid))
    assert desk.sheet(aid).status is Status.SUBMITTED
