"""The problems of a rubric definition reach the administrator's page in Chinese: each check
the definition goes through has its Chinese words (the English stays in the API)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from domain.errors import Problem, RubricDefinitionError
from domain.rubric_definition import rubric_from_definition
from infra.rubric_files import parse_definition
from tests.unit.domain.builders import definition, item, section
from web.rubric_words import problems_zh, rubric_problem_zh

TIERS = {"national": "4", "city": "2"}
RANGE = {"id": "a", "text": "扣", "range": [5, 1]}
BROKEN: list[tuple[list[dict[str, Any]], dict[str, Any]]] = [
    ([section("一", [item("1", "4"), item("2", "5")], max="10"), item("3", "1")], {}),
    ([item("1", "4")], {}),
    ([item("1", "10"), item("58", "3", kind="bonus", rule="tiers", tiers=TIERS)], {}),
    ([section("一", [item("1", "5")]), section("一", [item("1", "5")])], {}),
    ([item("1", "10", rule="guess")], {}),
    ([item("1", "10", rule="veto", conditions=[{"id": "1", "text": "x"}])], {}),
    ([item("1", "十")], {}),
    ([item("1", "10", maxx="3")], {}),
    ([item("1", "2", rule="bands", bands=[{"rate": "50-65", "points": "1"}]), item("2", "8")], {}),
    (
        [
            item(
                "1",
                "2",
                rule="bands",
                bands=[{"rate": "[0, 50]", "points": "0"}, {"rate": "[50, 100]", "points": "3"}],
            ),
            item("2", "8"),
        ],
        {},
    ),
    ([item("1", "x"), item("2", "3", rule="nope")], {"code": "Bad Code"}),
    ([item("1", "9.8"), item("2", "0.2")], {}),
    (
        [section("一", [item("1", "10")])],
        {"summary": {"title": "表", "columns": [{"label": "x", "source": "section:九"}]}},
    ),
    ([item("1", "2", rule="bands"), item("2", "8"), item("3", "0", tiers={"a": "1"})], {}),
    ([], {"pass_mark": "200"}),
    ([item("1", "10"), item("61", "1", kind="veto", rule="veto")], {}),
    ([item("1", "10", rule="deductions", deductions=[{"id": "a", "text": "扣"}])], {}),
    (
        [
            item(
                "1",
                "10",
                rule="deductions",
                deductions=[{"id": "a", "text": "扣", "range": [5, 1]}],
            )
        ],
        {},
    ),
]


def problems(nodes: list[dict[str, Any]], top: dict[str, Any]) -> list[str]:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(definition(nodes, **top), "bad.yaml")
    return [p.message for p in refused.value.problems]


@pytest.mark.parametrize(("nodes", "top"), BROKEN)
def test_every_problem_of_a_broken_definition_is_said_in_chinese(
    nodes: list[dict[str, Any]], top: dict[str, Any]
) -> None:
    for message in problems(nodes, top):
        chinese = rubric_problem_zh(message)
        assert not chinese.startswith("评分表定义有误"), message
        # Keys and values of the file stay as written; no English sentence is left.
        assert not re.search(r"\b(is|are|must|needs?|found|allowed|the)\b", chinese), chinese


def test_a_problem_names_the_values_it_is_about() -> None:
    message = "tier 'national' (4) is above the item's max 3"
    assert rubric_problem_zh(message) == "等级“national”（4 分）超过本项分值 3"
    assert rubric_problem_zh(
        "'max' must be a non-negative number such as 2 or 0.5, found '十'"
    ) == ("“max”应为不小于 0 的数，如 2 或 0.5，实为“十”")
    assert rubric_problem_zh("expected a list, found nothing") == "应为列表，实为空"
    assert rubric_problem_zh("a bonus item needs 'max'") == "加分类项目须填写分值“max”"


def test_a_problem_without_its_words_is_marked_rather_than_lost() -> None:
    assert rubric_problem_zh("a new check") == "评分表定义有误：a new check"


def test_the_place_of_a_problem_is_said_in_the_words_of_the_page() -> None:
    found = problems_zh([Problem("node 1 › band 2", "band [50, 100] overlaps band [0, 50]")])
    assert found == (Problem("节点 1 › 第 2 档", "区间 [50, 100] 与区间 [0, 50] 重叠"),)
    assert problems_zh([Problem("rubric", "x")])[0].where == "评分表顶层"


def test_a_file_that_is_not_yaml_is_placed_by_line_and_column_in_chinese() -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        parse_definition("code: [unclosed", "bad.yaml")
    (found,) = problems_zh(refused.value.problems)
    assert found.where == "第 1 行第 16 列"
    assert found.message.startswith("不是有效的 YAML：") and "expected" not in found.message


def test_a_choice_of_values_is_joined_with_chinese_words() -> None:
    assert (
        rubric_problem_zh("'format' must be 1 or 2, found nothing") == "“format”应为 1 或 2，实为空"
    )
