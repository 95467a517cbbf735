"""The demo citizen: created verified once, left alone on later runs."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from participation.accounts.services import is_verified_citizen

pytestmark = pytest.mark.django_db


def test_the_demo_citizen_is_created_verified_once(monkeypatch):
    monkeypatch.setenv("SHAFAF_DEMO_CITIZEN_PASSWORD", "demo-password-۱۴۰۳")
    call_command("load_demo_accounts", stdout=io.StringIO())
    user = User.objects.get(email="citizen@example.org")
    assert is_verified_citizen(user)
    assert user.check_password("demo-password-۱۴۰۳")

    monkeypatch.setenv("SHAFAF_DEMO_CITIZEN_PASSWORD", "another-password")
    out = io.StringIO()
    call_command("load_demo_accounts", stdout=out)
    assert "unchanged" in out.getvalue()
    assert User.objects.filter(email="citizen@example.org").count() == 1
    user.refresh_from_db()
    assert user.check_password("demo-password-۱۴۰۳")
