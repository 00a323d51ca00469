"""The demo's reviews of the city-scored seeds, by the actors their notices name: the bureau
approves the city service centre's progress report (seed 004), and the city scores and
approves the third banner's finished task year (seed 003), one criterion marked down."""

from __future__ import annotations

from decimal import Decimal

from application.commands.assessments import Approve, SaveSheet, ScoreItem, Submit
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import Item, Rubric
from domain.rules import RuleName
from domain.workflow import Status
from infra.demo.plan import CITY, CITY_CENTRE, INSPECTION_LEAD, INSPECTOR, centre_staff
from infra.demo.scene import Activity

PROGRESS, TASKS, VERSION = "zaozhuang-city-centre", "wushen-banner-tasks", 2
PROGRESS_YEAR, TASKS_YEAR = "2022", "2024"
MARKED_DOWN = ("1.1.1", Decimal(2), "联络员会议全年仅召开一次，核减")


def city_centre_reviewed(activity: Activity) -> None:
    """The city centre hands its year's progress up; the bureau's inspection lead approves."""
    aid = assessment_id(unit_id(CITY.code), rubric_version_id(PROGRESS, VERSION), PROGRESS_YEAR)
    if activity.app.assessments.get(aid).status is not Status.DRAFT:
        return
    activity.do(activity.named(CITY_CENTRE), Submit(assessment_id=aid))
    activity.do(activity.named(INSPECTION_LEAD), Approve(assessment_id=aid))


def banner_year_scored(activity: Activity) -> None:
    """The third banner's year: the city opens its task sheet, the banner's staff enter every
    criterion and hand it up, an inspector marks one criterion down with a reason and the
    inspection lead approves."""
    counties = activity.plan.children(CITY.code)
    banner = counties[2]
    if activity.exists(banner, TASKS, VERSION, TASKS_YEAR):
        return
    lead, member = activity.named(INSPECTION_LEAD), activity.named(INSPECTOR)
    own = activity.named(centre_staff(3))
    aid = activity.open(lead, banner, TASKS, VERSION, TASKS_YEAR)
    rubric = activity.app.assessments.rubric_of(activity.app.assessments.get(aid))
    activity.do(own, SaveSheet(assessment_id=aid, entries=completed(rubric)))
    activity.do(own, Submit(assessment_id=aid))
    number, points, why = MARKED_DOWN
    down = ScoreItem(assessment_id=aid, number=number, entry=ItemEntry(points=points), reason=why)
    activity.do(member, down)
    activity.do(lead, Approve(assessment_id=aid))


def completed(rubric: Rubric) -> dict[str, ItemEntry]:
    """Every criterion done: full points, a 100 % completion rate, no deduction occurred."""
    return {item.number: done(item) for item in rubric.items() if item.max_points is not None}


def done(item: Item) -> ItemEntry:
    if item.rule is RuleName.BANDS:
        return ItemEntry(rate=Decimal(100))
    if item.rule is RuleName.DEDUCTIONS:
        return ItemEntry(counts={line.id: 0 for line in item.deductions})
    return ItemEntry(points=item.max_points)
