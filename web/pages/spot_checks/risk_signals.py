"""The risk page's signals with what became of them: recorded or not, and each recorded
one's disposition (核实属实 / 排除 / 转整改) with its reason, who gave it and when."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from application.commands.signals import raised_signals
from domain.signal_register import DISPOSITION_WORDS, RecordedSignal, SignalRegister
from projections.spot_checks.words import signal_words
from web.pages.people import People


@dataclass(frozen=True)
class SignalLine:
    """One signal as the page lists it."""

    key: str
    words: str
    explanation: str
    weight: str
    events: int
    recorded: RecordedSignal | None
    raised_now: bool = True

    @property
    def disposition_words(self) -> str:
        found = self.recorded.disposition if self.recorded else None
        return DISPOSITION_WORDS[found] if found else ""


def signal_lines(
    report: Mapping[str, Any], register: SignalRegister | None
) -> tuple[list[SignalLine], list[SignalLine]]:
    """The report's signals (each with its record, if any), then the recorded signals this
    report no longer raises (the data changed since; their dispositions stay)."""
    kept = register.signals if register else {}
    weights = report["settings"]["weights"]
    now = [
        SignalLine(
            s.key,
            signal_words(s.kind),
            s.explanation,
            weights.get(s.kind, "1"),
            len(raw.get("events", ())),
            kept.get(s.key),
        )
        for s, raw in zip(raised_signals(report["signals"]), report["signals"], strict=True)
    ]
    raised = {line.key for line in now}
    earlier = [
        SignalLine(
            r.key, signal_words(r.signal.kind), r.signal.explanation, "", 0, r, raised_now=False
        )
        for r in kept.values()
        if r.key not in raised
    ]
    return now, earlier


def who_disposed(lines: Sequence[SignalLine]) -> dict[str, str]:
    """Each disposing account's name, by id."""
    people = People()
    return {
        line.recorded.disposed_by: people.name(line.recorded.disposed_by)
        for line in lines
        if line.recorded and line.recorded.disposed_by
    }
