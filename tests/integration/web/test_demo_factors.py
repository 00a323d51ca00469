"""The demo's falsified, vetoed sheet is outside the band in every view of the factors: the
campaign page, the API and `kaohe sample factors`, each naming it as the worst sheet."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from domain.account import Role
from tests.integration.web.demo_api import DemoApi, LoadedDemo, demo_api
from tests.integration.web.readable import visible_text
from web.cli import main


@pytest.fixture(scope="module")
def demo(
    loaded_demo: LoadedDemo, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DemoApi, Path]]:
    data = tmp_path_factory.mktemp("factors") / "store"
    with demo_api(loaded_demo, data) as api:
        yield api, data


def demo_factors(api: DemoApi) -> tuple[str, dict[str, Any]]:
    [campaign] = [c for c in api.read("/api/v1/campaigns") if c["name"] == "二季度抽查复核"]
    return campaign["id"], api.read(
        f"/api/v1/campaigns/{campaign['id']}/factors", Role.COUNTY_AUDITOR
    )


def test_the_api_counts_the_falsified_sheet_outside_and_names_it(
    demo: tuple[DemoApi, Path],
) -> None:
    _, found = demo_factors(demo[0])
    [falsified] = [a for a in found["assessments"] if a["finding"] == "falsification"]
    assert falsified["band"] == "falsified" and falsified["outside_band"] is True
    assert falsified["ratio_band"] == "within"  # its ratio alone would have hidden it
    assert falsified["verified_result"] == "vetoed"
    # outside: the falsified sheet, and a sheet the town vetoed and the county confirmed
    [confirmed] = [a for a in found["assessments"] if a["band"] == "vetoed"]
    assert confirmed["reported_result"] == "vetoed" and confirmed["over_reporting"] is False
    assert found["county"]["outside_band"] == 2 and found["county"]["over_reporting"] == 1
    assert found["worst"]["assessment_id"] == falsified["assessment_id"]
    assert found["headline"].startswith("已复核 4 份中 2 份超出 0.9–1.1 区间；最差：")
    assert (
        f"{falsified['station']}，核实系数 {falsified['factor']}，弄虚作假（一票否决）"
        in (found["headline"])
    )


def test_the_campaign_page_says_the_same(demo: tuple[DemoApi, Path]) -> None:
    cid, found = demo_factors(demo[0])
    client = demo[0].app.test_client()
    username = "auditor-01"
    client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    page = visible_text(client.get(f"/campaigns/{cid}").get_data(as_text=True))
    assert found["headline"] in page
    [falsified] = [a for a in found["assessments"] if a["finding"] == "falsification"]
    station, chance = falsified["station"], falsified["probability"]
    row = rf"{station} {chance}（[\d.]+%） .*? 超出区间\s?：弄虚作假（一票否决）"
    assert re.search(row, page), page


def test_the_command_line_says_the_same(demo: tuple[DemoApi, Path]) -> None:
    cid, found = demo_factors(demo[0])
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KAOHE_DATA_DIR", str(demo[1]))
        env.delenv("KAOHE_DATABASE_URL", raising=False)
        text = CliRunner().invoke(main, ["sample", "factors", cid])
        data = CliRunner().invoke(main, ["sample", "factors", cid, "--format", "json"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines()[0] == found["headline"]
    assert "弄虚作假（一票否决）  OUTSIDE" in text.output
    assert json.loads(data.stdout)["worst"] == found["worst"]
