"""People of the discussion tests: anonymous, unverified, verified citizens and moderators.

Shared by tests/comments and tests/forums (imported by both conftest files).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from participation.accounts.models import CitizenProfile
from participation.roles import MODERATOR
from tests.participation.factories import UserFactory

# Arabic ي and ك as many keyboards type them, and ZWNJ inside words.
__all__ = [
    "citizen",
    "empty_cache",
    "moderator",
    "other_citizen",
    "people",
    "unverified",
]

DISPLAY_NAME = "شهروند آزمايشي‌ك"


def make_citizen(verified=True, display_name=DISPLAY_NAME, **fields):
    """A user with a profile; ``verified`` sets their email as verified."""
    user = UserFactory(
        email=f"{UserFactory._meta.model.objects.count()}-citizen@example.org", **fields
    )
    # Accounts may have made the profile when the user was created.
    CitizenProfile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "email_verified_at": timezone.now() if verified else None,
        },
    )
    return user


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and duplicate fingerprints live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    return make_citizen()


@pytest.fixture
def other_citizen(db):
    return make_citizen(display_name="همسايه‌ی محله")


@pytest.fixture
def unverified(db):
    return make_citizen(verified=False)


@pytest.fixture
def moderator(db):
    user = make_citizen(display_name="ناظر")
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def people(citizen, unverified, moderator):
    """{role: user or None} for permission matrices."""
    return {"anonymous": None, "unverified": unverified, "citizen": citizen, "moderator": moderator}
