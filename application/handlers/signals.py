"""The risk-signal handlers: the register is opened by its first recording."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands import signals as c
from application.context import Context
from domain.errors import DomainError
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.signal_register import SignalRegister, register_id
from domain.unit import Unit


def record_signals(cmd: c.RecordSignals, ctx: Context) -> list[SignalRegister]:
    """The register of the county and period (opened if new) with the signals not yet in it:
    recording the same report twice changes nothing."""
    county = ctx.uow.load(Unit, unit_id(cmd.county), f"unit {cmd.county}")
    if county.level is not UnitLevel.COUNTY:
        raise DomainError(f"{cmd.county} is a {county.level.value} unit, not a county")
    register = ctx.uow.find(SignalRegister, register_id(county.id, cmd.period))
    if register is None:
        register = SignalRegister.open(ctx.stamp, county.id, cmd.period)
    register.record(ctx.stamp, cmd.signals, cmd.position, cmd.settings)
    return [register]


def dispose_signal(cmd: c.DisposeSignal, register: SignalRegister, ctx: Context) -> None:
    """Record the disposition. A 转整改 is where a rectification item is opened from
    (`SignalRegister.sent_to_rectification`)."""
    register.dispose(ctx.stamp, cmd.key, cmd.disposition, cmd.reason)


SIGNAL_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.RecordSignals: record_signals,
    c.DisposeSignal: dispose_signal,
}
