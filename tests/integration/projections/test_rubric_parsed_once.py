"""A published rubric version is parsed from the scores view once per process, however many
readings ask for it (tables read every rubric on each request)."""

from __future__ import annotations

from typing import Any

import pytest

from application.commands.rubrics import PublishRubric
from application.service import Kaohe
from infra.projections import scores_read_sql
from infra.projections.registry import Projections
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import admin
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC


def test_each_published_rubric_is_parsed_once_across_readings(
    app: Kaohe, projections: Projections, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(app, admin(), PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    projections.catch_up()
    parsed: list[str] = []
    parse = scores_read_sql.parse_rubric

    def counted(definition: Any, code: str, version: int) -> Any:
        parsed.append(f"{code} v{version}")
        return parse(definition, code, version)

    monkeypatch.setattr(scores_read_sql, "parse_rubric", counted)

    first = [r.code for r in projections.scores().rubrics()]
    again = [r.code for r in projections.scores().rubrics()]

    assert first == again == [RUBRIC]
    assert parsed == [f"{RUBRIC} v1"]
