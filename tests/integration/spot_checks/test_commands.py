"""`kaohe sample list|show|verify|factors` and `kaohe risk report` on both stores."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from infra.projections.registry import Projections
from tests.integration.infra.rawdb import RawDb
from tests.integration.spot_checks.conftest import County
from tests.integration.spot_checks.test_campaigns import drawn
from web.cli import main


def test_sample_list_show_and_verify(
    county: County, projections: Projections, cli: CliRunner
) -> None:
    cid = drawn(county, projections)
    listed = cli.invoke(main, ["sample", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.stdout)
    assert (row["id"], row["county"], row["stage"], row["frame"], row["sampled"]) == (
        str(cid),
        "C1",
        "drawn",
        7,
        4,
    )
    text = cli.invoke(main, ["sample", "list"])
    assert str(cid) in text.output and "4/7" in text.output
    shown = cli.invoke(main, ["sample", "show", str(cid), "--format", "json"])
    assert json.loads(shown.stdout)["seed"] == "48213907561234509876"
    verified = cli.invoke(main, ["sample", "verify", str(cid)])
    assert verified.exit_code == 0, verified.output
    assert "sample verified: 4 assessments" in verified.output
    assert "round 1: the seed keeps to its commitment (SHA-256 " in verified.output
    factors = cli.invoke(main, ["sample", "factors", str(cid), "--format", "json"])
    assert factors.exit_code == 0, factors.output
    # nothing re-scored yet: no factor, rather than a VF of 1 that nobody checked
    found = json.loads(factors.stdout)
    assert found["county"]["factor"] is None and len(found["pending"]) == 4
    assert found["headline"] == "尚无复核的评分表（另有 4 份尚未复核）"


def test_sample_verify_exits_1_with_the_difference(
    county: County, projections: Projections, cli: CliRunner
) -> None:
    cid = drawn(county, projections)
    db = RawDb(county.app.store)
    state = db.state(cid, 4)
    state["seed"] = "11111111111111111111"  # a seed entered after the fact
    db.set_state(cid, 4, state)
    result = cli.invoke(main, ["sample", "verify", str(cid)])
    assert result.exit_code == 1
    assert "sample NOT verified" in result.output
    assert "round 1: the seed does not match the commitment" in result.output
    assert "in the recorded sample but not in the redrawn one" in result.output
    as_json = cli.invoke(main, ["sample", "verify", str(cid), "--format", "json"])
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["matches"] is False


def test_unknown_campaigns_are_refused(cli: CliRunner) -> None:
    assert cli.invoke(main, ["sample", "verify", "nope"]).exit_code == 2
    missing = cli.invoke(main, ["sample", "verify", "00000000-0000-0000-0000-000000000001"])
    assert missing.exit_code == 1 and "not found" in missing.output


def test_risk_report_ranks_and_can_be_reproduced(
    county: County, cli: CliRunner, tmp_path: Path
) -> None:
    args = ["risk", "report", "--unit", "C1", "--period", "2023Q2", "--format", "json"]
    first = cli.invoke(main, args)
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    kinds = {s["kind"] for s in report["signals"]}
    assert "all_maximum" in kinds  # V3 and V6 score full marks everywhere
    assert {t["code"] for t in report["towns"]} == {"T1", "T2"}
    assert report["stations"][0]["score"] != "0"
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(report["settings"]), "utf-8")
    again = cli.invoke(
        main, [*args, "--position", str(report["position"]), "--settings", str(settings)]
    )
    assert json.loads(again.stdout) == report
    text = cli.invoke(main, ["risk", "report", "--unit", "C1", "--period", "2023Q2"])
    assert "towns:" in text.output and "全部满分：" in text.output
    wrong = cli.invoke(main, ["risk", "report", "--unit", "T1", "--period", "2023Q2"])
    assert wrong.exit_code == 1 and "no county with code T1" in wrong.output


def test_a_scheduled_run_records_each_signal_once(county: County, cli: CliRunner) -> None:
    args = ["risk", "record", "--unit", "C1", "--period", "2023Q2"]
    first = cli.invoke(main, args)
    assert first.exit_code == 0, first.output
    raised = int(first.output.split(": ")[1].split(" ")[0])
    assert raised > 0 and f"{raised} newly recorded, {raised} in all" in first.output
    again = cli.invoke(main, args)
    assert again.exit_code == 0 and f"0 newly recorded, {raised} in all" in again.output
    wrong = cli.invoke(main, ["risk", "record", "--unit", "T1", "--period", "2023Q2"])
    assert wrong.exit_code == 1 and "no county with code T1" in wrong.output
