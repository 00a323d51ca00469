"""The rubric handlers: publish once, retire."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands import rubrics as c
from application.context import Context
from application.errors import ConflictError
from domain.ids import rubric_version_id
from domain.rubric_definition import rubric_from_definition
from domain.rubric_json import content_hash
from domain.rubric_version import RubricVersion


def publish_rubric(cmd: c.PublishRubric, ctx: Context) -> list[RubricVersion]:
    """The same content again answers the published version (nothing new is stored); other
    content under a published code and version is refused."""
    rubric = rubric_from_definition(cmd.definition, "the published definition")
    digest = content_hash(rubric)
    existing = ctx.uow.find(RubricVersion, rubric_version_id(rubric.code, rubric.version))
    if existing is None:
        return [RubricVersion.publish(ctx.stamp, cmd.definition)]
    if existing.content_hash == digest:
        return [existing]
    raise ConflictError(
        f"{rubric.code} v{rubric.version} is already published with other content "
        f"(hash {existing.content_hash[:12]}…); publish the change as a new version"
    )


def retire_rubric(cmd: c.RetireRubric, published: RubricVersion, ctx: Context) -> None:
    published.retire(ctx.stamp, cmd.reason)


RUBRIC_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.PublishRubric: publish_rubric,
    c.RetireRubric: retire_rubric,
}
