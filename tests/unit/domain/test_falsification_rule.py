"""A rubric declares what a falsification (弄虚作假) finding triggers, or is refused."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import RubricDefinitionError
from domain.rubric import Rubric
from domain.rubric_json import rubric_to_dict
from domain.rules import Falsification
from infra.rubric_files import find_builtin_rubric
from tests.unit.domain.builders import item, rubric, section

LINES = [
    {"id": "petition", "text": "发生越级上访的，1人次扣1分", "per": "1", "cap": "5"},
    {"id": "falsification", "text": "在考评工作中弄虚作假的，视情扣1-5分", "range": ["1", "5"]},
]


CONDITIONS = [
    {"id": "1", "text": "发生重大群体性事件的"},
    {"id": "4", "text": "其他规定取消考核资格的"},
]


def declaring(**top: Any) -> Rubric:
    deductions = item("65", None, kind="deduction", rule="deductions", deductions=LINES)
    veto = item("61", None, kind="veto", rule="veto", conditions=CONDITIONS)
    nodes = [section("一", [item("1", "10")]), veto, deductions]
    return rubric(nodes, **{"format": "2", **top})


def test_the_declared_line_is_the_rubrics_falsification_consequence() -> None:
    declared = declaring(falsification={"item": "65", "line": "falsification"})
    assert declared.falsification == Falsification("65", "falsification")
    assert rubric_to_dict(declared)["falsification"] == {"item": "65", "line": "falsification"}
    assert declaring().falsification is None


def test_a_veto_condition_is_declared_with_the_name_it_is_raised_under() -> None:
    declared = declaring(falsification={"item": "61", "condition": "4", "name": "弄虚作假"})
    assert declared.falsification == Falsification("61", condition="4", name="弄虚作假")
    assert rubric_to_dict(declared)["falsification"] == {
        "item": "61",
        "condition": "4",
        "name": "弄虚作假",
    }


def test_fengdu_v2_declares_disqualification_under_the_name_of_falsification() -> None:
    fengdu = find_builtin_rubric("fengdu-village-station", 2)
    assert fengdu is not None
    assert fengdu.falsification == Falsification("61", condition="4", name="弄虚作假")


def test_changzhi_declares_item_65s_falsification_line() -> None:
    changzhi = find_builtin_rubric("changzhi-county-centre")
    assert changzhi is not None
    assert changzhi.falsification == Falsification("65", "falsification")


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ({"item": "66", "line": "falsification"}, "no item numbered '66'"),
        (
            {"item": "65", "line": "lying"},
            "item 65 has no deduction line 'lying'; its lines: petition, falsification",
        ),
        ({"item": "65"}, "name either 'line'"),
        ({"item": "61", "condition": "4", "line": "falsification", "name": "弄虚作假"}, "not both"),
        ({"item": "61", "condition": "4"}, "a veto 'condition' needs the 'name'"),
        ({"item": "65", "line": "falsification", "name": "弄虚作假"}, "'name' goes with a veto"),
        (
            {"item": "61", "condition": "5", "name": "弄虚作假"},
            "item 61 has no veto condition '5'; its conditions: 1, 4",
        ),
        ({"item": "66", "condition": "4", "name": "弄虚作假"}, "no item numbered '66'"),
        ({"item": "65", "line": "falsification", "veto": "1"}, "unknown key 'veto'"),
        ("65", "expected a mapping"),
    ],
)
def test_a_malformed_declaration_is_refused_with_its_reason(declared: object, message: str) -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        declaring(falsification=declared)
    assert [p.where for p in refused.value.problems] == ["falsification"]
    assert message in refused.value.problems[0].message


def test_format_1_cannot_declare_it() -> None:
    with pytest.raises(RubricDefinitionError, match="'falsification' needs format 2"):
        declaring(format="1", falsification={"item": "65", "line": "falsification"})
