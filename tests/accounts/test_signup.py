"""Signing up: the form, the verification mail and link, and no way to learn who has an account."""

import time
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from participation import roles
from participation.accounts.services import is_verified_citizen
from participation.accounts.tokens import SALT, make_verification_token
from tests.accounts.conftest import PASSWORD, PERSIAN_NAME, last_mail_to, links_in, shows

pytestmark = pytest.mark.django_db

EMAIL = "Zahra.Karimi@Example.org"
# Expected texts through gettext: the Persian translation once merged, the msgid before.
CHECK_MAIL = _("Check your email")


def signup_data(**overrides):
    data = {
        "email": EMAIL,
        "display_name": PERSIAN_NAME,
        "mobile": "۰۹۱۲ ۳۴۵ ۶۷۸۹",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    }
    return {**data, **overrides}


def sign_up(client, on_commit, **overrides):
    with on_commit():
        return client.post(reverse("accounts:signup"), signup_data(**overrides), follow=True)


def test_sign_up_mails_a_link_that_verifies_the_address_then_the_citizen_signs_in(
    client, on_commit
):
    response = sign_up(client, on_commit)
    assert response.redirect_chain[-1][0] == reverse("accounts:signup-done")

    user = User.objects.get(email=EMAIL.lower())
    assert not is_verified_citizen(user)
    assert user.groups.filter(name=roles.CITIZEN).exists()
    profile = user.citizen_profile
    assert profile.display_name == "مهدی کاظمی‌نژاد"  # Persian letters, no markup or script
    assert profile.mobile == "09123456789"

    message = last_mail_to(EMAIL.lower())
    [link] = links_in(message)
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "form" in confirm.content.decode()
    client.post(link)
    user.citizen_profile.refresh_from_db()
    assert user.citizen_profile.email_verified_at is not None

    response = client.post(
        reverse("accounts:login"), {"username": EMAIL, "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user == user
    assert is_verified_citizen(response.wsgi_request.user)


def test_the_check_your_mail_page_is_translated(client, on_commit):
    response = sign_up(client, on_commit)
    assert shows(response, CHECK_MAIL)


def test_signing_up_with_a_known_address_shows_the_same_page_and_tells_the_owner(
    client, on_commit, citizen
):
    response = sign_up(client, on_commit, email=citizen.email.upper())
    assert response.redirect_chain[-1][0] == reverse("accounts:signup-done")
    assert shows(response, CHECK_MAIL)
    assert User.objects.filter(email__iexact=citizen.email).count() == 1
    message = last_mail_to(citizen.email)
    assert reverse("accounts:password-reset") in message.body
    assert "/verify/" not in message.body


def test_a_tampered_link_is_refused_with_a_clear_message(client, citizen):
    token = make_verification_token(citizen)
    response = client.post(reverse("accounts:verify-email", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert shows(
        response,
        _(
            "This confirmation link is not valid. Copy the whole link from the mail, "
            "or ask for a new one."
        ),
    )


def test_an_expired_link_is_refused_and_says_so(client, unverified):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 4 * 86400):
        token = make_verification_token(unverified)
    response = client.post(reverse("accounts:verify-email", args=[token]))
    assert response.status_code == 400
    assert shows(response, _("This confirmation link has expired."))
    unverified.citizen_profile.refresh_from_db()
    assert unverified.citizen_profile.email_verified_at is None


def test_a_link_for_an_address_since_changed_is_refused(client, unverified):
    token = make_verification_token(unverified)
    unverified.email = "new-address@example.org"
    unverified.save()
    response = client.post(reverse("accounts:verify-email", args=[token]))
    assert response.status_code == 400


def test_a_link_signed_for_another_purpose_is_refused(client, unverified):
    token = signing.dumps({"user": unverified.pk, "email": unverified.email}, salt=SALT + "x")
    assert client.post(reverse("accounts:verify-email", args=[token])).status_code == 400


def test_a_filled_honeypot_creates_nothing_and_sends_nothing(client, on_commit):
    response = sign_up(client, on_commit, website="http://spam.example")
    assert response.status_code == 200
    assert shows(response, _("Your submission could not be accepted. Please try again."))
    assert not User.objects.filter(email=EMAIL.lower()).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("password2", "another-long-password", _("The two passwords do not match.")),
        ("mobile", "12345", _("Enter an Iranian mobile number, such as 09121234567.")),
        ("email", "not-an-address", _("Enter a valid email address.")),
        ("display_name", "<b></b>", _("Enter the name to show next to what you write.")),
        ("password1", "123", _("This password is too short.")),
    ],
)
def test_bad_input_is_refused_with_a_translated_error_linked_to_its_field(
    client, on_commit, field, value, error
):
    overrides = {field: value}
    if field == "password1":
        overrides["password2"] = value
    response = sign_up(client, on_commit, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(str(error).split(" It must")[0]) in html
    assert f'id="id_{field}_error"' in html
    assert "aria-invalid" in html
    assert not User.objects.filter(email=EMAIL.lower()).exists()
    assert mail.outbox == []


def test_sign_up_is_rate_limited_per_address(client, on_commit):
    for n in range(5):
        sign_up(client, on_commit, email=f"person{n}@example.org")
    response = sign_up(client, on_commit, email="one-too-many@example.org")
    assert response.status_code == 429
    assert not User.objects.filter(email="one-too-many@example.org").exists()


def test_the_display_name_is_escaped_in_the_verification_page(client, unverified):
    unverified.citizen_profile.display_name = "<script>alert(1)</script>"
    unverified.citizen_profile.save()
    token = make_verification_token(unverified)
    html = client.get(reverse("accounts:verify-email", args=[token])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_a_signed_in_citizen_can_ask_for_a_new_link(client, on_commit, unverified):
    client.force_login(unverified)
    with on_commit():
        client.post(reverse("accounts:resend-verification"))
    [link] = links_in(last_mail_to(unverified.email))
    client.post(link)
    unverified.citizen_profile.refresh_from_db()
    assert unverified.citizen_profile.email_verified_at is not None
