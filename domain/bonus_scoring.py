"""Bonus points: one matter earns only its highest tier where the rubric says so, then item
caps, then the total cap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain.entries import Claim, ItemEntry
from domain.item_scoring import ZERO, ItemScore, score_points_item
from domain.rubric import Item
from domain.rules import RuleName, SameMatter
from domain.tier_words import tier_words


@dataclass(frozen=True)
class ClaimPoints:
    order: int
    item: Item
    claim: Claim
    points: Decimal


def score_bonus_items(
    items: list[Item], entries: Mapping[str, ItemEntry], same_matter: SameMatter
) -> list[ItemScore]:
    """Each bonus item's points after the same-matter rule and its own cap, in rubric order."""
    claims = [
        ClaimPoints(order, item, claim, tier.points)
        for order, item in enumerate(items)
        for claim in (entries[item.number].claims if item.number in entries else ())
        if (tier := item.tier(claim.tier)) is not None
    ]
    best: dict[tuple[str, int], ClaimPoints] = {}
    for claim in claims:
        matter = matter_key(claim, same_matter)
        kept = best.get(matter)
        if kept is None or (claim.points, -claim.order) > (kept.points, -kept.order):
            best[matter] = claim
    return [
        score_bonus_item(item, entries.get(item.number), claims, best, same_matter)
        for item in items
    ]


def matter_key(claim: ClaimPoints, same_matter: SameMatter) -> tuple[str, int]:
    """Claims with one key compete: the matter across the rubric, or within one item."""
    order = -1 if same_matter is SameMatter.HIGHEST else claim.order
    return claim.claim.matter.strip(), order


def score_bonus_item(
    item: Item,
    entry: ItemEntry | None,
    claims: list[ClaimPoints],
    best: dict[tuple[str, int], ClaimPoints],
    same_matter: SameMatter,
) -> ItemScore:
    if entry is None:
        return ItemScore(item.number, item.kind, ZERO, ("未申报加分",))
    if item.rule is RuleName.JUDGED:
        return score_points_item(item, entry)
    lines: list[str] = []
    earned = ZERO
    for claim in (c for c in claims if c.item is item):
        matter = claim.claim.matter.strip()
        winner = best[matter_key(claim, same_matter)]
        if winner is claim:
            earned += claim.points
            lines.append(f"事项「{matter}」{tier_words(claim.claim.tier)}，加 {claim.points}")
        elif same_matter is SameMatter.EACH:
            tier, won = tier_words(claim.claim.tier), tier_words(winner.claim.tier)
            lines.append(
                f"事项「{matter}」{tier} {claim.points} 不计：本项同一事项只计一次"
                f"（已按{won}计 {winner.points}）"
            )
        else:
            tier, won = tier_words(claim.claim.tier), tier_words(winner.claim.tier)
            lines.append(
                f"事项「{matter}」{tier} {claim.points} 不计：同一事项只计最高加分"
                f"（已在第 {winner.item.number} 项按{won}计 {winner.points}）"
            )
    cap = item.max_points
    if cap is not None and earned > cap:
        lines.append(f"本项加分 {earned} 超过上限 {cap}，计 {cap}")
        earned = cap
    return ItemScore(item.number, item.kind, earned, tuple(lines) or ("未申报加分",))
