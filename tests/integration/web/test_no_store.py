"""What a signed-in user reads is never kept in the browser's cache, so Back after 退出 or
after a submit asks the server again instead of showing a stale or another user's page."""

from __future__ import annotations

from tests.integration.web.world import PASSWORD, World


def test_a_signed_in_page_tells_the_browser_not_to_keep_it(world: World) -> None:
    client = world.app.test_client()
    signed_in = client.post("/login", data={"username": "staff", "password": PASSWORD})
    assert signed_in.headers["Cache-Control"] == "no-store"
    home = client.get("/")
    assert home.status_code == 200
    assert home.headers["Cache-Control"] == "no-store"


def test_an_api_answer_to_a_signed_in_caller_is_not_kept_either(world: World) -> None:
    answer = world.client.get("/api/v1/accounts/me", headers=world.login("staff"))
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"


def test_the_stylesheet_may_still_be_cached(world: World) -> None:
    stylesheet = world.client.get("/static/kaohe.css")
    stylesheet.close()
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.headers.get("Cache-Control", "")
