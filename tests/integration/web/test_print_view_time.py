"""The print view and the files say when their data stands in date words (2024年1月1日
23:59:59), as a clerk writes it on a form, not as an ISO timestamp."""

from __future__ import annotations

import re
from datetime import timedelta

from domain.china_time import CHINA
from tests.integration.web.world import World
from web.app import projections_of


def test_the_print_view_says_when_its_data_stands_in_words(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    projections_of(world.app).catch_up()
    moment = (world.clock.now() + timedelta(days=1)).astimezone(CHINA)
    day, words = f"{moment:%Y-%m-%d}", f"{moment.year}年{moment.month}月{moment.day}日"
    page = world.client.get(
        "/tables/quarterly",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "period": "2023Q2", "as_of_date": day}
        | {"as_of_time": "23:59:58", "print": "1"},
    ).get_data(as_text=True)

    assert f"数据截至：{words} 23:59:58（日志位置 " in page
    signed = re.search(r"签名时间 (\S+ \S+?)。", page)
    assert signed and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d", signed.group(1))
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d", page)
