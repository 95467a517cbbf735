"""The budget's SVG charts: accessible, RTL-aware, and drawing the numbers of their tables."""

import re

import pytest

from cms.fiscal.charts import BAR_AREA, WIDTH, Row, bar_chart

pytestmark = pytest.mark.django_db


def _chart(html, chart_id):
    return re.search(rf'<svg role="img"[^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)


def _table_values(html, table_id, column):
    table = re.search(rf'<table class="data-table" id="{table_id}">(.*?)</table>', html, re.S)
    rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", table.group(1), re.S)
    return [re.findall(r'data-value="([^"]*)"', row)[column] for row in rows]


def _bar_values(svg, series_count, series):
    values = re.findall(r'data-value="([^"]*)"', svg)
    return values[series::series_count]


def test_charts_draw_the_numbers_of_their_tables(client, budget_1403):
    html = client.get(budget_1403.url).content.decode()
    spending = _chart(html, "spending-chart")
    assert 'aria-labelledby="spending-chart-title spending-chart-desc"' in spending
    assert '<title id="spending-chart-title">' in spending
    assert _bar_values(spending, 2, 0) == _table_values(html, "spending-chart-table", 0)
    assert _bar_values(spending, 2, 1) == _table_values(html, "spending-chart-table", 1)
    assert _table_values(html, "spending-chart-table", 0) == ["1200", "50", "200"]
    execution = _chart(html, "execution-chart")
    assert _bar_values(execution, 1, 0) == _table_values(html, "spending-chart-table", 2)
    assert _table_values(html, "spending-chart-table", 2) == ["37.5", "80.0", "25.0"]
    totals = _chart(html, "totals-chart")
    assert (
        _bar_values(totals, 2, 0)
        == _table_values(html, "totals-chart-table", 0)
        == [
            "1250",
            "1450",
        ]
    )
    # Persian labels and digits; no inline style anywhere (the CSP forbids it).
    assert "۳۷٫۵٪" in execution
    assert "style=" not in spending + execution + totals


def test_bar_lengths_are_proportional_and_mirrored_in_rtl():
    rows = [Row("الف", (100, 50)), Row("ب", (25, None))]
    ltr = bar_chart(rows, ("a", "b"), rtl=False)
    rtl = bar_chart(rows, ("a", "b"), rtl=True)
    widths = [bar.width for row in ltr.rows for bar in row.bars]
    assert widths == [BAR_AREA, BAR_AREA / 2, BAR_AREA / 4, 0]
    assert [bar.text for row in ltr.rows for bar in row.bars][-1] == "—"
    first_ltr, first_rtl = ltr.rows[0].bars[1], rtl.rows[0].bars[1]
    assert first_ltr.width == first_rtl.width
    # The mirror image: same distance from the opposite edge.
    assert first_rtl.x + first_rtl.width == WIDTH - first_ltr.x
    assert (ltr.anchor, rtl.anchor) == ("start", "end")


def test_budget_without_lines_draws_no_chart(client, budgets):
    from tests.fiscal.conftest import make_budget

    page = make_budget(budgets, 1400, [])
    html = client.get(page.url).content.decode()
    assert 'id="spending-chart"' not in html


@pytest.mark.parametrize(
    ("value", "english", "persian"),
    [
        (1_200_000_000_000, "1,200 billion", "۱٬۲۰۰"),
        (2_500_000_000, "2.5 billion", "۲٫۵"),
        (7_000_000, "7 million", "۷"),
        (950, "950", "۹۵۰"),
    ],
)
def test_bar_amounts_are_short_and_in_the_page_language(value, english, persian):
    from django.utils import translation

    from cms.fiscal.views import compact_amount

    with translation.override("en"):
        assert compact_amount(value) == english
    with translation.override("fa"):
        assert compact_amount(value).startswith(persian)
