"""A wrong rubric definition is refused whole, naming the node and the problem."""

from typing import Any

import pytest

from domain.errors import RubricDefinitionError
from domain.rubric_definition import rubric_from_definition
from domain.rules import Kind, RuleName
from tests.unit.domain.builders import definition, item, section


def problems_of(nodes: list[dict[str, Any]], **top: Any) -> list[str]:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(definition(nodes, **top), "bad.yaml")
    assert str(refused.value).startswith(f"{len(refused.value.problems)} problem(s) in bad.yaml")
    return [str(p) for p in refused.value.problems]


def test_a_valid_definition_builds_the_tree_with_inherited_fields() -> None:
    nodes = [
        section(
            "一",
            [item("1.1", "4"), item("1.2", "6", lead="王帅", people=["刘甜"])],
            max="10",
            lead="边海军",
            office="办公室",
            deadline="2024年12月底",
            due="2024-12-31",
        )
    ]
    rubric = rubric_from_definition(definition(nodes), "ok.yaml")
    first, second = rubric.items()
    assert (first.assignment.lead, first.assignment.office) == ("边海军", "办公室")
    assert (second.assignment.lead, second.assignment.people) == ("王帅", ("刘甜",))
    assert str(second.assignment.due) == "2024-12-31"
    assert (first.kind, first.rule) == (Kind.STANDARD, RuleName.JUDGED)


def test_children_that_do_not_add_up_to_the_parent_are_refused() -> None:
    nodes = [section("一", [item("1", "4"), item("2", "5")], max="10"), item("3", "1")]
    assert problems_of(nodes) == [
        "section 一 第一部分: children add up to 9, but the section's max is 10"
    ]


def test_standard_items_must_add_up_to_the_base_maximum() -> None:
    assert problems_of([item("1", "4")]) == [
        "rubric: standard items add up to 4, but base_max is 10"
    ]


def test_a_tier_above_its_cap_is_refused() -> None:
    bonus = item("58", "3", kind="bonus", rule="tiers", tiers={"national": "4", "city": "2"})
    assert problems_of([item("1", "10"), bonus]) == [
        "node 58: tier 'national' (4) is above the item's max 3"
    ]


def test_duplicate_numbers_are_refused() -> None:
    nodes = [section("一", [item("1", "5")]), section("一", [item("1", "5")])]
    assert problems_of(nodes) == [
        "node 1: item number '1' is used 2 times; item numbers must be unique in the rubric",
        "nodes: section number '一' is used 2 times among siblings",
    ]


def test_an_unknown_rule_is_refused_with_the_allowed_ones() -> None:
    assert problems_of([item("1", "10", rule="guess")]) == [
        "node 1: unknown rule 'guess'; allowed: judged, bands, deductions, tiers, veto, progress"
    ]


def test_a_rule_that_does_not_fit_the_kind_is_refused() -> None:
    assert problems_of([item("1", "10", rule="veto", conditions=[{"id": "1", "text": "x"}])]) == [
        "node 1: rule 'veto' does not fit a standard item; allowed: bands, deductions, judged"
    ]


def test_a_max_that_is_not_a_number_is_refused() -> None:
    assert problems_of([item("1", "十")]) == [
        "node 1: 'max' must be a non-negative number such as 2 or 0.5, found '十'"
    ]


def test_unknown_keys_are_refused_rather_than_ignored() -> None:
    assert problems_of([item("1", "10", maxx="3")])[0].startswith("node 1: unknown key 'maxx'")


def test_bands_must_be_intervals_that_do_not_overlap() -> None:
    bands = [{"rate": "[0, 50]", "points": "0"}, {"rate": "[50, 100]", "points": "2"}]
    wrong = [{"rate": "50-65", "points": "1"}]
    assert problems_of([item("1", "2", rule="bands", bands=bands), item("2", "8")]) == [
        "node 1 › band 2: band [50, 100] overlaps band [0, 50]"
    ]
    assert problems_of([item("1", "2", rule="bands", bands=wrong), item("2", "8")]) == [
        'node 1 › band 1: rate must be an interval like "[50, 65]" or "(65, 90]", found \'50-65\''
    ]


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of([item("1", "x"), item("2", "3", rule="nope")], code="Bad Code")
    assert len(problems) == 3
    assert problems[-1].startswith("rubric: 'code' must be lower-case letters")


def test_a_max_off_the_step_grid_is_refused() -> None:
    assert problems_of([item("1", "9.8"), item("2", "0.2")]) == [
        "node 1: max 9.8 is not a whole number of steps of 0.5",
        "node 2: max 0.2 is not a whole number of steps of 0.5",
    ]


def test_summary_columns_must_name_real_sections_and_figures() -> None:
    summary = {
        "title": "统计表",
        "columns": [{"label": "x", "source": "section:九"}, {"label": "y", "source": "rank"}],
    }
    problems = problems_of([section("一", [item("1", "10")])], summary=summary)
    assert problems[0] == "summary › column 1: no top-level section numbered '九'"
    assert problems[1].startswith("summary › column 2: unknown source 'rank'; allowed: row")


def test_rule_inputs_must_be_present_and_belong_to_the_rule() -> None:
    assert problems_of([item("1", "2", rule="bands"), item("2", "8")]) == [
        "node 1: rule 'bands' needs 'bands'"
    ]
    tiers = {"national": "2"}
    assert problems_of([item("1", "10", tiers=tiers)]) == [
        "node 1: 'tiers' does not apply to rule 'judged'; only to 'tiers'"
    ]
    deductions = [{"id": "x", "text": "扣", "per": "1"}]
    bonus = item("58", "2", kind="bonus", rule="tiers", tiers=tiers, deductions=deductions)
    assert problems_of([item("1", "10"), bonus]) == [
        "node 58: 'deductions' does not apply to rule 'tiers'; only to 'judged' or 'deductions'"
    ]
