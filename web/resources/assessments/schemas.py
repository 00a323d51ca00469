"""Schemas of the assessments resource."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import marshmallow as ma
from flask import request
from marshmallow import validate

from application.commands.assessments import (
    ApplyDeduction,
    AssignSections,
    ClaimBonus,
    EnterProgress,
    ExtendWindow,
    LiftVeto,
    OpenAssessment,
    RaiseVeto,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    WithdrawBonus,
)
from domain.deadlines import Timeliness
from domain.entries import Claim, ItemEntry
from domain.workflow import Status
from web.resources.common import CODE, TEXT, AsOfSchema, period_field
from web.resources.decimal_field import StrictDecimal
from web.smorest import Upload

LIMIT = Decimal(1_000_000)
MAX_ENTRIES = 1000
"""More entries than any rubric has items (the largest has 70); the rubric then refuses
entries beyond its own item count."""


def bounded(value: Decimal) -> None:
    """Points, rates and values stay within ±1,000,000 (the rubric then checks its own range)."""
    if not -LIMIT <= value <= LIMIT:
        raise ma.ValidationError(f"Must be between -{LIMIT} and {LIMIT}.")


STATUSES = [s.value for s in Status]
TIMELINESS = [t.value for t in Timeliness]


def number(**kwargs: object) -> ma.fields.Decimal:
    return StrictDecimal(as_string=True, validate=bounded, **kwargs)  # type: ignore[arg-type]


def path(name: str) -> Any:
    """A value of the request's URL path (the assessment and item a body is sent to)."""
    return (request.view_args or {})[name]


def on() -> UUID:
    """The assessment a body is sent to."""
    found: UUID = path("aid")
    return found


def entry_of(data: dict[str, Any]) -> ItemEntry:
    def decimal(key: str) -> Decimal | None:
        value = data.get(key)
        return None if value is None else Decimal(value)

    return ItemEntry(
        points=decimal("points"),
        rate=decimal("rate"),
        counts=dict(data.get("counts") or {}),
        amounts={k: Decimal(v) for k, v in (data.get("amounts") or {}).items()},
        claims=tuple(Claim(c["matter"], c["tier"]) for c in data.get("claims") or ()),
        raised=frozenset(data.get("raised") or ()),
        progress=data.get("progress"),
        value=decimal("value"),
    )


class ClaimSchema(ma.Schema):
    matter = ma.fields.String(required=True, validate=TEXT)
    tier = ma.fields.String(required=True, validate=CODE)


class EntrySchema(ma.Schema):
    """What is entered for one item; which fields apply depends on the item's rule."""

    points = number(allow_none=True)
    rate = number(allow_none=True)
    counts = ma.fields.Dict(
        keys=ma.fields.String(validate=CODE),
        values=ma.fields.Integer(strict=True, validate=validate.Range(min=0, max=100_000)),
    )
    amounts = ma.fields.Dict(keys=ma.fields.String(validate=CODE), values=number())
    claims = ma.fields.List(ma.fields.Nested(ClaimSchema))
    raised = ma.fields.List(ma.fields.String(validate=CODE))
    progress = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    value = number(allow_none=True)


class ItemChangeSchema(EntrySchema):
    reason = ma.fields.String(load_default="", validate=validate.Length(max=2000))

    @ma.post_load
    def command(self, data: dict[str, Any], **_: Any) -> ScoreItem:
        reason = data.pop("reason", "")
        return ScoreItem(
            assessment_id=path("aid"), number=path("number"), entry=entry_of(data), reason=reason
        )


class SheetChangeSchema(ma.Schema):
    entries = ma.fields.Dict(
        keys=ma.fields.String(validate=CODE),
        values=ma.fields.Nested(EntrySchema),
        required=True,
        metadata={"description": f"item number → entry; at most one per item ({MAX_ENTRIES})"},
    )
    reason = ma.fields.String(load_default="", validate=validate.Length(max=2000))

    @ma.pre_load
    def bounded_entries(self, data: Any, **_: Any) -> Any:
        """Refuse a sheet larger than any rubric before reading each of its entries."""
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, dict) and len(entries) > MAX_ENTRIES:
            raise ma.ValidationError(
                f"Longer than maximum length {MAX_ENTRIES}.", field_name="entries"
            )
        return data

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> SaveSheet:
        entries = {n: entry_of(e) for n, e in d["entries"].items()}
        return SaveSheet(assessment_id=on(), entries=entries, reason=d["reason"])


class DeductionSchema(ma.Schema):
    item = ma.fields.String(required=True, validate=CODE)
    line = ma.fields.String(required=True, validate=CODE)
    count = ma.fields.Integer(
        strict=True, allow_none=True, load_default=None, validate=validate.Range(0, 100_000)
    )
    amount = number(allow_none=True, load_default=None)
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> ApplyDeduction:
        return ApplyDeduction(assessment_id=on(), number=d.pop("item"), **d)


class BonusSchema(ma.Schema):
    item = ma.fields.String(required=True, validate=CODE)
    matter = ma.fields.String(required=True, validate=TEXT)
    tier = ma.fields.String(required=True, validate=CODE)
    reason = ma.fields.String(load_default="", validate=validate.Length(max=2000))

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> ClaimBonus:
        return ClaimBonus(assessment_id=on(), number=d.pop("item"), **d)


class BonusWithdrawalSchema(ma.Schema):
    item = ma.fields.String(required=True, validate=CODE)
    matter = ma.fields.String(required=True, validate=TEXT)
    tier = ma.fields.String(
        required=True, validate=CODE, metadata={"description": "the tier of the claim withdrawn"}
    )
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> WithdrawBonus:
        return WithdrawBonus(assessment_id=on(), number=d.pop("item"), **d)


class VetoSchema(ma.Schema):
    item = ma.fields.String(required=True, validate=CODE)
    condition = ma.fields.String(required=True, validate=CODE)
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> RaiseVeto:
        return RaiseVeto(assessment_id=on(), number=d.pop("item"), **d)


class VetoLiftSchema(VetoSchema):
    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> LiftVeto:
        return LiftVeto(assessment_id=on(), number=d.pop("item"), **d)


class ProgressSchema(ma.Schema):
    progress = ma.fields.String(required=True, validate=validate.Length(min=1, max=5000))
    value = number(allow_none=True, load_default=None)
    reason = ma.fields.String(load_default="", validate=validate.Length(max=2000))

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> EnterProgress:
        return EnterProgress(assessment_id=on(), number=path("number"), **d)


class ReturnSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=TEXT)
    items = ma.fields.List(ma.fields.String(validate=CODE), load_default=list)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> ReturnAssessment:
        return ReturnAssessment(assessment_id=on(), reason=d["reason"], items=tuple(d["items"]))


class AssignSchema(ma.Schema):
    inspector = ma.fields.String(
        required=True, validate=CODE, metadata={"description": "the inspector's username"}
    )
    sections = ma.fields.List(
        ma.fields.String(validate=CODE),
        required=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "top section numbers of the rubric, e.g. 一"},
    )

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> AssignSections:
        return AssignSections(
            assessment_id=on(), inspector=d["inspector"], sections=tuple(d["sections"])
        )


class ExtendSchema(ma.Schema):
    until = ma.fields.Date(
        required=True, metadata={"description": "the new last day (China time), after the old"}
    )
    reason = ma.fields.String(required=True, validate=TEXT)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> ExtendWindow:
        return ExtendWindow(assessment_id=on(), until=d["until"], reason=d["reason"])


class OpenSchema(ma.Schema):
    unit = ma.fields.String(required=True, validate=CODE)
    rubric = ma.fields.String(required=True, validate=CODE)
    version = ma.fields.Integer(strict=True, required=True, validate=validate.Range(1, 10_000))
    period = period_field(required=True)

    @ma.post_load
    def command(self, d: dict[str, Any], **_: Any) -> OpenAssessment:
        return OpenAssessment(**d)


class EvidenceFileSchema(ma.Schema):
    file = Upload(required=True)


class EvidenceFormSchema(ma.Schema):
    item = ma.fields.String(load_default=None, validate=CODE)


class ListQuerySchema(AsOfSchema):
    unit = ma.fields.String(validate=CODE, metadata={"description": "a unit code: its subtree"})
    period = period_field()
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    rubric = ma.fields.String(validate=CODE)


class ItemScoreSchema(ma.Schema):
    number = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    points = ma.fields.String(allow_none=True)
    layer = ma.fields.String(allow_none=True, metadata={"description": "the layer that counts"})
    explanation = ma.fields.List(ma.fields.String())


class ScoreSchema(ma.Schema):
    base = ma.fields.String()
    bonus = ma.fields.String()
    deductions = ma.fields.String()
    special = ma.fields.String()
    total = ma.fields.String()
    result = ma.fields.String()
    result_label = ma.fields.String(
        metadata={
            "description": "the result in Chinese words, a veto with the name it was recorded "
            "under: 合格, 不合格, 一票否决, 一票否决（弄虚作假）, 未定等次"
        }
    )
    vetoed_for = ma.fields.List(
        ma.fields.String(),
        metadata={"description": "the names of the consequences that vetoed it (弄虚作假)"},
    )
    unscored = ma.fields.List(ma.fields.String())
    items = ma.fields.List(ma.fields.Nested(ItemScoreSchema))


class RubricRefSchema(ma.Schema):
    code = ma.fields.String()
    version = ma.fields.Integer()
    content_hash = ma.fields.String()


class DeadlinesSchema(ma.Schema):
    opens = ma.fields.Date(metadata={"description": "the first day its sheets can be opened"})
    submission = ma.fields.Date(metadata={"description": "the self layer is due (China time)"})
    review = ma.fields.Date(metadata={"description": "the review is due"})
    hand_up = ma.fields.Date(
        metadata={"description": "the table is handed up; after it the self layer is closed"}
    )
    extended_to = ma.fields.Date(
        metadata={
            "description": "the window's last day as extended for this sheet (延长期限); "
            "absent: not extended"
        },
    )
    submitted = ma.fields.String(metadata={"enum": TIMELINESS})
    reviewed = ma.fields.String(metadata={"enum": TIMELINESS})


class AssessmentSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    unit = ma.fields.String(required=True)
    rubric = ma.fields.Nested(RubricRefSchema, required=True)
    period = ma.fields.String(required=True)
    status = ma.fields.String(required=True, metadata={"enum": STATUSES})
    version = ma.fields.Integer(required=True)
    as_of = ma.fields.DateTime(allow_none=True)
    changed_at = ma.fields.DateTime()
    layers = ma.fields.Dict(metadata={"description": "layer → item number → entry"})
    item_versions = ma.fields.Dict(
        metadata={
            "description": (
                "layer → item number → the sheet's version at which the item last changed in "
                "that layer (an item not listed has not changed since the sheet was opened, "
                "version 1); a change of an item may name any version from this one on"
            )
        }
    )
    evidence = ma.fields.List(ma.fields.Dict())
    findings = ma.fields.List(ma.fields.Dict())
    returned_items = ma.fields.List(ma.fields.String())
    submitted_by = ma.fields.String(allow_none=True)
    opened_by = ma.fields.String(
        metadata={"description": "who opened it: on an inspection, the group's leader (组长)"}
    )
    scored_by = ma.fields.Dict(
        metadata={"description": "layer → item number → the account that last changed it"}
    )
    assigned = ma.fields.Dict(
        metadata={"description": "top section → {inspector: account id, name}, as assigned"}
    )
    deadlines = ma.fields.Nested(
        DeadlinesSchema,
        allow_none=True,
        metadata={"description": "the period's window (null: the rubric declares none)"},
    )
    score = ma.fields.Nested(ScoreSchema)


class ItemSchema(ma.Schema):
    number = ma.fields.String(required=True)
    version = ma.fields.Integer(
        required=True,
        metadata={"description": "The sheet's version at which the item last changed (its ETag)"},
    )
    layers = ma.fields.Dict(metadata={"description": "layer → the item's entry (null: none)"})
    versions = ma.fields.Dict(
        metadata={"description": "layer → the sheet's version it last changed at (null: never)"}
    )


class AssessmentRowSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    unit = ma.fields.String(allow_none=True)
    rubric = ma.fields.String(required=True)
    rubric_version = ma.fields.Integer(required=True)
    period = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    total = ma.fields.String(required=True)
    result = ma.fields.String(required=True)
    result_label = ma.fields.String(
        required=True,
        metadata={
            "description": "the result in Chinese words, a veto with the name it was recorded "
            "under: 合格, 不合格, 一票否决, 一票否决（弄虚作假）, 未定等次"
        },
    )
    vetoed_for = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "the names of the consequences that vetoed it (弄虚作假)"},
    )
    changed_at = ma.fields.DateTime(allow_none=True)
    approved_version = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "the sheet's version at its first approval (null: never)"},
    )
    changed_since_approval = ma.fields.Boolean(
        required=True,
        metadata={"description": "an entry changed after the first approval (never cleared)"},
    )


class ChangeSchema(ma.Schema):
    version = ma.fields.Integer(required=True)
    event = ma.fields.String(required=True)
    at = ma.fields.String(allow_none=True)
    actor_id = ma.fields.String(allow_none=True)
    actor_role = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    hash = ma.fields.String(allow_none=True)
    data = ma.fields.Dict()
