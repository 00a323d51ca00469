"""Pooled factors weighted by inclusion probability, their interval, and sheets that are
outside the band whatever their ratio (docs/sampling.md §6 works the first example)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from projections.scores import replay, score_row
from projections.spot_checks.estimation import Draw, ratio_estimate
from projections.spot_checks.headline import factors_json, headline
from projections.spot_checks.pooling import verification_factors
from projections.spot_checks.settings import RiskSettings
from tests.unit.domain.builders import item, rubric
from tests.unit.projections.spot_checks.stories import ITEMS, RUBRIC, Story, town

SETTINGS = RiskSettings()
WITH_VETO = rubric(
    [
        *(item(n, "10") for n in ITEMS),
        item("11", None, kind="veto", conditions=[{"id": "4", "text": "弄虚作假"}]),
    ],
    base_max="100",
    pass_mark="90",
    step="0.5",
)


def checked(station: str, docked: dict[str, str], verified: dict[str, str]) -> Story:
    story = Story(station).opened().sheet(docked).submitted().approved()
    for number, points in verified.items():
        story.score(number, points, layer="verification", actor="county")
    return story


def test_the_worked_example_of_the_docs() -> None:
    # docs/sampling.md §6: X = 200 + 160 + 360 = 720, Y = 180 + 160 + 360 = 700, R = 35/36;
    # e = (−130/9, 40/9, 10), Σe² = 26600/81, V = 3/2 · 26600/81 ÷ 720² = 133/139968,
    # √V = 0.030826, t(2) = 4.303, half-width 0.132643
    found = ratio_estimate(
        [
            Draw(Decimal(100), Decimal(90), Fraction(1, 2)),
            Draw(Decimal(80), Decimal(80), Fraction(1, 2)),
            Draw(Decimal(90), Decimal(90), Fraction(1, 4)),
        ]
    )
    assert (found.reported, found.verified) == (720, 700)
    assert found.factor == Decimal("0.9722")  # unweighted it would be 260/270 = 0.9630
    assert found.standard_error == Decimal("0.0308")
    assert (found.low, found.high) == (Decimal("0.8396"), Decimal("1.1049"))


def test_one_sheet_has_a_factor_but_no_interval() -> None:
    found = ratio_estimate([Draw(Decimal(100), Decimal(90), Fraction(1, 3))])
    assert found.factor == Decimal("0.9") and found.low is None and found.high is None


points = st.integers(min_value=1, max_value=100).map(Decimal)
chances = st.fractions(min_value=Fraction(1, 50), max_value=1).filter(lambda f: f > 0)
draws = st.lists(st.tuples(points, points, chances), min_size=2, max_size=12)


@given(draws, st.fractions(min_value=Fraction(1, 10), max_value=1).filter(lambda f: f > 0))
def test_scaling_every_probability_alike_changes_nothing_but_the_totals(
    found: list[tuple[Decimal, Decimal, Fraction]], scale: Fraction
) -> None:
    one = ratio_estimate(Draw(r, v, p) for r, v, p in found)
    scaled = ratio_estimate(Draw(r, v, p * scale) for r, v, p in found)
    assert (one.factor, one.low, one.high) == (scaled.factor, scaled.low, scaled.high)
    assert one.low is not None and one.high is not None and one.factor is not None
    assert one.low <= one.factor <= one.high


@given(st.lists(st.tuples(points, points), min_size=1, max_size=12), chances)
def test_equal_probabilities_give_the_plain_ratio_of_sums(
    found: list[tuple[Decimal, Decimal]], chance: Fraction
) -> None:
    estimate = ratio_estimate(Draw(r, v, chance) for r, v in found)
    plain = sum(v for _, v in found) / sum(r for r, _ in found)
    assert estimate.factor == plain.quantize(Decimal("0.0001"))


def test_a_sheet_drawn_with_smaller_probability_weighs_more() -> None:
    low = checked("V1", {}, {"1": "0", "2": "0"})  # 80 / 100, drawn with π = 1/10
    high = checked("V2", {}, {"1": "10"})  # 100 / 100, drawn with π = 1
    rows = [low.row(), high.row()]
    chances = {low.assessment_id: Fraction(1, 10), high.assessment_id: Fraction(1)}
    found = verification_factors(rows, lambda _: RUBRIC, {}, SETTINGS, "c", chances)
    assert found.county.factor == Decimal("0.8182")  # (800 + 100) / (1000 + 100)
    assert found.county.band == "over_reporting"


@given(st.integers(min_value=0, max_value=10))
def test_a_falsified_sheet_is_outside_the_band_whatever_its_ratio(docked: int) -> None:
    story = checked("V1", {}, {"1": str(10 - docked)})
    falsified = {story.assessment_id: "falsification"}
    found = verification_factors([story.row()], lambda _: RUBRIC, {}, SETTINGS, findings=falsified)
    [a] = found.assessments
    assert a.band == "falsified" and a.outside and a.over_reporting
    assert found.county.outside == 1 and found.worst == a


def test_a_sheet_vetoed_on_verification_is_outside_and_named_in_the_headline() -> None:
    vetoed = checked("V1", {}, {"2": "9"})  # 99 / 100: within the band by its ratio
    raised = {"raised": ["4"]}
    vetoed._add("VetoRaised", "county", None, layer="verification", item="11", entry=raised)
    fine = checked("V2", {}, {"1": "5"})  # 95 / 100: within, farther from 1
    rows = [score_row(replay(s.head(), s.changes), WITH_VETO) for s in (vetoed, fine)]
    towns = {vetoed.unit_id: town("A"), fine.unit_id: town("A")}
    found = verification_factors(rows, lambda _: WITH_VETO, towns, SETTINGS)
    by_unit = {a.unit_id: a for a in found.assessments}
    assert by_unit[vetoed.unit_id].ratio_band == "within"
    assert by_unit[vetoed.unit_id].band == "vetoed"
    assert found.county.outside == 1 and found.worst == by_unit[vetoed.unit_id]
    assert found.county.over_reporting == 1
    names = {vetoed.unit_id: "甲村服务站", fine.unit_id: "乙村服务站", town("A"): "甲镇"}
    assert headline(found, names) == (
        "已复核 2 份中 1 份超出 0.9–1.1 区间；"
        "最差：甲村服务站，核实系数 0.9900，一票否决（复核后否决）"
    )
    data = factors_json(found, names)
    assert data["worst"]["station"] == "甲村服务站" and data["worst"]["outside_band"] is True
    assert data["towns"][0]["name"] == "甲镇"


def test_without_any_sheet_outside_the_headline_names_the_farthest() -> None:
    near, far = checked("V1", {}, {"1": "9"}), checked("V2", {}, {"1": "5"})
    found = verification_factors([near.row(), far.row()], lambda _: RUBRIC, {}, SETTINGS)
    names = {near.unit_id: "近村", far.unit_id: "远村"}
    assert headline(found, names) == (
        "已复核 2 份中 0 份超出 0.9–1.1 区间；偏离最大：远村，核实系数 0.9500，在区间内"
    )


def test_a_sheet_not_yet_rescored_is_pending_not_counted_as_agreeing() -> None:
    done = checked("V1", {}, {"1": "5"})
    waiting = checked("V2", {}, {})  # sampled, nothing entered and no finding yet
    confirmed = checked("V3", {}, {})  # no score changed, but a finding recorded
    rows = [done.row(), waiting.row(), confirmed.row()]
    findings = {confirmed.assessment_id: "none"}
    found = verification_factors(rows, lambda _: RUBRIC, {}, SETTINGS, findings=findings)
    assert {a.unit_id for a in found.assessments} == {done.unit_id, confirmed.unit_id}
    assert found.pending == (waiting.assessment_id,)
    names = {done.unit_id: "甲村", confirmed.unit_id: "丙村"}
    assert headline(found, names).startswith(
        "已复核 2 份中 0 份超出 0.9–1.1 区间（另有 1 份尚未复核）"
    )
