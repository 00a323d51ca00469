"""Passwords: changing one's own needs the current one (a wrong one counts like a failed
login); an administrator's reset of someone else's needs a reason and is its own event;
either ends every other token and session of the account."""

from __future__ import annotations

from tests.integration.web.world import PASSWORD, World

TOKEN = "/api/v1/auth/token"
SESSION = "/api/v1/auth/session"
ME = "/api/v1/accounts/me"
NEW = "a-brand-new-secret"


def second_token(world: World, username: str) -> dict[str, str]:
    response = world.client.post(TOKEN, json={"username": username, "password": PASSWORD})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def put_password(world: World, username: str, headers: dict[str, str], **body: str) -> object:
    version = world.kaohe.accounts.get(username if username != "me" else "staff").version
    return world.client.put(
        f"/api/v1/accounts/{username}/password",
        json=body,
        headers=headers | {"If-Match": f'"{version}"'},
    )


def topics(world: World, username: str) -> list[str]:
    account = world.kaohe.accounts.get(username)
    return [c.topic.rpartition(".")[2] for c in world.kaohe.history(account.id)]


def test_changing_your_own_password_needs_the_current_one(world: World) -> None:
    staff = world.login("staff")
    before = topics(world, "staff")
    missing = put_password(world, "me", staff, password=NEW)
    assert missing.status_code == 422
    assert missing.get_json()["errors"][0]["field"] == "current_password"
    wrong = put_password(world, "staff", staff, password=NEW, current_password="not-my-password")
    assert wrong.status_code == 403
    assert wrong.get_json()["errors"][0]["message_zh"].startswith("当前密码不正确")
    assert topics(world, "staff") == before
    assert world.client.post(TOKEN, json={"username": "staff", "password": NEW}).status_code == 401


def test_a_change_ends_every_other_session_but_the_one_that_made_it(world: World) -> None:
    staff, elsewhere = world.login("staff"), second_token(world, "staff")
    changed = put_password(world, "me", staff, password=NEW, current_password=PASSWORD)
    assert changed.status_code == 200
    assert world.client.get(ME, headers=staff).status_code == 200
    gone = world.client.get(ME, headers=elsewhere)
    assert gone.status_code == 401 and "password" in gone.get_json()["detail"]
    assert world.client.post(TOKEN, json={"username": "staff", "password": NEW}).status_code == 200
    old = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert old.status_code == 401


def test_a_browser_session_that_changes_its_password_stays_signed_in(world: World) -> None:
    client = world.client
    login = client.post(SESSION, json={"username": "staff", "password": PASSWORD})
    csrf = {"X-CSRF-Token": login.get_json()["csrf_token"]}
    other = second_token(world, "staff")
    version = world.kaohe.accounts.get("staff").version
    changed = client.put(
        "/api/v1/accounts/me/password",
        json={"password": NEW, "current_password": PASSWORD},
        headers=csrf | {"If-Match": f'"{version}"'},
    )
    assert changed.status_code == 200
    assert client.get(ME).status_code == 200
    assert world.client.get(ME, headers=other).status_code == 401


def test_wrong_current_passwords_count_like_failed_logins(world: World) -> None:
    staff = world.login("staff")
    for _ in range(5):
        wrong = put_password(world, "me", staff, password=NEW, current_password="guess-again")
        assert wrong.status_code == 403
    throttled = put_password(world, "me", staff, password=NEW, current_password=PASSWORD)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
    login = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert login.status_code == 429


def test_an_administrators_reset_needs_a_reason_and_is_its_own_event(world: World) -> None:
    admin, staff = world.login("admin"), world.login("staff")
    before = topics(world, "staff")
    refused = put_password(world, "staff", admin, password=NEW)
    assert refused.status_code == 422 and refused.get_json()["errors"][0]["field"] == "reason"
    assert topics(world, "staff") == before
    reset = put_password(world, "staff", admin, password=NEW, reason="本人忘记密码")
    assert reset.status_code == 200
    last = world.kaohe.history(world.kaohe.accounts.get("staff").id)[-1]
    assert last.topic.endswith("Account.PasswordReset") and last.state["reason"] == "本人忘记密码"
    assert world.client.get(ME, headers=staff).status_code == 401
    assert world.client.get(ME, headers=admin).status_code == 200
    assert world.client.post(TOKEN, json={"username": "staff", "password": NEW}).status_code == 200


def test_only_an_administrator_over_the_account_may_reset_it(world: World) -> None:
    reviewer = world.login("reviewer")
    before = topics(world, "staff")
    refused = put_password(world, "staff", reviewer, password=NEW, reason="试试")
    assert refused.status_code == 403
    assert topics(world, "staff") == before
    assert topics(world, "reviewer")[-1] == "AccessDenied"
