"""Each item of a sheet knows, per layer, the sheet's version at which it last changed."""

from __future__ import annotations

from decimal import Decimal

from domain.assessment import ItemChange
from domain.entries import ItemEntry
from domain.workflow import Layer
from tests.unit.domain.test_assessment import RUBRIC, filled, opened, stamp, submitted


def test_an_item_never_changed_is_at_the_version_the_sheet_was_opened() -> None:
    a = opened()
    assert a.item_version(Layer.SELF, "1") == 1
    assert a.items_changed_after(1, Layer.SELF, ["1", "2"]) == []


def test_each_item_keeps_the_version_of_its_own_last_change() -> None:
    a = filled()  # items 1 and 2 saved at versions 2 and 3
    a.score_item(stamp(minute=2), RUBRIC, "1", Layer.SELF, ItemEntry(points=Decimal(3)))
    assert (a.item_version(Layer.SELF, "1"), a.item_version(Layer.SELF, "2")) == (4, 3)
    assert a.items_changed_after(3, Layer.SELF, ["1", "2"]) == [ItemChange("1", Layer.SELF, 4)]


def test_a_change_in_one_layer_leaves_the_items_version_in_another() -> None:
    a = submitted()
    a.score_item(stamp("town"), RUBRIC, "1", Layer.REVIEW, ItemEntry(points=Decimal(3)), "不全")
    assert a.item_version(Layer.REVIEW, "1") == a.version
    assert a.item_version(Layer.SELF, "1") == 2
    assert a.items_changed_after(2, Layer.SELF, ["1"]) == []
