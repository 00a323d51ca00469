"""What every read model's processor is: a pure dispatch from events to changes of its view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from eventsourcing.utils import get_topic

H = TypeVar("H")
V_contra = TypeVar("V_contra", contravariant=True)
V = TypeVar("V")


class Processor(Protocol[V_contra]):
    """Turns one event, at its log position, into changes of its view; it reads and writes
    nothing but that view, so replaying the same events gives the same rows."""

    name: str
    """The read model's name: its tables, tracking and commands use it."""

    revision: int
    """Raised whenever processing changes: versions built by another revision are stale."""

    topics: frozenset[str] | None
    """Every topic it handles, when they are few enough to be worth reading alone (a rebuild
    of this projection then reads only those); None when it handles most events."""

    def handles(self, topic: str) -> bool:
        """Whether events of this topic matter (others are skipped without being decoded)."""
        ...

    def process(self, event: Any, position: int, view: V_contra) -> None: ...


class Dispatch(Generic[H]):
    """Handlers by event class. An event goes to the handler of the nearest class in its MRO:
    the library re-creates nested event classes in each aggregate subclass, so a stored
    `Assessment.ItemScored` is a subclass of `EntryChanged`, never that class itself."""

    def __init__(self, handlers: Mapping[type, H]) -> None:
        self._handlers = dict(handlers)
        self._resolved: dict[type, H | None] = {}

    def find(self, cls: type) -> H | None:
        try:
            return self._resolved[cls]
        except KeyError:
            found = next((self._handlers[c] for c in cls.__mro__ if c in self._handlers), None)
            self._resolved[cls] = found
            return found


class HandledProcessor(Generic[V]):
    """A processor of a few kinds of event, each with its handler (`handlers`): it reads
    only their topics, and hands each event to the handler of its nearest class."""

    handlers: ClassVar[Mapping[type, Callable[[Any, int, Any], None]]]

    def __init__(self) -> None:
        self._topics = frozenset(get_topic(cls) for cls in self.handlers)
        self.topics: frozenset[str] | None = self._topics
        self._dispatch: Dispatch[Callable[[Any, int, Any], None]] = Dispatch(self.handlers)

    def handles(self, topic: str) -> bool:
        return topic in self._topics

    def process(self, event: Any, position: int, view: V) -> None:
        handler = self._dispatch.find(type(event))
        if handler is not None:
            handler(event, position, view)
