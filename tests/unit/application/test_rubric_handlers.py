"""The rubric commands through the bus: a version is published once, then only retired."""

from __future__ import annotations

import pytest

from application.commands.rubrics import PublishRubric, RetireRubric
from application.errors import ConflictError
from application.service import Kaohe
from domain.rubric_version import RubricVersion
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import as_system

DEFINITION = read_definition(BUILTIN_DIR / "fengdu-village-station.v1.yaml")


def test_the_same_content_again_answers_the_published_version(app: Kaohe) -> None:
    first = as_system(app, PublishRubric(definition=DEFINITION))
    again = as_system(app, PublishRubric(definition=DEFINITION))
    assert isinstance(again.aggregate, RubricVersion)
    assert (again.id, again.version) == (first.id, 1)
    assert len(app.history(first.id)) == 1


def test_other_content_under_a_published_version_is_refused(app: Kaohe) -> None:
    first = as_system(app, PublishRubric(definition=DEFINITION))
    changed = {**DEFINITION, "title": "另一个标题"}
    with pytest.raises(ConflictError, match="already published with other content"):
        as_system(app, PublishRubric(definition=changed))
    assert app.rubrics.get_version(first.id).rubric().title == DEFINITION["title"]


def test_a_retired_version_says_so(app: Kaohe) -> None:
    first = as_system(app, PublishRubric(definition=DEFINITION))
    code, version = DEFINITION["code"], DEFINITION["version"]
    retired = as_system(app, RetireRubric(code=code, version=version, reason="新版发布"))
    assert isinstance(retired.aggregate, RubricVersion) and retired.aggregate.retired
    assert app.rubrics.get_version(first.id).retired
