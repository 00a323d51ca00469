"""Over many seeds, each unit is drawn as often as its stated inclusion probability says.

Fixed seeds make the test deterministic; the bound |z| < 4.5 on each unit's count (a
binomial z-score) fails by chance with a probability below 1e-4 for the whole frame."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from math import sqrt

import pytest

from domain.sampling import Design, Mode, draw, probabilities
from tests.unit.domain.test_sampling import frame

DRAWS = 2000
SEEDS = [f"{i:020d}" for i in range(DRAWS)]


@pytest.mark.parametrize(
    ("mode", "size"),
    [(Mode.STRATIFIED, 8), (Mode.WEIGHTED, 6), (Mode.WEIGHTED, 18), (Mode.SIMPLE, 5)],
)
def test_each_unit_is_drawn_with_its_stated_probability(mode: Mode, size: int) -> None:
    entries = frame([3, 5, 7, 9])
    design = Design(mode, size)
    stated = probabilities(design, entries)
    counts: Counter[object] = Counter()
    for seed in SEEDS:
        drawn = draw(design, entries, seed)
        assert len(drawn) == size
        counts.update(s.assessment_id for s in drawn)
    for unit, p in stated.items():
        if p in (0, 1):
            assert counts[unit] == p * DRAWS
            continue
        z = (counts[unit] - DRAWS * p) / sqrt(DRAWS * p * (1 - p))
        assert abs(z) < 4.5, f"{unit}: drawn {counts[unit]} times, expected {float(DRAWS * p)}"


def test_the_weighted_frame_has_a_certain_unit_and_varied_chances() -> None:
    """The weighted case above is not trivial: its probabilities differ, and with 18 of
    24 units some reach certainty."""
    entries = frame([3, 5, 7, 9])
    six = set(probabilities(Design(Mode.WEIGHTED, 6), entries).values())
    most = set(probabilities(Design(Mode.WEIGHTED, 18), entries).values())
    assert len(six) == 3
    assert Fraction(1) in most
