"""Fixtures for the participation log and the audit trail: a poll, a suggestion box, a
complaint category, citizens with Persian names (Arabic letters, ZWNJ) and council staff."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from cms.models import Department
from participation.feedback.models import ComplaintCategory, SuggestionBoxPage, SuggestionIndexPage
from participation.models import PollIndexPage
from tests.conftest import XSS
from tests.participation.factories import PollPageFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and duplicate checks live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_poll(home):
    """``make_poll(**fields)``: a live, open poll in the polls section."""
    index = PollIndexPage.objects.child_of(home).get()

    def make(**fields):
        return PollPageFactory(parent=index, **fields)

    return make


@pytest.fixture
def poll(make_poll):
    return make_poll(allow_vote_change=True)


@pytest.fixture
def citizen(db):
    return UserFactory(first_name="علي", last_name="كريمي‌نژاد")


@pytest.fixture
def department(db):
    return Department.objects.create(name="معاونت خدمات شهري", email="services@example.org")


@pytest.fixture
def box(home, department):
    index = SuggestionIndexPage.objects.child_of(home).get()
    box = SuggestionBoxPage(
        title="صندوق پیشنهاد‌های محله",
        slug="neighbourhood-box",
        department=department,
        opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    index.add_child(instance=box)
    return box


@pytest.fixture
def category(department):
    return ComplaintCategory.objects.create(
        name="روشنايي معابر",
        department=department,
        response_days=5,
        service_code="street-lighting",
    )


@pytest.fixture
def reviewer(db):
    """A council member: the group holds the review permission."""
    user = UserFactory(first_name="مريم", last_name="رضایی‌فر")
    user.groups.add(Group.objects.get(name="council member"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


SUGGESTION_TITLE = f"پیاده‌رو خیابان ولي‌عصر {XSS}"
SUGGESTION_BODY = "لطفاً پیاده‌روی جلوی مدرسه‌ي كودكان را تعمیر کنید."
COMPLAINT_TEXT = f"چراغ‌های كوچه‌ی ۱۲ خاموش است {XSS}"
