"""The account commands through the bus: passwords beside the events, grants audited, and
managing an account needs a grant over every unit it acts for."""

from __future__ import annotations

import pytest

from application.actor import Actor
from application.authorization import Caller
from application.commands.accounts import (
    ChangeOwnPassword,
    CreateAccount,
    DisableAccount,
    GrantRole,
    ResetPassword,
    RevokeRole,
)
from application.commands.rubrics import PublishRubric, RetireRubric
from application.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    WrongPasswordError,
)
from application.service import Kaohe
from domain.account import Account, Role
from domain.errors import DomainError
from domain.ids import account_id, unit_id
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import PlainHasher, as_system, by

PASSWORD = "correct horse battery"
WANG = CreateAccount(username="wang.fang", display_name="王芳", password=PASSWORD)


def publish(app: Kaohe, code: str) -> None:
    as_system(app, PublishRubric(definition=read_definition(BUILTIN_DIR / f"{code}.v1.yaml")))


@pytest.fixture(autouse=True)
def fengdu(app: Kaohe) -> None:
    """Village stations filled by their own staff, reviewed by towns, verified by counties."""
    publish(app, "fengdu-village-station")


def stored(app: Kaohe, username: str) -> str | None:
    return app.store.history.credential(account_id(username))


def account(app: Kaohe, username: str) -> Account:
    return app.accounts.get(username)


def test_a_new_account_has_its_password_only_as_a_hash_beside_the_events(app: Kaohe) -> None:
    outcome = as_system(app, WANG)
    assert stored(app, "wang.fang") == PlainHasher().hash(PASSWORD)
    assert isinstance(outcome.aggregate, Account) and outcome.aggregate.username == "wang.fang"
    events = [str(change.state) for change in app.history(outcome.id)]
    assert not any(PASSWORD in text for text in events)


def test_short_passwords_and_taken_usernames_store_nothing(app: Kaohe) -> None:
    with pytest.raises(DomainError, match="at least 10 characters"):
        as_system(app, CreateAccount(username="li.wei", display_name="李伟", password="short"))
    assert stored(app, "li.wei") is None and not app.accounts.exists("li.wei")
    as_system(app, WANG)
    again = CreateAccount(username="wang.fang", display_name="别人", password="another secret")
    with pytest.raises(ConflictError, match=r"account wang\.fang already exists"):
        as_system(app, again)
    assert stored(app, "wang.fang") == PlainHasher().hash(PASSWORD)


def test_the_holder_changes_a_password_only_with_the_current_one(app: Kaohe) -> None:
    as_system(app, WANG)
    as_system(app, GrantRole(username="wang.fang", role=Role.STATION_STAFF, unit="V1"))
    holder = Actor(account_id("wang.fang"), Role.STATION_STAFF, unit_id("V1"))
    caller = Caller(holder.account_id, "test")
    wrong = ChangeOwnPassword(username="wang.fang", current="not it at all", password="new secret!")
    with pytest.raises(WrongPasswordError):
        app.bus.handle_as(wrong, holder, caller)
    assert stored(app, "wang.fang") == PlainHasher().hash(PASSWORD)
    right = ChangeOwnPassword(username="wang.fang", current=PASSWORD, password="new secret!")
    app.bus.handle_as(right, holder, caller)
    assert stored(app, "wang.fang") == PlainHasher().hash("new secret!")


def test_reset_and_disable(app: Kaohe) -> None:
    as_system(app, WANG)
    as_system(app, ResetPassword(username="wang.fang", password="another secret", reason="忘记"))
    assert stored(app, "wang.fang") == PlainHasher().hash("another secret")
    as_system(app, DisableAccount(username="wang.fang", reason="离职"))
    assert account(app, "wang.fang").disabled
    with pytest.raises(AuthenticationError):
        app.accounts.authenticate("wang.fang", "another secret")


def test_a_reset_needs_a_grant_over_every_unit_the_account_acts_for(app: Kaohe) -> None:
    for name, unit in (("town.admin", "T1"), ("county.admin", "C1")):
        as_system(app, CreateAccount(username=name, display_name=name, password=PASSWORD))
        as_system(app, GrantRole(username=name, role=Role.ADMINISTRATOR, unit=unit))
    as_system(app, WANG)
    as_system(app, GrantRole(username="wang.fang", role=Role.STATION_STAFF, unit="V1"))
    as_system(app, GrantRole(username="wang.fang", role=Role.COUNTY_AUDITOR, unit="C1"))
    reset = ResetPassword(username="wang.fang", password="another secret", reason="忘记")
    with pytest.raises(PermissionDeniedError):
        by(app, "town.admin", reset)
    assert stored(app, "wang.fang") == PlainHasher().hash(PASSWORD)
    by(app, "county.admin", reset)
    assert stored(app, "wang.fang") == PlainHasher().hash("another secret")


def test_grants_are_given_over_existing_units_and_revoked_once(app: Kaohe) -> None:
    as_system(app, WANG)
    with pytest.raises(NotFoundError, match="unit NOWHERE not found"):
        as_system(app, GrantRole(username="wang.fang", role=Role.STATION_STAFF, unit="NOWHERE"))
    as_system(app, GrantRole(username="wang.fang", role=Role.STATION_STAFF, unit="V1"))
    revoke = RevokeRole(username="wang.fang", role=Role.STATION_STAFF, unit="V1", reason="调岗")
    as_system(app, revoke)
    assert account(app, "wang.fang").grants == {}
    with pytest.raises(NotFoundError, match="holds no station_staff grant over V1"):
        as_system(app, revoke)


def test_a_role_is_granted_only_where_a_published_rubric_gives_it_work(app: Kaohe) -> None:
    as_system(app, WANG)
    with pytest.raises(DomainError, match=r"审核: the review layer.*at the city level") as refused:
        as_system(app, GrantRole(username="wang.fang", role=Role.TOWN_REVIEWER, unit="CITY"))
    assert "it is given at town (fengdu-village-station)" in str(refused.value)
    with pytest.raises(DomainError, match=r"填报.*at the town level"):
        as_system(app, GrantRole(username="wang.fang", role=Role.STATION_STAFF, unit="T1"))
    assert account(app, "wang.fang").grants == {}
    publish(app, "changzhi-county-centre")
    as_system(app, GrantRole(username="wang.fang", role=Role.TOWN_REVIEWER, unit="CITY"))
    as_system(app, GrantRole(username="wang.fang", role=Role.CITY_REGULATOR, unit="T1"))
    assert len(account(app, "wang.fang").grants) == 2


def test_a_retired_rubric_gives_no_work_to_grant(app: Kaohe) -> None:
    publish(app, "changzhi-county-centre")
    retire = RetireRubric(code="changzhi-county-centre", version=1, reason="改用新版")
    as_system(app, retire)
    as_system(app, WANG)
    with pytest.raises(DomainError, match="at the city level"):
        as_system(app, GrantRole(username="wang.fang", role=Role.TOWN_REVIEWER, unit="CITY"))
