"""`kaohe demo` loads a plausible quarter once; a second run adds nothing."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from application.store import EventStore
from infra.bootstrap import open_event_store
from infra.demo.late_hand_up import late_village
from infra.demo.plan import plan_demo
from infra.ledger import verify_ledger
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.settings import Settings
from web.cli import main


def test_demo_loads_a_quarter_of_activity_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAOHE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KAOHE_DATABASE_URL", raising=False)
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # standard error taken for a terminal
    first = CliRunner().invoke(main, ["demo", "--format", "json"])
    assert first.exit_code == 0, first.output
    assert "loading the demo" in first.stderr  # a bar, not a silent minute
    assert "/" in first.stderr.rsplit("loading the demo", 1)[1]  # with the steps counted
    loaded = json.loads(first.stdout)
    roles = Counter(a["role"] for a in loaded["accounts"])
    assert roles == {
        "administrator": 1,
        "city_regulator": 1,
        "county_auditor": 3,
        "town_reviewer": 12,
        "station_staff": 64,
    }
    assert loaded["events_added"] > 3000

    again = CliRunner().invoke(main, ["demo", "--quiet"])
    assert again.exit_code == 0, again.output
    assert again.stderr == ""
    assert again.stdout.startswith("demo data loaded: 0 new events\n")
    assert "staff-010101\tstation_staff" in again.stdout

    # the demo's spot check committed to its seed at opening and revealed it after freezing
    [listed] = json.loads(CliRunner().invoke(main, ["sample", "list", "--format", "json"]).stdout)
    verified = CliRunner().invoke(main, ["sample", "verify", listed["id"]])
    assert verified.exit_code == 0, verified.output
    assert "round 1: the seed keeps to its commitment (SHA-256 " in verified.output

    store = open_event_store(Settings.from_env())
    try:
        names = Counter(
            n.topic.rsplit(":", 1)[-1]
            for n in store.recorder.select_notifications(start=None, limit=100_000)
        )
        assert verify_ledger(store).ok
        late = late_quarter(store)
    finally:
        store.close()
    # 60 villages, 3 county centres, the city centre, 2 banners (one year under way, one
    # scored and approved by the city), a village's late first quarter; 石门镇's 8 stations (one
    # also for two earlier quarters), where each risk signal has its case
    assert names["Assessment.Opened"] == 77
    assert names["Assessment.Returned"] >= 3 and names["Assessment.Approved"] >= 40
    assert names["Assessment.VetoRaised"] >= 2 and names["Assessment.DeductionApplied"] >= 1
    assert names["Assessment.BonusClaimed"] >= 1 and names["Assessment.ProgressEntered"] == 11
    # a finished spot check: four findings, one of them a falsification
    assert names["Campaign.SampleDrawn"] == 1 and names["Campaign.Closed"] == 1
    assert names["Assessment.FindingRecorded"] == 4
    # a village handed its first quarter up in April, after the 31 March deadline, and its
    # town has not reviewed it yet
    assert late == (("逾期",), ("未审核",), (0, Decimal("0.0")), (0, Decimal("0.0")))


def late_quarter(store: EventStore) -> tuple[tuple[object, ...], ...]:
    """The 报送 and 审核 columns of the late village's town for 2023Q1, and the county's
    submission and review timeliness."""
    plan = plan_demo()
    town = plan.parent_of(late_village(plan))
    projections = Projections(store)
    projections.catch_up()
    quarterly = read_tables(projections, TableRequest("quarterly", town, "2023Q1"))
    county = plan.parent_of(town)
    compliance = read_tables(projections, TableRequest("compliance", county, "2023Q1"))
    timely = [t for t in compliance if "及时率(%)" in t.columns]
    (total,) = [dict(zip(t.columns, t.rows[-1], strict=True)) for t in timely]
    return (
        quarterly[0].column("报送"),
        quarterly[0].column("审核"),
        (total["按时报送数"], total["及时率(%)"]),
        (total["按时审核数"], total["审核及时率(%)"]),
    )
