"""Seed 001's inspection week on Changzhi v3, by the actors and in the window its notice
names: the city's inspection group opens every county centre's sheet on 5 September 2023,
each centre hands its self-check (自查) up before 10 September, the group's inspector scores
every centre in the week of 11–15 September (in the second county, on the deduction section
the leader gives him), and the group's leader, who scored nothing alone, approves them all
on the week's last day."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import UUID

from application.commands.assessments import (
    ApplyDeduction,
    Approve,
    SaveSheet,
    ScoreItem,
    Submit,
)
from domain.entries import ItemEntry
from domain.rules import Kind
from domain.workflow import Layer
from infra.demo.inspection_team import assign_deductions
from infra.demo.pace import at, paced
from infra.demo.plan import CITY, INSPECTION_LEAD, INSPECTOR, centre_staff
from infra.demo.scene import Activity

RUBRIC, VERSION, YEAR = "changzhi-county-centre", 3, "2023"
"""The Changzhi table with the notice's window (opens 09-05, self-check due 09-10, the
inspection and the window end 09-15) and its leader's approval rule."""
OPENED = "2023-09-05"
SELF_CHECKED = ("2023-09-06", "2023-09-07", "2023-09-08")
INSPECTED = ("2023-09-11", "2023-09-12", "2023-09-13")
SIGNED_OFF = "2023-09-15"
INSPECTION_REASON = "现场检查台账，与自查不符，核减"
PETITION = "本年度发生到市缠访2人次"


def inspection_week(activity: Activity) -> None:
    counties = activity.plan.children(CITY.code)
    if activity.exists(counties[0], RUBRIC, VERSION, YEAR):
        return
    lead = activity.named(INSPECTION_LEAD)
    with paced(activity.bus, at(OPENED), timedelta(minutes=15)):
        sheets = [activity.open(lead, county, RUBRIC, VERSION, YEAR) for county in counties]
    for n, (aid, day) in enumerate(zip(sheets, SELF_CHECKED, strict=True), start=1):
        with paced(activity.bus, at(day), timedelta(minutes=20)):
            self_check(activity, centre_staff(n), aid)
    for county, aid, day in zip(counties, sheets, INSPECTED, strict=True):
        with paced(activity.bus, at(day), timedelta(minutes=30)):
            inspect(activity, aid, deducts=county.endswith("02"))
    with paced(activity.bus, at(SIGNED_OFF, 16), timedelta(minutes=10)):
        for aid in sheets:
            activity.do(lead, Approve(assessment_id=aid))


def self_check(activity: Activity, username: str, aid: UUID) -> None:
    """The centre's staff score the standard items and the special items (one point short
    each), then hand the self-check up."""
    own = activity.named(username)
    activity.do(own, SaveSheet(assessment_id=aid, entries=activity.self_scores(aid)))
    rubric = activity.app.assessments.rubric_of(activity.app.assessments.get(aid))
    for item in rubric.items():
        if item.kind is Kind.SPECIAL and item.max_points is not None:
            entry = ItemEntry(points=item.max_points - 1)
            activity.do(own, ScoreItem(assessment_id=aid, number=item.number, entry=entry))
    activity.do(own, Submit(assessment_id=aid))


def inspect(activity: Activity, aid: UUID, deducts: bool) -> None:
    """The inspector marks the first fully self-scored standard item down a point; where the
    centre had petitions, the leader gives him the deduction section and he records them."""
    member, sheet = activity.named(INSPECTOR), activity.app.assessments.get(aid)
    rubric = activity.app.assessments.rubric_of(sheet)
    item = next(
        i
        for i in rubric.items()
        if i.kind is Kind.STANDARD
        and i.max_points is not None
        and i.max_points >= 1
        and sheet.entry(Layer.SELF, i.number).points == i.max_points
    )
    assert item.max_points is not None
    entry = ItemEntry(points=item.max_points - Decimal(1))
    marked = ScoreItem(assessment_id=aid, number=item.number, entry=entry, reason=INSPECTION_REASON)
    activity.do(member, marked)
    if deducts:
        assign_deductions(activity.do, activity.named(INSPECTION_LEAD), aid)
        line = ApplyDeduction(
            assessment_id=aid, number="65", line="city_petition", count=2, reason=PETITION
        )
        activity.do(member, line)
