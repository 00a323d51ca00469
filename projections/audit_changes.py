"""What each event changed, as the audit trail shows it: its subject and old → new.

For an entry change, old is what counted for the item up to the changed layer just before,
and `old_layer` the layer it came from: a reviewer's first change shows the self score it
overrode. Changes stored before the event recorded it (`NOT_RECORDED`) get it from the
sheet's history instead: the trail keeps, as facts, each layer's entry those changes set, and
looks down from the changed layer as the sheet did. Every such change precedes every change
that records it, so the facts are complete whenever they are needed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple, Protocol
from uuid import UUID

from domain.account import Account
from domain.assessment import Assessment
from domain.assessment_events import EntryChanged
from domain.campaign import Campaign
from domain.canonical import canonical_json
from domain.hand_up import HandUp
from domain.rectification import Rectification
from domain.rubric_version import RubricVersion
from domain.signal_register import DISPOSITION_WORDS, SignalRegister
from domain.unit import Unit
from domain.workflow import PRECEDENCE, Layer, Status
from projections.processing import Dispatch
from projections.scores import entry_json
from projections.spot_checks.words import signal_words


class Facts(Protocol):
    """Small per-aggregate facts the audit trail keeps to show what an event replaced
    (an assessment's unit and status, a unit's name and parent, an account's grants)."""

    def fact(self, aggregate_id: UUID, field: str) -> str | None: ...

    def set_fact(self, aggregate_id: UUID, field: str, value: str) -> None: ...


class Change(NamedTuple):
    """An event's subject (kind, assessment, the unit it concerns, item, layer) and what it
    changed from and to, as short text (entries as canonical JSON). A named tuple: one is
    made for every event, and a tuple is made faster than a frozen dataclass."""

    kind: str
    assessment_id: UUID | None = None
    unit_id: UUID | None = None
    item: str | None = None
    layer: str | None = None
    old_layer: str | None = None
    old: str | None = None
    new: str | None = None


Rule = Callable[[Any, Facts], Change]


def as_json(data: object) -> str | None:
    return None if data is None else canonical_json(data).decode()


def _transition(e: Any, facts: Facts, field: str, new: str, base: Change) -> Change:
    old = facts.fact(e.originator_id, field)
    facts.set_fact(e.originator_id, field, new)
    return base._replace(old=old, new=new)


@lru_cache(maxsize=4096)
def _unit_id(text: str) -> UUID:
    return UUID(text)


def _assessed_unit(e: Any, facts: Facts) -> UUID | None:
    unit = facts.fact(e.originator_id, "unit")
    return _unit_id(unit) if unit else None


def _assessed(e: Any, facts: Facts) -> Change:
    return Change("assessment", e.originator_id, _assessed_unit(e, facts))


def _opened(e: Assessment.Opened, facts: Facts) -> Change:
    # A new assessment has no earlier status: nothing to look up.
    facts.set_fact(e.originator_id, "unit", str(e.unit_id))
    facts.set_fact(e.originator_id, "status", Status.DRAFT.value)
    return Change("assessment", e.originator_id, e.unit_id, new=Status.DRAFT.value)


def _entry(e: EntryChanged, facts: Facts) -> Change:
    unit = _assessed_unit(e, facts)
    new = None if e.entry is None else entry_json(e.entry)
    counted = e.counted
    if counted is None:
        old_layer = old = None
    elif "entry" in counted:
        old_layer, old = counted["layer"], entry_json(counted["entry"])
    else:
        old_layer, old = _counted_in_history(e, facts, new)
    return Change("assessment", e.originator_id, unit, e.item, e.layer, old_layer, old, new)


def _counted_in_history(
    e: EntryChanged, facts: Facts, new: str | None
) -> tuple[str | None, str | None]:
    """What counted before a change that did not record it: the entry of the highest layer
    up to the changed one that earlier such changes set; then this change's entry is kept."""
    found: tuple[str | None, str | None] = (None, None)
    for layer in PRECEDENCE[PRECEDENCE.index(Layer(e.layer)) :]:
        entry = facts.fact(e.originator_id, f"entry:{layer.value}:{e.item}")
        if entry is not None:
            found = (layer.value, entry)
            break
    facts.set_fact(e.originator_id, f"entry:{e.layer}:{e.item}", new or "{}")
    return found


def _status(status: Status) -> Rule:
    return lambda e, facts: _transition(e, facts, "status", status.value, _assessed(e, facts))


def _unit(e: Any, facts: Facts) -> Change:
    return Change("unit", unit_id=e.originator_id)


def _registered(e: Unit.Registered, facts: Facts) -> Change:
    if e.parent_id is not None:
        facts.set_fact(e.originator_id, "parent", str(e.parent_id))
    facts.set_fact(e.originator_id, "status", "open")
    return _transition(e, facts, "name", e.name, _unit(e, facts))


def _granted(e: Account.RoleGranted, facts: Facts) -> Change:
    grant = f"{e.role}@{e.unit_id}"
    facts.set_fact(e.originator_id, f"grant:{e.grant_id}", grant)
    return Change("account", unit_id=e.unit_id, new=grant)


def _revoked(e: Account.RoleRevoked, facts: Facts) -> Change:
    grant = facts.fact(e.originator_id, f"grant:{e.grant_id}")
    unit = grant.rpartition("@")[2] if grant else None
    return Change("account", unit_id=UUID(unit) if unit else None, old=grant)


def _account(e: Any, facts: Facts) -> Change:
    return Change("account")


def _account_created(e: Account.Created, facts: Facts) -> Change:
    facts.set_fact(e.originator_id, "status", "enabled")
    return Change("account", new=e.username)


def _denied(e: Account.AccessDenied, facts: Facts) -> Change:
    """A refusal shows on the account and, when aimed at an assessment, on that sheet's
    trail too (its target names the sheet: `assessment:<id>`)."""
    kind, _, rest = e.target.partition(":")
    try:
        assessment = UUID(rest) if kind == "assessment" else None
    except ValueError:
        assessment = None
    repeats = getattr(e, "repeats", 0)
    more = f" (+{repeats} more)" if repeats else ""
    new = f"denied: {e.action} {e.target}{more}"
    return Change("account", assessment, e.target_unit, new=new)


def _rubric(e: Any, facts: Facts) -> Change:
    return Change("rubric")


def _published(e: RubricVersion.Published, facts: Facts) -> Change:
    facts.set_fact(e.originator_id, "status", "published")
    return Change("rubric", new=f"{e.code} v{e.version}")


def _campaign(e: Any, facts: Facts) -> Change:
    # A campaign's frame, seed and sample are read from its detail; nothing is replaced.
    return Change("campaign")


def _rectification(e: Any, facts: Facts, new: str | None) -> Change:
    """An item shows on its unit and, opened from a finding, on that sheet's trail too;
    what it says (the problem, what was done, the new deadline) is its new value."""
    if isinstance(e, Rectification.Opened) and e.source.get("assessment_id"):
        facts.set_fact(e.originator_id, "assessment", str(e.source["assessment_id"]))
        facts.set_fact(e.originator_id, "unit", str(e.unit_id))
    elif isinstance(e, Rectification.Opened):
        facts.set_fact(e.originator_id, "unit", str(e.unit_id))
    sheet, unit = facts.fact(e.originator_id, "assessment"), facts.fact(e.originator_id, "unit")
    return Change(
        "rectification", UUID(sheet) if sheet else None, UUID(unit) if unit else None, new=new
    )


def _hand_up(e: Any, facts: Facts) -> Change:
    """A hand-up concerns the unit that handed up; its rows, their hash, the log position
    and checkpoint are read from its detail (nothing it replaced: hand-ups are added)."""
    if isinstance(e, HandUp.Started):
        facts.set_fact(e.originator_id, "unit", str(e.unit_id))
        return Change("hand_up", unit_id=e.unit_id)
    known = facts.fact(e.originator_id, "unit")
    return Change("hand_up", unit_id=UUID(known) if known else None)


def _signals_opened(e: SignalRegister.Opened, facts: Facts) -> Change:
    facts.set_fact(e.originator_id, "county", str(e.county_id))
    return Change("signals", None, e.county_id)


def _signal(e: Any, facts: Facts, assessment: str | None) -> Change:
    """A signal's change shows on its county and on the first sheet it concerns."""
    return Change(
        "signals", _id_or_none(assessment), _id_or_none(facts.fact(e.originator_id, "county"))
    )


def _id_or_none(text: str | None) -> UUID | None:
    try:
        return _unit_id(text) if text else None
    except ValueError:
        return None


def _signal_recorded(e: SignalRegister.SignalRecorded, facts: Facts) -> Change:
    sheets = e.signal.get("assessments") or [""]
    facts.set_fact(e.originator_id, f"sheet {e.key}", sheets[0])
    return _signal(e, facts, sheets[0])._replace(new=signal_words(e.signal["kind"]))


def _signal_disposed(e: SignalRegister.SignalDisposed, facts: Facts) -> Change:
    base = _signal(e, facts, facts.fact(e.originator_id, f"sheet {e.key}"))
    new = DISPOSITION_WORDS.get(e.disposition, e.disposition)
    return _transition(e, facts, f"disposition {e.key}", new, base)


RULES: Mapping[type, Rule] = {
    Assessment.Opened: _opened,
    EntryChanged: _entry,
    Assessment.EvidenceAttached: lambda e, f: _assessed(e, f)._replace(item=e.item, new=e.name),
    Assessment.Submitted: _status(Status.SUBMITTED),
    Assessment.Returned: _status(Status.RETURNED),
    Assessment.Approved: _status(Status.APPROVED),
    Assessment.FindingRecorded: lambda e, f: _assessed(e, f)._replace(new=e.finding),
    Assessment.Finalized: _status(Status.FINALIZED),
    Assessment.Reopened: _status(Status.SUBMITTED),
    Assessment.SectionsAssigned: lambda e, f: _assessed(e, f)._replace(
        new=f"{'、'.join(e.sections)} → {e.inspector_name}"
    ),
    Assessment.WindowExtended: lambda e, f: _assessed(e, f)._replace(new=e.until),
    Unit.Registered: _registered,
    Unit.Renamed: lambda e, f: _transition(e, f, "name", e.name, _unit(e, f)),
    Unit.Moved: lambda e, f: _transition(e, f, "parent", str(e.parent_id), _unit(e, f)),
    Unit.ContactSet: lambda e, f: _transition(
        e, f, "contact", f"{e.contact} {e.phone}".strip(), _unit(e, f)
    ),
    Unit.Closed: lambda e, f: _transition(e, f, "status", "closed", _unit(e, f)),
    Account.Created: _account_created,
    Account.PasswordSet: _account,
    Account.PasswordReset: _account,
    Account.RoleGranted: _granted,
    Account.RoleRevoked: _revoked,
    Account.Disabled: lambda e, f: _transition(e, f, "status", "disabled", _account(e, f)),
    Account.AccessDenied: lambda e, f: _denied(e, f),
    RubricVersion.Published: _published,
    RubricVersion.Retired: lambda e, f: _transition(e, f, "status", "retired", _rubric(e, f)),
    Campaign.Opened: _campaign,
    Campaign.FrameFrozen: _campaign,
    Campaign.SeedEntered: _campaign,
    Campaign.SampleDrawn: _campaign,
    Campaign.SizeFixed: _campaign,
    Campaign.Escalated: _campaign,
    Campaign.Closed: _campaign,
    Rectification.Opened: lambda e, f: _rectification(e, f, e.problem),
    Rectification.Reported: lambda e, f: _rectification(e, f, e.action),
    Rectification.Closed: lambda e, f: _rectification(e, f, None),
    Rectification.Reopened: lambda e, f: _rectification(e, f, e.deadline),
    HandUp.Started: _hand_up,
    HandUp.HandedUp: _hand_up,
    SignalRegister.Opened: _signals_opened,
    SignalRegister.SignalRecorded: _signal_recorded,
    SignalRegister.SignalDisposed: _signal_disposed,
}
"""How each kind of event shows in the trail (every event the domain defines has a rule: a
test walks them); an event without one still gets a row, with its kind taken from its
aggregate class and its payload in `detail`."""

_RULES: Dispatch[Rule] = Dispatch(RULES)


def change_of(event: Any, facts: Facts) -> Change:
    """What an event changed, by its rule: the one reading of it that the audit trail and
    the history pages share."""
    rule = _RULES.find(type(event))
    return rule(event, facts) if rule else Change(kind_of(event))


def kind_of(event: object) -> str:
    """The aggregate kind of an event no rule knows: its aggregate class, in lower case."""
    return type(event).__qualname__.partition(".")[0].lower()


class MemoryFacts:
    """Facts kept in memory while one aggregate's history is read from its start."""

    def __init__(self) -> None:
        self._facts: dict[tuple[UUID, str], str] = {}

    def fact(self, aggregate_id: UUID, field: str) -> str | None:
        return self._facts.get((aggregate_id, field))

    def set_fact(self, aggregate_id: UUID, field: str, value: str) -> None:
        self._facts[(aggregate_id, field)] = value
