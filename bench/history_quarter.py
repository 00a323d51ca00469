"""One quarter of village work, done through the application in stages across villages.

Every village of the batch goes through a stage before the next stage begins, so an
assessment's events are spread over the log as they are when many stations work at once:
open and a whole self sheet; a few single-item revisions; submit; the town's review (an edit
with a reason, sometimes a return, then a revision and a resubmit); approval; now and then a
verification-layer change by the county."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from application.actor import Actor
from application.bus import Outcome
from application.commands.assessments import (
    Approve,
    AssessmentCommand,
    AttachEvidence,
    OpenAssessment,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.base import Command
from application.service import Kaohe
from bench.history_world import RUBRIC, PhaseClock, Plan, actor, open_app, period
from domain.account import Role
from domain.entries import ItemEntry
from domain.rubric import Item
from domain.rules import Kind
from domain.workflow import Layer

REVIEW_REASONS = ("台账资料不全，核减", "现场查看与自评不符", "制度未上墙，核减")
RETURN_REASON = "请补充相关台账和照片后重新报送"
VERIFY_REASON = "抽查复核，与现场不符"
REVISIONS = (0, 1, 1, 2, 2, 3)
"""Single-item self revisions before submitting, drawn per village."""
REVIEW_EDIT, RETURNED, VERIFIED = 0.3, 0.12, 0.05
"""Chances that the town edits a score, that it returns the sheet, that the county verifies."""

Action = Callable[[UUID], AssessmentCommand]


@dataclass(frozen=True)
class QuarterTask:
    """What one worker process generates: some villages' work in one quarter."""

    env: dict[str, str]
    quarter: int
    villages: tuple[str, ...]
    seed: int
    wall_start: float


def run_quarter(task: QuarterTask) -> int:
    """Generate one task in this process; the number of commands run."""
    with tempfile.TemporaryDirectory(prefix="kaohe-bench-files-") as files:
        app = open_app(task.env, PhaseClock(task.quarter, task.wall_start), Path(files))
        try:
            return Quarter(app, task).run()
        finally:
            app.close()


@dataclass(frozen=True)
class Who:
    """A bench account acting in one role for one unit, and its request id."""

    actor: Actor
    correlation_id: str


def by(role: Role, unit_code: str) -> Who:
    return Who(actor(role, unit_code), correlation_id=f"bench-{unit_code}")


class Quarter:
    """The stages of one quarter over a batch of villages, with the scores kept locally so
    each revision really changes a value."""

    def __init__(self, app: Kaohe, task: QuarterTask) -> None:
        self.app, self.task = app, task
        self.rng = random.Random(task.seed)
        self.period = period(task.quarter)
        self.items: list[Item] = []
        self.ids: dict[str, UUID] = {}
        self.sheets: dict[str, dict[Layer, dict[str, Decimal]]] = {}
        """Per village, per layer, the points each item has."""
        self.commands = 0

    def run(self) -> int:
        villages = self.task.villages
        for village in villages:
            self.open(village)
        for village in villages:
            for _ in range(self.rng.choice(REVISIONS)):
                self.revise(village, Layer.SELF, by(Role.STATION_STAFF, village))
        for village in villages:
            self.act(village, lambda aid: Submit(assessment_id=aid), Role.STATION_STAFF)
        returned = [v for v in villages if self.review(v)]
        for village in returned:
            self.revise(village, Layer.SELF, by(Role.STATION_STAFF, village))
            self.act(village, lambda aid: Submit(assessment_id=aid), Role.STATION_STAFF)
        for village in villages:
            self.act(village, lambda aid: Approve(assessment_id=aid), Role.TOWN_REVIEWER)
        for village in villages:
            if self.rng.random() < VERIFIED:
                county = Plan(0).county_of(Plan.town_of(village))
                self.revise(village, Layer.VERIFICATION, by(Role.COUNTY_AUDITOR, county))
        return self.commands

    def open(self, village: str) -> None:
        a = self.app.assessments
        staff = by(Role.STATION_STAFF, village)
        opening = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period=self.period)
        aid = self.send(staff, opening).id
        if not self.items:
            rubric = a.rubric_of(a.get(aid))
            self.items = [
                i for i in rubric.items() if i.kind is Kind.STANDARD and i.max_points is not None
            ]
        sheet = {i.number: self.points(i) for i in self.items}
        entries = {n: ItemEntry(points=p) for n, p in sheet.items()}
        self.send(staff, SaveSheet(assessment_id=aid, entries=entries))
        self.ids[village], self.sheets[village] = aid, {Layer.SELF: sheet}
        self.commands += 2

    def points(self, item: Item, other_than: Decimal | None = None) -> Decimal:
        assert item.max_points is not None
        while True:
            cut = item.step * self.rng.choice((0, 0, 0, 0, 0, 0, 1, 2))
            points = max(item.max_points - cut, Decimal(0))
            if points != other_than or item.max_points == 0:
                return points

    def send(self, who: Who, command: Command, layer: Layer | None = None) -> Outcome:
        """Run a command as a bench account (trusted set-up: not authorized)."""
        return self.app.setup(command, who.correlation_id, who.actor, layer)

    def revise(self, village: str, layer: Layer, who: Who) -> Outcome:
        """One item of the sheet set to another value in a layer (a reason beyond self)."""
        item = self.rng.choice(self.items)
        sheet = self.sheets[village].setdefault(layer, {})
        points = self.points(item, other_than=sheet.get(item.number))
        reason = "" if layer is Layer.SELF else self.rng.choice(REVIEW_REASONS)
        if layer is Layer.VERIFICATION:
            reason = VERIFY_REASON
        entry = ItemEntry(points=points)
        change = ScoreItem(
            assessment_id=self.ids[village], number=item.number, entry=entry, reason=reason
        )
        outcome = self.send(who, change, layer)
        sheet[item.number] = points
        self.commands += 1
        return outcome

    def review(self, village: str) -> bool:
        """The town's look at a submitted sheet; whether it was returned."""
        reviewer = by(Role.TOWN_REVIEWER, Plan.town_of(village))
        if self.rng.random() < REVIEW_EDIT:
            self.revise(village, Layer.REVIEW, reviewer)
        if self.rng.random() >= RETURNED:
            return False
        number = self.rng.choice(self.items).number
        aid = self.ids[village]
        returned = ReturnAssessment(assessment_id=aid, reason=RETURN_REASON, items=(number,))
        self.send(reviewer, returned)
        content = f"bench evidence {aid} {self.period}".encode()
        evidence = AttachEvidence(
            assessment_id=aid, file_name="补充台账.pdf", content=content, item=number
        )
        self.send(by(Role.STATION_STAFF, village), evidence)
        self.commands += 2
        return True

    def act(self, village: str, action: Action, role: Role) -> None:
        unit = village if role is Role.STATION_STAFF else Plan.town_of(village)
        self.send(by(role, unit), action(self.ids[village]))
        self.commands += 1
