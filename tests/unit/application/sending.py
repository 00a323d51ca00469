"""Commands sent through the bus's trusted path, as tests arrange what they need."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID
from weakref import WeakKeyDictionary

from application.authorization import Caller
from application.bus import Bus, Outcome
from application.commands.assessments import RecordFinding
from application.commands.base import Command
from application.consequences import Consequence
from application.runner import Command as Who
from application.service import Kaohe
from domain.workflow import Layer
from infra.bootstrap import build_bus
from infra.projections.registry import Projections

_BUSES: WeakKeyDictionary[Kaohe, Bus] = WeakKeyDictionary()


def bus_of(app: Kaohe) -> Bus:
    """One bus per application (its read models opened once)."""
    if app not in _BUSES:
        _BUSES[app] = build_bus(app, Projections(app.store))
    return _BUSES[app]


def send(app: Kaohe, who: Who, command: Command, layer: Layer | None = None) -> Outcome:
    """Run a command as `who` (its key and expected version too), scoring in `layer` if
    named, without authorization."""
    caller = Caller(
        who.actor.account_id, who.correlation_id, who.idempotency_key, who.expected_version
    )
    return bus_of(app).handle_as(command, who.actor, caller, layer=layer)


def record_finding(
    app: Kaohe,
    who: Who,
    aid: UUID,
    finding: str,
    items: Sequence[str],
    evidence: Sequence[str],
    note: str,
    consequence: Consequence | None = None,
) -> Outcome:
    """A spot-check finding, with a falsification's consequence."""
    command = RecordFinding(
        assessment_id=aid,
        finding=finding,
        items=tuple(items),
        evidence=tuple(evidence),
        note=note,
        consequence=consequence,
    )
    return send(app, who, command)
