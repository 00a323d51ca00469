"""Sample sizes from a stated goal, against values worked by hand (docs/sampling.md §10)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.audit import Stamp
from domain.campaign import Campaign
from domain.campaign_plan import Plan
from domain.commitment import Commitment, seed_digest
from domain.errors import FieldError
from domain.sample_size import SizeGoal, binomial_size, detect_size, estimate_size, z_value
from domain.sampling import Mode
from tests.unit.domain.test_campaign import COUNTY
from tests.unit.domain.test_sampling import SEED, frame

TEN, NINETY_FIVE = Decimal("0.10"), Decimal("0.95")


def test_ten_percent_at_95_percent_in_a_large_frame_takes_29() -> None:
    # 0.9^28 = 0.0523 > 0.05 and 0.9^29 = 0.0471 <= 0.05
    assert binomial_size(TEN, NINETY_FIVE) == 29
    assert detect_size(TEN, NINETY_FIVE, 100_000) == 29


@pytest.mark.parametrize(
    ("frame_size", "size"),
    [
        # N = 50, D = 5: C(45, n)/C(50, n) = (50-n)…(46-n)/(50·49·48·47·46);
        # n = 21: 14250600/254251200 = 0.0560, n = 22: 11793600/254251200 = 0.0464
        (50, 22),
        # N = 20, D = 2: (20-n)(19-n)/380; n = 15: 20/380 = 0.0526, n = 16: 12/380 = 0.0316
        (20, 16),
        (1, 1),
    ],
)
def test_ten_percent_at_95_percent_in_a_small_frame_is_hypergeometric(
    frame_size: int, size: int
) -> None:
    assert detect_size(TEN, NINETY_FIVE, frame_size) == size


def test_plus_minus_five_points_at_95_percent() -> None:
    # z = 1.959964, n0 = z^2 * 0.25 / 0.0025 = 384.146; N = 500: 384.146 / 1.76629 = 217.49
    assert z_value(NINETY_FIVE) == Decimal("1.959964")
    goal = SizeGoal.estimate(Decimal("0.05"), NINETY_FIVE)
    assert goal.large_frame_size() == 385
    assert goal.size_for(500) == 218
    assert goal.size_for(100) == 80  # 384.146 / (1 + 383.146/100) = 79.5
    assert estimate_size(Decimal("0.05"), Decimal("1.959964"), Decimal("0.2"), 10**6) == 246


@given(
    rate=st.sampled_from(["0.01", "0.05", "0.1", "0.2", "0.5"]),
    confidence=st.sampled_from(["0.8", "0.9", "0.95", "0.99"]),
    frame_size=st.integers(1, 400),
)
def test_the_detect_size_is_the_smallest_that_reaches_the_confidence(
    rate: str, confidence: str, frame_size: int
) -> None:
    p, c = Decimal(rate), Decimal(confidence)
    n = detect_size(p, c, frame_size)
    falsified = max(1, -(-int(p * 1000) * frame_size // 1000))

    def missed(k: int) -> Fraction:
        return Fraction(comb(frame_size - falsified, k), comb(frame_size, k))

    assert 1 <= n <= frame_size
    assert missed(n) <= 1 - Fraction(c) or n == frame_size
    assert n == 1 or missed(n - 1) > 1 - Fraction(c)
    assert n <= binomial_size(p, c)


def test_a_campaign_sized_by_a_goal_records_the_goal_and_fixes_the_size_at_freezing() -> None:
    stamp = Stamp("auditor", "county_auditor", "C1", datetime(2023, 7, 3, tzinfo=UTC), "req")
    plan = Plan(SizeGoal.detect(TEN, NINETY_FIVE))
    committed = Commitment.to_seed(seed_digest(SEED))
    c = Campaign.open(stamp, COUNTY, "2023Q2", "按目标抽查", Mode.SIMPLE, plan, committed)
    opened = c.collect_events()[0]
    assert isinstance(opened, Campaign.Opened)
    assert opened.plan is not None
    assert opened.plan["goal"] | {} == {
        "rule": "detect",
        "size": None,
        "rate": "0.10",
        "confidence": "0.95",
        "margin": None,
        "proportion": None,
        "z": None,
    }
    c.freeze_frame(stamp, frame([25, 25]))
    fixed = c.collect_events()[0]
    assert isinstance(fixed, Campaign.SizeFixed)
    assert (fixed.frame_size, fixed.size, c.size) == (50, 22, 22)
    c.enter_seed(stamp, SEED, "立项前掷骰")
    c.draw(stamp)
    assert len(c.sample) == 22


@pytest.mark.parametrize(
    "make",
    [
        lambda: SizeGoal.detect(Decimal("0.001"), NINETY_FIVE),
        lambda: SizeGoal.detect(TEN, Decimal("1")),
        lambda: SizeGoal.estimate(Decimal("0"), NINETY_FIVE),
        lambda: SizeGoal.typed(0),
    ],
)
def test_refuses_a_goal_out_of_range(make: object) -> None:
    with pytest.raises(FieldError):
        make()  # type: ignore[operator]
