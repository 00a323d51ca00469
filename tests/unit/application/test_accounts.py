"""Accounts: passwords are hashed beside the events, never inside one; grants are auditable."""

from __future__ import annotations

import pytest

from application.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    WrongPasswordError,
)
from application.service import Kaohe
from domain.account import Role
from domain.errors import DomainError
from tests.unit.application.conftest import World, admin

PASSWORD = "correct horse battery"


def test_a_password_is_stored_only_as_an_argon2_hash_beside_the_events(world: World) -> None:
    app = world.app
    app.accounts.create(admin(), "wang.fang", "王芳", PASSWORD)
    account = app.accounts.authenticate("wang.fang", PASSWORD)
    stored = app.store.history.credential(account.id)
    assert stored is not None and stored.startswith("$argon2id$")
    everything = [str(change.state) for change in app.history(account.id)]
    assert not any(PASSWORD in text or stored in text for text in everything)
    assert [c.topic.rsplit(".", 1)[-1] for c in app.history(account.id)] == [
        "Created",
        "PasswordSet",
    ]


@pytest.mark.parametrize(
    ("username", "password"), [("wang.fang", "wrong password!"), ("nobody", PASSWORD)]
)
def test_wrong_credentials_get_one_error(world: World, username: str, password: str) -> None:
    world.app.accounts.create(admin(), "wang.fang", "王芳", PASSWORD)
    with pytest.raises(AuthenticationError, match="wrong username or password"):
        world.app.accounts.authenticate(username, password)


def test_changing_and_disabling(world: World) -> None:
    app = world.app
    app.accounts.create(admin(), "wang.fang", "王芳", PASSWORD)
    app.accounts.reset_password(admin(), "wang.fang", "another long secret", "忘记密码")
    with pytest.raises(AuthenticationError):
        app.accounts.authenticate("wang.fang", PASSWORD)
    app.accounts.authenticate("wang.fang", "another long secret")
    app.accounts.disable(admin(), "wang.fang", "离职")
    with pytest.raises(AuthenticationError):
        app.accounts.authenticate("wang.fang", "another long secret")


def test_short_passwords_and_duplicate_accounts_are_refused(world: World) -> None:
    with pytest.raises(DomainError, match="at least 10 characters"):
        world.app.accounts.create(admin(), "li.wei", "李伟", "short")
    world.app.accounts.create(admin(), "li.wei", "李伟", PASSWORD)
    with pytest.raises(ConflictError, match=r"account Li\.Wei already exists"):
        world.app.accounts.create(admin(), "Li.Wei", "李伟", PASSWORD)


def test_grants_over_units_are_recorded_and_revoked_with_a_reason(world: World) -> None:
    app: Kaohe = world.app
    app.accounts.create(admin(), "li.wei", "李伟", PASSWORD)
    app.accounts.grant(admin(), "li.wei", Role.TOWN_REVIEWER, "T1")
    with pytest.raises(NotFoundError, match=r"unit T9 not found"):
        app.accounts.grant(admin(), "li.wei", Role.TOWN_REVIEWER, "T9")
    app.accounts.revoke(admin(), "li.wei", Role.TOWN_REVIEWER, "T1", "调岗")
    last = app.history(app.accounts.get("li.wei").id)[-1]
    assert (last.topic.rsplit(".", 1)[-1], last.state["reason"]) == ("RoleRevoked", "调岗")


def test_a_password_change_needs_the_current_one_and_moves_the_generation(world: World) -> None:
    app = world.app
    app.accounts.create(admin(), "wang.fang", "王芳", PASSWORD)
    before = app.accounts.get("wang.fang")
    with pytest.raises(WrongPasswordError, match="current password is wrong"):
        app.accounts.change_password(admin(), "wang.fang", "a wrong guess", "another long secret")
    assert app.accounts.get("wang.fang").version == before.version
    app.accounts.change_password(admin(), "wang.fang", PASSWORD, "another long secret")
    after = app.accounts.get("wang.fang")
    assert after.credential_generation == before.credential_generation + 1
    app.accounts.authenticate("wang.fang", "another long secret")


def test_a_reset_needs_a_reason_and_stores_nothing_without_one(world: World) -> None:
    app = world.app
    app.accounts.create(admin(), "wang.fang", "王芳", PASSWORD)
    with pytest.raises(DomainError, match="a reason is required to reset a password"):
        app.accounts.reset_password(admin(), "wang.fang", "another long secret", "  ")
    app.accounts.authenticate("wang.fang", PASSWORD)
    assert app.history(app.accounts.get("wang.fang").id)[-1].topic.endswith("PasswordSet")
