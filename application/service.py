"""Kaohe's application: every use case over the one event store."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.accounts import AccountService
from application.actor import SYSTEM, Actor
from application.assessments import AssessmentService
from application.authorization import Authorizer, Caller, UnknownUnitTree
from application.bus import Bus, Outcome
from application.campaigns import CampaignService
from application.commands.base import Command
from application.denials import StoreDenialLog
from application.ports import Clock, EvidenceFiles, PasswordHasher
from application.read_ports import StoredChange
from application.refusals import InMemoryRefusalLog
from application.rubrics import RubricService
from application.runner import StoredAggregates
from application.store import EventStore
from application.units import UnitService
from domain.audit import AuditedAggregate
from domain.workflow import Layer


class Kaohe:
    """The composition of the use cases; built once per process by infra.bootstrap."""

    def __init__(
        self, store: EventStore, clock: Clock, hasher: PasswordHasher, files: EvidenceFiles
    ) -> None:
        self.store = store
        self.runner = StoredAggregates(store, clock)
        self.units = UnitService(self.runner)
        self.accounts = AccountService(self.runner, hasher)
        self.rubrics = RubricService(self.runner)
        self.assessments = AssessmentService(self.runner, self.rubrics, files)
        self.campaigns = CampaignService(self.runner)
        refusals, denials = InMemoryRefusalLog(clock), StoreDenialLog(store)
        authorizer = Authorizer(UnknownUnitTree(), self.runner, refusals, denials, clock)
        self.bus = Bus(store, clock, authorizer, self.rubrics.rubric, files, hasher=hasher)
        """The bus of trusted set-up (`setup`); callers' commands go to the bus that
        infra.bootstrap.build wires over the read models."""

    def setup(
        self,
        command: Command,
        correlation_id: str = "setup",
        actor: Actor = SYSTEM,
        layer: Layer | None = None,
        key: str | None = None,
        expected: int | None = None,
    ) -> Outcome:
        """Run a trusted set-up command (demo data, rubric import, benchmarks, test
        fixtures) as `actor`, unauthorized, scoring in `layer` if named; an idempotency
        `key` and the `expected` version are checked as for any caller's command."""
        caller = Caller(actor.account_id, correlation_id, key, expected)
        return self.bus.handle_as(command, actor, caller, layer=layer)

    def history(self, aggregate_id: UUID) -> list[StoredChange]:
        """Every event of one aggregate, oldest first: as stored (no upcasting) and typed."""
        recorder = self.store.recorder
        stored = recorder.select_events(aggregate_id)
        mapper = self.store.mapper
        decode = mapper.transcoder.decode
        return [
            StoredChange(e.originator_version, e.topic, decode(e.state), mapper.to_domain_event(e))
            for e in stored
        ]

    def aggregate_at(
        self, aggregate_id: UUID, version: int | None = None, as_of: datetime | None = None
    ) -> AuditedAggregate:
        """Any aggregate now, at a version, or as it stood at a moment."""
        return self.runner.load_at(
            AuditedAggregate, aggregate_id, f"aggregate {aggregate_id}", version, as_of
        )

    def close(self) -> None:
        self.store.close()
