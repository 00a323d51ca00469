"""Who may do what, and where: one policy table of kinds of work and actions, each scoped to
the subtree of the unit a role is granted over, checked against the account's live grants;
on a sheet, the rubric's workflow then says which level does which kind of work."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NoReturn
from uuid import UUID

import structlog

from application.actor import Actor
from application.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from application.ports import Aggregates, Clock, Denial, DenialLog, RefusalLog, TreeNode, UnitTree
from application.work_kinds import LAYER_OF_WORK, WORK_OF, Work
from domain.account import ROLE_RANK, Account, Grant, Role
from domain.assessment import Assessment
from domain.audit import Stamp
from domain.period_days import hierarchy_day
from domain.steps import Action as Action  # re-exported: the policy speaks of it
from domain.unit import Unit
from domain.workflow import Layer

log = structlog.get_logger(__name__)

MAX_DEPTH = 16
"""A unit is never deeper than this below a root (the hierarchy has four levels)."""


SPOT_CHECK_READING = frozenset({Action.READ_CAMPAIGNS, Action.READ_RISK})
"""Campaigns (frame, sample, findings), their verification and factors, and the risk report."""

READING = frozenset(
    {
        Action.READ_ASSESSMENTS,
        Action.READ_AUDIT,
        Action.READ_TABLES,
        Action.READ_UNITS,
        Action.READ_RUBRICS,
        Action.READ_RECTIFICATIONS,
        *SPOT_CHECK_READING,
    }
)
"""Every read."""

LOCAL_READING = READING - SPOT_CHECK_READING
"""What stations and towns read: not the spot checks aimed at them (who is drawn, who ranks
high for risk), which stay with the county that checks and the levels above it."""

SPOT_CHECKING = SPOT_CHECK_READING | {
    *(Action.OPEN_CAMPAIGN, Action.FREEZE_FRAME, Action.ENTER_SEED),
    *(Action.DRAW_SAMPLE, Action.CLOSE_CAMPAIGN, Action.ESCALATE_CAMPAIGN),
    *(Action.RECORD_SIGNALS, Action.DISPOSE_SIGNAL),
}
"""A county's spot check (抽查复核), run by its auditors, and the follow-up of its risk
signals; findings are RECORD_FINDING."""

RECTIFYING = frozenset(
    {Action.OPEN_RECTIFICATION, Action.CLOSE_RECTIFICATION, Action.REOPEN_RECTIFICATION}
)
"""After a finding, the county opens the item (整改台账), re-checks and closes or reopens it;
only the unit's own staff report (REPORT_RECTIFICATION, on the unit granted itself)."""

SHEET_WORK = frozenset({Action.OPEN, Action.SCORE, Action.ATTACH_EVIDENCE, Action.EXTEND_WINDOW})
"""Steps on a sheet every acting kind of work may take where the rubric's workflow lets it
(opening and extending the window only for the layer that opens, scoring in its own layer)."""

POLICY: Mapping[Work, frozenset[Action]] = {
    Work.FILL: LOCAL_READING
    | SHEET_WORK
    | {Action.SUBMIT, Action.SET_CONTACT, Action.REPORT_RECTIFICATION},
    Work.REVIEW: LOCAL_READING
    | SHEET_WORK
    | {Action.RETURN, Action.APPROVE, Action.ASSIGN_SECTIONS}
    | {Action.SET_CONTACT, Action.REPORT_RECTIFICATION}
    | {Action.HAND_UP},
    Work.VERIFY: READING
    | SHEET_WORK
    | {Action.RECORD_FINDING, Action.FINALIZE, Action.REOPEN, Action.SET_CONTACT, Action.HAND_UP}
    | SPOT_CHECKING
    | RECTIFYING,
    # A regulator reads everything in its subtree and changes nothing.
    Work.OVERSEE: READING | {Action.READ_ACCOUNTS, Action.VERIFY_LEDGER},
    Work.ADMINISTER: READING
    | {
        *(Action.MANAGE_UNITS, Action.SET_CONTACT, Action.READ_ACCOUNTS),
        *(Action.MANAGE_ACCOUNTS, Action.PUBLISH_RUBRICS, Action.VERIFY_LEDGER),
        # Reopening a finalized sheet needs a level above the county that finalized it.
        Action.REOPEN,
    },
}
"""Kind of work → the actions it allows, each only inside the subtree of the unit granted."""

LAYER_OF: Mapping[Role, Layer] = {
    role: layer for role, work in WORK_OF.items() if (layer := LAYER_OF_WORK.get(work))
}
"""The score layer each role writes: self (自评), review (初审), verification (抽查复核)."""

GrantCheck = Callable[[Grant], str | None]
"""Why a grant may not take a step on one target beyond the policy (None: it may)."""


def allows(role: Role, action: Action) -> bool:
    return action in POLICY[WORK_OF[role]]


@dataclass(frozen=True)
class Caller:
    """An authenticated account and the details of its request. Who it acts as is resolved
    from its grants on the server; nothing in the request can choose a role or a unit."""

    account_id: UUID
    correlation_id: str
    idempotency_key: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class Target:
    """What an action is aimed at: a label for the audit trail and the unit it belongs to
    (None: no unit, so any grant allowing the action will do), under the hierarchy in force
    on a day (`on`: a sheet's period's last day; None: the current hierarchy)."""

    label: str
    unit_id: UUID | None = None
    on: date | None = None


def sheet_target(sheet: Assessment) -> Target:
    """A sheet, under the hierarchy of its period's last day: who may act on a 2023Q2 sheet
    is decided by where its unit stood then, as the 2023Q2 tables list it."""
    return Target(f"assessment:{sheet.id}", sheet.unit_id, hierarchy_day(sheet.period))


class UnknownUnitTree:
    """A tree that vouches for no unit, so every step up is read from the Unit aggregate
    (for command-line use and tests without read models)."""

    def node(self, unit_id: UUID, on: date | None = None) -> TreeNode | None:
        return None


class Authorizer:
    """Resolves the acting `Actor` for an action on a target, or refuses: every refusal is
    logged, and recorded on the account as an `AccessDenied` event as the refusal log admits
    (repeats are counted and carried by the next one recorded)."""

    def __init__(
        self,
        tree: UnitTree,
        aggregates: Aggregates,
        refusals: RefusalLog,
        denials: DenialLog,
        clock: Clock,
    ) -> None:
        self.tree = tree
        self.aggregates = aggregates
        self.refusals = refusals
        self.denials = denials
        self.clock = clock

    def within(self, aggregates: Aggregates) -> Authorizer:
        """The same authorizer reading accounts and units through a unit of work's cache."""
        return Authorizer(self.tree, aggregates, self.refusals, self.denials, self.clock)

    def account(self, account_id: UUID) -> Account:
        """The live account; a missing or disabled one cannot act (as if unauthenticated)."""
        account = self.aggregates.find(Account, account_id)
        if account is None:
            raise AuthenticationError("the account no longer exists")
        if account.disabled:
            raise AuthenticationError("the account is disabled")
        return account

    def actor(
        self, caller: Caller, action: Action, target: Target, check: GrantCheck | None = None
    ) -> Actor:
        """The grant that allows `action` on `target`: of those whose subtree holds the
        target's unit (and that `check` lets through: the sheet's workflow), the one granted
        nearest to it (then the highest role)."""
        account = self.account(caller.account_id)
        grant = self.acting_grant(account, action, target.unit_id, check, target.on)
        if grant is None:
            self.require_unit(target)
            allowing = [g for g in account.grants.values() if allows(g.role, action)]
            why = self._why(account, action, target, allowing)
            reach = [
                g
                for g in allowing
                if self.depth_below(g.unit_id, target.unit_id, target.on) is not None
            ]
            checked = [found for g in reach if check and (found := check(g))]
            self.refuse(caller, account, action, target, checked[0] if checked else why, allowing)
        structlog.contextvars.bind_contextvars(role=grant.role.value, unit=str(grant.unit_id))
        return Actor(account.id, grant.role, grant.unit_id)

    def require_unit(self, target: Target) -> None:
        """A target naming a unit that does not exist is not found (404), not refused: there
        is nothing to protect, so nothing is recorded against the caller."""
        if target.unit_id is None:
            return
        if self.tree.node(target.unit_id) is None and self._unit(target.unit_id) is None:
            raise NotFoundError(f"{target.label} names a unit that does not exist")

    def acting_grant(
        self,
        account: Account,
        action: Action,
        unit: UUID | None,
        check: GrantCheck | None = None,
        on: date | None = None,
    ) -> Grant | None:
        """The grant an account would act with (None: none allows it; nothing is recorded,
        so pages may ask what to offer), under the hierarchy in force on `on`."""
        fitting = [
            (depth, g)
            for g in account.grants.values()
            if allows(g.role, action)
            and (depth := self.depth_below(g.unit_id, unit, on)) is not None
            and (check is None or check(g) is None)
        ]
        if not fitting:
            return None
        return min(fitting, key=lambda found: (found[0], -ROLE_RANK[found[1].role]))[1]

    def roots(self, caller: Caller, action: Action, label: str) -> list[Grant]:
        """The grants allowing an action (their units' subtrees are what the caller may
        reach); refused when there is none."""
        account = self.account(caller.account_id)
        allowing = [g for g in account.grants.values() if allows(g.role, action)]
        if not allowing:
            target = Target(label)
            self.refuse(caller, account, action, target, self._why(account, action, target, []))
        found = sorted(allowing, key=lambda g: -ROLE_RANK[g.role])
        structlog.contextvars.bind_contextvars(role=found[0].role.value, unit=str(found[0].unit_id))
        return found

    def depth_below(self, root: UUID, unit: UUID | None, on: date | None = None) -> int | None:
        """How many levels `unit` lies below `root` (0: itself), under the hierarchy in
        force on `on` (None: the current one); None when it is outside the subtree. No unit
        fits any root."""
        if unit is None:
            return 0
        current: UUID | None = unit
        for depth in range(MAX_DEPTH):
            if current is None:
                return None
            if current == root:
                return depth
            current = self.parent(current, on)
        return None

    def parent(self, unit: UUID, on: date | None = None) -> UUID | None:
        """The unit's parent in force on `on` (None: now): from the units read model when it
        can vouch for the unit, else from the aggregate (a unit registered or moved a moment
        ago is seen at once: read-your-writes costs one aggregate read, through the unit of
        work)."""
        node = self.tree.node(unit, on)
        if node is not None:
            return node.parent_id
        found = self._unit(unit)
        if found is None:
            return None
        return found.parent_id if on is None else found.parent_on(on)

    def _unit(self, unit: UUID) -> Unit | None:
        return self.aggregates.find(Unit, unit)

    def refuse(
        self,
        caller: Caller,
        account: Account,
        action: Action,
        target: Target,
        why: str,
        grants: Iterable[Grant] = (),
    ) -> NoReturn:
        """Record and log the refused attempt, then raise PermissionDeniedError."""
        held = list(grants) or list(account.grants.values())
        closest = max(held, key=lambda g: ROLE_RANK[g.role], default=None)
        role = closest.role if closest else None
        log.warning(
            "access.denied",
            account=str(account.id),
            role=role.value if role else None,
            action=action.value,
            target=target.label,
            why=why,
        )
        self._record(caller, account, closest, action, target, why)
        raise PermissionDeniedError(why, action.value, target.label)

    def _record(
        self,
        caller: Caller,
        account: Account,
        closest: Grant | None,
        action: Action,
        target: Target,
        why: str,
    ) -> None:
        repeats = self.refusals.admit(account.id, action.value, target.label)
        if repeats is None:  # counted, and carried by the next one recorded
            return
        role = closest.role.value if closest else ""
        unit = str(closest.unit_id) if closest else ""
        stamp = Stamp(str(account.id), role, unit, self.clock.now(), caller.correlation_id)
        denial = Denial(account.id, action.value, target.label, target.unit_id, why, repeats)
        self.denials.record(stamp, denial)

    def _why(self, account: Account, action: Action, target: Target, allowing: list[Grant]) -> str:
        if not account.grants:
            return f"{account.username} holds no role; {action.value} is refused"
        if not allowing:
            held = ", ".join(sorted({g.role.value for g in account.grants.values()}))
            roles = ", ".join(r.value for r in Role if allows(r, action))
            return f"{action.value} is not a step of {held}; it is allowed to {roles}"
        return (
            f"{target.label} is outside the units {account.username} may act for "
            f"with {action.value}"
        )
