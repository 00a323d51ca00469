"""The browser tab shows the service's own icon instead of a missing one (404)."""

from __future__ import annotations

import re

from tests.integration.web.world import World


def icon_of(page: str) -> str:
    found = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert found, "no icon linked"
    return found.group(1)


def test_every_page_links_the_icon_and_it_is_served(world: World) -> None:
    login = world.client.get("/login").get_data(as_text=True)
    icon = world.client.get(icon_of(login))
    icon.close()
    assert icon.status_code == 200
    assert icon.mimetype == "image/svg+xml"


def test_the_print_view_links_the_icon_too(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    page = world.client.get(
        "/tables/quarterly",
        headers=world.login("regulator"),
        query_string={"unit": "CITY", "period": "2023Q2", "print": "1"},
    ).get_data(as_text=True)
    assert icon_of(page).endswith("favicon.svg")
