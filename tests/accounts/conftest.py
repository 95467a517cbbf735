"""Fixtures for accounts: citizens, a clean cache for rate limits, and mail sent on commit."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils.html import escape

from tests.participation.factories import UserFactory

PASSWORD = "a-long-test-password"
# Arabic ي and ك, a ZWNJ inside a word, and markup that must never run.
PERSIAN_NAME = "مهدي كاظمی‌نژاد <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(db):
    """A verified citizen who signs in with citizen…@example.org and PASSWORD."""
    return UserFactory(password=PASSWORD)


@pytest.fixture
def unverified(db):
    return UserFactory(password=PASSWORD, profile__email_verified_at=None)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """``with on_commit(): client.post(...)`` runs what the view queued after the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def links_in(message):
    """The http(s) links in a mail's body."""
    return re.findall(r"https?://\S+", message.body)


def last_mail_to(address):
    matching = [message for message in mail.outbox if address in message.to]
    assert matching, f"no mail to {address}"
    return matching[-1]


def shows(response, text):
    """True when the page shows ``text`` (a lazy gettext string: Persian once translated)."""
    return escape(str(text)) in response.content.decode()
