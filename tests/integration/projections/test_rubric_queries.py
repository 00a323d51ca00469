"""The rubric queries: published versions and one version, for callers who read rubrics."""

from __future__ import annotations

import pytest

from application.authorization import Caller
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.rubrics import PublishRubric, RetireRubric
from application.errors import NotFoundError, PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from infra.projections.registry import Projections
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.integration.read_queries import read_queries
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, hierarchy


def test_staff_read_the_published_versions_and_see_one_retired(
    app: Kaohe, projections: Projections
) -> None:
    hierarchy(app)
    send(app, admin(), PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    made = send(
        app,
        admin(),
        CreateAccount(username="staff.v1", display_name="站员", password="password-12345"),
    ).id
    send(app, admin(), GrantRole(username="staff.v1", role=Role.STATION_STAFF, unit="V1"))
    staff, rubrics = Caller(made, "test"), read_queries(app, projections).rubrics
    projections.catch_up()  # the list is the scores view's, which a poller keeps current
    assert [(r.code, r.version) for r in rubrics.published(staff)] == [(RUBRIC, 1)]
    send(app, admin(), RetireRubric(code=RUBRIC, version=1, reason="新版发布"))
    assert [p.retired for p in rubrics.with_retired(staff)] == [True]
    one = rubrics.version(staff, RUBRIC, 1)
    assert rubrics.rubric_of(one).code == RUBRIC
    with pytest.raises(NotFoundError):
        rubrics.version(staff, RUBRIC, 9)


def test_an_account_with_no_role_reads_no_rubric(app: Kaohe, projections: Projections) -> None:
    hierarchy(app)
    send(app, admin(), PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    nobody = Caller(
        send(
            app,
            admin(),
            CreateAccount(username="no.role", display_name="无角色", password="password-12345"),
        ).id,
        "t",
    )
    rubrics = read_queries(app, projections).rubrics
    with pytest.raises(PermissionDeniedError):
        rubrics.published(nobody)
    with pytest.raises(PermissionDeniedError):
        rubrics.version(nobody, RUBRIC, 1)
