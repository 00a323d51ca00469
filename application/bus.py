"""The one path of every change: idempotency, authorization, the expected version, the
handler, one save and the outcome, each done once per command."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from application.actor import Actor
from application.authorization import LAYER_OF, Authorizer, Caller
from application.commands.base import Command
from application.context import Context
from application.errors import ConflictError
from application.handlers import HANDLERS, Handler
from application.passwords import Passwords
from application.ports import Clock, Credential, EvidenceFiles, Namesakes, PasswordHasher
from application.sheet_work import sheet_check
from application.store import EventStore
from application.unit_of_work import UnitOfWork
from domain.audit import AuditedAggregate
from domain.command_record import CommandRecord
from domain.ids import command_id
from domain.rubric import Rubric
from domain.workflow import Layer

RACES = 32
"""How many times a change that lost the race to save is checked and run again on what won
(each round saves at least one writer's change, so a team of writers all get through)."""


class _RacedError(Exception):
    """Another change of the subject was saved between loading it and saving this one."""


@dataclass(frozen=True)
class Outcome:
    """What a command changed: the saved aggregate (the main one), its version and the log
    position of the save; a repeated key answers its first outcome."""

    id: UUID
    version: int
    position: int
    aggregate: AuditedAggregate

    def as_dict(self) -> dict[str, Any]:
        return {"id": str(self.id), "version": self.version, "position": self.position}


class Bus:
    """Runs commands against the one event store, in one transaction each."""

    def __init__(
        self,
        store: EventStore,
        clock: Clock,
        authorizer: Authorizer,
        rubrics: Callable[[UUID], Rubric],
        files: EvidenceFiles,
        handlers: Mapping[type[Any], Handler] = HANDLERS,
        hasher: PasswordHasher | None = None,
        namesakes: Namesakes | None = None,
    ) -> None:
        self.store, self.clock, self.authorizer = store, clock, authorizer
        self.rubrics, self.files, self.handlers = rubrics, files, handlers
        self.hasher, self.namesakes = hasher, namesakes

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.store)

    def handle(self, command: Command, caller: Caller, uow: UnitOfWork | None = None) -> Outcome:
        """Run a caller's command: every target authorized (refusals recorded; on a sheet,
        as its rubric's workflow says), then as `handle_as` with the acting actor."""
        uow = uow or self.unit_of_work()
        subject = self._subject(command, uow)
        auth = self.authorizer.within(uow)
        actor: Actor | None = None
        check = command.grant_check(subject) or sheet_check(command, subject, self.rubrics, uow)
        for target in command.targets(subject):
            actor = auth.actor(caller, command.step, target, check)
            if command.refuse_submitter and _submitted_by(subject, caller.account_id):
                verb = command.step.value.partition(".")[2]
                why = f"nobody may {verb} an assessment they submitted"
                auth.refuse(caller, auth.account(caller.account_id), command.step, target, why)
        assert actor is not None, f"{type(command).__name__} names no target"
        return self._run(command, actor, caller, subject, uow)

    def handle_as(
        self,
        command: Command,
        actor: Actor,
        caller: Caller,
        uow: UnitOfWork | None = None,
        layer: Layer | None = None,
    ) -> Outcome:
        """Run a trusted set-up command (from the command line) as `actor`, unauthorized,
        scoring in `layer` if named (set-up may fill a layer its role does not write);
        idempotency, the expected version and the save are as for any other."""
        uow = uow or self.unit_of_work()
        return self._run(command, actor, caller, self._subject(command, uow), uow, layer)

    def _subject(self, command: Command, uow: UnitOfWork) -> AuditedAggregate | None:
        sid, cls = command.subject_id(), command.subject_type
        if sid is None or cls is None:
            return None
        return uow.load(cls, sid, f"{cls.__name__.lower()} {sid}")

    def _run(
        self,
        command: Command,
        actor: Actor,
        caller: Caller,
        subject: AuditedAggregate | None,
        uow: UnitOfWork,
        layer: Layer | None = None,
    ) -> Outcome:
        fingerprint = command.fingerprint() if caller.idempotency_key else ""
        layer = layer or LAYER_OF.get(actor.role)
        for _ in range(RACES):
            replayed = self._replay(command, actor, caller, fingerprint, uow)
            if replayed is not None:
                return replayed
            try:
                return self._attempt(command, actor, caller, subject, uow, layer, fingerprint)
            except _RacedError:
                # Another change of the subject was saved first: check again against it.
                subject = self._subject(command, uow)
        return self._attempt(command, actor, caller, subject, uow, layer, fingerprint, last=True)

    def _attempt(
        self,
        command: Command,
        actor: Actor,
        caller: Caller,
        subject: AuditedAggregate | None,
        uow: UnitOfWork,
        layer: Layer | None,
        fingerprint: str,
        last: bool = False,
    ) -> Outcome:
        if caller.expected_version is not None and subject is not None:
            command.check_version(caller.expected_version, subject, layer)
        stamp = actor.stamp(self.clock.now(), caller.correlation_id)
        passwords = Passwords(self.hasher, self.store.history) if self.hasher else None
        context = Context(
            actor, stamp, uow, self.rubrics, self.files, layer, passwords, self.namesakes
        )
        handler = self.handlers[type(command)]
        try:
            if subject is None:
                changed: list[AuditedAggregate] = list(handler(command, context))
            else:
                handler(command, subject, context)
                changed = [subject]
        except BaseException:
            if subject is not None:
                uow.forget(subject.id)
            raise
        credentials = passwords.pending if passwords else []
        retry = subject is not None and not last
        saving = (stamp, caller, fingerprint, changed, uow, actor, credentials)
        return self._save(command, *saving, retry)

    def _save(
        self,
        command: Command,
        stamp: Any,
        caller: Caller,
        fingerprint: str,
        changed: list[AuditedAggregate],
        uow: UnitOfWork,
        actor: Actor,
        credentials: list[Credential],
        retry: bool = False,
    ) -> Outcome:
        main = changed[0]
        records: list[AuditedAggregate] = []
        if caller.idempotency_key:
            result = {"id": str(main.id), "version": main.version}
            key = caller.idempotency_key
            records.append(CommandRecord.record(stamp, key, command.name, fingerprint, result))
        try:
            recordings = self.store.save(*changed, *records, credentials=credentials)
        except IntegrityError:
            for aggregate in changed:
                uow.forget(aggregate.id)
            replayed = self._replay(command, actor, caller, fingerprint, self.unit_of_work())
            if replayed is not None:
                return replayed
            if retry:
                raise _RacedError from None
            current = self.unit_of_work().find(AuditedAggregate, main.id)
            version = None if current is None else current.version
            raise ConflictError(
                f"someone else changed it at the same time; it is now at version {version}; "
                "reload and try again",
                current_version=version,
            ) from None
        for aggregate in changed:
            uow.add(aggregate)
        position = max((r.notification.id for r in recordings), default=0)
        return Outcome(main.id, main.version, position, main)

    def _replay(
        self, command: Command, actor: Actor, caller: Caller, fingerprint: str, uow: UnitOfWork
    ) -> Outcome | None:
        """The first outcome of a repeated idempotency key; 409 for another request."""
        key = caller.idempotency_key
        if not key:
            return None
        record = uow.find(CommandRecord, command_id(f"{actor.account_id}:{key}"))
        if record is None:
            return None
        if record.fingerprint != fingerprint:
            raise ConflictError(
                f"idempotency key {key!r} was already used for a different request "
                f"({record.command}); use a new key for a new request"
            )
        aid, version = UUID(record.result["id"]), int(record.result["version"])
        first = uow.at_version(AuditedAggregate, aid, version)
        # The first run's position is at most the current end of the log.
        return Outcome(aid, version, self.store.recorder.max_notification_id() or 0, first)


def _submitted_by(subject: AuditedAggregate | None, account_id: UUID) -> bool:
    return getattr(subject, "submitted_by", None) == str(account_id)
