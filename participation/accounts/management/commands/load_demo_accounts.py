"""Create the demo citizen once: a verified account to try voting and commenting with."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from participation.accounts import services

EMAIL = "citizen@example.org"
DISPLAY_NAME = "شهروند نمونه"


class Command(BaseCommand):
    help = (
        f"Create the verified demo citizen {EMAIL} (password from SHAFAF_DEMO_CITIZEN_PASSWORD, "
        "or a generated one that is printed). Safe to re-run: an existing account is kept "
        "as it is, password included."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if get_user_model().objects.filter(email__iexact=EMAIL).exists():
            self.stdout.write(f"The demo citizen {EMAIL} exists already; left unchanged.")
            return
        password = os.environ.get("SHAFAF_DEMO_CITIZEN_PASSWORD") or secrets.token_urlsafe(12)
        user = services.create_citizen(email=EMAIL, password=password, display_name=DISPLAY_NAME)
        profile = services.profile_for(user)
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
        self.stdout.write(f"Demo citizen created: {EMAIL} / {password}")
