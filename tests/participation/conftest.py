"""Fixtures for participation: a polls section under the home page, polls and voters."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from participation.models import PollIndexPage
from tests.participation.factories import PollPageFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def poll_index(home):
    """The polls section a fresh site has (added through cms's register_site_section hook)."""
    return PollIndexPage.objects.child_of(home).get()


@pytest.fixture
def make_poll(poll_index):
    """``make_poll(**fields)``: a live poll in the polls section."""

    def make(**fields):
        return PollPageFactory(parent=poll_index, **fields)

    return make


@pytest.fixture
def poll(make_poll):
    return make_poll()


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def council_member(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="council member"))
    return user
