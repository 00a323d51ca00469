"""A quarter over HTTP on PostgreSQL, as the people involved live it: the villages score
themselves, the town returns one sheet and approves the rest, the county spot-checks a sheet
and overrides an item in the verification layer, and the city reads the results and replays
the overridden sheet as it stood before the override."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from application.store import EventStore
from tests.integration.web.world import World, build_world
from web.app import projections_of

QUARTER = "2023Q2"
API = "/api/v1/assessments"


@pytest.fixture
def quarter(store: EventStore, tmp_path: Path) -> World:
    return build_world(store, tmp_path / "evidence")


def send(w: World, user: str, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    """Call as a user; for a write, send the version last read (If-Match)."""
    headers = w.login(user) | kwargs.pop("headers", {})
    response = w.client.open(path, method=method, headers=headers, **kwargs)
    assert response.status_code in (200, 201), response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def write(w: World, user: str, method: str, path: str, version: int, **kw: Any) -> Any:
    return send(w, user, method, path, headers={"If-Match": f'"{version}"'}, **kw)


@pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
def test_a_quarter_from_self_scoring_to_the_citys_replay(quarter: World) -> None:
    w = quarter
    # The villages open their sheets and score themselves, all items at once.
    sheets = {}
    for staff, village in (("staff", "V1"), ("staff2", "V2")):
        opened = send(
            w,
            staff,
            "POST",
            API,
            json={
                "unit": village,
                "rubric": "fengdu-village-station",
                "version": 1,
                "period": QUARTER,
            },
        )
        entries = {n: {"points": str(p)} for n, p in full_marks(w, opened["id"]).items()}
        scored = write(
            w,
            staff,
            "PUT",
            f"{API}/{opened['id']}/sheet",
            opened["version"],
            json={"entries": entries},
        )
        assert scored["score"]["total"] == "100" and scored["score"]["result"] == "passed"
        sheets[village] = write(w, staff, "POST", f"{API}/{opened['id']}/submit", scored["version"])

    # The town returns V2's sheet for item 5 and approves V1's.
    v1, v2 = sheets["V1"], sheets["V2"]
    returned = write(
        w,
        "reviewer",
        "POST",
        f"{API}/{v2['id']}/return",
        v2["version"],
        json={"reason": "请补充台账照片", "items": ["5"]},
    )
    assert returned["status"] == "returned" and returned["returned_items"] == ["5"]
    v1 = write(w, "reviewer", "POST", f"{API}/{v1['id']}/approve", v1["version"])
    assert v1["status"] == "approved"

    # The county spot-checks V1 and overrides item 1 in the verification layer.
    before_override = w.clock.now()
    item = next(i for i in v1["score"]["items"] if i["number"] == "1")
    lower = str(float(item["points"]) - 1).rstrip("0").rstrip(".")
    v1 = write(
        w,
        "auditor",
        "PUT",
        f"{API}/{v1['id']}/items/1",
        v1["version"],
        json={"points": lower, "reason": "抽查复核：制度未上墙"},
    )
    overridden = next(i for i in v1["score"]["items"] if i["number"] == "1")
    assert overridden["layer"] == "verification" and v1["score"]["total"] == "99"
    v1 = write(
        w,
        "auditor",
        "POST",
        f"{API}/{v1['id']}/findings",
        v1["version"],
        json={"finding": "error", "items": ["1"], "note": "复核核减1分"},
    )

    # The city reads every sheet of the quarter (from the read model, kept by the workers).
    projections_of(w.app).catch_up()
    rows = send_list(w, "regulator", f"{API}?period={QUARTER}")
    assert {(r["unit"], r["status"], r["total"]) for r in rows} == {
        ("V1", "approved", "99"),
        ("V2", "returned", "100"),
    }
    quarterly = send(
        w,
        "regulator",
        "GET",
        "/api/v1/tables/quarterly",
        query_string={"unit": "CITY", "period": QUARTER},
    )
    (table,) = quarterly["tables"]
    assert [row[1:3] + row[5:] for row in table["rows"]] == [
        ["V1 单位", "99", "合格（已抽查复核）（验收后有改动）"],
        ["V2 单位", "100", "已退回"],
    ]
    csv = w.client.get(
        "/api/v1/tables/scores",
        headers=w.login("regulator"),
        query_string={"unit": "CITY", "period": QUARTER, "format": "csv"},
    )
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert (
        "V1,V1 单位,服务对象100人以下村（社区）退役军人服务站规范建设运行验收评分表,"
        "1,2023年第二季度,已验收,99"
    ) in csv.get_data(as_text=True)
    workbook = w.client.get(
        "/api/v1/tables/quarterly",
        headers=w.login("regulator"),
        query_string={"unit": "CITY", "period": QUARTER, "format": "xlsx"},
    )
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"
    trail = send(w, "regulator", "GET", f"/api/v1/audit?assessment={v1['id']}&item=1")
    assert trail["rows"][0]["layer"] == "verification"
    assert trail["rows"][0]["reason"] == "抽查复核：制度未上墙"

    # …and replays V1 as it stood before the override: self layer only, 100 points.
    as_of = {"as_of": before_override.isoformat()}
    past = send(w, "regulator", "GET", f"{API}/{v1['id']}", query_string=as_of)
    assert past["status"] == "approved" and past["layers"]["verification"] == {}
    assert past["score"]["total"] == "100"
    # The regulator reads everything and changes nothing.
    refused = w.client.post(
        f"{API}/{v1['id']}/finalize",
        headers=w.login("regulator") | {"If-Match": f'"{v1["version"]}"'},
    )
    assert refused.status_code == 403


def full_marks(w: World, aid: str) -> dict[str, Any]:
    from uuid import UUID

    return {n: e.points for n, e in w.full_sheet(UUID(aid)).items()}


def send_list(w: World, user: str, path: str) -> list[dict[str, Any]]:
    response = w.client.get(path, headers=w.login(user))
    assert response.status_code == 200, response.get_json()
    rows: list[dict[str, Any]] = response.get_json()
    return rows
