"""Factories for polls and voters, with Persian text (Arabic letters, ZWNJ) and an XSS payload."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from participation.models import PollChoice, PollPage
from tests.accounts.factories import CitizenProfileFactory
from tests.cms.factories import PageFactory
from tests.conftest import XSS

CHOICE_LABELS = [
    f"بوستان محله‌ی نارمک {XSS}",
    "کتابخانه‌ي عمومي",
    "پیاده‌راه خیابان اصلی",
    "ایستگاه دوچرخه‌ی شهری",
    "زمین بازی کودکان",
    "سرای محله",
]


def poll_choices(count=3):
    """``count`` unsaved choices for a new poll."""
    return [
        PollChoice(
            label=CHOICE_LABELS[n % len(CHOICE_LABELS)] + ("" if n < 6 else f" {n}"),
            sort_order=n,
        )
        for n in range(count)
    ]


class PollPageFactory(PageFactory):
    """An open single-choice poll for signed-in citizens, three choices, results shown live."""

    title = factory.Sequence(lambda n: f"نظرسنجی {n}: کدام طرح محله‌ی شما را بهتر می‌کند؟ {XSS}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    results_visibility = PollPage.ResultsVisibility.LIVE
    choices = factory.LazyFunction(poll_choices)

    class Meta:
        model = PollPage


class UserFactory(factory.django.DjangoModelFactory):
    """A verified citizen: ``UserFactory(profile__email_verified_at=None)`` for an unverified one."""

    username = factory.Sequence(lambda n: f"citizen{n}")
    email = factory.Sequence(lambda n: f"citizen{n}@example.org")
    first_name = "زهرا"
    last_name = factory.Sequence(lambda n: f"کریمی {n}")
    password = factory.django.Password("a-long-test-password")
    is_active = True
    profile = factory.RelatedFactory(CitizenProfileFactory, factory_related_name="user")

    class Meta:
        model = get_user_model()
