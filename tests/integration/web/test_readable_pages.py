"""Every page each demo role reaches from its navigation, and every CSV and XLSX it can
download, says people's and units' names, Chinese words and China time: no id, event class
name, English code or ISO moment outside a folded 技术信息 section; and writes each number
one way: points without trailing zeros, rates with one decimal and a percent sign."""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.integration.web.demo_api import DemoApi
from tests.integration.web.numbers_read import (
    csv_bare_rates,
    html_bare_rates,
    misformatted,
    xlsx_rates,
)
from tests.integration.web.readable import csv_text, unreadable, visible_text, xlsx_text

USERNAMES = (
    "staff-010101",
    "reviewer-0101",
    "auditor-01",
    "regulator",
    "admin",
    "inspector-01",
    "centre",
    "centre-03",
)
"""One account of each role, and the city's inspection group and the centres' own staff,
whose sheets follow the other three rubrics."""
PER_SHAPE = 2
"""Pages visited per shape of address (ids and numbers aside): two sheets, not sixty."""
SKIPPED = ("/logout", "/static/", "/api/", "/favicon")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shape(path: str) -> str:
    return re.sub(r"[0-9a-f-]{36}|\d+", "#", path)


def links(html: str) -> list[str]:
    found = re.findall(r'href="(/[^"#]*)"', html)
    return [link.replace("&amp;", "&") for link in found]


@dataclass(frozen=True)
class Found:
    """What a person reads at a path: its text, its rate cells as the file holds them, and
    the answer's status."""

    text: str
    bare_rates: list[str]
    status: int = 200


def read(client: FlaskClient, path: str) -> tuple[Found, list[str]]:
    """What a person reads at a path, and the links it offers."""
    answer = client.get(path)
    kind = answer.content_type or ""
    if answer.status_code >= 500:
        return Found(answer.get_data(as_text=True)[:300], [], answer.status_code), []
    if kind.startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
        return Found(csv_text(answer.get_data()), csv_bare_rates(rows)), []
    if kind.startswith(XLSX):
        return Found(xlsx_text(answer.get_data()), xlsx_rates(answer.get_data())), []
    if not kind.startswith("text/html"):
        return Found("", []), []
    html = answer.get_data(as_text=True)
    found = Found(visible_text(html), html_bare_rates(html))
    return found, links(html) if answer.status_code == 200 else []


def walk(client: FlaskClient) -> dict[str, Found]:
    """What each address reached from the home page says."""
    seen: dict[str, int] = {}
    queue, pages = deque(["/"]), {}
    visited: set[str] = set()
    while queue:
        path = queue.popleft()
        if path in visited or path.startswith(SKIPPED):
            continue
        visited.add(path)
        if seen.setdefault(shape(path), 0) >= PER_SHAPE:
            continue
        seen[shape(path)] += 1
        pages[path], more = read(client, path)
        queue.extend(more)
    assert len(visited) > 5
    return pages


@pytest.fixture(scope="module")
def walked(demo: DemoApi) -> Callable[[str], dict[str, Found]]:
    """Each role's pages, walked once for every test of this module."""
    done: dict[str, dict[str, Found]] = {}

    def pages_of(username: str) -> dict[str, Found]:
        if username not in done:
            client = demo.app.test_client()
            password = f"demo-{username}-2023"
            signed = client.post("/login", data={"username": username, "password": password})
            assert signed.status_code == 303
            done[username] = walk(client)
        return done[username]

    return pages_of


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}:\n  " + "\n  ".join(found[:5]) for path, found in problems.items())


@pytest.mark.parametrize("username", USERNAMES)
def test_every_page_and_file_a_role_reaches_reads_in_chinese(
    walked: Callable[[str], dict[str, Found]], username: str
) -> None:
    pages = walked(username)
    problems = {path: found for path, page in pages.items() if (found := unreadable(page.text))}
    assert not problems, report(problems)


@pytest.mark.parametrize("username", USERNAMES)
def test_no_page_or_file_a_role_reaches_answers_a_server_error(
    walked: Callable[[str], dict[str, Found]], username: str
) -> None:
    failed = {path: page.text for path, page in walked(username).items() if page.status >= 500}
    assert not failed, failed


@pytest.mark.parametrize("username", USERNAMES)
def test_every_page_and_file_a_role_reaches_writes_numbers_one_way(
    walked: Callable[[str], dict[str, Found]], username: str
) -> None:
    """Points without trailing zeros, rates with one decimal and %, in pages, CSV and XLSX."""
    pages = walked(username)
    problems = {
        path: found
        for path, page in pages.items()
        if (found := misformatted(page.text) + page.bare_rates)
    }
    assert not problems, report(problems)


def test_a_refused_page_says_what_was_refused_without_ids(demo: DemoApi) -> None:
    client = demo.app.test_client()
    username = "staff-010101"
    client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    refused = [client.get(f"/assessments/{aid}") for aid in demo.known["aid"]]
    pages = [visible_text(r.get_data(as_text=True)) for r in refused if r.status_code == 403]
    assert pages
    for text in pages:
        assert "查看评分表" in text and not unreadable(text) and "outside" not in text
