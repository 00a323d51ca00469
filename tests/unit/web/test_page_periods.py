"""The pages' forms hold periods to the domain's rule and say it in Chinese."""

from __future__ import annotations

import pytest

from web.pages.reports.catalogue import PAGES
from web.pages.spot_checks.campaign_list import opening_errors

NOT_PERIODS = ("0000", "2023Q0", "2023Q5", "9999Q4", "year")


@pytest.mark.parametrize("period", NOT_PERIODS)
def test_every_table_page_refuses_a_period_that_is_not_real(period: str) -> None:
    for page in PAGES:
        error = page.period_error(period)
        assert error is not None and "不是有效的期间" in error and "2000–2099" in error


@pytest.mark.parametrize("period", NOT_PERIODS)
def test_the_campaign_form_refuses_a_period_that_is_not_real(period: str) -> None:
    errors = opening_errors({"period": period, "name": "抽查", "size": "3"})
    assert set(errors) == {"period"} and "2000–2099" in errors["period"]


def test_real_periods_pass_and_a_quarterly_table_still_asks_for_a_quarter() -> None:
    assert opening_errors({"period": "2023Q2", "name": "抽查", "size": "3"}) == {}
    quarterly = next(p for p in PAGES if p.quarter_only)
    assert quarterly.period_error("2023Q2") is None
    assert "按季度" in (quarterly.period_error("2023") or "")
