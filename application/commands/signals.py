"""The risk-signal commands: record the signals a report raised, dispose of one of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar
from uuid import UUID

from application.authorization import Action, Target
from application.commands.base import Command
from domain.audit import AuditedAggregate
from domain.ids import unit_id
from domain.signal_register import RaisedSignal, SignalRegister


@dataclass(frozen=True, kw_only=True)
class RecordSignals(Command):
    """Record in the county's register of the period each signal a risk report raised (at
    `position`, with `settings`); a signal already recorded is not recorded again."""

    step = Action.RECORD_SIGNALS
    name = "record_signals"
    county: str
    period: str
    position: int
    settings: Mapping[str, Any] = field(default_factory=dict)
    signals: tuple[RaisedSignal, ...] = ()

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.county}", unit_id(self.county))]


@dataclass(frozen=True, kw_only=True)
class DisposeSignal(Command):
    """Give a recorded signal a disposition (核实属实 / 排除 / 转整改) with a reason."""

    step = Action.DISPOSE_SIGNAL
    name = "dispose_signal"
    subject_type: ClassVar[type[AuditedAggregate] | None] = SignalRegister
    register_id: UUID
    key: str
    disposition: str
    reason: str

    def subject_id(self) -> UUID | None:
        return self.register_id

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        assert isinstance(subject, SignalRegister)
        return [Target(f"signals:{subject.id}", subject.county_id)]


def raised_signals(report_signals: Sequence[Mapping[str, Any]]) -> tuple[RaisedSignal, ...]:
    """The signals of a risk report as JSON (`signals` of the report) as values to record."""
    return tuple(
        RaisedSignal(
            str(s["kind"]),
            str(s["subject"]),
            str(s["subject_id"]),
            str(s["explanation"]),
            tuple(str(a) for a in s.get("assessments", ())),
            {str(k): str(v) for k, v in s.get("figures", {}).items()},
        )
        for s in report_signals
    )


def record_report(county: str, report: Mapping[str, Any]) -> RecordSignals:
    """The command recording every signal of a risk report (as JSON) of a county (by code),
    with the position and settings it was computed at."""
    return RecordSignals(
        county=county,
        period=str(report["period"]),
        position=int(report["position"]),
        settings=dict(report["settings"]),
        signals=raised_signals(report["signals"]),
    )
