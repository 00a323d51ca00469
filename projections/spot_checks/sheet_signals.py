"""Risk signals read from the sheets themselves: near-identical sheets across stations,
all-maximum sheets, totals bunched at the pass mark, and gaps between layers that grow."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import combinations, pairwise
from math import comb
from uuid import UUID

from domain.rubric import Rubric
from domain.rules import Kind
from domain.workflow import QUARTER, Layer
from projections.numbers import fraction_text, points_text
from projections.scores import ScoreRow
from projections.spot_checks.evidence import (
    EventRef,
    Signal,
    figure,
    has_layer,
    last_of,
    layer_summary,
    ref,
)
from projections.spot_checks.scope import Scope
from projections.spot_checks.settings import RiskSettings
from projections.tables.periods import period_label
from projections.tables.wording import LAYER_WORDS

REPORTED = ("Submitted", "Approved")


def standard_points(row: ScoreRow, rubric: Rubric) -> dict[str, Decimal]:
    """The reported points (self and review layers) of the standard items scored."""
    summary = layer_summary(row, rubric, Layer.REVIEW)
    return {
        i.number: p
        for i in rubric.items()
        if i.kind is Kind.STANDARD and (p := summary.points.get(i.number)) is not None
    }


def reported_refs(scope: Scope, rows: Sequence[ScoreRow]) -> tuple[EventRef, ...]:
    """The last submission and approval of each sheet: where what it reported was fixed."""
    return tuple(ref(c) for r in rows for c in last_of(scope.history(r.assessment_id), REPORTED))


def near_identical(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """Two stations' sheets that agree on at least 85 % (by default) of the items where
    they are not both at full marks (full marks everywhere is its own signal), over at
    least `identical_min_items` such items."""
    sheets: dict[UUID, list[tuple[ScoreRow, dict[str, Decimal], Rubric]]] = {}
    for row in scope.rows:
        rubric = scope.rubric_of(row.head.rubric_id)
        sheets.setdefault(row.head.rubric_id, []).append(
            (row, standard_points(row, rubric), rubric)
        )
    for group in sheets.values():
        for (a, pa, rubric), (b, pb, _) in combinations(group, 2):
            if a.head.unit_id == b.head.unit_id:
                continue
            tops = {i.number: i.max_points for i in rubric.items()}
            shared = [n for n in pa if n in pb and not (pa[n] == pb[n] == tops[n])]
            if len(shared) < settings.identical_min_items:
                continue
            same = sum(1 for n in shared if pa[n] == pb[n])
            share = Decimal(same) / len(shared)
            if share < settings.identical_share:
                continue
            yield Signal(
                "near_identical",
                "assessment",
                str(a.assessment_id),
                f"{scope.station(a)}与{scope.station(b)}的评分表，在双方并非都是满分的 "
                f"{len(shared)} 项中有 {same} 项得分相同（{fraction_text(share)}，"
                f"阈值 {fraction_text(settings.identical_share)}）",
                reported_refs(scope, [a, b]),
                {"same": str(same), "compared": str(len(shared)), "share": figure(share)},
                (a.assessment_id, b.assessment_id),
            )


def all_maximum(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """A sheet whose every standard item is reported at its maximum."""
    for row in scope.rows:
        rubric = scope.rubric_of(row.head.rubric_id)
        reported = standard_points(row, rubric)
        standard = [i for i in rubric.items() if i.kind is Kind.STANDARD and i.max_points]
        if standard and all(reported.get(i.number) == i.max_points for i in standard):
            yield Signal(
                "all_maximum",
                "assessment",
                str(row.assessment_id),
                f"{scope.station(row)}的评分表全部 {len(standard)} 个标准项均报满分",
                reported_refs(scope, [row]),
                {"items": str(len(standard))},
                (row.assessment_id,),
            )


def upper_tail(above: int, n: int) -> Decimal:
    """P(X ≥ above) for X ~ Binomial(n, ½): exact."""
    return Decimal(sum(comb(n, k) for k in range(above, n + 1))) / Decimal(2**n)


def bunching_at_pass_mark(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """A density test per town: of the reported totals within `bunching_width` points of
    the pass mark, as many should fall just below as at or just above it; too many above
    (exact binomial tail ≤ alpha) means totals bunch at the pass mark."""
    towns: dict[UUID, list[tuple[ScoreRow, Decimal, Decimal]]] = {}
    for row in scope.rows:
        rubric = scope.rubric_of(row.head.rubric_id)
        town = scope.town(row)
        if (
            town is None
            or rubric.pass_mark is None
            or layer_summary(row, rubric, Layer.REVIEW).unscored
        ):
            continue
        total = layer_summary(row, rubric, Layer.REVIEW).total
        towns.setdefault(town, []).append((row, total, rubric.pass_mark))
    width = settings.bunching_width
    for town, found in sorted(towns.items(), key=lambda t: str(t[0])):
        below = [r for r, t, mark in found if mark - width <= t < mark]
        above = [r for r, t, mark in found if mark <= t < mark + width]
        n = len(below) + len(above)
        if n < settings.bunching_min_sheets:
            continue
        p = upper_tail(len(above), n)
        if p > settings.bunching_alpha:
            continue
        yield Signal(
            "bunching_at_pass_mark",
            "town",
            str(town),
            f"{scope.name(town)}达标线上下 {width} 分内的 {n} 份总分中，{len(above)} 份恰在达标线"
            f"或略高，只有 {len(below)} 份略低；若总分分布平坦，出现这种情况的概率为 "
            f"{p:.4f}，低于 {settings.bunching_alpha}",
            reported_refs(scope, above),
            {"above": str(len(above)), "below": str(len(below)), "p": figure(p, 6)},
            tuple(r.assessment_id for r in above),
        )


def earlier_periods(period: str, count: int) -> list[str]:
    """The `count` periods ending with `period`, oldest first (quarters or years)."""
    quarter = QUARTER.match(period)
    if quarter:
        index = int(quarter.group(1)) * 4 + int(quarter.group(2)) - 1
        return [f"{i // 4}Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]
    return [str(int(period) - k) for k in range(count - 1, -1, -1)]


GAPS = {
    "self_review": (Layer.SELF, Layer.REVIEW),
    "review_verification": (Layer.REVIEW, Layer.VERIFICATION),
}


def mean_gap(rows: Sequence[ScoreRow], scope: Scope, lower: Layer, upper: Layer) -> Decimal | None:
    """Mean of (lower-layer total − upper-layer total) over the sheets that have the upper
    layer (a positive gap: the lower level claimed more than the level above found)."""
    gaps = []
    for row in rows:
        if not has_layer(row, upper):
            continue
        rubric = scope.rubric_of(row.head.rubric_id)
        low, high = layer_summary(row, rubric, lower), layer_summary(row, rubric, upper)
        gaps.append(low.total - high.total)
    return None if not gaps else sum(gaps, Decimal(0)) / len(gaps)


def growing_gap(scope: Scope, settings: RiskSettings) -> Iterator[Signal]:
    """Per town, the gap between self and review scores (and between review and
    verification) rising period after period over the last `gap_periods` periods, by at
    least `gap_min_growth` points in all."""
    periods = earlier_periods(scope.period, settings.gap_periods)
    towns: dict[UUID, dict[str, list[ScoreRow]]] = {}
    for row in (*scope.earlier, *scope.rows):
        town = scope.town(row)
        if town is not None and row.head.period in periods:
            towns.setdefault(town, {}).setdefault(row.head.period, []).append(row)
    for town, by_period in sorted(towns.items(), key=lambda t: str(t[0])):
        for name, (lower, upper) in GAPS.items():
            series = _series(by_period, periods, scope, lower, upper)
            if series is None or series[-1] - series[0] < settings.gap_min_growth:
                continue
            latest = by_period.get(periods[-1], [])
            shown = "、".join(
                f"{period_label(p)} {points_text(round(g, 2))} 分"
                for p, g in zip(periods, series, strict=True)
            )
            pair = f"{LAYER_WORDS[lower.value]}与{LAYER_WORDS[upper.value]}"
            yield Signal(
                "growing_gap",
                "town",
                str(town),
                f"{scope.name(town)}各站{pair}的平均分差逐期扩大：{shown}",
                reported_refs(scope, latest),
                {
                    "gap": name,
                    **{p: figure(g) for p, g in zip(periods, series, strict=True)},
                },
                tuple(r.assessment_id for r in latest),
            )


def _series(
    by_period: Mapping[str, Sequence[ScoreRow]],
    periods: Sequence[str],
    scope: Scope,
    lower: Layer,
    upper: Layer,
) -> list[Decimal] | None:
    """The gap per period when every period has one and each is above the one before."""
    series = [mean_gap(by_period.get(p, []), scope, lower, upper) for p in periods]
    found = [g for g in series if g is not None]
    if len(found) < len(periods) or len(found) < 2:
        return None
    if any(b <= a for a, b in pairwise(found)):
        return None
    return found
