"""Loading the demo: rubrics, units, accounts, then a quarter of realistic activity.

Every step checks what exists first, so running it twice adds nothing the second time."""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import yaml

from application.actor import SYSTEM, Actor
from application.campaigns import Veto
from application.runner import Command
from application.service import Kaohe
from domain.account import Role
from domain.campaign import Campaign, campaign_id
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import UnitLevel
from domain.rules import Kind, RuleName
from domain.workflow import Layer
from infra.demo.plan import CITY, DemoPlan, plan_demo
from infra.projections.registry import Projections
from infra.rubric_files import builtin_rubric_paths, read_definition
from projections.scores import SCORES
from projections.spot_checks.reading import eligible
from projections.units import UNITS

QUARTER = "2023Q2"
PROGRESS_FILE = Path(__file__).parent / "zaozhuang-2022-progress.yaml"
REVIEW_REASONS = ("台账资料不全，核减", "现场查看与自评不符", "制度未上墙，核减")
RETURN_REASON = "请补充相关台账和照片后重新报送"


def load_demo(
    app: Kaohe, seed: int = 2023, progress: Callable[[int, int], None] | None = None
) -> DemoPlan:
    """`progress` is told after each step how many of all are done (a bar, as it takes a
    minute)."""
    plan = plan_demo(seed)
    villages, counties = plan.codes(UnitLevel.VILLAGE), plan.children(CITY.code)
    steps = len(builtin_rubric_paths()) + len(plan.units) + len(plan.accounts)
    steps += len(villages) + len(counties) + 3
    done = itertools.count(1)

    def step() -> None:
        if progress is not None:
            progress(next(done), steps)

    for path in builtin_rubric_paths():
        app.rubrics.publish(Command(SYSTEM, "demo"), read_definition(path))
        step()
    for demo_unit, level, parent in plan.units:
        if not app.units.exists(demo_unit.code):
            app.units.register(
                Command(SYSTEM, "demo"), demo_unit.code, demo_unit.name, level, parent
            )
            app.units.set_contact(
                Command(SYSTEM, "demo"), demo_unit.code, demo_unit.contact, demo_unit.phone
            )
        step()
    for account in plan.accounts:
        if not app.accounts.exists(account.username):
            command = Command(SYSTEM, "demo")
            app.accounts.create(command, account.username, account.display_name, account.password)
            app.accounts.grant(command, account.username, account.role, account.unit_code)
        step()
    Activity(app, plan, random.Random(seed)).run(step)
    return plan


class Activity:
    """A quarter of work: villages score themselves, towns review, return and approve,
    the city scores its county centres, the city centre reports progress."""

    def __init__(self, app: Kaohe, plan: DemoPlan, rng: random.Random) -> None:
        self.app, self.plan, self.rng = app, plan, rng

    def actor(self, role: Role, unit_code: str) -> Command:
        account = self.app.accounts.get(self.plan.account(role, unit_code).username)
        return Command(Actor(account.id, role, unit_id(unit_code)), f"demo-{unit_code}")

    def run(self, step: Callable[[], None]) -> None:
        for index, village in enumerate(self.plan.codes(UnitLevel.VILLAGE)):
            self.village_quarter(index, village)
            step()
        for county in self.plan.children(CITY.code):
            self.county_year(county)
            step()
        self.city_progress()
        step()
        self.banner_tasks(self.plan.children(CITY.code)[0])
        step()
        self.spot_check(self.plan.children(CITY.code)[0])
        step()

    def exists(self, unit_code: str, rubric: str, version: int, period: str) -> bool:
        aid = assessment_id(unit_id(unit_code), rubric_version_id(rubric, version), period)
        return self.app.assessments.exists(aid)

    def village_quarter(self, index: int, village: str) -> None:
        if self.exists(village, "fengdu-village-station", 1, QUARTER):
            return
        a = self.app.assessments
        staff = self.actor(Role.STATION_STAFF, village)
        aid = a.open(staff, village, "fengdu-village-station", 1, QUARTER).id
        a.save_sheet(staff, aid, Layer.SELF, self.self_scores(aid))
        if index % 9 == 0:
            a.claim_bonus(staff, aid, "58", Layer.SELF, "老兵之家建设经验", "bureau")
        fate = self.rng.random()
        if fate < 0.08:
            return  # still a draft
        a.submit(staff, aid)
        if fate < 0.2:
            return  # waiting for review
        town = self.plan.parent_of(village)
        reviewer = self.actor(Role.TOWN_REVIEWER, town)
        self.review(aid, reviewer, staff, returned=fate > 0.85, veto=index in (5, 40))
        a.approve(reviewer, aid)

    def self_scores(self, aid: UUID) -> dict[str, ItemEntry]:
        rubric = self.app.assessments.rubric_of(self.app.assessments.get(aid))
        sheet = {}
        for item in rubric.items():
            if item.kind is Kind.STANDARD and item.max_points is not None:
                cut = item.step * self.rng.choice((0, 0, 0, 0, 0, 0, 0, 1, 2))
                sheet[item.number] = ItemEntry(points=max(item.max_points - cut, Decimal(0)))
        return sheet

    def review(
        self, aid: UUID, reviewer: Command, staff: Command, returned: bool, veto: bool
    ) -> None:
        a = self.app.assessments
        current = a.get(aid)
        numbers = sorted(current.layers["self"], key=lambda n: self.rng.random())[:2]
        if self.rng.random() < 0.35:
            number = numbers[0]
            points = current.entry(Layer.SELF, number).points or Decimal(0)
            lower = max(points - Decimal(1), Decimal(0))
            a.score_item(
                reviewer,
                aid,
                number,
                Layer.REVIEW,
                ItemEntry(points=lower),
                self.rng.choice(REVIEW_REASONS),
            )
        if veto:
            a.raise_veto(reviewer, aid, "61", Layer.REVIEW, "3", "本季度发生重大舆情负面炒作")
        if returned:
            a.return_to_unit(reviewer, aid, RETURN_REASON, numbers)
            a.attach_evidence(
                staff, aid, "补充台账.pdf", f"demo evidence {aid}".encode(), numbers[0]
            )
            a.submit(staff, aid)

    def county_year(self, county: str) -> None:
        if self.exists(county, "changzhi-county-centre", 1, "2023"):
            return
        a = self.app.assessments
        own = self.actor(Role.COUNTY_AUDITOR, county)
        aid = a.open(own, county, "changzhi-county-centre", 1, "2023").id
        a.save_sheet(own, aid, Layer.SELF, self.self_scores(aid))
        for number in ("66", "67", "68", "69"):
            item = a.rubric_of(a.get(aid)).item(number)
            assert item is not None and item.max_points is not None
            a.score_item(own, aid, number, Layer.SELF, ItemEntry(points=item.max_points - 1))
        a.submit(own, aid)
        regulator = self.actor(Role.CITY_REGULATOR, CITY.code)
        if county.endswith("02"):
            a.apply_deduction(
                regulator,
                aid,
                "65",
                Layer.REVIEW,
                "city_petition",
                2,
                None,
                "本年度发生到市缠访2人次",
            )
        a.approve(regulator, aid)

    def banner_tasks(self, county: str) -> None:
        """A county's task sheet (seed 003) during the year: the criteria due by the end of
        July are scored, the rest not yet, so as of October the criterion due on 30
        September shows as overdue."""
        if self.exists(county, "wushen-banner-tasks", 1, "2024"):
            return
        a = self.app.assessments
        own = self.actor(Role.COUNTY_AUDITOR, county)
        aid = a.open(own, county, "wushen-banner-tasks", 1, "2024").id
        rubric = a.rubric_of(a.get(aid))
        done = {
            item.number: ItemEntry(points=item.max_points)
            for item in rubric.items()
            if item.rule is RuleName.JUDGED
            and item.max_points is not None
            and item.assignment.due is not None
            and item.assignment.due.month <= 7
        }
        a.save_sheet(own, aid, Layer.SELF, done)

    def spot_check(self, county: str) -> None:
        """A county's finished spot check of the quarter: the frame of approved sheets, a
        seed from a public dice draw, a stratified sample, re-scoring in the verification
        layer and a finding per sheet, one of them a falsification (vetoed)."""
        name = "二季度抽查复核"
        cid = campaign_id(unit_id(county), QUARTER, name)
        if self.app.runner.find(Campaign, cid) is not None:
            return
        projections = Projections(self.app.store)
        projections.catch_up([SCORES, UNITS])
        frame = eligible(projections.scores(), projections.units(), unit_id(county), QUARTER)
        c = self.app.campaigns
        auditor = self.actor(Role.COUNTY_AUDITOR, county)
        c.open(auditor, county, QUARTER, name, "stratified", 4)
        c.freeze_frame(auditor, cid, frame)
        c.enter_seed(auditor, cid, "31415926535897932384", "2023年7月3日县局公开掷骰")
        c.draw(auditor, cid)
        for number, selected in enumerate(c.get(cid).sample):
            aid = selected.assessment_id
            self.verify(auditor, aid, falsified=number == 0)
        c.close(auditor, cid)

    def verify(self, auditor: Command, aid: UUID, falsified: bool) -> None:
        a = self.app.assessments
        if not falsified:
            a.score_item(
                auditor,
                aid,
                "1",
                Layer.VERIFICATION,
                ItemEntry(points=Decimal(1)),
                "现场核实，与自评一致",
            )
            self.app.campaigns.record_finding(auditor, aid, "none", [], [], "抽查无差异")
            return
        a.score_item(
            auditor,
            aid,
            "2",
            Layer.VERIFICATION,
            ItemEntry(points=Decimal(0)),
            "站长任命文件系补签，日期倒填",
        )
        record = f"demo finding {aid}".encode()
        a.attach_evidence(auditor, aid, "现场核查记录.pdf", record, "2")
        sha = hashlib.sha256(record).hexdigest()
        self.app.campaigns.record_finding(
            auditor,
            aid,
            "falsification",
            ["2"],
            [sha],
            "任命文件倒签日期，属弄虚作假",
            Veto("61", "4"),
        )

    def city_progress(self) -> None:
        if self.exists(CITY.code, "zaozhuang-city-centre", 1, "2022"):
            return
        a = self.app.assessments
        regulator = self.actor(Role.CITY_REGULATOR, CITY.code)
        aid = a.open(regulator, CITY.code, "zaozhuang-city-centre", 1, "2022").id
        entries = yaml.load(PROGRESS_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for entry in entries:
            value = Decimal(entry["value"]) if entry.get("value") else None
            a.enter_progress(regulator, aid, entry["number"], Layer.SELF, entry["progress"], value)
