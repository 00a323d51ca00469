"""Logging in: bearer tokens that expire and can be revoked, browser sessions with CSRF
protection, throttled failures; nothing is readable without an account."""

from __future__ import annotations

from datetime import timedelta

from tests.integration.web.world import PASSWORD, World
from web.app import services_of

TOKEN = "/api/v1/auth/token"
SESSION = "/api/v1/auth/session"
ME = "/api/v1/accounts/me"


def test_nothing_is_readable_without_an_account(world: World) -> None:
    for path in (ME, "/api/v1/units", "/api/v1/assessments", "/api/v1/audit"):
        response = world.client.get(path)
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.get_json()["title_zh"] == "需要登录"


def test_a_token_opens_the_api_until_it_is_revoked(world: World) -> None:
    response = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    body = response.get_json()
    assert response.status_code == 200
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    me = world.client.get(ME, headers=headers).get_json()
    assert me["username"] == "staff"
    assert me["grants"] == [{"role": "station_staff", "unit": "V1"}]
    assert world.client.delete(TOKEN, headers=headers).status_code == 204
    assert world.client.get(ME, headers=headers).status_code == 401


def test_a_token_expires(world: World) -> None:
    headers = world.login("staff")
    world.clock.advance(timedelta(minutes=61))
    response = world.client.get(ME, headers=headers)
    assert response.status_code == 401
    assert "expired" in response.get_json()["detail"]


def test_only_a_digest_of_the_token_is_stored(world: World) -> None:
    token = world.login("staff")["Authorization"].removeprefix("Bearer ")
    tables = services_of(world.app).auth_tables
    with tables.db.read() as tx:
        stored = tx.rows(f"SELECT digest FROM {tables.tokens}")
    assert stored and all(token not in row["digest"] for row in stored)


def test_a_disabled_account_is_locked_out_at_once(world: World) -> None:
    staff = world.login("staff")
    admin = world.login("admin")
    version = world.kaohe.accounts.get("staff").version
    disabled = world.client.post(
        "/api/v1/accounts/staff/disable",
        json={"reason": "离职"},
        headers=admin | {"If-Match": f'"{version}"'},
    )
    assert disabled.status_code == 200 and disabled.get_json()["disabled"] is True
    assert world.client.get(ME, headers=staff).status_code == 401
    again = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert again.status_code == 401


def test_wrong_passwords_are_throttled_per_account(world: World) -> None:
    for _ in range(5):
        wrong = world.client.post(TOKEN, json={"username": "staff", "password": "nope"})
        assert wrong.status_code == 401
        assert wrong.get_json()["detail"] == "wrong username or password"
    throttled = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    # Another account from the same address still logs in; the lock ends with the window.
    other = world.client.post(TOKEN, json={"username": "reviewer", "password": PASSWORD})
    assert other.status_code == 200
    world.clock.advance(timedelta(minutes=16))
    later = world.client.post(TOKEN, json={"username": "staff", "password": PASSWORD})
    assert later.status_code == 200


def test_failures_from_one_address_are_throttled_across_accounts(world: World) -> None:
    for n in range(20):
        world.client.post(TOKEN, json={"username": f"nobody{n}", "password": "nope"})
    response = world.client.post(TOKEN, json={"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 429
    other = world.client.post(
        TOKEN,
        json={"username": "reviewer", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert other.status_code == 200


def test_a_browser_session_needs_its_csrf_token_for_changes(world: World) -> None:
    client = world.client
    login = client.post(SESSION, json={"username": "staff", "password": PASSWORD})
    assert login.status_code == 200
    cookies = login.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("kaohe_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Strict" in session_cookie
    assert "Secure" in session_cookie
    csrf = login.get_json()["csrf_token"]
    assert client.get(ME).get_json()["username"] == "staff"
    body = {"unit": "V1", "rubric": "fengdu-village-station", "version": 1, "period": "2023Q2"}
    refused = client.post("/api/v1/assessments", json=body)
    assert refused.status_code == 403 and "X-CSRF-Token" in refused.get_json()["detail"]
    opened = client.post("/api/v1/assessments", json=body, headers={"X-CSRF-Token": csrf})
    assert opened.status_code == 201
    assert client.delete(SESSION, headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get(ME).status_code == 401
