"""Any text the domain stores, NUL, control characters, emoji, right-to-left and very long
strings included, goes through every projection, live and rebuilt, on SQLite and on
PostgreSQL: the views end current and readable, showing NUL as ␀ and the rest as stored."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID, uuid4

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql

from application.actor import SYSTEM, Actor
from application.commands.accounts import CreateAccount, DisableAccount, GrantRole, RevokeRole
from application.commands.assessments import (
    AttachEvidence,
    ClaimBonus,
    LiftVeto,
    OpenAssessment,
    RaiseVeto,
    ReturnAssessment,
    ScoreItem,
    Submit,
)
from application.commands.base import Command as BusCommand
from application.commands.rubrics import PublishRubric
from application.commands.units import CloseUnit, MoveUnit, RegisterUnit, RenameUnit, SetUnitContact
from application.errors import ConflictError, NotFoundError
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.rubric import UnitLevel
from infra.bootstrap import open_event_store
from infra.projections.registry import PROJECTIONS, Projections
from infra.projections.text import NUL_SIGN, shown
from infra.rubric_files import BUILTIN_DIR, read_definition
from infra.settings import Settings
from projections.audit_trail import AuditQuery
from tests.campaign_opening import opening
from tests.conftest import POSTGRES_URL
from tests.integration.projections.conftest import views
from tests.unit.application.conftest import COUNTY, TOWN, VILLAGE, by
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, application, hierarchy

REFUSALS = (DomainError, ScoringInputError, ConflictError, NotFoundError)
SPECIAL = ["\x00", "a\x00b", "\x00\x00", "\u202eشسيب", "😀👨‍👩‍👧", "\r\n\t\x1b\x7f", NUL_SIGN]
texts = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=4), st.integers(200, 3000)),
)
ACTIONS = ["register", "rename", "contact", "move", "close", "account", "disable", "revoke"]
ACTIONS += ["score", "progress", "bonus", "evidence", "submit", "return", "veto", "lift"]
ACTIONS += ["campaign"]
steps = st.lists(st.tuples(st.sampled_from(ACTIONS), texts), min_size=1, max_size=12)
PASSWORD = "密码-long-enough-1"


def act(app: Kaohe, aid: UUID, action: str, text: str) -> None:
    """One command carrying `text` in its free-text fields and as its correlation id."""

    def setup(command: BusCommand, actor: Actor = SYSTEM) -> object:
        return app.setup(command, text, actor)

    def staff(command: BusCommand) -> object:
        return setup(command, VILLAGE)

    one = ItemEntry(Decimal(1))
    level, moved = UnitLevel.VILLAGE, date(2023, 7, 1)
    commands: dict[str, Callable[[], object]] = {
        "register": lambda: setup(
            RegisterUnit(code=text, unit_name=text, level=level, parent="T1")
        ),
        "rename": lambda: setup(RenameUnit(code="V1", unit_name=text)),
        "contact": lambda: setup(SetUnitContact(code="V2", contact=text, phone=text)),
        "move": lambda: setup(MoveUnit(code="V3", parent="T1", effective_from=moved, reason=text)),
        "close": lambda: setup(CloseUnit(code="V3", reason=text)),
        "account": lambda: setup(
            CreateAccount(username=text, display_name=text, password=PASSWORD)
        ),
        "disable": lambda: setup(DisableAccount(username="clerk", reason=text)),
        "revoke": lambda: setup(
            RevokeRole(username="clerk", role=Role.TOWN_REVIEWER, unit="T1", reason=text)
        ),
        "score": lambda: staff(ScoreItem(assessment_id=aid, number="1", entry=one, reason=text)),
        "bonus": lambda: staff(
            ClaimBonus(assessment_id=aid, number="58", matter=text, tier="bureau", reason=text)
        ),
        "evidence": lambda: staff(
            AttachEvidence(assessment_id=aid, file_name=text, content=text.encode(), item="1")
        ),
        "submit": lambda: staff(Submit(assessment_id=aid)),
        "return": lambda: setup(
            ReturnAssessment(assessment_id=aid, reason=text, items=("1",)), TOWN
        ),
        "veto": lambda: staff(
            RaiseVeto(assessment_id=aid, number="61", condition="1", reason=text)
        ),
        "lift": lambda: staff(LiftVeto(assessment_id=aid, number="61", condition="1", reason=text)),
        "progress": lambda: staff(
            ScoreItem(assessment_id=aid, number="2", entry=ItemEntry(progress=text))
        ),
        "campaign": lambda: setup(
            opening(name=text),
            COUNTY,
        ),
    }
    with suppress(*REFUSALS):
        commands[action]()


@contextmanager
def fresh_store(backend: str) -> Iterator[EventStore]:
    """An empty store: a SQLite file in a new directory, or a new PostgreSQL schema."""
    with tempfile.TemporaryDirectory() as directory:
        if backend == "sqlite":
            store = open_event_store(Settings(data_dir=Path(directory)))
            try:
                yield store
            finally:
                store.close()
            return
        schema = f"kaohe_text_{uuid4().hex[:12]}"
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        store = open_event_store(Settings(Path(directory), POSTGRES_URL, schema))
        try:
            yield store
        finally:
            store.close()
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def prepared(store: EventStore, files: Path) -> tuple[Kaohe, UUID]:
    app = application(store, files)
    hierarchy(app)
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    app.setup(CreateAccount(username="clerk", display_name="办事员", password=PASSWORD))
    app.setup(GrantRole(username="clerk", role=Role.TOWN_REVIEWER, unit="T1"))
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
    return app, send(app, by(VILLAGE), opening).id


def assert_shown_as_stored(app: Kaohe, store: EventStore, projections: Projections) -> None:
    """Every unit's and every audit row's text is the event's, NUL shown as ␀."""
    for unit in projections.units().all_units():
        stored = app.units.get_by_id(unit.unit_id)
        expected = tuple(map(shown, (stored.code, stored.name, stored.contact, stored.phone)))
        assert (unit.code, unit.name, unit.contact, unit.phone) == expected
    head = store.recorder.max_notification_id() or 0
    rows = projections.audit_trail(AuditQuery(limit=500)).rows
    events = {n.id: n for n in store.recorder.select_notifications(1, head + 1)}
    for row in rows:
        event = store.mapper.to_domain_event(events[row.position])
        assert (row.reason, row.correlation_id) == (
            shown(event.reason),
            shown(event.correlation_id),
        )


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_any_stored_text_keeps_every_view_current_live_and_rebuilt(
    backend: str, postgres_down: str | None
) -> None:
    if backend == "postgres" and postgres_down is not None:
        pytest.skip(f"PostgreSQL is unreachable: {postgres_down}")

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(activity=steps, batch_size=st.integers(1, 6))
    def check(activity: list[tuple[str, str]], batch_size: int) -> None:
        with fresh_store(backend) as store, tempfile.TemporaryDirectory() as files:
            app, aid = prepared(store, Path(files))
            projections = Projections(store, batch_size=batch_size)
            for action, text in activity:
                act(app, aid, action, text)
                projections.catch_up()
            head = store.recorder.max_notification_id()
            assert all(s.position == head for s in projections.status())
            assert_shown_as_stored(app, store, projections)
            live = views(projections)
            for name in PROJECTIONS:
                projections.rebuild(name, batch_size=batch_size + 2)
            assert views(projections) == live
            projections.rebuild_together(batch_size=batch_size + 4)
            assert views(projections) == live

    check()
