"""Verifying a mobile number with a code sent through the configured SMS backend."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from participation.accounts.models import CitizenProfile
from tests.accounts import sms_outbox
from tests.accounts.conftest import shows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sms(settings):
    settings.SHAFAF_SMS_BACKEND = "tests.accounts.sms_outbox.OutboxBackend"
    sms_outbox.outbox.clear()
    sms_outbox.attempts.clear()
    yield sms_outbox.outbox
    sms_outbox.outbox.clear()
    sms_outbox.attempts.clear()


@pytest.fixture
def with_mobile(client, citizen):
    CitizenProfile.objects.filter(user=citizen).update(mobile="09123456789")
    client.force_login(citizen)
    return citizen


def send_code(client, on_commit):
    with on_commit():
        return client.post(reverse("accounts:send-mobile-code"))


def sent_code(sms):
    number, text = sms[-1]
    return number, re.search(r"\d{6}", text).group()


def test_the_code_sent_by_sms_verifies_the_number(client, on_commit, with_mobile, sms):
    response = send_code(client, on_commit)
    assert response.url == reverse("accounts:verify-mobile")
    number, code = sent_code(sms)
    assert number == "09123456789"
    persian_code = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.post(reverse("accounts:verify-mobile"), {"code": persian_code})
    assert response.status_code == 302
    assert CitizenProfile.objects.get(user=with_mobile).mobile_verified


def test_a_wrong_code_is_refused_with_a_message(client, on_commit, with_mobile, sms):
    send_code(client, on_commit)
    _number, code = sent_code(sms)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = client.post(reverse("accounts:verify-mobile"), {"code": wrong})
    assert response.status_code == 200
    assert shows(response, _("This code is wrong or has expired. Check it, or ask for a new one."))
    assert not CitizenProfile.objects.get(user=with_mobile).mobile_verified


def test_after_too_many_guesses_even_the_right_code_fails(client, on_commit, with_mobile, sms):
    send_code(client, on_commit)
    _number, code = sent_code(sms)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _attempt in range(5):
        client.post(reverse("accounts:verify-mobile"), {"code": wrong})
    client.post(reverse("accounts:verify-mobile"), {"code": code})
    assert not CitizenProfile.objects.get(user=with_mobile).mobile_verified


def test_changing_the_number_voids_the_code(client, on_commit, with_mobile, sms):
    send_code(client, on_commit)
    _number, code = sent_code(sms)
    CitizenProfile.objects.filter(user=with_mobile).update(mobile="09350000000")
    client.post(reverse("accounts:verify-mobile"), {"code": code})
    assert not CitizenProfile.objects.get(user=with_mobile).mobile_verified


def test_without_a_number_no_sms_is_sent(client, on_commit, citizen, sms):
    client.force_login(citizen)
    response = send_code(client, on_commit)
    assert response.url == reverse("accounts:profile")
    assert sms == []


def test_codes_are_rate_limited(client, on_commit, with_mobile, sms):
    for _attempt in range(5):
        send_code(client, on_commit)
    assert send_code(client, on_commit).status_code == 429
    assert len(sms) == 5


def test_a_failing_gateway_neither_fails_the_request_nor_loses_the_code(
    client, on_commit, with_mobile, settings
):
    settings.SHAFAF_SMS_BACKEND = "tests.accounts.sms_outbox.FailingBackend"
    response = send_code(client, on_commit)
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify-mobile")
    # The code the gateway failed to deliver is still the valid one, for a retried message.
    _number, code = sent_code(sms_outbox.attempts)
    client.post(reverse("accounts:verify-mobile"), {"code": code})
    assert CitizenProfile.objects.get(user=with_mobile).mobile_verified


def test_with_the_task_queue_the_request_only_queues_the_sms(
    client, on_commit, with_mobile, sms, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_code(client, on_commit)
    assert sms == []
    [queued] = DBTaskResult.objects.filter(task_path__endswith="send_sms_task")

    # What ``manage.py db_worker`` does with it, in the test's own database connection.
    queued.task.call(*queued.task_result.args, **queued.task_result.kwargs)
    number, code = sent_code(sms)
    assert number == "09123456789"
    client.post(reverse("accounts:verify-mobile"), {"code": code})
    assert CitizenProfile.objects.get(user=with_mobile).mobile_verified
