"""Model invariants of tenders and auctions: timeline, award, reference numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms import models
from tests.cms import factories
from tests.cms.model_checks import at as _at
from tests.cms.model_checks import errors_of as _errors
from tests.cms.model_checks import reloaded as _reloaded

pytestmark = pytest.mark.django_db


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


def test_translation_of_a_tender_shares_its_reference_number(tenders, english_locale):
    tender = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    translation = tender.copy_for_translation(english_locale, copy_parents=True)
    assert translation.reference_number == "م/۱۴۰۳/۱۲"
    _reloaded(translation).full_clean()


def test_different_tender_in_another_language_may_reuse_the_number(tenders, english_locale):
    factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱۲")
    other = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۹۹")
    translation = _reloaded(other.copy_for_translation(english_locale, copy_parents=True))
    translation.reference_number = "م/۱۴۰۳/۱۲"
    translation.full_clean()


def test_different_tender_in_the_same_other_language_may_not_reuse_the_number(
    tenders, english_locale
):
    first = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۱")
    second = factories.TenderPageFactory(parent=tenders, reference_number="م/۱۴۰۳/۲")
    first.copy_for_translation(english_locale, copy_parents=True)
    translation = _reloaded(second.copy_for_translation(english_locale, copy_parents=True))
    translation.reference_number = "م/۱۴۰۳/۱"
    assert set(_errors(translation)) == {"reference_number"}
