"""notify() follows the citizen's preference; digests go out once; mail never loses an action."""

import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from participation.accounts.models import CitizenProfile, Notification
from participation.accounts.notifications import notify
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

SUBJECT = "پاسخ تازه به نظر شما <b>"
MESSAGE = "كارشناس منطقه‌ی ۳ به پیشنهاد شما پاسخ داد."
URL = "https://shafaf.example/fa/suggestions/12/"


def send_digests():
    call_command("send_notification_digests", stdout=io.StringIO())


def citizen_who_wants(frequency):
    return UserFactory(profile__notification_frequency=frequency)


def test_immediate_sends_one_mail_after_the_commit(on_commit):
    user = citizen_who_wants(CitizenProfile.NotificationFrequency.IMMEDIATE)
    with on_commit():
        notify(user, subject=SUBJECT, message=MESSAGE, url=URL)
        assert mail.outbox == []  # nothing before the commit
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == SUBJECT
    assert MESSAGE in message.body
    assert URL in message.body
    assert not Notification.objects.exists()


def test_daily_keeps_a_row_for_the_digest_and_mails_nothing_now(on_commit):
    user = citizen_who_wants(CitizenProfile.NotificationFrequency.DAILY)
    with on_commit():
        notify(user, subject=SUBJECT, message=MESSAGE, url=URL)
    assert mail.outbox == []
    row = Notification.objects.get(user=user)
    assert (row.subject, row.message, row.url, row.sent_at) == (SUBJECT, MESSAGE, URL, None)


def test_none_stores_and_sends_nothing(on_commit):
    user = citizen_who_wants(CitizenProfile.NotificationFrequency.NONE)
    with on_commit():
        notify(user, subject=SUBJECT, message=MESSAGE)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_digest_mails_each_pending_row_once():
    first = citizen_who_wants(CitizenProfile.NotificationFrequency.DAILY)
    second = citizen_who_wants(CitizenProfile.NotificationFrequency.DAILY)
    for n in range(2):
        notify(first, subject=f"{SUBJECT} {n}", message=MESSAGE)
    notify(second, subject="تنها خبر", message=MESSAGE)

    send_digests()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    [to_first] = [message for message in mail.outbox if message.to == [first.email]]
    assert f"{SUBJECT} 0" in to_first.body and f"{SUBJECT} 1" in to_first.body
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    send_digests()
    assert len(mail.outbox) == 2

    notify(first, subject="خبر بعدی", message=MESSAGE)
    send_digests()
    assert len(mail.outbox) == 3
    assert "خبر بعدی" in mail.outbox[-1].body
    assert f"{SUBJECT} 0" not in mail.outbox[-1].body


def test_a_failed_digest_stays_pending_for_the_next_run(settings):
    user = citizen_who_wants(CitizenProfile.NotificationFrequency.DAILY)
    notify(user, subject=SUBJECT, message=MESSAGE)
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.FailingEmailBackend"
    with pytest.raises(CommandError):
        send_digests()
    assert Notification.objects.get(user=user).sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_digests()
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_a_failing_mail_server_never_loses_the_action_that_notified(settings, on_commit):
    """The action and its notification are saved; only the mail is lost, and nothing raises."""
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.FailingEmailBackend"
    user = citizen_who_wants(CitizenProfile.NotificationFrequency.IMMEDIATE)
    with on_commit():
        with transaction.atomic():
            CitizenProfile.objects.filter(user=user).update(display_name="کار انجام‌شده")
            notify(user, subject=SUBJECT, message=MESSAGE)
    assert CitizenProfile.objects.get(user=user).display_name == "کار انجام‌شده"
    assert mail.outbox == []


def test_a_failing_mail_server_never_loses_a_sign_up(client, settings, on_commit):
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.FailingEmailBackend"
    password = "a-long-test-password"
    with on_commit():
        response = client.post(
            reverse("accounts:signup"),
            {
                "email": "new@example.org",
                "display_name": "شهروند",
                "password1": password,
                "password2": password,
            },
        )
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.org").exists()


def test_an_inactive_user_is_not_notified(on_commit):
    user = UserFactory(is_active=False)
    with on_commit():
        notify(user, subject=SUBJECT, message=MESSAGE)
    assert mail.outbox == []
