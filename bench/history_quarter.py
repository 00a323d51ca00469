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

from application.assessments import AssessmentService
from application.runner import Command, Outcome
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

Action = Callable[[AssessmentService, Command, UUID], Outcome]


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


def by(role: Role, unit_code: str) -> Command:
    return Command(actor(role, unit_code), correlation_id=f"bench-{unit_code}")


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
            self.act(village, lambda a, c, aid: a.submit(c, aid), Role.STATION_STAFF)
        returned = [v for v in villages if self.review(v)]
        for village in returned:
            self.revise(village, Layer.SELF, by(Role.STATION_STAFF, village))
            self.act(village, lambda a, c, aid: a.submit(c, aid), Role.STATION_STAFF)
        for village in villages:
            self.act(village, lambda a, c, aid: a.approve(c, aid), Role.TOWN_REVIEWER)
        for village in villages:
            if self.rng.random() < VERIFIED:
                county = Plan(0).county_of(Plan.town_of(village))
                self.revise(village, Layer.VERIFICATION, by(Role.COUNTY_AUDITOR, county))
        return self.commands

    def open(self, village: str) -> None:
        a = self.app.assessments
        staff = by(Role.STATION_STAFF, village)
        aid = a.open(staff, village, RUBRIC, 1, self.period).id
        if not self.items:
            rubric = a.rubric_of(a.get(aid))
            self.items = [
                i for i in rubric.items() if i.kind is Kind.STANDARD and i.max_points is not None
            ]
        sheet = {i.number: self.points(i) for i in self.items}
        a.save_sheet(staff, aid, Layer.SELF, {n: ItemEntry(points=p) for n, p in sheet.items()})
        self.ids[village], self.sheets[village] = aid, {Layer.SELF: sheet}
        self.commands += 2

    def points(self, item: Item, other_than: Decimal | None = None) -> Decimal:
        assert item.max_points is not None
        while True:
            cut = item.step * self.rng.choice((0, 0, 0, 0, 0, 0, 1, 2))
            points = max(item.max_points - cut, Decimal(0))
            if points != other_than or item.max_points == 0:
                return points

    def revise(self, village: str, layer: Layer, command: Command) -> Outcome:
        """One item of the sheet set to another value in a layer (a reason beyond self)."""
        item = self.rng.choice(self.items)
        sheet = self.sheets[village].setdefault(layer, {})
        points = self.points(item, other_than=sheet.get(item.number))
        reason = "" if layer is Layer.SELF else self.rng.choice(REVIEW_REASONS)
        if layer is Layer.VERIFICATION:
            reason = VERIFY_REASON
        outcome = self.app.assessments.score_item(
            command, self.ids[village], item.number, layer, ItemEntry(points=points), reason
        )
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
        a, aid = self.app.assessments, self.ids[village]
        a.return_to_unit(reviewer, aid, RETURN_REASON, [number])
        content = f"bench evidence {aid} {self.period}".encode()
        a.attach_evidence(by(Role.STATION_STAFF, village), aid, "补充台账.pdf", content, number)
        self.commands += 2
        return True

    def act(self, village: str, action: Action, role: Role) -> None:
        unit = village if role is Role.STATION_STAFF else Plan.town_of(village)
        action(self.app.assessments, by(role, unit), self.ids[village])
        self.commands += 1
