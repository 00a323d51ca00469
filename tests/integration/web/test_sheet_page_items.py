"""Two people saving the sheet page of one sheet: a form sends only what its user changed
from what they read, so saves of different items both go through, and a save that would
overwrite someone else's newer value of an item is shown the conflict instead."""

from __future__ import annotations

from decimal import Decimal

from application.commands.accounts import CreateAccount, GrantRole
from domain.account import Role
from domain.workflow import Layer
from tests.integration.web.test_page_text import form_of, signed_in
from tests.integration.web.world import PASSWORD, World


def second_staff(world: World) -> None:
    world.kaohe.setup(CreateAccount(username="staff-b", display_name="周敏", password=PASSWORD))
    world.kaohe.setup(GrantRole(username="staff-b", role=Role.STATION_STAFF, unit="V1"))


def test_two_people_saving_different_items_from_one_read_both_succeed(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")  # items 1 and 2 at full marks: 1 and 2
    second_staff(world)
    first, second = signed_in(world, "staff"), signed_in(world, "staff-b")
    read_first, read_second = form_of(first, aid), form_of(second, aid)
    saved = first.post(
        f"/assessments/{aid}/sheet", data=read_first | {"points-1": "0.5", "points-2": "2"}
    )
    assert saved.status_code == 303
    also = second.post(
        f"/assessments/{aid}/sheet", data=read_second | {"points-1": "1", "points-2": "1.5"}
    )
    assert also.status_code == 303
    sheet = world.kaohe.assessments.get(aid)
    assert (sheet.entry(Layer.SELF, "1").points, sheet.entry(Layer.SELF, "2").points) == (
        Decimal("0.5"),
        Decimal("1.5"),
    )


def test_a_save_changing_an_item_someone_changed_since_shows_the_conflict(world: World) -> None:
    aid = world.assessment("V1", "2023Q2")
    second_staff(world)
    first, second = signed_in(world, "staff"), signed_in(world, "staff-b")
    read_first, read_second = form_of(first, aid), form_of(second, aid)
    first.post(f"/assessments/{aid}/sheet", data=read_first | {"points-1": "0.5"})
    refused = second.post(f"/assessments/{aid}/sheet", data=read_second | {"points-1": "0"})
    assert refused.status_code == 409
    assert "此评分表已被他人修改" in refused.get_data(as_text=True)
    assert world.kaohe.assessments.get(aid).entry(Layer.SELF, "1").points == 0.5
