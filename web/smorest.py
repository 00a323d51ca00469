"""Typed access to flask-smorest (which ships no type hints): its blueprints as a Protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from flask_smorest import Blueprint as _Blueprint  # type: ignore[import-untyped]
from flask_smorest.fields import Upload as _Upload  # type: ignore[import-untyped]

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


def api_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> ApiBlueprint:
    return cast(
        ApiBlueprint,
        _Blueprint(name, import_name, url_prefix=url_prefix, description=description),
    )


Upload: Any = _Upload
"""A file in a multipart request (flask-smorest's marshmallow field)."""
