"""Accounts API: the own profile (GET/PATCH me/) and tokens for apps, rate limited and locked out."""

import pytest
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from rest_framework.test import APIClient

from participation.accounts.models import CitizenProfile
from participation.ratelimit import Limit
from tests.accounts.conftest import PASSWORD
from tests.participation.factories import PollPageFactory

pytestmark = pytest.mark.django_db

ME = reverse_lazy("participation_api:account-me")
TOKEN = reverse_lazy("participation_api:account-token")


@pytest.fixture
def api():
    return APIClient()


def get_token(api, email, password=PASSWORD):
    return api.post(TOKEN, {"email": email, "password": password}, format="json")


def test_signed_out_callers_cannot_read_a_profile(api):
    response = api.get(ME)
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"error", "code"}


def test_a_token_opens_the_own_profile(api, citizen):
    response = get_token(api, citizen.email.upper())
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api.get(ME).json()
    assert me == {
        "email": citizen.email,
        "email_verified": True,
        "display_name": citizen.citizen_profile.display_name,
        "mobile": "",
        "mobile_verified": False,
        "notification_frequency": "immediate",
    }


def test_the_same_token_comes_back_each_time(api, citizen):
    assert get_token(api, citizen.email).json() == get_token(api, citizen.email).json()


def test_a_wrong_password_gets_no_token(api, citizen):
    response = get_token(api, citizen.email, "wrong-password")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"
    assert "token" not in response.json()


def test_patch_changes_the_name_mobile_and_notifications_only(api, citizen):
    api.force_authenticate(citizen)
    response = api.patch(
        ME,
        {
            "display_name": "علي  كريمي‌پور <script>x</script>",
            "mobile": "۰۹۳۵ ۱۱۱ ۲۲۳۳",
            "notification_frequency": "none",
            "email": "takeover@example.org",
            "email_verified": False,
        },
        format="json",
    )
    assert response.status_code == 200
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.display_name == "علی کریمی‌پور"
    assert profile.mobile == "09351112233"
    assert profile.notification_frequency == "none"
    citizen.refresh_from_db()
    assert citizen.email != "takeover@example.org"
    assert profile.email_verified_at is not None


def test_patch_refuses_a_bad_mobile_with_the_field_named(api, citizen):
    api.force_authenticate(citizen)
    response = api.patch(ME, {"mobile": "12"}, format="json")
    assert response.status_code == 400
    assert "mobile" in response.json()["fields"]
    assert CitizenProfile.objects.get(user=citizen).mobile == ""


def test_the_token_endpoint_locks_out_after_repeated_failures(api, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(2):
        assert get_token(api, citizen.email, "wrong").status_code == 400
    locked = get_token(api, citizen.email, "wrong")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert get_token(api, citizen.email).status_code == 429


def test_the_lockout_answer_has_the_api_error_shape(api, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 2
    get_token(api, citizen.email, "wrong")
    get_token(api, citizen.email, "wrong")
    locked = get_token(api, citizen.email)
    assert locked.status_code == 429
    body = locked.json()
    assert set(body) == {"error", "code"}
    assert body["code"] == "locked_out"
    assert body["error"] == gettext(
        "Too many failed sign-in attempts. For your safety, signing in is paused for a "
        "while; try again later or reset your password."
    )


def test_the_token_endpoint_is_rate_limited(api, citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"api_token": {"ip": Limit(2, 60)}}
    get_token(api, "a@example.org", "x")
    get_token(api, "b@example.org", "x")
    response = get_token(api, citizen.email)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_an_app_votes_with_its_token_as_a_verified_citizen(api, citizen, home):
    from participation.models import PollIndexPage

    poll = PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())
    token = get_token(api, citizen.email).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(
        reverse("participation_api:poll-votes", args=[poll.pk]),
        {"choices": [poll.choices.first().pk]},
        format="json",
    )
    assert response.status_code == 201
