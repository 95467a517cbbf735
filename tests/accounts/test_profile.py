"""The citizen's own page: editing the profile, downloading one's data, deleting the account."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participation import services as poll_services
from participation.accounts.models import CitizenProfile, Notification
from participation.accounts.notifications import notify
from participation.models import PollIndexPage, Vote
from tests.accounts.conftest import PASSWORD, shows
from tests.participation.factories import PollPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


def test_the_profile_page_needs_a_signed_in_citizen(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_citizen_edits_the_display_name_mobile_and_notifications(signed_in, citizen):
    citizen.citizen_profile.mobile = "09120000000"
    citizen.citizen_profile.mobile_verified_at = citizen.citizen_profile.email_verified_at
    citizen.citizen_profile.save()
    response = signed_in.post(
        reverse("accounts:profile"),
        {
            "display_name": "نرگس  رضائي‌فر",
            "mobile": "+98 ٩١٢ ٧٦٥ ٤٣٢١",
            "notification_frequency": "daily",
        },
    )
    assert response.status_code == 302
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.display_name == "نرگس رضائی‌فر"
    assert profile.mobile == "09127654321"
    assert profile.mobile_verified_at is None  # a new number must be verified again
    assert profile.notification_frequency == "daily"


def test_an_invalid_mobile_is_refused_and_nothing_is_saved(signed_in, citizen):
    before = CitizenProfile.objects.get(user=citizen)
    response = signed_in.post(
        reverse("accounts:profile"),
        {"display_name": "نام تازه", "mobile": "0912", "notification_frequency": "none"},
    )
    assert response.status_code == 200
    assert shows(response, _("Enter an Iranian mobile number, such as 09121234567."))
    after = CitizenProfile.objects.get(user=citizen)
    assert (after.display_name, after.notification_frequency) == (
        before.display_name,
        before.notification_frequency,
    )


def test_the_profile_page_escapes_the_display_name(signed_in, citizen):
    html = signed_in.get(reverse("accounts:profile")).content.decode()
    assert "<script>" not in html.split("<main", 1)[1]


def test_an_unverified_citizen_is_told_to_verify(client, unverified):
    client.force_login(unverified)
    response = client.get(reverse("accounts:profile"))
    assert shows(response, _("Send me a new link"))


def test_the_export_holds_the_citizens_data_and_nothing_of_others(signed_in, citizen, home):
    other = UserFactory(email="someone-else@example.org")
    poll = PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())
    choice = poll.choices.first()
    poll_services.cast_vote(poll, user=citizen, choices=[choice.pk])
    poll_services.cast_vote(poll, user=other, choices=[choice.pk])
    Notification.objects.create(user=citizen, subject="پاسخ به نظر شما", message="متن")
    Notification.objects.create(user=other, subject="not yours", message="secret")

    response = signed_in.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    account = data["sources"]["account"]
    assert account["email"] == citizen.email
    assert account["profile"]["display_name"] == citizen.citizen_profile.display_name
    assert [row["subject"] for row in account["notifications"]] == ["پاسخ به نظر شما"]
    assert data["sources"]["poll_votes"] == [
        {
            "poll": poll.title,
            "choices": [choice.label],
            "voted_at": data["sources"]["poll_votes"][0]["voted_at"],
        }
    ]
    text = response.content.decode()
    assert other.email not in text
    assert "secret" not in text


def test_deleting_the_account_erases_its_data_and_signs_out(signed_in, citizen, home):
    poll = PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())
    poll_services.cast_vote(poll, user=citizen, choices=[poll.choices.first().pk])
    Notification.objects.create(user=citizen, subject="s", message="m")
    email = citizen.email

    response = signed_in.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(pk=citizen.pk)
    assert not user.is_active
    assert user.email == ""
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not CitizenProfile.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert not Vote.objects.filter(voter=user).exists()
    assert not User.objects.filter(email=email).exists()
    assert not signed_in.get(reverse("accounts:signup")).wsgi_request.user.is_authenticated


def test_deleting_with_a_wrong_password_keeps_everything(signed_in, citizen):
    response = signed_in.post(reverse("accounts:delete"), {"password": "wrong-password"})
    assert response.status_code == 200
    assert shows(response, _("The password is wrong."))
    citizen.refresh_from_db()
    assert citizen.is_active
    assert CitizenProfile.objects.filter(user=citizen).exists()


def test_a_failing_source_rolls_the_whole_deletion_back(signed_in, citizen):
    from participation.accounts import personal_data

    def refuse(user):
        raise RuntimeError("storage unavailable")

    personal_data.register("zz_failing", export=lambda user: [], erase=refuse)
    try:
        with pytest.raises(RuntimeError):
            signed_in.post(reverse("accounts:delete"), {"password": PASSWORD})
    finally:
        personal_data._sources.pop("zz_failing")
    citizen.refresh_from_db()
    assert citizen.is_active
    assert CitizenProfile.objects.filter(user=citizen).exists()


def test_notify_after_deletion_sends_nothing(signed_in, citizen, on_commit):
    from django.core import mail

    signed_in.post(reverse("accounts:delete"), {"password": PASSWORD})
    with on_commit():
        notify(User.objects.get(pk=citizen.pk), subject="s", message="m")
    assert mail.outbox == []
