"""The inspection team's rules on one sheet: who scores which section once sections are
assigned, and a rubric's `approval: not_sole_scorer`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import FieldError, RubricDefinitionError
from domain.inspection_team import check_assigned, check_not_sole_scorer, section_of
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash
from domain.rubric_workflow import Approval, workflow_of
from domain.workflow import Layer
from tests.unit.domain.builders import definition, item, rubric, section

NODES = [
    section("一", [item("1"), section("1.1", [item("2")])]),
    section("二", [item("3")]),
    item("4", "7"),
]
TABLE = rubric(NODES)
ITEMS = ("1", "2", "3", "4")
PEOPLE = ("甲", "乙", "丙")


def test_an_item_belongs_to_its_top_section_however_deep() -> None:
    assert [getattr(section_of(TABLE, n), "number", None) for n in ITEMS] == [
        "一",
        "一",
        "二",
        None,
    ]


@given(
    st.dictionaries(st.sampled_from(["一", "二"]), st.sampled_from(PEOPLE)),
    st.sampled_from(PEOPLE),
    st.sampled_from(ITEMS),
    st.sampled_from(list(Layer)),
)
def test_a_change_is_refused_exactly_outside_the_sections_assigned_to_its_author(
    given_to: dict[str, str], actor: str, number: str, layer: Layer
) -> None:
    assigned = {s: (who, f"{who}名") for s, who in given_to.items()}
    top = section_of(TABLE, number)
    holder = given_to.get(top.number) if top else None
    refused_expected = layer is Layer.REVIEW and bool(given_to) and holder != actor
    try:
        check_assigned(assigned, TABLE, layer, actor, [number])
        refused = False
    except FieldError as error:
        refused = True
        assert f"第 {number} 项" in error.message_zh
        if holder is not None:
            assert f"{holder}名" in error.message_zh
    assert refused == refused_expected


def test_approval_is_refused_only_to_whoever_scored_the_review_layer_alone() -> None:
    check_not_sole_scorer({}, "甲")
    check_not_sole_scorer({"1": "甲", "3": "乙"}, "甲")
    check_not_sole_scorer({"1": "乙"}, "甲")
    with pytest.raises(FieldError, match="alone"):
        check_not_sole_scorer({"1": "甲", "3": "甲"}, "甲")


def test_a_rubric_declares_the_approval_rule_and_older_ones_keep_their_hash() -> None:
    declared = {"review": "town", "approval": "not_sole_scorer"}
    assert workflow_of(rubric(NODES, workflow=declared)).approval is Approval.NOT_SOLE_SCORER
    plain = {"review": "town"}
    assert workflow_of(rubric(NODES, workflow=plain)).approval is Approval.ANY
    assert content_hash(rubric(NODES, workflow=plain)) == content_hash(
        rubric(NODES, workflow={**plain, "approval": "any"})
    )


def test_an_unknown_approval_rule_is_refused_naming_the_field_and_the_values() -> None:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(
            definition(NODES, workflow={"review": "town", "approval": "leader"}), "bad.yaml"
        )
    [problem] = [str(p) for p in refused.value.problems]
    assert "workflow › approval" in problem and "not_sole_scorer" in problem
