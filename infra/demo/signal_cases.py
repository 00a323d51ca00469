"""A town of the demo quarter where every risk signal has a case, and the county's follow-up.

石门镇 joins the first county with eight stations. Its stations and its reviewer work as
people do when the figures are not what they seem: two stations hand in the same sheet,
one claims full marks everywhere, one raises its own score after a return without new
evidence, one fills its 57 items in two minutes, one edits late on the night of the
deadline; the reviewer trims every sheet to just above the pass mark within a quarter of
an hour, after the review deadline, and trims more each quarter than the one before. Then
the county's auditor records the signals the risk report raises and disposes of some of
them. Every step is a command sent by the account that would take it, authorized as any
caller's; the times are those people would act at (the demo clock resumes after them)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from application.actor import Actor
from application.authorization import Caller
from application.bus import Bus, Outcome
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import (
    Approve,
    OpenAssessment,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.base import Command
from application.commands.signals import DisposeSignal, raised_signals, record_report
from application.commands.units import RegisterUnit, SetUnitContact
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import Rubric, UnitLevel
from domain.rules import Kind
from domain.signal_register import register_id
from infra.demo.pace import at, paced
from infra.projections.registry import Projections
from infra.projections.tables import people_of
from projections.spot_checks.reading import read_report
from projections.spot_checks.settings import RiskSettings

RUBRIC, VERSION, QUARTER = "fengdu-village-station", 2, "2023Q2"
EARLIER_VERSION = 1
"""The two earlier quarters, entered late in June, are on the table without windows: on
version 2 their windows had closed (after 31 December and 30 April), and a station cannot
hand a closed quarter up."""
TOWN = ("04", "石门镇", "罗晓峰", "13907140400")
STATIONS = (
    ("01", "石门村", "石建军"),
    ("02", "石桥村", "石永红"),
    ("03", "石坝村", "石海燕"),
    ("04", "石板村", "石志强"),
    ("05", "石泉村", "石秀兰"),
    ("06", "石井村", "石春生"),
    ("07", "石岗村", "石玉兰"),
    ("08", "石竹村", "石国华"),
)
HALF, CUT = Decimal("0.5"), Decimal(3)
"""Stations dock 13 items by half a point each (93.5 in all); the reviewer takes 3 more
points from one item of each (90.5: just above the pass mark of 90)."""


@dataclass(frozen=True)
class Person:
    """A demo account acting in one role for one unit."""

    actor: Actor
    correlation_id: str

    @property
    def caller(self) -> Caller:
        return Caller(self.actor.account_id, self.correlation_id)


class SignalCases:
    """The town, its stations and accounts (set up as the system, like the demo's others),
    then the quarter of its stations and reviewer and the county's follow-up."""

    def __init__(self, app: Kaohe, bus: Bus, county: str) -> None:
        self.app, self.bus, self.county = app, bus, county
        self.town = f"{county}-{TOWN[0]}"

    def run(self) -> None:
        if self.app.units.exists(self.town):
            return
        self.set_up()
        self.quarter()
        self.follow_up()

    # Set-up --------------------------------------------------------------------------

    def set_up(self) -> None:
        _, name, contact, phone = TOWN
        self.unit(self.town, name, UnitLevel.TOWN, self.county, contact, phone)
        self.account(f"reviewer-{short(self.town)}", contact, Role.TOWN_REVIEWER)
        for number, (code, name, contact) in enumerate(STATIONS, start=1):
            station = f"{self.town}-{code}"
            self.unit(station, name, UnitLevel.VILLAGE, self.town, contact, f"1390714{number:04d}")
            self.account(self.staff_name(station), contact, Role.STATION_STAFF, station)

    def unit(
        self, code: str, name: str, level: UnitLevel, parent: str, contact: str, phone: str
    ) -> None:
        self.app.setup(RegisterUnit(code=code, unit_name=name, level=level, parent=parent), "demo")
        self.app.setup(SetUnitContact(code=code, contact=contact, phone=phone), "demo")

    def account(self, username: str, name: str, role: Role, unit: str | None = None) -> None:
        password = f"demo-{username}-2023"
        self.app.setup(
            CreateAccount(username=username, display_name=name, password=password), "demo"
        )
        self.app.setup(GrantRole(username=username, role=role, unit=unit or self.town), "demo")

    @staticmethod
    def staff_name(station: str) -> str:
        return f"staff-{short(station)}"

    def person(self, username: str, role: Role, unit: str) -> Person:
        account = self.app.accounts.get(username)
        return Person(Actor(account.id, role, unit_id(unit)), f"demo-{unit}")

    def staff(self, n: int) -> Person:
        station = f"{self.town}-{STATIONS[n - 1][0]}"
        return self.person(self.staff_name(station), Role.STATION_STAFF, station)

    @property
    def reviewer(self) -> Person:
        return self.person(f"reviewer-{short(self.town)}", Role.TOWN_REVIEWER, self.town)

    # Commands at a pace ----------------------------------------------------------------

    def paced(self, start: datetime, step: timedelta) -> AbstractContextManager[None]:
        return paced(self.bus, start, step)

    def do(self, who: Person, command: Command) -> Outcome:
        return self.bus.handle(command, who.caller)

    # The quarter ------------------------------------------------------------------------

    def rubric(self) -> Rubric:
        return self.app.rubrics.rubric(rubric_version_id(RUBRIC, VERSION))

    def standard(self) -> list[tuple[str, Decimal]]:
        return [
            (i.number, i.max_points)
            for i in self.rubric().items()
            if i.kind is Kind.STANDARD and i.max_points is not None
        ]

    def docked(self, first: int, count: int = 13) -> dict[str, ItemEntry]:
        """Full marks but `count` items from the `first`, each half a point short."""
        items = self.standard()
        short = {items[(first + k) % len(items)][0] for k in range(count)}
        return {n: ItemEntry(points=top - HALF if n in short else top) for n, top in items}

    def trimmed(self, entries: dict[str, ItemEntry], cut: Decimal) -> tuple[str, ItemEntry]:
        """The reviewer's trim: `cut` points off the first item at full marks worth as much."""
        for n, top in self.standard():
            if entries[n].points == top and top >= cut:
                return n, ItemEntry(points=top - cut)
        raise AssertionError("no item can take the cut")

    def sheet(
        self,
        n: int,
        period: str,
        entries: dict[str, ItemEntry],
        submit: bool = True,
        version: int = VERSION,
    ) -> UUID:
        who = self.staff(n)
        station = f"{self.town}-{STATIONS[n - 1][0]}"
        opened = OpenAssessment(unit=station, rubric=RUBRIC, version=version, period=period)
        aid = self.do(who, opened).id
        self.do(who, SaveSheet(assessment_id=aid, entries=entries))
        if submit:
            self.do(who, Submit(assessment_id=aid))
        return aid

    def review(self, aid: UUID, entries: dict[str, ItemEntry], cut: Decimal) -> None:
        number, entry = self.trimmed(entries, cut)
        why = "台账记录不完整，核减"
        self.do(self.reviewer, ScoreItem(assessment_id=aid, number=number, entry=entry, reason=why))

    def quarter(self) -> None:
        # Two earlier quarters, entered late: the town trims 0.5, then 1.5 points.
        with self.paced(at("2023-06-01"), timedelta(minutes=15)):
            for period, cut in (("2022Q4", HALF), ("2023Q1", Decimal("1.5"))):
                entries = self.docked(0)
                aid = self.sheet(1, period, entries, version=EARLIER_VERSION)
                self.review(aid, entries, cut)
                self.do(self.reviewer, Approve(assessment_id=aid))
        sheets: dict[int, dict[str, ItemEntry]] = {
            1: self.docked(0),
            2: self.docked(20),
            3: self.docked(20),  # the same sheet as station 2's
            4: self.docked(0, count=0),  # full marks everywhere
            5: self.docked(40, count=15),
            7: self.docked(30, count=17),
            8: self.docked(10),
        }
        with self.paced(at("2023-06-05"), timedelta(minutes=15)):
            for n in (1, 2, 3, 4, 5, 8):
                self.sheet(n, QUARTER, sheets[n])
            self.sheet(7, QUARTER, sheets[7], submit=False)
        self.returned_then_raised(sheets)
        with self.paced(at("2023-06-07", 10), timedelta(minutes=1)):
            sheets[6] = self.docked(50)
            self.sheet(6, QUARTER, sheets[6])  # 57 items in two minutes
        self.late_night(sheets)
        self.trimmed_in_a_hurry(sheets)

    def aid(self, n: int, period: str = QUARTER) -> UUID:
        station = unit_id(f"{self.town}-{STATIONS[n - 1][0]}")
        return assessment_id(station, rubric_version_id(RUBRIC, VERSION), period)

    def returned_then_raised(self, sheets: dict[int, dict[str, ItemEntry]]) -> None:
        """Station 5 is returned, raises an item back to full marks, attaches nothing."""
        aid, entries = self.aid(5), sheets[5]
        items = dict(self.standard())
        raised = next(n for n, e in entries.items() if e.points != items[n])
        with self.paced(at("2023-06-06"), timedelta(minutes=20)):
            why = f"第{raised}项自评依据不足，请核实后重新报送"
            back = ReturnAssessment(assessment_id=aid, reason=why, items=(raised,))
            self.do(self.reviewer, back)
            entries[raised] = ItemEntry(points=items[raised])
            score = ScoreItem(assessment_id=aid, number=raised, entry=entries[raised])
            self.do(self.staff(5), score)
            self.do(self.staff(5), Submit(assessment_id=aid))

    def late_night(self, sheets: dict[int, dict[str, ItemEntry]]) -> None:
        """Station 7 raises four items in the last hour before the deadline, then submits."""
        aid, entries = self.aid(7), sheets[7]
        items = dict(self.standard())
        short = [n for n, e in entries.items() if e.points != items[n]][:4]
        with self.paced(at("2023-06-30", 23, 10), timedelta(minutes=8)):
            for number in short:
                entries[number] = ItemEntry(points=items[number])
                score = ScoreItem(assessment_id=aid, number=number, entry=entries[number])
                self.do(self.staff(7), score)
            self.do(self.staff(7), Submit(assessment_id=aid))

    def trimmed_in_a_hurry(self, sheets: dict[int, dict[str, ItemEntry]]) -> None:
        """The reviewer trims seven sheets within a quarter of an hour, then approves all
        eight (the full-marks sheet untouched), on 3 July: after the quarter's review deadline
        of 30 June, so the town's reviews are late (逾期), as its tables show."""
        with self.paced(at("2023-07-03"), timedelta(minutes=2)):
            for n in (1, 2, 3, 5, 6, 7, 8):
                self.review(self.aid(n), sheets[n], CUT)
        with self.paced(at("2023-07-03", 10), timedelta(minutes=15)):
            for n in range(1, 9):
                self.do(self.reviewer, Approve(assessment_id=self.aid(n)))

    # The county's follow-up -----------------------------------------------------------

    def follow_up(self) -> None:
        """The county's auditor records the quarter's signals and disposes of three."""
        auditor = self.person(f"auditor-{self.county[-2:]}", Role.COUNTY_AUDITOR, self.county)
        projections = Projections(self.app.store)
        projections.catch_up()
        position = self.app.store.history.max_position()
        county = unit_id(self.county)
        report = read_report(
            projections.scores(),
            projections.units(),
            county,
            QUARTER,
            RiskSettings(),
            position,
            people_of(projections),
        )
        decided = {
            "all_maximum": ("dismissed", "现场查看台账、照片齐全，满分有据可查"),
            "raised_after_return": ("rectify", "退回后未补充材料即调高自评分，责成该站整改"),
            "fill_time": ("confirmed", "电话核实：该站照抄上季度评分，未逐项核对台账"),
        }
        rid = register_id(county, QUARTER)
        with self.paced(at("2023-07-04"), timedelta(minutes=20)):
            self.do(auditor, record_report(self.county, report.to_json()))
            for signal in report.signals:
                if signal.kind in decided:
                    disposition, reason = decided.pop(signal.kind)
                    [raised] = raised_signals([signal.to_json()])
                    dispose = DisposeSignal(
                        register_id=rid, key=raised.key, disposition=disposition, reason=reason
                    )
                    self.do(auditor, dispose)


def short(code: str) -> str:
    """A unit's code as the demo's usernames carry it: DEMO-01-04 → 0104."""
    return code.removeprefix("DEMO-").replace("-", "")
