"""Budgets and projects in a real browser, with and without JavaScript: the budget's charts
and their tables, the downloads, the year comparison, and every project on the project index
with its map.
"""

from decimal import Decimal

import pytest

from cms import models
from tests.cms import factories
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page
from tests.fiscal.conftest import LINES_1402, LINES_1403, make_budget

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_budgets(wagtail_root, home, sections):
    parent = sections[models.BudgetIndexPage]
    return make_budget(parent, 1402, LINES_1402), make_budget(parent, 1403, LINES_1403)


@pytest.fixture
def projects(wagtail_root, home, sections):
    parent = sections[models.ProjectIndexPage]
    district = factories.DistrictFactory(name="منطقه‌ی يك")
    pages = [
        factories.ProjectPageFactory(
            parent=parent,
            title=f"پروژه‌ی بوستان محله‌ي {n} {XSS}",
            district=district if n % 2 else None,
            latitude=Decimal(f"35.{70 + n}") if n < 4 else None,
            longitude=Decimal(f"51.{30 + n}") if n < 4 else None,
        )
        for n in range(6)
    ]
    return parent, pages


@pytest.mark.parametrize("javascript", [False, True])
def test_budget_charts_and_comparison(browser, live_server, two_budgets, javascript):
    _before, budget = two_budgets
    page, errors = open_page(
        browser, live_server.url + budget.url, VIEWPORTS["mobile"], javascript=javascript
    )
    for chart in ("totals-chart", "spending-chart", "execution-chart"):
        svg = page.locator(f"svg#{chart}")
        assert svg.get_attribute("role") == "img"
        assert svg.is_visible()
    table = page.locator("#spending-chart-table")
    assert table.locator("tbody tr").count() == 3
    assert "۳۷٫۵٪" in table.inner_text()
    with page.expect_navigation():
        # By its form: the button's Persian label arrives with the translations.
        page.locator("form.budget-compare-form button[type=submit]").click()
    assert "compare/?year=1402" in page.url
    row = page.locator('tr[data-code="2"]')
    assert "۳۰۰" in row.inner_text() and "۳۳٫۳٪" in row.inner_text()
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_project_index_lists_everything_and_maps_located_projects(
    browser, live_server, projects, javascript
):
    parent, pages = projects
    page, errors = open_page(
        browser, live_server.url + parent.url, VIEWPORTS["desktop"], javascript=javascript
    )
    listed = page.locator("ol.cards > li")
    assert listed.count() == len(pages)
    assert XSS in listed.first.inner_text()  # shown as text, never run
    markers = page.locator("svg.project-map__svg a.project-map__marker")
    assert markers.count() == 4
    assert page.locator("#project-districts-heading").is_visible()
    with page.expect_navigation():
        markers.first.click()
    assert page.locator("progress#project-progress").get_attribute("value") == "25"
    assert errors == []
    page.context.close()
