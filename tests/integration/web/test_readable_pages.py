"""Every page each demo role reaches from its navigation, and every CSV and XLSX it can
download, says people's and units' names, Chinese words and China time: no id, event class
name, English code or ISO moment outside a folded 技术信息 section."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from infra.bootstrap import open_event_store
from infra.settings import Settings
from tests.integration.web.demo_api import DemoApi, demo_api
from tests.integration.web.readable import csv_text, unreadable, visible_text, xlsx_text

USERNAMES = ("staff-010101", "reviewer-0101", "auditor-01", "regulator", "admin")
PER_SHAPE = 2
"""Pages visited per shape of address (ids and numbers aside): two sheets, not sixty."""
SKIPPED = ("/logout", "/static/", "/api/", "/favicon")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoApi]:
    data = Path(tmp_path_factory.mktemp("readable"))
    store = open_event_store(Settings(data_dir=data))
    try:
        yield demo_api(store, data / "evidence")
    finally:
        store.close()


def shape(path: str) -> str:
    return re.sub(r"[0-9a-f-]{36}|\d+", "#", path)


def links(html: str) -> list[str]:
    found = re.findall(r'href="(/[^"#]*)"', html)
    return [link.replace("&amp;", "&") for link in found]


def read(client: FlaskClient, path: str) -> tuple[str, list[str]]:
    """The text a person reads at a path, and the links it offers."""
    answer = client.get(path)
    kind = answer.content_type or ""
    if kind.startswith("text/csv"):
        return csv_text(answer.get_data()), []
    if kind.startswith(XLSX):
        return xlsx_text(answer.get_data()), []
    if not kind.startswith("text/html"):
        return "", []
    html = answer.get_data(as_text=True)
    return visible_text(html), links(html) if answer.status_code == 200 else []


def walk(client: FlaskClient) -> dict[str, list[str]]:
    """Each address reached from the home page, with what is unreadable on it."""
    seen: dict[str, int] = {}
    queue, problems = deque(["/"]), {}
    visited: set[str] = set()
    while queue:
        path = queue.popleft()
        if path in visited or path.startswith(SKIPPED):
            continue
        visited.add(path)
        if seen.setdefault(shape(path), 0) >= PER_SHAPE:
            continue
        seen[shape(path)] += 1
        text, more = read(client, path)
        if found := unreadable(text):
            problems[path] = found
        queue.extend(more)
    assert len(visited) > 5
    return problems


@pytest.mark.parametrize("username", USERNAMES)
def test_every_page_and_file_a_role_reaches_reads_in_chinese(demo: DemoApi, username: str) -> None:
    client = demo.app.test_client()
    signed = client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    assert signed.status_code == 303
    problems = walk(client)
    report = "\n".join(f"{path}:\n  " + "\n  ".join(found[:5]) for path, found in problems.items())
    assert not problems, report


def test_a_refused_page_says_what_was_refused_without_ids(demo: DemoApi) -> None:
    client = demo.app.test_client()
    username = "staff-010101"
    client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    refused = [client.get(f"/assessments/{aid}") for aid in demo.known["aid"]]
    pages = [visible_text(r.get_data(as_text=True)) for r in refused if r.status_code == 403]
    assert pages
    for text in pages:
        assert "查看评分表" in text and not unreadable(text) and "outside" not in text
