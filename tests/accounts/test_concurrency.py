"""Signing up with one address many times at once makes one account (PostgreSQL, threads).

SQLite serializes every write behind one database lock, so racing there proves nothing.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from participation.accounts.models import CitizenProfile
from tests.accounts.conftest import PASSWORD
from tests.participation.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serializes writes, so threads cannot race on it",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "Hamzeh.Rahimi@Example.org"
ATTEMPTS = 10


def sign_up(email, address):
    data = {
        "email": email,
        "display_name": "حمزه رحيمی‌فر",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    }
    # From another address each: the sign-up rate limit counts per address.
    return Client(REMOTE_ADDR=address).post(reverse("accounts:signup"), data)


def test_ten_sign_ups_with_one_address_at_once_make_one_account_and_the_same_answer():
    # Each in another case: the database compares them as one address.
    spellings = [EMAIL.upper() if n % 2 else EMAIL for n in range(ATTEMPTS)]
    jobs = [
        (lambda email=email, n=n: sign_up(email, f"198.51.100.{n + 1}"))
        for n, email in enumerate(spellings)
    ]

    outcomes = run_at_once(jobs)

    assert [getattr(outcome, "status_code", outcome) for outcome in outcomes] == [302] * ATTEMPTS
    assert {outcome.url for outcome in outcomes} == {reverse("accounts:signup-done")}
    assert User.objects.filter(email__iexact=EMAIL).count() == 1
    assert CitizenProfile.objects.filter(normalized_email=EMAIL.lower()).count() == 1
    # One verification link; every other attempt told the owner instead.
    verification = [message for message in mail.outbox if "/verify/" in message.body]
    assert len(verification) == 1
    assert len(mail.outbox) == ATTEMPTS
