"""The sampling method: reproducible, order-free, exact sizes and stated probabilities."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from fractions import Fraction
from uuid import UUID, uuid5

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.sampling import (
    Design,
    FrameEntry,
    Mode,
    allocate,
    check_frame,
    draw,
    frame_hash,
    probabilities,
    proportional_to_size,
    ticket,
)

SEED = "31415926535897932384"
NS = UUID(int=7)


def entry(n: int, town: int = 0, weight: str = "1") -> FrameEntry:
    return FrameEntry(
        uuid5(NS, f"a{n}"),
        uuid5(NS, f"u{n}"),
        uuid5(NS, f"t{town}"),
        5,
        hashlib.sha256(f"c{n}".encode()).hexdigest(),
        Decimal(weight),
    )


def frame(sizes: list[int]) -> list[FrameEntry]:
    """Towns of the given sizes; weights 1, 2, 3, 1, 2, 3 …"""
    found, n = [], 0
    for town, size in enumerate(sizes):
        for _ in range(size):
            found.append(entry(n, town, str(n % 3 + 1)))
            n += 1
    return found


def test_a_ticket_is_sha256_of_seed_comma_id() -> None:
    aid = "6f1c0a52-6b1e-5b9e-9d55-6b616f6865aa"
    expected = hashlib.sha256(f"{SEED},{aid}".encode()).hexdigest()
    assert ticket(SEED, aid) == expected


def test_simple_mode_takes_the_k_smallest_tickets() -> None:
    entries = frame([10])
    drawn = draw(Design(Mode.SIMPLE, 3), entries, SEED)
    by_ticket = sorted(entries, key=lambda e: ticket(SEED, str(e.assessment_id)))
    assert [s.assessment_id for s in drawn] == [e.assessment_id for e in by_ticket[:3]]
    assert {s.probability for s in drawn} == {Fraction(3, 10)}


def test_proportional_allocation_by_largest_remainder() -> None:
    towns = {uuid5(NS, f"t{i}"): n for i, n in enumerate([3, 5, 7, 9])}
    # quotas 1, 1.667, 2.333, 3: the one seat left goes to the largest remainder (town 1)
    assert list(allocate(8, towns).values()) == [1, 2, 2, 3]
    assert list(allocate(30, towns).values()) == [3, 5, 7, 9]


def test_stratified_mode_draws_each_towns_quota_by_smallest_tickets() -> None:
    entries = frame([3, 5, 7, 9])
    drawn = draw(Design(Mode.STRATIFIED, 8), entries, SEED)
    per_town = {}
    for s in drawn:
        town = next(e.town_id for e in entries if e.assessment_id == s.assessment_id)
        per_town[town] = per_town.get(town, 0) + 1
    assert sorted(per_town.values()) == [1, 2, 2, 3]
    assert {str(s.probability) for s in drawn} == {"1/3", "2/5", "2/7"}


def test_weighted_probabilities_are_capped_at_one_and_add_up_to_n() -> None:
    a, b, c, d = (uuid5(NS, x) for x in "abcd")
    weights = {a: Fraction(10), b: Fraction(1), c: Fraction(1), d: Fraction(1)}
    # 2·10/13 > 1: a is certain; b, c, d share the one place left
    assert proportional_to_size(weights, 2) == {
        a: 1,
        b: Fraction(1, 3),
        c: Fraction(1, 3),
        d: Fraction(1, 3),
    }
    assert proportional_to_size(weights, 5) == dict.fromkeys(weights, Fraction(1))


def test_a_certain_unit_is_always_drawn() -> None:
    entries = [entry(0, weight="100"), *(entry(n) for n in range(1, 8))]
    for seed in ("1111111111", "2222222222", "3333333333"):
        drawn = draw(Design(Mode.WEIGHTED, 3), entries, seed)
        assert entries[0].assessment_id in {s.assessment_id for s in drawn}


def test_the_frame_hash_covers_the_method_the_design_and_every_entry() -> None:
    entries = frame([2, 2])
    base = frame_hash(Design(Mode.SIMPLE, 2), entries)
    assert base == frame_hash(Design(Mode.SIMPLE, 2), list(reversed(entries)))
    assert base != frame_hash(Design(Mode.SIMPLE, 3), entries)
    assert base != frame_hash(Design(Mode.WEIGHTED, 2), entries)
    changed = [entries[0], entries[1], entries[2], entry(3, 1, weight="2")]
    assert base != frame_hash(Design(Mode.SIMPLE, 2), changed)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "the frame is empty"),
        ([entry(1), entry(1)], "twice"),
        ([entry(1, weight="0")], "positive"),
    ],
)
def test_refuses_a_bad_frame(entries: list[FrameEntry], message: str) -> None:
    with pytest.raises(DomainError, match=message):
        check_frame(Design(Mode.WEIGHTED, 1), entries)


@pytest.mark.parametrize("seed", ["123", "1234 567890", "abcdefghijkl", ""])
def test_refuses_a_seed_that_is_not_10_to_100_digits(seed: str) -> None:
    with pytest.raises(DomainError, match="decimal digits"):
        draw(Design(Mode.SIMPLE, 1), frame([3]), seed)


designs = st.builds(Design, st.sampled_from(Mode), st.integers(1, 12))
sizes = st.lists(st.integers(1, 6), min_size=1, max_size=5)
seeds = st.text("0123456789", min_size=10, max_size=30)


@settings(max_examples=60, deadline=None)
@given(design=designs, towns=sizes, seed=seeds, order=st.randoms(use_true_random=False))
def test_a_draw_is_reproducible_whatever_the_frames_order(
    design: Design, towns: list[int], seed: str, order: object
) -> None:
    entries = frame(towns)
    shuffled = list(entries)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    assert draw(design, entries, seed) == draw(design, shuffled, seed)


@settings(max_examples=60, deadline=None)
@given(design=designs, towns=sizes, seed=seeds)
def test_the_sample_has_its_size_and_the_probabilities_add_up_to_it(
    design: Design, towns: list[int], seed: str
) -> None:
    entries = frame(towns)
    expected = min(design.size, len(entries))
    drawn = draw(design, entries, seed)
    assert len(drawn) == expected
    chances = probabilities(design, entries)
    assert sum(chances.values()) == expected
    assert all(0 <= p <= 1 for p in chances.values())
    if design.mode is not Mode.STRATIFIED:  # a town whose quota rounds to 0 has p = 0
        assert all(p > 0 for p in chances.values())
    assert all(s.probability == chances[s.assessment_id] for s in drawn)


@settings(max_examples=60, deadline=None)
@given(total=st.integers(2, 20), keep=st.integers(1, 20), k=st.integers(1, 10), seed=seeds)
def test_simple_sampling_is_consistent_on_a_sub_frame(
    total: int, keep: int, k: int, seed: str
) -> None:
    """A unit's ticket depends only on the seed and its id: the sample of a sub-frame is the
    sub-frame's units in the whole frame's ticket order, cut at k."""
    whole = frame([total])
    part = whole[: min(keep, total)]
    order = [s.assessment_id for s in draw(Design(Mode.SIMPLE, total), whole, seed)]
    inside = {e.assessment_id for e in part}
    expected = [a for a in order if a in inside][:k]
    assert [s.assessment_id for s in draw(Design(Mode.SIMPLE, k), part, seed)] == expected
