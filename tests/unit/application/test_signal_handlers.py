"""Recording risk signals and disposing of them through the bus: a signal is recorded once
however often it is raised, a disposition needs a recorded signal, one of three words and a
reason, and only the county's auditors take either step."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.commands.accounts import CreateAccount, GrantRole
from application.commands.rubrics import PublishRubric
from application.commands.signals import DisposeSignal, RecordSignals, raised_signals
from application.errors import PermissionDeniedError
from application.service import Kaohe
from domain.account import Role
from domain.errors import DomainError, FieldError
from domain.ids import unit_id
from domain.signal_register import Disposition, SignalRegister, register_id
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import as_system, by

REPORT = [
    {
        "kind": "fill_time",
        "subject": "assessment",
        "subject_id": str(UUID(int=7)),
        "explanation": "从新建到提交仅用 3 分钟",
        "assessments": [str(UUID(int=7))],
        "figures": {"minutes": "3"},
    },
    {
        "kind": "all_maximum",
        "subject": "assessment",
        "subject_id": str(UUID(int=8)),
        "explanation": "全部 57 个标准项均报满分",
        "assessments": [str(UUID(int=8))],
    },
]
RID = register_id(unit_id("C1"), "2023Q2")


def record(position: int = 40, signals: list[dict[str, object]] = REPORT) -> RecordSignals:
    return RecordSignals(
        county="C1",
        period="2023Q2",
        position=position,
        settings={"version": 1},
        signals=raised_signals(signals),
    )


@pytest.fixture
def auditor(app: Kaohe) -> str:
    rubric = BUILTIN_DIR / "fengdu-village-station.v1.yaml"
    as_system(app, PublishRubric(definition=read_definition(rubric)))
    for name, role, unit in (
        ("auditor", Role.COUNTY_AUDITOR, "C1"),
        ("rev", Role.TOWN_REVIEWER, "T1"),
    ):
        as_system(app, CreateAccount(username=name, display_name=name, password="x" * 12))
        as_system(app, GrantRole(username=name, role=role, unit=unit))
    return "auditor"


def register(app: Kaohe) -> SignalRegister:
    found = app.runner.find(SignalRegister, RID)
    assert found is not None
    return found


def test_a_signal_raised_again_is_not_recorded_again(app: Kaohe, auditor: str) -> None:
    first = by(app, auditor, record())
    again = by(app, auditor, record(position=55))
    assert first.version == again.version == 3  # opened, then two signals
    assert len(register(app).signals) == 2
    reworded = [REPORT[0] | {"explanation": "另一种说法", "figures": {"minutes": "4"}}]
    by(app, auditor, record(position=60, signals=reworded))
    assert len(register(app).signals) == 2
    new = [REPORT[1] | {"assessments": [str(UUID(int=9))]}]
    assert by(app, auditor, record(position=61, signals=new)).version == 4


def test_a_disposition_is_kept_with_its_reason_who_and_when(app: Kaohe, auditor: str) -> None:
    by(app, auditor, record())
    key = next(iter(register(app).signals))
    dispose = DisposeSignal(
        register_id=RID, key=key, disposition="dismissed", reason="站点确已提前备好台账"
    )
    by(app, auditor, dispose)
    shown = register(app).signals[key]
    assert shown.disposition is Disposition.DISMISSED
    assert shown.reason == "站点确已提前备好台账" and shown.disposed_at
    rectify = DisposeSignal(register_id=RID, key=key, disposition="rectify", reason="复查属实")
    by(app, auditor, rectify)
    assert [s.key for s in register(app).sent_to_rectification()] == [key]


def test_a_disposition_without_reason_or_of_another_word_changes_nothing(
    app: Kaohe, auditor: str
) -> None:
    version = by(app, auditor, record()).version
    key = next(iter(register(app).signals))
    with pytest.raises(DomainError, match="reason"):
        by(
            app,
            auditor,
            DisposeSignal(register_id=RID, key=key, disposition="confirmed", reason=" "),
        )
    with pytest.raises(FieldError, match="disposition") as refused:
        by(app, auditor, DisposeSignal(register_id=RID, key=key, disposition="ok", reason="好"))
    assert "核实属实、排除、转整改" in refused.value.message_zh
    with pytest.raises(FieldError, match="no signal"):
        by(
            app,
            auditor,
            DisposeSignal(register_id=RID, key="x", disposition="confirmed", reason="好"),
        )
    assert register(app).version == version


def test_only_the_countys_auditors_record_and_dispose(app: Kaohe, auditor: str) -> None:
    with pytest.raises(PermissionDeniedError):
        by(app, "rev", record())
    by(app, auditor, record())
    key = next(iter(register(app).signals))
    with pytest.raises(PermissionDeniedError):
        by(
            app,
            "rev",
            DisposeSignal(register_id=RID, key=key, disposition="confirmed", reason="好"),
        )
    assert register(app).signals[key].disposition is None
