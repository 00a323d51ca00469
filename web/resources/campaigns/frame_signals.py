"""Freezing a campaign's frame puts the county's risk signals of the campaign's period on
record (the signal register), so the signals the sample was drawn against can be read and
followed up later. It is a second command, sent right after the freeze through the same bus:
each command changes one aggregate. Its failure does not undo the freeze, and is said."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import structlog

from application.authorization import Caller
from application.commands.signals import record_report
from domain.campaign import Campaign
from domain.unit import Unit
from web.context import bus, unit_of_work
from web.errors import REFUSED_ERRORS, detail_of
from web.resources.campaigns.risk import county_risk

log = structlog.get_logger()


@dataclass(frozen=True)
class SignalsOnRecord:
    """What the freeze put on record: the register, its version and log position, and how
    many signals the period's report raised; or, when recording was refused, why."""

    raised: int = 0
    register_id: UUID | None = None
    version: int | None = None
    position: int | None = None
    error: str = ""
    error_zh: str = ""

    def to_data(self) -> dict[str, Any]:
        return {
            "recorded": not self.error,
            "raised": self.raised,
            "register_id": self.register_id,
            "register_version": self.version,
            "error": self.error or None,
        }


def record_frame_signals(who: Caller, c: Campaign) -> SignalsOnRecord:
    """Record the risk signals of the campaign's county and period, as its report raises them
    now; a signal recorded before stays as it was. A refusal is logged and returned."""
    plain = Caller(who.account_id, who.correlation_id)  # no key, no version: its own step
    county = unit_of_work().load(Unit, c.county_id, f"unit {c.county_id}")
    try:
        report = county_risk(plain, county.code, c.period, None)
        outcome = bus().handle(record_report(county.code, report), plain, unit_of_work())
    except REFUSED_ERRORS as refused:
        log.warning("frame_signals_not_recorded", campaign=str(c.id), error=detail_of(refused))
        zh = getattr(refused, "message_zh", "") or "登记风险信号被拒绝。"
        return SignalsOnRecord(error=detail_of(refused), error_zh=zh)
    raised = len(report["signals"])
    return SignalsOnRecord(raised, outcome.id, outcome.version, outcome.position)
