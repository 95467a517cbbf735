"""Model invariants of events and laws: every clean() rule."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms import models
from tests.cms import factories
from tests.cms.model_checks import errors_of as _errors

pytestmark = pytest.mark.django_db


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
