"""Fixtures for suggestions and complaints: a section with boxes, categories, citizens."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.models import Department
from participation.accounts.services import create_citizen, mark_email_verified
from participation.feedback.models import (
    ComplaintCategory,
    ComplaintsPage,
    SuggestionBoxPage,
    SuggestionIndexPage,
)
from tests.participation.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits, duplicate checks and cached figures live in the cache: start empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def department(db):
    return Department.objects.create(name="معاونت خدمات شهري", email="services@example.org")


@pytest.fixture
def make_box(home, department):
    """``make_box(**fields)``: a live, open suggestion box in the suggestions section."""
    index = SuggestionIndexPage.objects.child_of(home).get()
    counter = iter(range(1, 1000))

    def make(**fields):
        number = next(counter)
        fields.setdefault("title", f"صندوق پیشنهاد {number}")
        fields.setdefault("slug", f"box-{number}")
        fields.setdefault("department", department)
        fields.setdefault("opens_at", timezone.now() - datetime.timedelta(days=1))
        box = SuggestionBoxPage(**fields)
        index.add_child(instance=box)
        return box

    return make


@pytest.fixture
def box(make_box):
    return make_box()


@pytest.fixture
def open_box(make_box):
    """A box that takes suggestions from anyone, even without an account."""
    return make_box(anonymity=SuggestionBoxPage.Anonymity.FULLY_ANONYMOUS)


@pytest.fixture
def complaints_page(home):
    return ComplaintsPage.objects.child_of(home).get()


@pytest.fixture
def category(department):
    return ComplaintCategory.objects.create(
        name="روشنايي معابر",
        description="چراغ‌های خاموش خیابان",
        department=department,
        response_days=5,
        service_code="street-lighting",
        keywords="چراغ، روشنایی",
    )


@pytest.fixture
def citizen(db):
    """A verified citizen with a Persian name containing Arabic letters and a ZWNJ."""
    return UserFactory(first_name="علي", last_name="كريمي‌نژاد")


@pytest.fixture
def signed_up_citizen(db):
    """A verified citizen made as sign-up makes one: an internal ``citizen-…`` username, no
    first or last name, and the display name they chose (Arabic letters, a ZWNJ)."""
    user = create_citizen(
        email="maryam@example.org",
        password="a-long-test-password",
        display_name="مريم كوشا‌نژاد",
    )
    mark_email_verified(user)
    return user


@pytest.fixture
def other_citizen(db):
    return UserFactory()


@pytest.fixture
def unverified(db):
    return UserFactory(profile__email_verified_at=None)


@pytest.fixture
def district_one(db):
    from cms.models import District

    return District.objects.create(number=1, name="منطقه يك")
