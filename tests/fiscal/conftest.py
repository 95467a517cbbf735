"""A small known pair of budgets (1402 and 1403) for the fiscal tests."""

import pytest

from cms import models
from tests.cms import factories

# (code, parent_code, kind, approved, revised, actual); headings carry no amounts.
LINES_1402 = [
    ("1", "", "revenue", None, None, None),
    ("11", "1", "revenue", 800, 850, 700),
    ("12", "1", "revenue", 200, 200, 100),
    ("2", "", "expenditure", None, None, None),
    ("21", "2", "expenditure", 600, 650, 500),
    ("22", "2", "expenditure", 300, None, 150),
    ("3", "", "expenditure", 100, 100, 100),
    ("9", "", "expenditure", 50, 50, 50),
]
LINES_1403 = [
    ("1", "", "revenue", None, None, None),
    ("11", "1", "revenue", 1000, 1100, 900),
    ("12", "1", "revenue", 250, 250, 200),
    ("2", "", "expenditure", None, None, None),
    ("21", "2", "expenditure", 900, 950, 450),
    ("22", "2", "expenditure", 300, 300, None),
    ("3", "", "expenditure", 50, 50, 40),
    ("4", "", "expenditure", 200, None, 50),
]


@pytest.fixture
def budgets(sections):
    return sections[models.BudgetIndexPage]


def make_budget(parent, year, rows, **kwargs):
    return factories.BudgetPageFactory(
        parent=parent,
        fiscal_year=year,
        title=f"بودجه‌ی سال {year} شهرداري كرج",
        line_items=factories.budget_lines(*rows),
        **kwargs,
    )


@pytest.fixture
def budget_1403(budgets):
    return make_budget(budgets, 1403, LINES_1403)


@pytest.fixture
def budget_1402(budgets):
    return make_budget(budgets, 1402, LINES_1402)
