"""The register of risk signals (风险信号登记) of a county and period: each signal raised,
recorded once, and the disposition a county auditor gave it with a reason."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.canonical import canonical_json
from domain.errors import FieldError
from domain.ids import NAMESPACE
from domain.workflow import check_period


class Disposition(StrEnum):
    """What a county auditor decided about a recorded signal."""

    CONFIRMED = "confirmed"
    """核实属实: checked, and the signal is borne out."""
    DISMISSED = "dismissed"
    """排除: checked, and there is an innocent explanation."""
    RECTIFY = "rectify"
    """转整改: borne out, and the unit must put it right (a rectification item)."""


DISPOSITION_WORDS: Mapping[str, str] = {
    Disposition.CONFIRMED: "核实属实",
    Disposition.DISMISSED: "排除",
    Disposition.RECTIFY: "转整改",
}


def register_id(county_id: UUID, period: str) -> UUID:
    """One register per county and period."""
    return uuid5(NAMESPACE, f"signals:{county_id}:{period}")


@dataclass(frozen=True)
class RaisedSignal:
    """A signal as a risk report raised it: its kind, subject, explanation, figures and the
    sheets concerned. Its key is what makes it the same signal in another run: the kind, the
    subject and the sheets (not the wording or the figures, which may be refined)."""

    kind: str
    subject: str
    subject_id: str
    explanation: str
    assessments: tuple[str, ...] = ()
    figures: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        identity = [self.kind, self.subject, self.subject_id, sorted(self.assessments)]
        return hashlib.sha256(canonical_json(identity)).hexdigest()[:32]

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "explanation": self.explanation,
            "assessments": list(self.assessments),
            "figures": dict(self.figures),
        }


@dataclass(frozen=True)
class RecordedSignal:
    """A signal in the register, with where it was computed and its dispositions so far."""

    key: str
    signal: RaisedSignal
    position: int
    recorded_at: str
    disposition: Disposition | None = None
    reason: str = ""
    disposed_by: str = ""
    disposed_at: str = ""


def check_sheets(signal: RaisedSignal) -> None:
    """A signal names its kind, and its sheets by their ids."""
    if not signal.kind.strip():
        raise FieldError("signals", "a signal needs its kind", "风险信号缺少类别。")
    for sheet in signal.assessments:
        try:
            UUID(sheet)
        except ValueError:
            msg = f"signal {signal.kind} names {sheet!r}, which is not an assessment id"
            raise FieldError("signals", msg, "风险信号所列评分表编号无效。") from None


class SignalRegister(AuditedAggregate):
    """The recorded signals of a county and period. Invariants: a signal (by its key) is
    recorded once, whatever the number of runs that raise it; a disposition names a recorded
    signal, one of the three dispositions, and a reason; a later disposition replaces the
    shown one and both stay in the history."""

    class Opened(AuditedAggregate.Created):
        county_id: UUID
        period: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.county_id = self.county_id
            aggregate.period = self.period
            aggregate.signals = {}

    class SignalRecorded(AuditedAggregate.Event):
        key: str
        signal: dict[str, Any]
        position: int
        settings: dict[str, Any]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            s = self.signal
            raised = RaisedSignal(
                s["kind"],
                s["subject"],
                s["subject_id"],
                s["explanation"],
                tuple(s.get("assessments", ())),
                dict(s.get("figures", {})),
            )
            at = self.timestamp.isoformat()
            aggregate.signals[self.key] = RecordedSignal(self.key, raised, self.position, at)

    class SignalDisposed(AuditedAggregate.Event):
        key: str
        disposition: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            before = aggregate.signals[self.key]
            aggregate.signals[self.key] = RecordedSignal(
                *(before.key, before.signal, before.position, before.recorded_at),
                Disposition(self.disposition),
                self.reason,
                self.actor_id,
                self.timestamp.isoformat(),
            )

    county_id: UUID
    period: str
    signals: dict[str, RecordedSignal]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def open(cls, stamp: Stamp, county_id: UUID, period: str) -> SignalRegister:
        check_period(period)
        rid = register_id(county_id, period)
        return cls._start(cls.Opened, rid, stamp, county_id=county_id, period=period)

    def record(
        self,
        stamp: Stamp,
        raised: Sequence[RaisedSignal],
        position: int,
        settings: Mapping[str, Any],
    ) -> list[str]:
        """Record each signal not yet in the register; the keys of those recorded."""
        added = []
        for signal in raised:
            check_sheets(signal)
            if signal.key in self.signals:
                continue
            self._emit(
                self.SignalRecorded,
                stamp,
                key=signal.key,
                signal=signal.to_data(),
                position=position,
                settings=dict(settings),
            )
            added.append(signal.key)
        return added

    def dispose(self, stamp: Stamp, key: str, disposition: str, reason: str) -> None:
        if key not in self.signals:
            raise FieldError(
                "key",
                f"no signal {key} is recorded for this county and period",
                "本县本期没有登记这条风险信号。",
            )
        if disposition not in set(Disposition):
            allowed = "、".join(DISPOSITION_WORDS.values())
            raise FieldError(
                "disposition",
                f"disposition {disposition!r} is unknown; allowed: {', '.join(Disposition)}",
                f"处理结论只能是{allowed}。",
            )
        why = require_reason(reason, "dispose of a signal")
        self._emit(self.SignalDisposed, stamp, why, key=key, disposition=disposition)

    def sent_to_rectification(self) -> list[RecordedSignal]:
        """The signals whose current disposition is 转整改: what a rectification item is
        opened from."""
        return [s for s in self.signals.values() if s.disposition is Disposition.RECTIFY]
