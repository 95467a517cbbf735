"""Factories for citizen profiles, with a Persian display name (Arabic letters, ZWNJ, XSS)."""

import factory
from django.utils import timezone

from participation.accounts.models import CitizenProfile
from tests.conftest import XSS


class CitizenProfileFactory(factory.django.DjangoModelFactory):
    """A verified citizen's profile; ``email_verified_at=None`` for an unverified one."""

    # As sign-up does: the profile claims the account's address.
    normalized_email = factory.LazyAttribute(lambda profile: profile.user.email.lower())
    display_name = factory.Sequence(lambda n: f"شهروند كوشا‌ي {n} {XSS}"[:60])
    email_verified_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = CitizenProfile
