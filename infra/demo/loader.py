"""Loading the demo: rubrics, units, accounts, then a quarter of realistic activity.

Rubrics, units and accounts are set up by the system; every step on a sheet or a spot check
is sent by a demo account and authorized as any caller's would be, so the demo's audit trail
shows only what the policy and the rubrics' workflows allow. Every step checks what exists
first, so running it twice adds nothing the second time."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import yaml

from application.actor import Actor
from application.authorization import Caller
from application.bus import Bus, Outcome
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import (
    Approve,
    AssessmentCommand,
    AttachEvidence,
    ClaimBonus,
    EnterProgress,
    OpenAssessment,
    RaiseVeto,
    RecordFinding,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.base import Command as BusCommand
from application.commands.campaigns import (
    CloseCampaign,
    DrawSample,
    FreezeFrame,
    weights_of,
)
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit, SetUnitContact
from application.service import Kaohe
from domain.account import Role
from domain.campaign import Campaign, campaign_id
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import UnitLevel
from domain.rules import Kind, RuleName
from domain.workflow import Layer
from infra.bootstrap import build_authorizer, build_bus
from infra.demo import spot_check_seed
from infra.demo.falsified import falsification_consequence
from infra.demo.inspection_week import inspection_week
from infra.demo.late_hand_up import late_hand_up
from infra.demo.plan import (
    CITY,
    CITY_CENTRE,
    INSPECTION_LEAD,
    DemoPlan,
    centre_staff,
    plan_demo,
)
from infra.demo.rectification import rectify_falsification
from infra.demo.seed_reviews import banner_year_scored, city_centre_reviewed
from infra.demo.signal_cases import SignalCases
from infra.projections.registry import Projections
from infra.rubric_files import builtin_rubric_paths, read_definition
from projections.scores import SCORES
from projections.spot_checks.reading import eligible
from projections.units import UNITS

QUARTER = "2023Q2"
FENGDU_VERSION = 2
"""The Fengdu table with the notice's quarterly deadlines and a falsification consequence
named 弄虚作假 (v1 declares neither)."""
TASKS_VERSION = PROGRESS_VERSION = 2
"""The Wushen and Zaozhuang tables that declare their documents' workflow: the city opens
the banner's sheet and the bureau the city centre's (v1 leaves it to the scored unit)."""
PROGRESS_FILE = Path(__file__).parent / "zaozhuang-2022-progress.yaml"
AssessmentStep = AssessmentCommand | OpenAssessment

REVIEW_REASONS = ("台账资料不全，核减", "现场查看与自评不符", "制度未上墙，核减")
RETURN_REASON = "请补充相关台账和照片后重新报送"


def load_demo(
    app: Kaohe, seed: int = 2023, progress: Callable[[int, int], None] | None = None
) -> DemoPlan:
    """`progress` is told after each step how many of all are done (a bar, as it takes a
    minute)."""
    plan = plan_demo(seed)
    villages = plan.codes(UnitLevel.VILLAGE)
    steps = len(builtin_rubric_paths()) + len(plan.units) + len(plan.accounts)
    steps += len(villages) + 6
    done = itertools.count(1)

    def step() -> None:
        if progress is not None:
            progress(next(done), steps)

    for path in builtin_rubric_paths():
        app.setup(PublishRubric(definition=read_definition(path)), "demo")
        step()
    for demo_unit, level, parent in plan.units:
        if not app.units.exists(demo_unit.code):
            code = demo_unit.code
            register = RegisterUnit(code=code, unit_name=demo_unit.name, level=level, parent=parent)
            app.setup(register, "demo")
            contact = SetUnitContact(code=code, contact=demo_unit.contact, phone=demo_unit.phone)
            app.setup(contact, "demo")
        step()
    for account in plan.accounts:
        if not app.accounts.exists(account.username):
            name = account.username
            new = CreateAccount(
                username=name, display_name=account.display_name, password=account.password
            )
            app.setup(new, "demo")
            app.setup(GrantRole(username=name, role=account.role, unit=account.unit_code), "demo")
        step()
    bus = build_bus(app, build_authorizer(app, Projections(app.store)))
    Activity(app, bus, plan, random.Random(seed)).run(step)
    return plan


@dataclass(frozen=True)
class DemoActor:
    """A demo account acting in one role for one unit, and the request id it acts under."""

    actor: Actor
    correlation_id: str


class Activity:
    """A quarter of work: villages score themselves, towns review, return and approve; the
    city's inspection group opens the banner's task sheet, which the banner's staff fill; the
    city centre reports progress on the sheet the city opened for it; in September the
    inspection group inspects the county centres after their self-check."""

    def __init__(self, app: Kaohe, bus: Bus, plan: DemoPlan, rng: random.Random) -> None:
        self.app, self.bus, self.plan, self.rng = app, bus, plan, rng

    def do(self, who: DemoActor, command: AssessmentStep) -> Outcome:
        """Send an assessment command as a demo account, authorized by its grants."""
        return self.bus.handle(command, Caller(who.actor.account_id, who.correlation_id))

    def open(self, who: DemoActor, unit: str, rubric: str, version: int, period: str) -> UUID:
        opened = OpenAssessment(unit=unit, rubric=rubric, version=version, period=period)
        return self.do(who, opened).id

    def actor(self, role: Role, unit_code: str) -> DemoActor:
        return self.named(self.plan.account(role, unit_code).username)

    def named(self, username: str) -> DemoActor:
        planned = self.plan.named(username)
        account = self.app.accounts.get(username)
        actor = Actor(account.id, planned.role, unit_id(planned.unit_code))
        return DemoActor(actor, f"demo-{planned.unit_code}")

    def stepper(self, who: DemoActor) -> Callable[[BusCommand], object]:
        """Run commands on the bus as this demo account, authorized by its grants."""
        caller = Caller(who.actor.account_id, who.correlation_id)
        return lambda step: self.bus.handle(step, caller)

    def run(self, step: Callable[[], None]) -> None:
        for index, village in enumerate(self.plan.codes(UnitLevel.VILLAGE)):
            self.village_quarter(index, village)
            step()
        self.city_progress()
        city_centre_reviewed(self)
        step()
        self.banner_tasks(self.plan.children(CITY.code)[0])
        banner_year_scored(self)
        step()
        self.spot_check(self.plan.children(CITY.code)[0])
        step()
        late_hand_up(self)
        step()
        SignalCases(self.app, self.bus, self.plan.children(CITY.code)[0]).run()
        step()
        inspection_week(self)  # last: the demo's clock goes on from September
        step()

    def exists(self, unit_code: str, rubric: str, version: int, period: str) -> bool:
        aid = assessment_id(unit_id(unit_code), rubric_version_id(rubric, version), period)
        return self.app.assessments.exists(aid)

    def village_quarter(self, index: int, village: str) -> None:
        if self.exists(village, "fengdu-village-station", FENGDU_VERSION, QUARTER):
            return
        staff = self.actor(Role.STATION_STAFF, village)
        aid = self.open(staff, village, "fengdu-village-station", FENGDU_VERSION, QUARTER)
        self.do(staff, SaveSheet(assessment_id=aid, entries=self.self_scores(aid)))
        if index % 9 == 0:
            matter = "老兵之家建设经验"
            self.do(staff, ClaimBonus(assessment_id=aid, number="58", matter=matter, tier="bureau"))
        fate = self.rng.random()
        if fate < 0.08:
            return  # still a draft
        self.do(staff, Submit(assessment_id=aid))
        if fate < 0.2:
            return  # waiting for review
        town = self.plan.parent_of(village)
        reviewer = self.actor(Role.TOWN_REVIEWER, town)
        # the town vetoes two stations; the county's spot check samples the first and confirms it
        self.review(aid, reviewer, staff, returned=fate > 0.85, veto=index in (4, 40))
        self.do(reviewer, Approve(assessment_id=aid))

    def self_scores(self, aid: UUID) -> dict[str, ItemEntry]:
        rubric = self.app.assessments.rubric_of(self.app.assessments.get(aid))
        sheet = {}
        for item in rubric.items():
            if item.kind is Kind.STANDARD and item.max_points is not None:
                cut = item.step * self.rng.choice((0, 0, 0, 0, 0, 0, 0, 1, 2))
                sheet[item.number] = ItemEntry(points=max(item.max_points - cut, Decimal(0)))
        return sheet

    def review(
        self, aid: UUID, reviewer: DemoActor, staff: DemoActor, returned: bool, veto: bool
    ) -> None:
        current = self.app.assessments.get(aid)
        numbers = sorted(current.layers["self"], key=lambda n: self.rng.random())[:2]
        if self.rng.random() < 0.35:
            number = numbers[0]
            points = current.entry(Layer.SELF, number).points or Decimal(0)
            lower = max(points - Decimal(1), Decimal(0))
            why = self.rng.choice(REVIEW_REASONS)
            entry = ItemEntry(points=lower)
            self.do(reviewer, ScoreItem(assessment_id=aid, number=number, entry=entry, reason=why))
        if veto:
            why = "本季度发生重大舆情负面炒作"
            self.do(reviewer, RaiseVeto(assessment_id=aid, number="61", condition="3", reason=why))
        if returned:
            items = tuple(numbers)
            self.do(
                reviewer, ReturnAssessment(assessment_id=aid, reason=RETURN_REASON, items=items)
            )
            content = f"demo evidence {aid}".encode()
            file = AttachEvidence(
                assessment_id=aid, file_name="补充台账.pdf", content=content, item=numbers[0]
            )
            self.do(staff, file)
            self.do(staff, Submit(assessment_id=aid))

    def banner_tasks(self, county: str) -> None:
        """A county's task sheet (seed 003) during the year: the criteria due by the end of
        July are scored, the rest not yet, so as of October the criterion due on 30
        September shows as overdue."""
        if self.exists(county, "wushen-banner-tasks", TASKS_VERSION, "2024"):
            return
        a = self.app.assessments
        own = self.named(centre_staff(self.plan.children(CITY.code).index(county) + 1))
        city = self.named(INSPECTION_LEAD)
        aid = self.open(city, county, "wushen-banner-tasks", TASKS_VERSION, "2024")
        rubric = a.rubric_of(a.get(aid))
        done = {
            item.number: ItemEntry(points=item.max_points)
            for item in rubric.items()
            if item.rule is RuleName.JUDGED
            and item.max_points is not None
            and item.assignment.due is not None
            and item.assignment.due.month <= 7
        }
        self.do(own, SaveSheet(assessment_id=aid, entries=done))

    def spot_check(self, county: str) -> None:
        """A county's finished spot check of the quarter: the frame of approved sheets, a
        committed seed revealed after freezing, a stratified sample, re-scoring in the verification
        layer and a finding per sheet, one of them a falsification (vetoed)."""
        name = "二季度抽查复核"
        cid = campaign_id(unit_id(county), QUARTER, name)
        if self.app.runner.find(Campaign, cid) is not None:
            return
        projections = Projections(self.app.store)
        projections.catch_up([SCORES, UNITS])
        frame = eligible(projections.scores(), projections.units(), unit_id(county), QUARTER)
        auditor = self.actor(Role.COUNTY_AUDITOR, county)
        step = self.stepper(auditor)
        step(spot_check_seed.opening(county, QUARTER, name))
        step(FreezeFrame(campaign_id=cid, weights=weights_of(frame)))
        step(spot_check_seed.reveal(cid))
        step(DrawSample(campaign_id=cid))
        for number, selected in enumerate(self.app.campaigns.get(cid).sample):
            aid = selected.assessment_id
            self.verify(auditor, aid, falsified=number == 0)
        step(CloseCampaign(campaign_id=cid))
        rectify_falsification(self, county, cid)

    def verify(self, auditor: DemoActor, aid: UUID, falsified: bool) -> None:
        if not falsified:
            entry, why = ItemEntry(points=Decimal(1)), "现场核实，与自评一致"
            self.do(auditor, ScoreItem(assessment_id=aid, number="1", entry=entry, reason=why))
            self.do(auditor, RecordFinding(assessment_id=aid, finding="none", note="抽查无差异"))
            return
        rubric = self.app.assessments.rubric_of(self.app.assessments.get(aid))
        entry, why = ItemEntry(points=Decimal(0)), "站长任命文件系补签，日期倒填"
        self.do(auditor, ScoreItem(assessment_id=aid, number="2", entry=entry, reason=why))
        record = f"demo finding {aid}".encode()
        name = "现场核查记录.pdf"
        self.do(
            auditor, AttachEvidence(assessment_id=aid, file_name=name, content=record, item="2")
        )
        finding = RecordFinding(
            assessment_id=aid,
            finding="falsification",
            items=("2",),
            evidence=(hashlib.sha256(record).hexdigest(),),
            note="任命文件倒签日期，属弄虚作假",
            consequence=falsification_consequence(rubric),
        )
        self.do(auditor, finding)

    def city_progress(self) -> None:
        if self.exists(CITY.code, "zaozhuang-city-centre", PROGRESS_VERSION, "2022"):
            return
        centre, bureau = self.named(CITY_CENTRE), self.named(INSPECTION_LEAD)
        aid = self.open(bureau, CITY.code, "zaozhuang-city-centre", PROGRESS_VERSION, "2022")
        entries = yaml.load(PROGRESS_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for entry in entries:
            value = Decimal(entry["value"]) if entry.get("value") else None
            progress = EnterProgress(
                assessment_id=aid, number=entry["number"], progress=entry["progress"], value=value
            )
            self.do(centre, progress)
