"""Verifiable sampling for spot checks: a frozen frame, a public seed, a deterministic draw.

The method (`kaohe-sampling/1`, described in docs/sampling.md) uses nothing but SHA-256,
exact fractions and the recorded frame, so anyone holding the frame and the seed can redraw
the sample and compare."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from math import ceil, floor
from typing import Any
from uuid import UUID

from domain.canonical import canonical_json
from domain.errors import DomainError

METHOD = "kaohe-sampling/1"
"""The name and version of the method; a change to any rule below needs a new version."""

SEED = re.compile(r"^[0-9]{10,100}$")
SPACE = 2**256


class Mode(StrEnum):
    """How the sample is drawn from the frame."""

    SIMPLE = "simple"
    STRATIFIED = "stratified"
    WEIGHTED = "weighted"


@dataclass(frozen=True)
class Design:
    """What is drawn: the mode and the sample size (a size above the frame takes it all)."""

    mode: Mode
    size: int

    def __post_init__(self) -> None:
        if self.size < 1:
            raise DomainError(f"a sample needs a size of at least 1; got {self.size}")


@dataclass(frozen=True)
class FrameEntry:
    """One eligible assessment as frozen: which sheet, at which version and content hash,
    its station and town (the stratum), and its weight (used by the weighted mode)."""

    assessment_id: UUID
    unit_id: UUID
    town_id: UUID
    version: int
    content_hash: str
    weight: Decimal = Decimal(1)

    def to_data(self) -> dict[str, Any]:
        return {
            "assessment_id": str(self.assessment_id),
            "unit_id": str(self.unit_id),
            "town_id": str(self.town_id),
            "version": self.version,
            "content_hash": self.content_hash,
            "weight": str(self.weight),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FrameEntry:
        return cls(
            UUID(data["assessment_id"]),
            UUID(data["unit_id"]),
            UUID(data["town_id"]),
            int(data["version"]),
            data["content_hash"],
            Decimal(data["weight"]),
        )


@dataclass(frozen=True)
class Selected:
    """One drawn assessment, its inclusion probability (exact) and its ticket."""

    assessment_id: UUID
    probability: Fraction
    ticket: str
    """SHA-256(seed ‖ "," ‖ assessment id) as 64 hex digits."""

    def to_data(self) -> dict[str, Any]:
        return {
            "assessment_id": str(self.assessment_id),
            "probability": str(self.probability),
            "ticket": self.ticket,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Selected:
        return cls(UUID(data["assessment_id"]), Fraction(data["probability"]), data["ticket"])


def check_frame(design: Design, entries: Sequence[FrameEntry]) -> list[FrameEntry]:
    """The entries in assessment-id order; refuses an empty frame, a duplicate, a malformed
    content hash and (in the weighted mode) a weight that is not positive."""
    if not entries:
        raise DomainError("the frame is empty: there is nothing to sample")
    ordered = sorted(entries, key=lambda e: str(e.assessment_id))
    seen = [str(e.assessment_id) for e in ordered]
    twice = sorted({a for a, b in pairwise(seen) if a == b})
    if twice:
        raise DomainError(f"the frame lists assessments twice: {', '.join(twice)}")
    bad_hash = [
        str(e.assessment_id) for e in ordered if not re.fullmatch(r"[0-9a-f]{64}", e.content_hash)
    ]
    if bad_hash:
        raise DomainError(f"content hashes must be 64 hex digits; not so for {', '.join(bad_hash)}")
    if design.mode is Mode.WEIGHTED:
        light = [
            str(e.assessment_id) for e in ordered if not (e.weight.is_finite() and e.weight > 0)
        ]
        if light:
            raise DomainError(
                "every weight must be positive, so no unit is immune; "
                f"not so for {', '.join(light)}"
            )
    return ordered


def frame_hash(design: Design, entries: Sequence[FrameEntry]) -> str:
    """SHA-256 over the canonical JSON of the method, the design and the sorted entries."""
    body = {
        "method": METHOD,
        "mode": design.mode.value,
        "size": design.size,
        "entries": [e.to_data() for e in sorted(entries, key=lambda e: str(e.assessment_id))],
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


def check_seed(seed: str) -> str:
    if not SEED.match(seed):
        raise DomainError(
            "a seed is 10 to 100 decimal digits, written without spaces (e.g. the 20 digits "
            "of a public draw with ten-sided dice)"
        )
    return seed


def ticket(seed: str, key: str) -> str:
    """SHA-256 of the UTF-8 text `seed,key` as 64 hex digits; read as a number in [0, 1)."""
    return hashlib.sha256(f"{seed},{key}".encode()).hexdigest()


def uniform(hex_digest: str) -> Fraction:
    return Fraction(int(hex_digest, 16), SPACE)


def probabilities(design: Design, entries: Sequence[FrameEntry]) -> dict[UUID, Fraction]:
    """Each entry's inclusion probability under the design (the seed plays no part)."""
    if design.mode is Mode.SIMPLE:
        k = min(design.size, len(entries))
        return {e.assessment_id: Fraction(k, len(entries)) for e in entries}
    if design.mode is Mode.STRATIFIED:
        strata = stratify(entries)
        quotas = allocate(design.size, {town: len(group) for town, group in strata.items()})
        return {
            e.assessment_id: Fraction(quotas[town], len(group))
            for town, group in strata.items()
            for e in group
        }
    weights = {e.assessment_id: Fraction(e.weight) for e in entries}
    return proportional_to_size(weights, design.size)


def draw(design: Design, entries: Sequence[FrameEntry], seed: str) -> list[Selected]:
    """The sample, in ticket order, each with its inclusion probability."""
    frame = check_frame(design, entries)
    check_seed(seed)
    tickets = {e.assessment_id: ticket(seed, str(e.assessment_id)) for e in frame}
    chances = probabilities(design, frame)
    if design.mode is Mode.SIMPLE:
        chosen = smallest(tickets, frame, design.size)
    elif design.mode is Mode.STRATIFIED:
        strata = stratify(frame)
        quotas = allocate(design.size, {town: len(group) for town, group in strata.items()})
        chosen = [
            a for town, group in strata.items() for a in smallest(tickets, group, quotas[town])
        ]
    else:
        chosen = systematic(tickets, chances, uniform(ticket(seed, "start")))
    ordered = sorted(chosen, key=lambda a: (tickets[a], str(a)))
    return [Selected(a, chances[a], tickets[a]) for a in ordered]


def smallest(tickets: Mapping[UUID, str], group: Iterable[FrameEntry], k: int) -> list[UUID]:
    ranked = sorted((tickets[e.assessment_id], str(e.assessment_id)) for e in group)
    return [UUID(a) for _, a in ranked[:k]]


def stratify(entries: Iterable[FrameEntry]) -> dict[UUID, list[FrameEntry]]:
    """Entries by town, towns in id order."""
    strata: dict[UUID, list[FrameEntry]] = {}
    for e in sorted(entries, key=lambda e: (str(e.town_id), str(e.assessment_id))):
        strata.setdefault(e.town_id, []).append(e)
    return strata


def allocate(size: int, sizes: Mapping[UUID, int]) -> dict[UUID, int]:
    """Proportional allocation by largest remainder: each stratum gets the whole part of
    size·N_h/N, and the seats left go to the largest fractional parts (ties: town id)."""
    total = sum(sizes.values())
    if size >= total:
        return dict(sizes)
    quotas = {h: Fraction(size * n, total) for h, n in sizes.items()}
    seats = {h: floor(q) for h, q in quotas.items()}
    left = size - sum(seats.values())
    by_remainder = sorted(quotas, key=lambda h: (-(quotas[h] - seats[h]), str(h)))
    for h in by_remainder[:left]:
        seats[h] += 1
    return seats


def proportional_to_size(weights: Mapping[UUID, Fraction], size: int) -> dict[UUID, Fraction]:
    """π_i = min(1, n·w_i/Σw), repeated: units that reach 1 are taken for certain and the
    rest share what is left of n in proportion to their weights. The π add up to n."""
    if size >= len(weights):
        return dict.fromkeys(weights, Fraction(1))
    certain: set[UUID] = set()
    while True:
        rest = [a for a in weights if a not in certain]
        left = size - len(certain)
        total = sum((weights[a] for a in rest), Fraction(0))
        reached = {a for a in rest if left * weights[a] >= total}
        if not reached:
            break
        certain |= reached
    return {a: Fraction(1) if a in certain else left * weights[a] / total for a in weights}


def systematic(
    tickets: Mapping[UUID, str], chances: Mapping[UUID, Fraction], start: Fraction
) -> list[UUID]:
    """Systematic πps over the units in ticket order: unit i covers [C_{i-1}, C_i) of the
    cumulated probabilities, and is taken when one of start, start+1, … falls in it."""
    order = sorted(chances, key=lambda a: (tickets[a], str(a)))
    chosen: list[UUID] = []
    before = Fraction(0)
    for a in order:
        after = before + chances[a]
        if ceil(after - start) > ceil(before - start):
            chosen.append(a)
        before = after
    return chosen
