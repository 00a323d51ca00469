"""A rubric says who acts on each layer of its sheets; a wrong declaration is refused by field."""

from typing import Any

import pytest

from domain.errors import RubricDefinitionError
from domain.rubric import UnitLevel
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash
from domain.rubric_workflow import workflow_of
from domain.workflow import Layer
from infra.rubric_files import builtin_rubrics
from tests.unit.domain.builders import definition, item, rubric

NODES = [item("1", "10")]


def problems(**top: Any) -> list[str]:
    with pytest.raises(RubricDefinitionError) as refused:
        rubric_from_definition(definition(NODES, **top), "bad.yaml")
    return [str(p) for p in refused.value.problems]


def test_a_county_sheet_inspected_by_the_city_gives_the_city_review_and_opening() -> None:
    declared = {"review": "city", "verification": "none", "opens": "review"}
    flow = workflow_of(rubric(NODES, scored_level="county", workflow=declared))
    assert flow.level(Layer.SELF, UnitLevel.COUNTY) is UnitLevel.COUNTY
    assert flow.level(Layer.REVIEW, UnitLevel.COUNTY) is UnitLevel.CITY
    assert flow.level(Layer.VERIFICATION, UnitLevel.COUNTY) is None
    assert flow.opens is Layer.REVIEW
    assert flow.layers_at(UnitLevel.TOWN, UnitLevel.COUNTY) == ()


def test_without_a_declaration_a_village_sheet_runs_as_it_always_has() -> None:
    flow = workflow_of(rubric(NODES))
    levels = [flow.level(layer, UnitLevel.VILLAGE) for layer in Layer]
    assert levels == [UnitLevel.VILLAGE, UnitLevel.TOWN, UnitLevel.COUNTY]
    assert flow.opens is Layer.SELF


def test_a_rubric_without_a_declaration_keeps_its_content_hash() -> None:
    plain = rubric(NODES)
    declared = rubric(NODES, workflow={"review": "town", "verification": "county"})
    assert workflow_of(plain) == workflow_of(declared)
    assert content_hash(plain) != content_hash(declared)


def test_a_review_level_below_the_scored_unit_is_refused_naming_the_field() -> None:
    found = problems(scored_level="county", workflow={"review": "town"})
    assert len(found) == 1
    assert "workflow › review" in found[0] and "county, city" in found[0]


def test_a_declaration_needs_a_review_level() -> None:
    assert any("workflow › review" in p and "required" in p for p in problems(workflow={}))


def test_verification_below_review_and_unknown_keys_are_refused() -> None:
    found = problems(workflow={"review": "county", "verification": "town", "by": "x"})
    assert any("workflow › verification" in p for p in found)
    assert any("unknown key 'by'" in p for p in found)


def test_only_a_layer_someone_acts_on_may_open_the_sheets() -> None:
    found = problems(workflow={"review": "town", "opens": "verification"})
    assert any("workflow › opens" in p for p in found)


def test_self_is_always_the_scored_units_own_staff() -> None:
    assert any(
        "workflow › self" in p for p in problems(workflow={"self": "town", "review": "town"})
    )


def test_every_shipped_rubrics_newest_version_has_the_actors_its_document_names() -> None:
    newest = {r.code: workflow_of(r) for r in builtin_rubrics()}
    expected = {
        "fengdu-village-station": ("town", "county", Layer.SELF),
        "changzhi-county-centre": ("city", None, Layer.REVIEW),
        "wushen-banner-tasks": ("city", None, Layer.REVIEW),
        "zaozhuang-city-centre": ("city", None, Layer.REVIEW),
    }
    for code, (review, verification, opens) in expected.items():
        flow = newest[code]
        assert (flow.review_by, flow.verification_by, flow.opens) == (review, verification, opens)


def test_a_first_version_published_without_a_workflow_keeps_the_default() -> None:
    first = {r.code: r for r in builtin_rubrics() if r.version == 1}
    assert all(r.workflow is None for r in first.values())
    changzhi = workflow_of(first["changzhi-county-centre"])
    assert (changzhi.review_by, changzhi.opens) == ("city", Layer.SELF)
