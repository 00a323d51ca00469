"""What a handler is given besides its command: who acts, when, and where to look."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from application.actor import Actor
from application.errors import PermissionDeniedError
from application.passwords import Passwords
from application.ports import EvidenceFiles, Namesakes
from application.unit_of_work import UnitOfWork
from domain.assessment import Assessment
from domain.audit import Stamp
from domain.rubric import Rubric
from domain.workflow import Layer


@dataclass(frozen=True)
class Context:
    """The acting actor, the stamp its events carry, the layer its role scores in, and the
    command's unit of work (every aggregate it reads, read once)."""

    actor: Actor
    stamp: Stamp
    uow: UnitOfWork
    rubrics: Callable[[UUID], Rubric]
    files: EvidenceFiles
    scoring_layer: Layer | None
    passwords: Passwords | None = None
    """Password checks and new hashes (saved with the command's events), where the bus has
    a hasher."""
    namesakes: Namesakes | None = None
    """The units by name under a parent, where the bus reads the units view."""

    @property
    def layer(self) -> Layer:
        """The layer the acting role writes (self, review, verification)."""
        if self.scoring_layer is None:
            raise PermissionDeniedError(f"{self.actor.role.value} scores in no layer")
        return self.scoring_layer

    def rubric(self, a: Assessment) -> Rubric:
        """The rubric the assessment was opened against (parsed once per process)."""
        return self.rubrics(a.rubric_id)
