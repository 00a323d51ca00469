"""A read session (one request's reads) catches a read model up only to its own last write,
once, reads that write at once, leaves other writes to the projection worker, and still reads
when a rebuild replaces the version it first read."""

from __future__ import annotations

import pytest

from application.commands.accounts import CreateAccount
from application.service import Kaohe
from infra.projections.registry import Projections
from infra.read_models import ProjectedReadModels
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import a_quarter


def usernames(models: ProjectedReadModels) -> set[str]:
    return {row.username for row in models.accounts().all_accounts()}


def test_a_session_catches_a_read_model_up_once_to_its_own_write(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    projections.catch_up()
    models = ProjectedReadModels(projections, app)
    catch_up = projections.catch_up
    caught: list[object] = []
    monkeypatch.setattr(
        projections, "catch_up", lambda names: caught.append(names) or catch_up(names)
    )
    with projections.reading() as reads:
        reads.follow_caller(0)  # a worker keeps the views current
        before = usernames(models)
        assert usernames(models) == before
        assert caught == [], "nothing of the caller's was missing from the view"
        send(
            app,
            admin(),
            CreateAccount(username="li.si", display_name="李四", password="password-12345"),
        )
        after = usernames(models)
        assert usernames(models) == after
    assert after - before == {"li.si"}
    assert len(caught) == 1


def test_a_session_following_its_caller_leaves_others_writes_to_the_worker(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    models = ProjectedReadModels(projections, app)
    new = CreateAccount(username="li.si", display_name="李四", password="password-12345")
    send(app, admin(), new)  # another caller's write, outside this session
    with projections.reading() as reads:
        reads.follow_caller(0)  # a worker keeps the views current; the caller wrote nothing
        assert "li.si" not in usernames(models)
    with projections.reading():  # nothing says a worker runs: the view is brought up to the log
        assert "li.si" in usernames(models)


def test_a_session_reads_on_when_a_rebuild_replaces_the_version_it_read(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    projections.catch_up()
    models = ProjectedReadModels(projections, app)
    with projections.reading():
        before = usernames(models)
        assert before
        assert projections.rebuild("accounts") == 2  # the version first read is dropped
        assert usernames(models) == before
