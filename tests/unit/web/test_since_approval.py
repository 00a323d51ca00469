"""The review page's "changed since approval": a sheet reopened, changed and approved again
shows each item that differs from its first approval, old → new; one never changed after
approval shows nothing; one never approved has no approval to compare with."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.unit.web.test_review_changes import change
from web.pages.review.changes import change_lines
from web.pages.review.since_approval import ItemDiff, since_approval


def test_a_reopened_changed_and_reapproved_sheet_shows_what_changed_since_first_approval() -> None:
    lines = change_lines(
        [
            change(1, "Opened"),
            change(2, "ItemScored", "self", "4"),
            change(3, "Submitted"),
            change(4, "Approved"),
            change(5, "Reopened"),
            change(6, "ItemScored", "verification", "1"),
            change(7, "Approved"),
        ],
        {},
    )
    found = since_approval(lines)
    assert found is not None
    assert (found.first.version, found.last.version, found.reapproved) == (4, 7, True)
    assert found.diffs == [ItemDiff("1", "verification", None, {"points": "1"})]
    assert [c.version for c in found.changes] == [6]


def test_a_sheet_never_approved_has_nothing_to_compare() -> None:
    assert since_approval(change_lines([change(1, "Opened"), change(2, "Submitted")], {})) is None


points = st.sampled_from(["1", "2", "3"])


@given(points, st.lists(points, max_size=5))
def test_an_item_changed_and_changed_back_to_its_approved_value_is_no_difference(
    approved: str, meanwhile: list[str]
) -> None:
    events = [change(1, "Opened"), change(2, "ItemScored", "self", approved)]
    events.append(change(3, "Approved"))
    for p in [*meanwhile, approved]:
        events.append(change(len(events) + 1, "ItemScored", "self", p))
    found = since_approval(change_lines(events, {}))
    assert found is not None
    assert found.changed and found.diffs == []
    if meanwhile and meanwhile[-1] != approved:
        cut = since_approval(change_lines(events[:-1], {}))
        assert cut is not None
        assert cut.diffs == [ItemDiff("1", "self", {"points": approved}, {"points": meanwhile[-1]})]
