"""Kaohe's application: every use case over the one event store."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.accounts import AccountService
from application.actor import SYSTEM
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
from application.runner import CommandRunner
from application.store import EventStore
from application.units import UnitService
from domain.audit import AuditedAggregate


class Kaohe:
    """The composition of the use cases; built once per process by infra.bootstrap."""

    def __init__(
        self, store: EventStore, clock: Clock, hasher: PasswordHasher, files: EvidenceFiles
    ) -> None:
        self.store = store
        self.runner = CommandRunner(store, clock)
        self.units = UnitService(self.runner)
        self.accounts = AccountService(self.runner, hasher)
        self.rubrics = RubricService(self.runner)
        self.assessments = AssessmentService(self.runner, self.units, self.rubrics, files)
        self.campaigns = CampaignService(self.runner, self.units, self.assessments)
        refusals, denials = InMemoryRefusalLog(clock), StoreDenialLog(store)
        authorizer = Authorizer(UnknownUnitTree(), self.runner, refusals, denials, clock)
        self.bus = Bus(store, clock, authorizer, self.rubrics.rubric, files, hasher=hasher)
        """The bus of trusted set-up (`setup`); the web builds its own over the read models."""

    def setup(self, command: Command, correlation_id: str = "setup") -> Outcome:
        """Run a set-up command (demo data, rubric import, test fixtures) as the system."""
        return self.bus.handle_as(command, SYSTEM, Caller(SYSTEM.account_id, correlation_id))

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
