"""The demo quarter holds a case of every risk signal, told in Chinese with names, and the
county's auditor has recorded them (each once) and disposed of some, in the audit trail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from application.service import Kaohe
from application.store import EventStore
from domain.ids import unit_id
from domain.signal_register import Disposition, SignalRegister, register_id
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.evidence_files import FileEvidence
from infra.projections.registry import Projections
from infra.projections.tables import people_of
from projections.audit_trail import AuditQuery
from projections.spot_checks.reading import read_report
from projections.spot_checks.settings import KINDS, RiskSettings
from tests.integration.web.demo_api import PlainHasher

COUNTY = "DEMO-01"
LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("store_env", ["sqlite"], indirect=True)
def test_every_signal_fires_in_the_demo_and_is_followed_up(
    store: EventStore, tmp_path: Path
) -> None:
    app = Kaohe(store, DemoClock(), PlainHasher(), FileEvidence(tmp_path))
    load_demo(app)
    projections = Projections(store)
    projections.catch_up()
    report = read_report(
        projections.scores(),
        projections.units(),
        unit_id(COUNTY),
        "2023Q2",
        RiskSettings(),
        store.history.max_position(),
        people_of(projections),
    )
    fired = [s.kind for s in report.signals]
    assert sorted(fired) == sorted(KINDS)  # one case of each, and nothing else
    for signal in report.signals:
        assert not LATIN.search(signal.explanation), signal.explanation
    burst = next(s for s in report.signals if s.kind == "scoring_burst")
    assert burst.explanation.startswith("罗晓峰在 ")

    register = app.runner.find(SignalRegister, register_id(unit_id(COUNTY), "2023Q2"))
    assert register is not None
    assert len(register.signals) == len(report.signals)
    decided = {r.signal.kind: r.disposition for r in register.signals.values() if r.disposition}
    assert decided == {
        "all_maximum": Disposition.DISMISSED,
        "raised_after_return": Disposition.RECTIFY,
        "fill_time": Disposition.CONFIRMED,
    }

    page = projections.audit_trail(AuditQuery(unit_id=unit_id(COUNTY), limit=500))
    disposed = [r for r in page.rows if r.event_name == "SignalRegister.SignalDisposed"]
    assert {r.new for r in disposed} == {"排除", "转整改", "核实属实"}
    assert all(r.reason for r in disposed)
