"""Model invariants: every clean() rule, field validator and database constraint of the pages."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms import models
from tests.cms import factories

pytestmark = pytest.mark.django_db


def _at(*args):
    """An aware datetime in the portal's time zone (Tehran)."""
    return timezone.make_aware(datetime.datetime(*args))


def _errors(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def _reloaded(page):
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


# Events


def test_event_ending_before_it_starts_is_refused(sections):
    event = factories.EventPageFactory(parent=sections[models.EventIndexPage])
    event.end = event.start - datetime.timedelta(minutes=1)
    assert _errors(event) == {"end": [_("An event cannot end before it starts.")]}


def test_event_ending_when_it_starts_is_accepted(sections):
    event = factories.EventPageFactory(parent=sections[models.EventIndexPage])
    event.end = event.start
    event.full_clean()


def test_event_without_end_is_accepted(sections):
    factories.EventPageFactory(parent=sections[models.EventIndexPage], end=None).full_clean()


# Laws


@pytest.fixture
def laws(sections):
    return sections[models.LawIndexPage]


def test_law_taking_effect_before_approval_is_refused(laws):
    law = factories.LawPageFactory(parent=laws, approval_date=datetime.date(2024, 4, 20))
    law.effective_date = datetime.date(2024, 4, 19)
    assert _errors(law) == {
        "effective_date": [_("A text cannot take effect before it is approved.")]
    }


def test_law_taking_effect_on_approval_day_is_accepted(laws):
    law = factories.LawPageFactory(parent=laws, approval_date=datetime.date(2024, 4, 20))
    law.effective_date = datetime.date(2024, 4, 20)
    law.full_clean()


def test_repealed_law_must_say_what_repealed_it(laws):
    law = factories.LawPageFactory(parent=laws)
    law.status = models.LawPage.Status.REPEALED
    assert _errors(law) == {"repealed_by": [_("Say which text repealed this one.")]}


def test_repealed_law_naming_its_repealer_is_accepted(laws):
    repealer = factories.LawPageFactory(parent=laws, title="قانون جديد")
    law = factories.LawPageFactory(parent=laws)
    law.status = models.LawPage.Status.REPEALED
    law.repealed_by = repealer
    law.full_clean()


def test_law_cannot_repeal_itself(laws):
    law = factories.LawPageFactory(parent=laws)
    law.repealed_by = law
    assert _errors(law) == {"repealed_by": [_("A text cannot repeal itself.")]}


def _cycle_message(*titles):
    return _("Amendments would form a cycle: %(chain)s") % {"chain": " ← ".join(titles)}


def test_law_amending_itself_is_refused(laws):
    law = factories.LawPageFactory(parent=laws, title="مصوبه‌ی الف")
    law.amends = [law]
    assert _errors(law) == {"amends": [_cycle_message("مصوبه‌ی الف", "مصوبه‌ی الف")]}


def test_two_laws_amending_each_other_are_refused(laws):
    earlier = factories.LawPageFactory(parent=laws, title="مصوبه‌ی الف")
    later = factories.LawPageFactory(parent=laws, title="مصوبه‌ی ب", amends=[earlier])
    earlier.amends = [later]
    assert _errors(earlier) == {"amends": [_cycle_message("مصوبه‌ی الف", "مصوبه‌ی ب", "مصوبه‌ی الف")]}


def test_amendment_chain_leading_back_to_its_start_is_refused(laws):
    first = factories.LawPageFactory(parent=laws, title="مصوبه‌ی يك")
    second = factories.LawPageFactory(parent=laws, title="مصوبه‌ی دو", amends=[first])
    third = factories.LawPageFactory(parent=laws, title="مصوبه‌ی سه", amends=[second])
    first.amends = [third]
    assert _errors(first) == {
        "amends": [_cycle_message("مصوبه‌ی يك", "مصوبه‌ی سه", "مصوبه‌ی دو", "مصوبه‌ی يك")]
    }


def test_amendment_chain_without_loop_is_accepted(laws):
    first = factories.LawPageFactory(parent=laws)
    second = factories.LawPageFactory(parent=laws, amends=[first])
    third = factories.LawPageFactory(parent=laws, amends=[second, first])
    third.full_clean()
    assert third.find_amendment_cycle() == []


def test_new_law_amending_itself_is_refused_before_it_is_saved(laws):
    law = models.LawPage(
        title="پيش‌نويس",
        number="۱/ش/۱۴۰۳",
        approval_authority="شورا",
        approval_date=datetime.date(2024, 1, 1),
    )
    law.amends = [law]
    with pytest.raises(ValidationError) as caught:
        law.clean()
    assert caught.value.message_dict == {"amends": [_cycle_message("پيش‌نويس", "پيش‌نويس")]}


# Tenders


@pytest.fixture
def tenders(sections):
    return sections[models.TenderIndexPage]


def test_tender_deadline_before_publish_date_is_refused(tenders):
    tender = factories.TenderPageFactory(parent=tenders, publish_date=datetime.date(2024, 5, 1))
    tender.submission_deadline = _at(2024, 4, 30, 23, 0)
    assert _errors(tender) == {
        "submission_deadline": [_("The submission deadline must come after the publish date.")]
    }


def test_tender_deadline_early_on_its_publish_day_is_accepted(tenders):
    # 01:00 in Tehran is still the previous day in UTC, as the database returns it.
    tender = factories.TenderPageFactory(
        parent=tenders,
        publish_date=datetime.date(2024, 5, 1),
        submission_deadline=_at(2024, 5, 1, 1, 0),
    )
    _reloaded(tender).full_clean()


def test_tender_opening_before_deadline_is_refused(tenders):
    tender = factories.TenderPageFactory(parent=tenders)
    tender.opening_date = tender.submission_deadline - datetime.timedelta(hours=1)
    assert _errors(tender) == {
        "opening_date": [_("Bids cannot be opened before the submission deadline.")]
    }


def test_tender_opening_at_deadline_is_accepted(tenders):
    tender = factories.TenderPageFactory(parent=tenders)
    tender.opening_date = tender.submission_deadline
    tender.full_clean()


def test_awarded_tender_needs_winner_amount_and_date(tenders):
    tender = factories.TenderPageFactory(parent=tenders)
    tender.status = models.TenderPage.Status.AWARDED
    required = [_("Required once the status is Awarded.")]
    assert _errors(tender) == {
        "award_winner": required,
        "award_amount": required,
        "award_date": required,
    }


def test_awarded_tender_with_only_winner_needs_amount_and_date(tenders):
    tender = factories.TenderPageFactory(parent=tenders)
    tender.status = models.TenderPage.Status.AWARDED
    tender.award_winner = "شركت راه‌سازان"
    assert set(_errors(tender)) == {"award_amount", "award_date"}


def test_awarded_tender_with_full_award_is_accepted(tenders):
    tender = factories.TenderPageFactory(parent=tenders)
    tender.status = models.TenderPage.Status.AWARDED
    tender.award_winner = "شركت راه‌سازان"
    tender.award_amount = 11_900_000_000
    tender.award_date = datetime.date(2024, 6, 1)
    tender.full_clean()


@pytest.mark.parametrize(
    "award",
    [{"award_winner": "شركت راه‌سازان"}, {"award_amount": 0}],
    ids=["winner", "amount"],
)
def test_tender_with_award_but_not_awarded_status_is_refused(tenders, award):
    tender = factories.TenderPageFactory(parent=tenders)
    for name, value in award.items():
        setattr(tender, name, value)
    assert _errors(tender) == {
        "status": [
            _(
                "A tender or auction with a winner or an awarded amount must have the status "
                "Awarded."
            )
        ]
    }


def test_tender_awarded_before_it_was_published_is_refused(tenders):
    tender = factories.TenderPageFactory(parent=tenders, publish_date=datetime.date(2024, 5, 1))
    tender.status = models.TenderPage.Status.AWARDED
    tender.award_winner = "شركت راه‌سازان"
    tender.award_amount = 1
    tender.award_date = datetime.date(2024, 4, 30)
    assert _errors(tender) == {
        "award_date": [_("A tender or auction cannot be awarded before it is published.")]
    }


def test_second_tender_with_same_reference_number_is_refused(tenders):
    factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    second = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۳")
    second.reference_number = "م/۱۴۰۳/۱۲"
    assert _errors(second) == {
        "reference_number": [_("Another tender or auction already has this reference number.")]
    }


def test_new_tender_reusing_a_reference_number_cannot_be_created(tenders):
    factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    with pytest.raises(ValidationError) as caught:
        factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    assert "reference_number" in caught.value.message_dict
    assert models.TenderPage.objects.count() == 1


def test_tender_keeps_its_own_reference_number_when_edited(tenders):
    tender = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    tender.title = "مناقصه‌ی اصلاح‌شده"
    tender.full_clean()


def test_translation_of_a_tender_shares_its_reference_number(tenders, english):
    tender = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    translation = tender.copy_for_translation(english, copy_parents=True)
    assert translation.reference_number == "م/۱۴۰۳/۱۲"
    _reloaded(translation).full_clean()


def test_different_tender_in_another_language_may_reuse_the_number(tenders, english):
    factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    other = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۹۹")
    translation = _reloaded(other.copy_for_translation(english, copy_parents=True))
    translation.reference_number = "م/۱۴۰۳/۱۲"
    translation.full_clean()


def test_different_tender_in_the_same_other_language_may_not_reuse_the_number(tenders, english):
    first = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱")
    second = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۲")
    first.copy_for_translation(english, copy_parents=True)
    translation = _reloaded(second.copy_for_translation(english, copy_parents=True))
    translation.reference_number = "م/۱۴۰۳/۱"
    assert set(_errors(translation)) == {"reference_number"}


# Projects


@pytest.fixture
def project(sections):
    return factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage])


def test_project_ending_before_it_starts_is_refused(project):
    project.start_date = datetime.date(2024, 5, 1)
    project.end_date = datetime.date(2024, 4, 30)
    assert _errors(project) == {"end_date": [_("A project cannot end before it starts.")]}


@pytest.mark.parametrize("progress", [0, 100])
def test_project_progress_at_the_bounds_is_accepted(project, progress):
    project.progress = progress
    project.full_clean()


def test_project_progress_above_100_is_refused(project):
    project.progress = 101
    assert "progress" in _errors(project)


def test_database_refuses_progress_above_100(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.ProjectPage.objects.filter(pk=project.pk).update(progress=101)


@pytest.mark.parametrize("field", ["budget", "spent"])
def test_project_money_cannot_be_negative(project, field):
    setattr(project, field, -1)
    assert field in _errors(project)


def test_database_refuses_negative_spending(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.ProjectPage.objects.filter(pk=project.pk).update(spent=-1)


@pytest.mark.parametrize(
    "coordinates",
    [{"latitude": Decimal("35.7")}, {"longitude": Decimal("51.4")}],
    ids=["latitude only", "longitude only"],
)
def test_project_needs_both_coordinates_or_neither(project, coordinates):
    for name, value in coordinates.items():
        setattr(project, name, value)
    assert _errors(project) == {"longitude": [_("Give both latitude and longitude, or neither.")]}


def test_project_with_both_coordinates_is_accepted(project):
    project.latitude, project.longitude = Decimal("35.689198"), Decimal("51.388974")
    project.full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("90.000001"), Decimal(0), "latitude"),
        (Decimal("-90.5"), Decimal(0), "latitude"),
        (Decimal(0), Decimal("180.5"), "longitude"),
        (Decimal(0), Decimal("-181"), "longitude"),
    ],
)
def test_project_coordinates_out_of_range_are_refused(project, latitude, longitude, field):
    project.latitude, project.longitude = latitude, longitude
    assert field in _errors(project)


def test_finished_project_must_be_100_percent_done(project):
    project.status = models.ProjectPage.Status.DONE
    project.progress = 99
    assert _errors(project) == {"progress": [_("A finished project is 100 percent done.")]}


def test_finished_project_at_100_percent_is_accepted(project):
    project.status = models.ProjectPage.Status.DONE
    project.progress = 100
    project.full_clean()


@pytest.mark.parametrize(("budget", "percent"), [(None, None), (0, None), (400, 25)])
def test_spent_percent_is_the_share_of_the_budget(project, budget, percent):
    project.budget, project.spent = budget, 100
    assert project.spent_percent == percent


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


def test_translation_of_a_budget_shares_its_year(budgets, english):
    budget = factories.BudgetPageFactory(parent=budgets, fiscal_year=1403)
    translation = budget.copy_for_translation(english, copy_parents=True)
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
