"""Two fiscal years compared line by line, by code, on a known pair of budgets."""

import re

import pytest
from django.utils import timezone
from django.utils.http import http_date

from cms.fiscal import figures

pytestmark = pytest.mark.django_db


def test_figures_match_codes_across_years(budget_1402, budget_1403):
    rows = figures.compare(list(budget_1402.line_items.all()), list(budget_1403.line_items.all()))
    by_code = {row.code: row for row in rows}
    assert [row.code for row in rows] == ["1", "11", "12", "2", "21", "22", "3", "4", "9"]
    heading = by_code["2"]
    assert (heading.planned_before, heading.planned_after) == (900, 1200)
    assert (heading.change, heading.change_percent) == (300, 33.3)
    assert (heading.actual_before, heading.actual_after) == (650, 450)
    assert (by_code["3"].change, by_code["3"].change_percent) == (-50, -50.0)
    # A new line has no earlier year; a dropped line has no later one.
    assert by_code["4"].planned_before is None and by_code["4"].change is None
    assert by_code["9"].planned_after is None and by_code["9"].planned_before == 50


def test_compare_page_shows_the_table(client, budget_1402, budget_1403):
    response = client.get(budget_1403.url + "compare/?year=1402")
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r'<tr class="budget-compare__expenditure" data-code="2">(.*?)</tr>', html, re.S)
    values = re.findall(r'data-value="([^"]*)"', row.group(1))
    assert values == ["900", "1200", "300", "33.3", "650", "450"]
    assert "۱۴۰۲" in html and '<th scope="col"' in html


def test_compare_with_one_other_year_goes_straight_to_it(client, budget_1402, budget_1403):
    response = client.get(budget_1403.url + "compare/")
    assert response.status_code == 302
    assert response["Location"].endswith("compare/?year=1402")


@pytest.mark.parametrize("year", ["1399", "abc", "1403"])
def test_compare_with_an_unknown_year_offers_the_choice(
    client, budget_1402, budget_1403, budgets, year
):
    from tests.fiscal.conftest import LINES_1402, make_budget

    make_budget(budgets, 1401, LINES_1402)
    response = client.get(budget_1403.url + "compare/", {"year": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="year"' in html and "budget-compare__" not in html


def test_budget_page_offers_the_other_years(client, budget_1402, budget_1403):
    html = client.get(budget_1403.url).content.decode()
    assert '<option value="1402">۱۴۰۲</option>' in html
    assert budget_1403.url + "datapackage/" in html


def test_budget_page_itself_is_dated_by_its_publication(client, budget_1403):
    response = client.get(budget_1403.url)
    assert response["Last-Modified"] == http_date(budget_1403.last_published_at.timestamp())


def test_compare_page_is_not_dated_by_the_budget_it_belongs_to(client, budget_1402, budget_1403):
    # It shows the other year's figures too; only its ETag validates it.
    url = budget_1403.url + "compare/?year=1402"
    assert "Last-Modified" not in client.get(url)
    later = http_date(timezone.now().timestamp() + 60)
    assert client.get(url, headers={"if-modified-since": later}).status_code == 200
