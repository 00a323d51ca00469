"""Randomness fixed before the frame: a seed must keep to the commitment made at opening."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.audit import Stamp
from domain.campaign import Campaign, Stage, campaign_id
from domain.campaign_plan import Plan
from domain.commitment import Commitment, CommitmentKind, seed_digest
from domain.errors import DomainError, FieldError
from domain.sample_size import SizeGoal
from domain.sampling import Mode
from tests.unit.domain.test_campaign import COUNTY
from tests.unit.domain.test_sampling import SEED, frame

OPENING = datetime(2023, 7, 3, 2, tzinfo=UTC)  # 10:00 in China


def at(moment: datetime) -> Stamp:
    return Stamp("auditor", "county_auditor", "C1", moment, "req")


def opened(commitment: Commitment) -> Campaign:
    plan = Plan(SizeGoal.typed(3))
    return Campaign.open(at(OPENING), COUNTY, "2023Q2", "抽查", Mode.SIMPLE, plan, commitment)


def frozen(commitment: Commitment, day: datetime = OPENING) -> Campaign:
    c = opened(commitment)
    c.freeze_frame(at(day), frame([4, 4]))
    c.collect_events()
    return c


def test_the_digest_is_sha256_of_the_seed_text() -> None:
    assert seed_digest("12345678901234567890") == (
        "6ed645ef0e1abea1bf1e4e935ff04f9e18d39812387f63cda3415b46240f0405"
    )


def test_a_seed_chosen_after_the_frame_is_refused_and_changes_nothing() -> None:
    c = frozen(Commitment.to_seed(seed_digest(SEED)))
    with pytest.raises(FieldError, match="does not match the commitment") as refused:
        c.enter_seed(at(OPENING), "27182818284590452353", "县局公开掷骰")
    assert "与立项时的承诺不符" in refused.value.message_zh
    assert c.stage is Stage.FROZEN and c.seed is None and not c.collect_events()


def test_the_committed_seed_is_taken() -> None:
    c = frozen(Commitment.to_seed(seed_digest(SEED)))
    c.enter_seed(at(OPENING), SEED, "立项前掷骰")
    c.draw(at(OPENING))
    assert c.stage is Stage.DRAWN and len(c.sample) == 3


def test_a_public_draw_must_be_held_after_the_opening_day() -> None:
    same_day = Commitment.to_draw("福利彩票3D", date(2023, 7, 3))
    with pytest.raises(FieldError, match="is not after the campaign was opened") as refused:
        opened(same_day)
    assert "开奖日期 2023-07-03 不晚于立项的日期" in refused.value.message_zh


def test_the_frame_must_be_frozen_before_the_public_draw_is_held() -> None:
    c = opened(Commitment.to_draw("福利彩票3D第2023180期", date(2023, 7, 5)))
    with pytest.raises(FieldError, match="not after the frame was frozen"):
        c.freeze_frame(at(datetime(2023, 7, 5, 1, tzinfo=UTC)), frame([4]))
    assert c.stage is Stage.OPENED


def test_a_public_draw_is_entered_once_held_and_named_as_its_source() -> None:
    c = frozen(Commitment.to_draw("福利彩票3D第2023180期", date(2023, 7, 5)))
    with pytest.raises(FieldError, match="has not been held yet"):
        c.enter_seed(at(datetime(2023, 7, 4, 3, tzinfo=UTC)), SEED, "")
    c.enter_seed(at(datetime(2023, 7, 5, 13, tzinfo=UTC)), SEED, "")
    assert c.seed_source == "福利彩票3D第2023180期 (2023-07-05)"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (CommitmentKind.HASH, {"digest": "abc"}),
        (CommitmentKind.PUBLIC_DRAW, {"draw": " ", "draw_date": date(2023, 7, 5)}),
        (CommitmentKind.PUBLIC_DRAW, {"draw": "福彩"}),
    ],
)
def test_refuses_a_malformed_commitment(kind: CommitmentKind, fields: dict[str, object]) -> None:
    with pytest.raises(FieldError):
        Commitment(kind, **fields)  # type: ignore[arg-type]


def test_an_old_campaign_without_commitment_reads_but_takes_no_new_seed() -> None:
    state: dict[str, object] = {"size": 3}
    Campaign.Opened.upcast_v1_v2(state)
    assert state == {"size": 3, "commitment": None, "plan": None}
    old = Campaign._start(
        Campaign.Opened,
        campaign_id(COUNTY, "2023Q2", "旧抽查"),
        at(OPENING),
        county_id=COUNTY,
        period="2023Q2",
        name="旧抽查",
        mode="simple",
        method="kaohe-sampling/1",
        **state,
    )
    old.freeze_frame(at(OPENING + timedelta(hours=1)), frame([4]))
    assert old.commitment is None and old.size == 3
    with pytest.raises(DomainError, match="opened without a commitment"):
        old.enter_seed(at(OPENING + timedelta(hours=2)), SEED, "公开掷骰")
