"""The scores view keeps the version of a sheet's first approval and whether an entry changed
after it: a sheet reopened, changed and approved again stays flagged; one approved and left
alone, or changed only while it went back and forth before its approval, is not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from application.commands.assessments import (
    Approve,
    OpenAssessment,
    Reopen,
    ReturnAssessment,
    SaveSheet,
    Submit,
)
from application.service import Kaohe
from domain.workflow import Layer, Status
from projections.scores import ScoreRow, Scores, SheetChange, SheetHead, replay
from tests.unit.application.conftest import COUNTY, TOWN, VILLAGE, by, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, score, staffed_hierarchy
from tests.unit.projections.fakes import InMemoryScores, feed


def approved_sheet(app: Kaohe, unit: str = "V1") -> UUID:
    """A station's sheet filled, submitted and approved by its town."""
    opening = OpenAssessment(unit=unit, rubric=RUBRIC, version=1, period="2023Q2")
    aid = send(app, by(VILLAGE), opening).id
    send(app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=full_sheet(app, aid)), Layer.SELF)
    send(app, by(VILLAGE), Submit(assessment_id=aid))
    send(app, by(TOWN), Approve(assessment_id=aid))
    return aid


def row_of(app: Kaohe, aid: UUID) -> ScoreRow:
    view = InMemoryScores()
    feed(app.store, Scores(), view)
    row = view.sheet(aid)
    assert row is not None
    return row


def test_a_reopened_changed_and_reapproved_sheet_is_flagged(memory_app: Kaohe) -> None:
    staffed_hierarchy(memory_app)
    aid = approved_sheet(memory_app)
    first = memory_app.assessments.get(aid).version
    send(memory_app, by(COUNTY), Reopen(assessment_id=aid, reason="复核发现台账缺失"))
    send(memory_app, by(TOWN), score(aid, "1", Decimal(0), "无台账"), Layer.REVIEW)
    send(memory_app, by(TOWN), Approve(assessment_id=aid))
    row = row_of(memory_app, aid)
    assert (row.status, row.approved_version, row.changed_since_approval) == (
        Status.APPROVED.value,
        first,
        True,
    )


def test_a_sheet_approved_and_left_alone_is_not_flagged(memory_app: Kaohe) -> None:
    staffed_hierarchy(memory_app)
    aid = approved_sheet(memory_app)
    row = row_of(memory_app, aid)
    assert row.approved_version == memory_app.assessments.get(aid).version
    assert row.changed_since_approval is False


def test_a_sheet_returned_and_resubmitted_before_approval_is_not_flagged(
    memory_app: Kaohe,
) -> None:
    staffed_hierarchy(memory_app)
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
    aid = send(memory_app, by(VILLAGE), opening).id
    entries = full_sheet(memory_app, aid)
    send(memory_app, by(VILLAGE), SaveSheet(assessment_id=aid, entries=entries), Layer.SELF)
    send(memory_app, by(VILLAGE), Submit(assessment_id=aid))
    send(memory_app, by(TOWN), score(aid, "2", Decimal(1), "站长未由书记兼任"), Layer.REVIEW)
    returned = ReturnAssessment(assessment_id=aid, reason="请补充任命文件", items=("2",))
    send(memory_app, by(TOWN), returned)
    send(memory_app, by(VILLAGE), score(aid, "1", Decimal("0.5"), "据实更正"), Layer.SELF)
    send(memory_app, by(VILLAGE), Submit(assessment_id=aid))
    assert row_of(memory_app, aid).approved_version is None
    send(memory_app, by(TOWN), Approve(assessment_id=aid))
    row = row_of(memory_app, aid)
    assert row.approved_version == memory_app.assessments.get(aid).version
    assert row.changed_since_approval is False


T0 = datetime(2023, 4, 1, tzinfo=UTC)
HEAD = SheetHead(UUID(int=1), UUID(int=2), UUID(int=3), "f", 1, "2023Q2", 1)
STEPS = st.sampled_from(
    [
        *(s.value for s in (Status.SUBMITTED, Status.RETURNED, Status.APPROVED, Status.FINALIZED)),
        "entry",
        "evidence",
    ]
)


def change(version: int, step: str) -> SheetChange:
    at, who = T0 + timedelta(minutes=version), (str(TOWN.account_id), TOWN.role.value)
    if step == "entry":
        entry = {"points": str(version % 2)}
        return SheetChange(
            HEAD.assessment_id, version, version, at, *who, None, "review", "1", entry
        )
    if step == "evidence":
        return SheetChange(HEAD.assessment_id, version, version, at, *who)
    return SheetChange(HEAD.assessment_id, version, version, at, *who, status=step)


@given(steps=st.lists(STEPS, max_size=15))
def test_the_flag_says_whether_an_entry_changed_after_the_first_approval(
    steps: list[str],
) -> None:
    changes = [change(v, s) for v, s in enumerate(steps, start=2)]
    sheet = replay(HEAD, changes)
    approvals = [c.version for c in changes if c.status == Status.APPROVED.value]
    first = approvals[0] if approvals else None
    assert sheet.approved_version == first
    later = [c for c in changes if first is not None and c.version > first and c.entry]
    assert sheet.changed_since_approval == bool(later)
    # Never cleared: once set, every longer history keeps it.
    for cut in range(len(changes)):
        if replay(HEAD, changes[:cut]).changed_since_approval:
            assert sheet.changed_since_approval
