"""Signing in by email, signing out, and the lockout after repeated failures (django-axes)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participation.ratelimit import Limit
from tests.accounts.conftest import PASSWORD, shows

pytestmark = pytest.mark.django_db

LOCKED_OUT = _(
    "Too many failed sign-in attempts. For your safety, signing in is paused for a "
    "while; try again later or reset your password."
)


def sign_in(client, login, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": login, "password": password}, **extra
    )


def test_a_citizen_signs_in_with_the_email_address_in_any_case(client, citizen):
    response = sign_in(client, citizen.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).wsgi_request.user == citizen


def test_a_wrong_password_is_refused_with_a_message_that_names_neither_part(client, citizen):
    response = sign_in(client, citizen.email, "wrong-password")
    assert response.status_code == 200
    assert shows(response, _("The email address or the password is wrong."))
    unknown = sign_in(client, "nobody@example.org", "wrong-password")
    assert shows(unknown, _("The email address or the password is wrong."))


def test_signing_out_takes_a_post(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("accounts:signup")).wsgi_request.user.is_authenticated


def test_after_the_failure_limit_even_the_right_password_is_refused(client, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(2):
        assert sign_in(client, citizen.email, "wrong-password").status_code == 200
    locked = sign_in(client, citizen.email, "wrong-password")
    assert locked.status_code == 429
    assert shows(locked, LOCKED_OUT)
    right = sign_in(client, citizen.email, PASSWORD)
    assert right.status_code == 429
    assert not right.wsgi_request.user.is_authenticated


def test_the_lockout_is_per_email_and_address(client, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        sign_in(client, citizen.email, "wrong-password")
    other = User.objects.create_user("other", "other@example.org", PASSWORD)
    assert sign_in(client, other.email, PASSWORD).status_code == 302
    assert sign_in(client, citizen.email, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(2):
        sign_in(client, citizen.email, "wrong-password")
    assert sign_in(client, citizen.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(2):
        assert sign_in(client, citizen.email, "wrong-password").status_code == 200
    assert sign_in(client, citizen.email, PASSWORD).status_code == 302


def test_the_wagtail_admin_login_is_locked_out_too(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    url = reverse("wagtailadmin_login")
    for _attempt in range(2):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    assert client.post(url, {"username": "editor", "password": "wrong"}).status_code == 429
    assert client.post(url, {"username": "editor", "password": PASSWORD}).status_code == 429


def test_the_wagtail_admin_login_works_with_a_username(client):
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_sign_in_attempts_are_rate_limited_per_address(client, citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"login": {"ip": Limit(2, 60)}}
    sign_in(client, "a@example.org", "x")
    sign_in(client, "b@example.org", "x")
    assert sign_in(client, citizen.email, PASSWORD).status_code == 429


def test_every_spelling_of_the_address_counts_against_one_account(client, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    sign_in(client, citizen.email, "wrong-password")
    sign_in(client, citizen.email.upper(), "wrong-password")
    assert sign_in(client, f" {citizen.email.title()} ", "wrong-password").status_code == 429
