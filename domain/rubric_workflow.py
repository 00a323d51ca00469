"""Who acts on a rubric's sheets, relative to the scored unit: data of the rubric."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from domain.definition_values import DefinitionReader, describe
from domain.levels import UnitLevel
from domain.workflow import Layer

UNIT = "unit"
"""The scored unit itself: its own staff, or the task owners a rubric names inside it."""

RISING = (UnitLevel.VILLAGE, UnitLevel.TOWN, UnitLevel.COUNTY, UnitLevel.CITY)
"""The levels from the lowest up."""

WORKFLOW_KEYS = ("self", "review", "verification", "opens", "approval")


class Approval(StrEnum):
    """Who may approve a sheet in the review layer."""

    ANY = "any"
    """Any reviewer who did not submit it (the default)."""
    NOT_SOLE_SCORER = "not_sole_scorer"
    """Nobody who scored its review layer alone (an inspection group's leader approves what
    the group's members scored)."""


@dataclass(frozen=True)
class Workflow:
    """Per layer, who acts on it: the scored unit itself (`unit`) or the unit at a named
    level in its line (itself or above it); None: nobody, so the layer is not used. `opens`
    is the layer whose actors open a period's sheets. Invariant (checked when read): no
    layer is acted on from below the layer under it."""

    self_by: str = UNIT
    review_by: str | None = None
    verification_by: str | None = None
    opens: Layer = Layer.SELF
    approval: Approval = Approval.ANY

    def by(self, layer: Layer) -> str | None:
        return {
            Layer.SELF: self.self_by,
            Layer.REVIEW: self.review_by,
            Layer.VERIFICATION: self.verification_by,
        }[layer]

    def level(self, layer: Layer, scored: UnitLevel) -> UnitLevel | None:
        """The level of the unit acting on `layer` of a sheet scoring a `scored` unit."""
        who = self.by(layer)
        if who is None:
            return None
        return scored if who == UNIT else UnitLevel(who)

    def layers_at(self, level: UnitLevel, scored: UnitLevel) -> tuple[Layer, ...]:
        """The layers a unit at `level` acts on, on sheets scoring `scored` units."""
        return tuple(la for la in Layer if self.level(la, scored) is level)

    def as_dict(self) -> dict[str, str | None]:
        """The declaration; `approval` only where not the default, so rubrics published
        before it keep their content hash."""
        shown: dict[str, str | None] = {
            "self": self.self_by,
            "review": self.review_by,
            "verification": self.verification_by,
            "opens": self.opens.value,
        }
        if self.approval is not Approval.ANY:
            shown["approval"] = self.approval.value
        return shown


def above(level: UnitLevel, steps: int = 1) -> UnitLevel:
    """The level `steps` above (the top level stays itself)."""
    return RISING[min(RISING.index(level) + steps, len(RISING) - 1)]


def default_workflow(scored: UnitLevel) -> Workflow:
    """For a rubric that declares none (published before workflows were data): the unit fills
    its own sheet and opens it, the level above reviews, the one above that verifies."""
    review = above(scored)
    verification = above(scored, 2)
    return Workflow(UNIT, review.value, None if verification is review else verification.value)


class Declaring(Protocol):
    """What a workflow is read from: a rubric's declaration (if any) and its scored level."""

    @property
    def workflow(self) -> Workflow | None: ...

    @property
    def scored_level(self) -> UnitLevel: ...


def workflow_of(rubric: Declaring) -> Workflow:
    """The rubric's declared workflow, or the default for its scored level."""
    declared = rubric.workflow
    return declared if isinstance(declared, Workflow) else default_workflow(rubric.scored_level)


def read_workflow(
    reader: DefinitionReader, top: Mapping[str, Any], scored: UnitLevel
) -> Workflow | None:
    """The declared workflow (None: none declared); every problem names its field."""
    raw = top.get("workflow")
    if raw is None:
        return None
    data = reader.mapping("workflow", raw) or {}
    reader.known_keys("workflow", data, WORKFLOW_KEYS)
    if data.get("self", UNIT) != UNIT:
        reader.fail(
            "workflow › self",
            f"must be '{UNIT}' (the scored unit's own staff), found {describe(data.get('self'))}",
        )
    review = read_reach(reader, data, "review", scored, required=True)
    verification = read_reach(reader, data, "verification", scored)
    floor = RISING.index(scored) if review is None else RISING.index(UnitLevel(review))
    if verification is not None and RISING.index(UnitLevel(verification)) < floor:
        reader.fail(
            "workflow › verification",
            f"'{verification}' is below the review level '{review}'; "
            "verification is done at the review level or above",
        )
    opens = read_opens(reader, data, verification is not None)
    return Workflow(UNIT, review, verification, opens, read_approval(reader, data))


def read_approval(reader: DefinitionReader, data: Mapping[str, Any]) -> Approval:
    raw = data.get("approval", Approval.ANY.value)
    allowed = [a.value for a in Approval]
    if raw not in allowed:
        reader.fail(
            "workflow › approval",
            f"must be one of {', '.join(allowed)} (not_sole_scorer: nobody approves a sheet "
            f"whose review layer they scored alone), found {describe(raw)}",
        )
        return Approval.ANY
    return Approval(raw)


def read_reach(
    reader: DefinitionReader,
    data: Mapping[str, Any],
    key: str,
    scored: UnitLevel,
    required: bool = False,
) -> str | None:
    """A named level at or above the scored level (`none` or absent: nobody, if allowed)."""
    where = f"workflow › {key}"
    raw = data.get(key)
    if raw is None or raw == "none":
        if required:
            reader.fail(where, f"is required: name the level that does the {key}")
        return None
    allowed = [lv.value for lv in RISING[RISING.index(scored) :]]
    if raw not in allowed:
        reader.fail(
            where,
            f"must be one of {', '.join(allowed)} (the scored {scored.value} "
            f"unit's level or one above it), found {describe(raw)}",
        )
        return None
    return str(raw)


def read_opens(reader: DefinitionReader, data: Mapping[str, Any], verifies: bool) -> Layer:
    raw = data.get("opens", Layer.SELF.value)
    allowed = [Layer.SELF.value, Layer.REVIEW.value] + (
        [Layer.VERIFICATION.value] if verifies else []
    )
    if raw not in allowed:
        reader.fail(
            "workflow › opens",
            f"must be one of {', '.join(allowed)} (a layer the "
            f"workflow gives to someone), found {describe(raw)}",
        )
        return Layer.SELF
    return Layer(raw)
