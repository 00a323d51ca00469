"""The demo's late hand-up: a Fengdu village hands its first-quarter sheet up in April, after
the 31 March submission deadline that Fengdu v2 declares, and waits for its town's review.
Its sheet, its town's review queue and the quarter's tables show it as late (逾期)."""

from __future__ import annotations

from application.commands.assessments import SaveSheet, Submit
from domain.account import Role
from infra.demo.plan import CITY, DemoPlan
from infra.demo.scene import Activity

RUBRIC = "fengdu-village-station"
DATED_VERSION = 2
"""The Fengdu table with the notice's deadlines."""
LATE_QUARTER = "2023Q1"


def late_village(plan: DemoPlan) -> str:
    """The second county's first village (staff-020101; its town's reviewer is
    reviewer-0201)."""
    county = plan.children(CITY.code)[1]
    return plan.children(plan.children(county)[0])[0]


def late_hand_up(activity: Activity) -> None:
    """The village's staff open, fill in and submit its 2023Q1 sheet (the demo's days are in
    April, so the submission is late; the window stays open until 30 April)."""
    village = late_village(activity.plan)
    if activity.exists(village, RUBRIC, DATED_VERSION, LATE_QUARTER):
        return
    staff = activity.actor(Role.STATION_STAFF, village)
    aid = activity.open(staff, village, RUBRIC, DATED_VERSION, LATE_QUARTER)
    activity.do(staff, SaveSheet(assessment_id=aid, entries=activity.self_scores(aid)))
    activity.do(staff, Submit(assessment_id=aid))
