"""Every event the domain defines has its words and a rule for what it changed, so a new event
cannot reach the audit trail, the timelines or the review page unnamed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import domain.account
import domain.assessment
import domain.campaign
import domain.rubric_version
import domain.unit
from domain.audit import AuditedAggregate, topic_of
from projections.audit_changes import RULES
from projections.audit_trail import AuditTrail
from projections.event_words import EVENT_WORDS, WORDS_BY_NAME, event_words, refusal_reason_words

AGGREGATE_MODULES = (domain.account, domain.assessment, domain.campaign)
AGGREGATE_MODULES += (domain.rubric_version, domain.unit)


def aggregates(base: type = AuditedAggregate) -> Iterator[type]:
    """The aggregates events are stored for: those no other aggregate extends."""
    for sub in base.__subclasses__():
        if sub.__subclasses__():
            yield from aggregates(sub)
        else:
            yield sub


def domain_events() -> set[type]:
    """Each aggregate's own events the audit trail shows (not the idempotency records); the
    library's generic created event is left out where the aggregate names its own."""
    found: set[type] = set()
    for aggregate in aggregates():
        events = {
            name: cls
            for name, cls in vars(aggregate).items()
            if isinstance(cls, type) and issubclass(cls, AuditedAggregate.Event) and name != "Event"
        }
        named_creation = any(
            issubclass(cls, AuditedAggregate.Created)
            for name, cls in events.items()
            if name != "Created"
        )
        found |= {cls for name, cls in events.items() if not (name == "Created" and named_creation)}
    return {cls for cls in found if topic_of(cls) not in AuditTrail.skipped}


def test_the_walk_finds_every_aggregate_of_the_domain() -> None:
    names = {a.__name__ for a in aggregates()}
    assert {"Account", "Assessment", "Campaign", "RubricVersion", "Unit"} <= names


def test_every_event_of_every_aggregate_has_its_words() -> None:
    missing = {cls.__qualname__ for cls in domain_events()} - set(WORDS_BY_NAME)
    assert missing == set()
    assert set(EVENT_WORDS) <= domain_events()


def test_every_event_of_every_aggregate_has_a_rule_for_what_it_changed() -> None:
    ruled = {cls for cls in domain_events() if any(base in RULES for base in cls.__mro__)}
    assert {cls.__qualname__ for cls in domain_events() - ruled} == set()


def test_a_score_replacing_one_that_counted_is_a_change_and_a_resubmission_is_said_so() -> None:
    assert event_words("Assessment.ItemScored") == "打分"
    assert event_words("Assessment.ItemScored", '{"points":"2"}') == "修改"
    assert event_words("Assessment.Submitted", "returned") == "重新提交"
    assert event_words("Assessment.Submitted", "draft") == "提交验收"


@pytest.mark.parametrize(
    ("recorded", "words"),
    [
        (
            "assessment:1603914b-40e6-5839-8768-72ff4c45c8ea is outside the units staff-010101 "
            "may act for with assessments.read",
            "所涉对象不在该账号授权的单位范围内",
        ),
        ("reviewer-0101 holds no role; assessments.approve is refused", "该账号没有任何角色"),
        (
            "assessments.approve is not a step of 填报人员; it is allowed to 审核人员",
            "该账号的角色不能办理此事项",
        ),
        ("a check added later", "无权办理此事项"),
    ],
)
def test_a_refusal_says_why_in_words_without_ids(recorded: str, words: str) -> None:
    assert refusal_reason_words(recorded) == words
