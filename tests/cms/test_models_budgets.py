"""Model invariants of budgets and the directory snippets."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms import models
from tests.cms import factories
from tests.cms.model_checks import errors_of as _errors
from tests.cms.model_checks import reloaded as _reloaded

pytestmark = pytest.mark.django_db


# Budgets


@pytest.fixture
def budgets(sections):
    return sections[models.BudgetIndexPage]


def test_second_budget_for_the_same_year_is_refused(budgets):
    factories.BudgetPageFactory(parent=budgets, fiscal_year=1403)
    second = factories.BudgetPageFactory(parent=budgets, fiscal_year=1404)
    second.fiscal_year = 1403
    assert _errors(second) == {"fiscal_year": [_("There is already a budget for this year.")]}


def test_budget_keeps_its_own_year_when_edited(budgets):
    budget = factories.BudgetPageFactory(parent=budgets, fiscal_year=1403)
    budget.title = "بودجه‌ی اصلاحي ۱۴۰۳"
    budget.full_clean()


def test_translation_of_a_budget_shares_its_year(budgets, english_locale):
    budget = factories.BudgetPageFactory(parent=budgets, fiscal_year=1403)
    translation = budget.copy_for_translation(english_locale, copy_parents=True)
    _reloaded(translation).full_clean()


@pytest.mark.parametrize("year", [1299, 1501])
def test_budget_year_outside_the_jalali_range_is_refused(budgets, year):
    budget = factories.BudgetPageFactory(parent=budgets, fiscal_year=1403)
    budget.fiscal_year = year
    assert "fiscal_year" in _errors(budget)


@pytest.mark.parametrize("field", ["approved", "revised", "actual"])
def test_budget_line_amount_cannot_be_negative(field):
    line = factories.budget_lines(("1", "", "revenue", 1, 1, 1))[0]
    setattr(line, field, -1)
    with pytest.raises(ValidationError) as caught:
        line.clean_fields(exclude=["page"])
    assert field in caught.value.message_dict


def test_budget_line_codes_are_unique_per_budget_in_the_database(budgets):
    budget = factories.BudgetPageFactory(
        parent=budgets, line_items=factories.budget_lines(("1", "", "revenue", 5, None, None))
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        models.BudgetLineItem.objects.create(
            page=budget, code="1", title="تكراري", kind="revenue", approved=1
        )


def test_budget_totals_add_up_headings_and_balance(budgets):
    budget = factories.BudgetPageFactory(
        parent=budgets,
        line_items=factories.budget_lines(
            ("1", "", "revenue", None, None, None),
            ("11", "1", "revenue", 120_000_000_000, 130_000_000_000, 90_000_000_000),
            ("12", "1", "revenue", 30_000_000_000, None, 35_000_000_000),
            ("3", "", "revenue", 5_000_000_000, 5_000_000_000, 1_000_000_000),
            ("2", "", "expenditure", None, None, None),
            ("21", "2", "expenditure", 100_000_000_000, 110_000_000_000, 70_000_000_000),
            ("22", "2", "expenditure", 60_000_000_000, 60_000_000_000, None),
        ),
    )
    assert _reloaded(budget).totals == {
        "revenue": {
            "approved": 155_000_000_000,
            "revised": 135_000_000_000,
            "actual": 126_000_000_000,
        },
        "expenditure": {
            "approved": 160_000_000_000,
            "revised": 170_000_000_000,
            "actual": 70_000_000_000,
        },
        "balance": {
            "approved": -5_000_000_000,
            "revised": -35_000_000_000,
            "actual": 56_000_000_000,
        },
    }


def test_budget_with_revenue_only_balances_to_its_revenue(budgets):
    budget = factories.BudgetPageFactory(
        parent=budgets, line_items=factories.budget_lines(("1", "", "revenue", 800, None, 500))
    )
    totals = _reloaded(budget).totals
    assert totals["expenditure"] == {"approved": None, "revised": None, "actual": None}
    assert totals["balance"] == {"approved": 800, "revised": None, "actual": 500}


def test_budget_line_rows_are_depth_first_with_heading_sums(budgets):
    budget = factories.BudgetPageFactory(
        parent=budgets,
        line_items=factories.budget_lines(
            ("2", "", "expenditure", None, None, None),
            ("1", "", "revenue", 40, None, None),
            ("21", "2", "expenditure", 10, None, 4),
            ("22", "2", "expenditure", 20, None, None),
        ),
    )
    rows = _reloaded(budget).line_rows
    assert [(row.item.code, row.depth, row.is_heading) for row in rows] == [
        ("2", 0, True),
        ("21", 1, False),
        ("22", 1, False),
        ("1", 0, False),
    ]
    assert rows[0].amounts == {"approved": 30, "revised": None, "actual": 4}


# Directory


def test_district_numbers_are_unique(db):
    factories.DistrictFactory(number=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.District.objects.create(number=5, name="منطقه‌ی تكراري")


def test_directory_entries_read_as_their_names(db):
    member = factories.StaffMemberFactory(full_name="زهرا كريمي", position="مدير روابط عمومي")
    assert str(member) == "زهرا كريمي (مدير روابط عمومي)"
    assert str(member.department) == member.department.name
    assert str(factories.DistrictFactory(name="منطقه‌ی يك")) == "منطقه‌ی يك"


def test_budget_line_codes_are_stored_with_ascii_digits():
    item = models.BudgetLineItem(code=" ۱۲ ", parent_code="١", title="عوارض", kind="revenue")
    item.clean()
    assert (item.code, item.parent_code) == ("12", "1")
