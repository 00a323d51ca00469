"""Typed access to flask-smorest (which ships no type hints): its blueprints as a Protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from flask_smorest import Blueprint as _Blueprint  # type: ignore[import-untyped]
from flask_smorest.fields import Upload as _Upload  # type: ignore[import-untyped]

from web.json_body import StrictJsonParser

T = TypeVar("T")


class ApiBlueprint(Protocol):
    """The decorators of a flask-smorest Blueprint used by the resources."""

    name: str

    def route(self, rule: str, **options: Any) -> Callable[[T], T]: ...

    def arguments(self, schema: Any, **kwargs: Any) -> Callable[[T], T]: ...

    def response(self, status_code: int, schema: Any = None, **kwargs: Any) -> Callable[[T], T]: ...

    def alt_response(
        self, status_code: int, schema: Any = None, **kwargs: Any
    ) -> Callable[[T], T]: ...

    def doc(self, **kwargs: Any) -> Callable[[T], T]: ...


class _StrictBlueprint(_Blueprint):  # type: ignore[misc]
    """A flask-smorest Blueprint whose JSON bodies are read strictly (see web.json_body)."""

    ARGUMENTS_PARSER = StrictJsonParser()


def api_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> ApiBlueprint:
    return cast(
        ApiBlueprint,
        _StrictBlueprint(name, import_name, url_prefix=url_prefix, description=description),
    )


Upload: Any = _Upload
"""A file in a multipart request (flask-smorest's marshmallow field)."""
