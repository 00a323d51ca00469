"""Commands sent through the application's trusted set-up path, as tests arrange what they
need: `send` is `Kaohe.setup` as a test's actor, with its key and expected version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from application.actor import Actor
from application.bus import Outcome
from application.commands.assessments import RecordFinding
from application.commands.base import Command
from application.consequences import Consequence
from application.service import Kaohe
from domain.workflow import Layer


@dataclass(frozen=True)
class Who:
    """An actor and the request details its commands carry."""

    actor: Actor
    correlation_id: str = "test"
    idempotency_key: str | None = None
    expected_version: int | None = None


def send(app: Kaohe, who: Who, command: Command, layer: Layer | None = None) -> Outcome:
    """Run a command as `who` (its key and expected version too), scoring in `layer` if
    named, without authorization."""
    return app.setup(
        command, who.correlation_id, who.actor, layer, who.idempotency_key, who.expected_version
    )


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
