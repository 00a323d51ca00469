"""The login page says a lock-out in minutes and warns before the last allowed attempt, as
a clerk who mistypes a password needs to read it."""

from __future__ import annotations

import re
from datetime import timedelta

from flask.testing import FlaskClient

from tests.integration.web.world import PASSWORD, World


def wrong(client: FlaskClient, times: int) -> tuple[int, str]:
    """Sign in with a wrong password `times` times; the last answer's status and alert."""
    for _ in range(times):
        answer = client.post("/login", data={"username": "staff", "password": "not-it"})
    alert = re.search(r'role="alert">([^<]*)<', answer.get_data(as_text=True))
    assert alert, "no alert on the login page"
    return answer.status_code, alert.group(1)


def test_three_wrong_passwords_are_refused_without_a_warning(world: World) -> None:
    status, said = wrong(world.app.test_client(), 3)
    assert (status, said) == (401, "用户名或密码不正确，或账号已停用。")


def test_the_fourth_wrong_password_warns_that_one_more_locks_the_account(world: World) -> None:
    status, said = wrong(world.app.test_client(), 4)
    assert status == 401
    assert said == "用户名或密码不正确，或账号已停用。再输错 1 次将锁定 15 分钟。"


def test_the_lock_out_is_said_in_minutes(world: World) -> None:
    client = world.app.test_client()
    wrong(client, 5)
    status, said = wrong(client, 1)
    assert (status, said) == (429, "尝试次数过多，请 15 分钟后再试。")
    world.clock.advance(timedelta(minutes=10))
    assert wrong(client, 1)[1] == "尝试次数过多，请 5 分钟后再试。"


def test_the_warning_counts_the_minutes_left_in_the_window(world: World) -> None:
    client = world.app.test_client()
    wrong(client, 2)
    world.clock.advance(timedelta(minutes=6))
    assert wrong(client, 2)[1].endswith("再输错 1 次将锁定 9 分钟。")


def test_the_right_password_still_signs_in_after_the_warning(world: World) -> None:
    client = world.app.test_client()
    wrong(client, 4)
    answer = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert answer.status_code == 303
