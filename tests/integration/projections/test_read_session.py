"""A read session (one request's reads) catches each read model up once, reads its own
writes at once, and still reads when a rebuild replaces the version it first read."""

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


def test_a_session_catches_each_read_model_up_once_until_it_writes(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_quarter(app)
    models = ProjectedReadModels(projections, app)
    catch_up = projections.catch_up
    caught: list[object] = []
    monkeypatch.setattr(
        projections, "catch_up", lambda names: caught.append(names) or catch_up(names)
    )
    with projections.reading():
        before = usernames(models)
        assert usernames(models) == before
        assert len(caught) == 1
        send(
            app,
            admin(),
            CreateAccount(username="li.si", display_name="李四", password="password-12345"),
        )
        after = usernames(models)
    assert after - before == {"li.si"}
    assert len(caught) == 2


def test_a_session_reads_on_when_a_rebuild_replaces_the_version_it_read(
    app: Kaohe, projections: Projections
) -> None:
    a_quarter(app)
    models = ProjectedReadModels(projections, app)
    with projections.reading():
        before = usernames(models)
        assert projections.rebuild("accounts") == 2  # the version first read is dropped
        assert usernames(models) == before
