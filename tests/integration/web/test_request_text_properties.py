"""Whatever text with a control character or a lone surrogate is sent, in any text field of a
few representative endpoints, the answer is a 4xx problem, never a 5xx, and nothing is stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.integration.web.refusals import draft_sheet
from tests.integration.web.world import PASSWORD, World

REFUSED = st.one_of(
    st.sampled_from([chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]),
    st.sampled_from([chr(c) for c in range(0x7F, 0xA0)]),
    st.integers(0xD800, 0xDFFF).map(chr),
)
BAD_TEXT = st.tuples(st.text(max_size=20), REFUSED, st.text(max_size=20)).map("".join)
"""Arbitrary text holding at least one character no text field accepts."""
CASES = [
    ("item", "reason"),
    ("item", "progress"),
    ("deduction", "item"),
    ("deduction", "line"),
    ("deduction", "reason"),
    ("account", "username"),
    ("account", "display_name"),
    ("login", "username"),
    ("login", "password"),
    ("query", "unit"),
    ("query", "period"),
]
"""(endpoint, one of its text fields)."""
SETTINGS = settings(max_examples=80, deadline=None)


def requests(world: World) -> dict[str, Callable[[str, str], Any]]:
    """Representative endpoints, each sending the text in the named field (or its own)."""
    sheet = draft_sheet(world)
    admin = world.login("admin")

    def send(method: str, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
        data = json.dumps(body)  # ASCII escapes: lone surrogates travel as \ud800
        return world.client.open(
            url, method=method, data=data, content_type="application/json", headers=headers
        )

    return {
        "item": lambda f, t: send(
            "PUT", f"{sheet.url}/items/12", {"points": "1", f: t}, sheet.writing()
        ),
        "deduction": lambda f, t: send(
            "POST",
            f"{sheet.url}/deductions",
            {"item": "61", "line": "a", "count": 1, "reason": "r", f: t},
            sheet.writing(),
        ),
        "account": lambda f, t: send(
            "POST",
            "/api/v1/accounts",
            {"username": "newuser", "display_name": "新", "password": PASSWORD, f: t},
            admin,
        ),
        "login": lambda f, t: send(
            "POST", "/api/v1/auth/token", {"username": "staff", "password": PASSWORD, f: t}, {}
        ),
        "query": lambda f, t: world.client.get(
            f"/api/v1/assessments?{f}={quote(t)}", headers=sheet.headers
        ),
    }


def test_text_with_control_characters_is_refused_and_never_stored(world: World) -> None:
    sent = requests(world)

    @SETTINGS
    @given(text=BAD_TEXT, case=st.sampled_from(CASES))
    def refused_unchanged(text: str, case: tuple[str, str]) -> None:
        endpoint, field = case
        # A URL cannot carry a lone surrogate (it is not UTF-8): query text is drawn without.
        assume(endpoint != "query" or text.encode("utf-8", "replace").decode() == text)
        before = world.kaohe.store.history.max_position()
        response = sent[endpoint](field, text)
        assert response.status_code < 500, response.get_data(as_text=True)[:300]
        assert world.kaohe.store.history.max_position() == before
        assert response.status_code == 422, response.get_json()
        assert field in {e["field"] for e in response.get_json()["errors"]}

    refused_unchanged()
