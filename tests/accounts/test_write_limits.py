"""Every public write of the accounts is rate-limited: 429, nothing changed."""

from django.urls import reverse

from participation.accounts.tokens import make_verification_token
from participation.ratelimit import Limit
from tests.accounts.conftest import PASSWORD


def test_password_changes_are_rate_limited(client, citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"password_change": {"user": Limit(1, 600)}}
    client.force_login(citizen)
    url = reverse("accounts:password-change")
    wrong = {"old_password": "not-it", "new_password1": "x", "new_password2": "x"}
    assert client.post(url, wrong).status_code == 200

    new = "يك-گذرواژه‌ی-تازه-و-بلند"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 429
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_verification_links_are_rate_limited_before_they_are_read(client, unverified, settings):
    settings.SHAFAF_RATE_LIMITS = {"verify_email": {"ip": Limit(1, 600)}}
    guessed = make_verification_token(unverified)[:-2] + "xx"
    assert client.post(reverse("accounts:verify-email", args=[guessed])).status_code == 400

    real = make_verification_token(unverified)
    response = client.post(reverse("accounts:verify-email", args=[real]))

    assert response.status_code == 429
    unverified.citizen_profile.refresh_from_db()
    assert unverified.citizen_profile.email_verified_at is None
