"""Units and accounts: every transition and every refusal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from domain.account import Account, Role
from domain.audit import Stamp
from domain.errors import DomainError
from domain.rubric import UnitLevel
from domain.rubric_version import RubricVersion
from domain.unit import Unit
from infra.rubric_files import BUILTIN_DIR, load_rubric_file, read_definition

ADMIN = Stamp("admin", "administrator", "city", datetime(2023, 1, 1, tzinfo=UTC), "req")


def hierarchy() -> tuple[Unit, Unit, Unit, Unit]:
    city = Unit.register(ADMIN, "CZ", "长治市", UnitLevel.CITY, None)
    county = Unit.register(ADMIN, "CZ-01", "潞州区", UnitLevel.COUNTY, city)
    town = Unit.register(ADMIN, "CZ-01-01", "东街街道", UnitLevel.TOWN, county)
    village = Unit.register(ADMIN, "CZ-01-01-01", "东街社区", UnitLevel.VILLAGE, town)
    return city, county, town, village


def test_units_form_a_four_level_hierarchy() -> None:
    city, county, town, village = hierarchy()
    assert village.parent_id == town.id and town.parent_id == county.id
    assert city.parent_id is None


@pytest.mark.parametrize(
    ("level", "parent_index", "message"),
    [
        (UnitLevel.VILLAGE, 1, r"a village unit needs a town parent; got CZ-01 \(county\)"),
        (UnitLevel.TOWN, None, "a town unit needs a county parent; got none"),
        (UnitLevel.CITY, 0, "a city unit has no parent"),
    ],
)
def test_a_unit_needs_a_parent_of_the_level_above(
    level: UnitLevel, parent_index: int | None, message: str
) -> None:
    units = hierarchy()
    parent = units[parent_index] if parent_index is not None else None
    with pytest.raises(DomainError, match=message):
        Unit.register(ADMIN, "X", "某单位", level, parent)


def test_a_moved_unit_keeps_its_old_parent_for_earlier_periods() -> None:
    _, county, town, village = hierarchy()
    other = Unit.register(ADMIN, "CZ-01-02", "西街街道", UnitLevel.TOWN, county)
    village.move(ADMIN, other, date(2023, 7, 1), "行政区划调整")
    assert village.parent_on(date(2023, 6, 30)) == town.id
    assert village.parent_on(date(2023, 7, 1)) == other.id
    assert village.parent_id == other.id
    with pytest.raises(DomainError, match="already under CZ-01-02"):
        village.move(ADMIN, other, date(2023, 8, 1), "again")
    with pytest.raises(DomainError, match="cannot move a village unit under a county unit"):
        village.move(ADMIN, county, date(2023, 8, 1), "wrong")


def test_a_closed_unit_takes_no_changes() -> None:
    *_, village = hierarchy()
    village.set_contact(ADMIN, "王芳", "13800000000")
    village.close(ADMIN, "撤并")
    for change in (lambda: village.rename(ADMIN, "新名"), lambda: village.close(ADMIN, "x")):
        with pytest.raises(DomainError, match="unit CZ-01-01-01 is closed"):
            change()
    assert (village.contact, village.phone) == ("王芳", "13800000000")


def test_grants_are_events_and_cannot_be_doubled() -> None:
    account = Account.create(ADMIN, "Wang.Fang", "王芳")
    assert account.username == "wang.fang"
    grant = account.grant(ADMIN, Role.TOWN_REVIEWER, UUID(int=7))
    assert type(account.pending_events[-1]).__name__ == "RoleGranted"
    with pytest.raises(DomainError, match="already holds town_reviewer"):
        account.grant(ADMIN, Role.TOWN_REVIEWER, UUID(int=7))
    account.revoke(ADMIN, grant.grant_id, "调岗")
    assert account.grants == {}
    with pytest.raises(DomainError, match="holds no grant"):
        account.revoke(ADMIN, grant.grant_id, "again")


def test_a_disabled_account_takes_no_changes_and_usernames_are_checked() -> None:
    account = Account.create(ADMIN, "li.wei", "李伟")
    account.disable(ADMIN, "离职")
    with pytest.raises(DomainError, match=r"account li\.wei is disabled"):
        account.grant(ADMIN, Role.STATION_STAFF, UUID(int=1))
    with pytest.raises(DomainError, match="username 'a b' is not allowed"):
        Account.create(ADMIN, "a b", "x")


def test_every_password_event_moves_the_credential_generation() -> None:
    account = Account.create(ADMIN, "li.wei", "李伟")
    assert account.credential_generation == 0
    account.record_password_set(ADMIN)
    account.reset_password(ADMIN, "忘记密码")
    assert account.credential_generation == 2
    assert type(account.pending_events[-1]).__name__ == "PasswordReset"


def test_nobody_resets_their_own_password() -> None:
    account = Account.create(ADMIN, "li.wei", "李伟")
    own = Stamp(str(account.id), "administrator", "city", ADMIN.at, "req")
    with pytest.raises(DomainError, match="give your current one"):
        account.reset_password(own, "忘记密码")
    with pytest.raises(DomainError, match="a reason is required"):
        account.reset_password(ADMIN, " ")


def test_a_published_rubric_version_rebuilds_the_same_rubric_and_retires_once() -> None:
    path = BUILTIN_DIR / "fengdu-village-station.v1.yaml"
    published = RubricVersion.publish(ADMIN, read_definition(path))
    assert published.rubric() == load_rubric_file(path)
    published.retire(ADMIN, "新版发布")
    with pytest.raises(DomainError, match="already retired"):
        published.retire(ADMIN, "again")
