"""Sending SMS through a pluggable gateway, chosen by ``SHAFAF_SMS_BACKEND``.

A backend is any class with ``send(number, text)``; Iranian gateways (Kavenegar,
SMS.ir, ...) get a small class of their own. The default writes messages to the log,
which is what development and tests need.

Requests queue messages with ``sms_after_commit``: a task sends them, as mail is sent, so a
slow gateway never holds a request and a failing one is logged by the task, never a 500.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "participation.accounts.sms.LogBackend"


class SmsBackend(Protocol):
    def send(self, number: str, text: str) -> None:
        """Deliver ``text`` to the normalized mobile ``number`` (``09XXXXXXXXX``) or raise."""


class LogBackend:
    """Writes each message to the ``participation.accounts.sms`` logger instead of sending it."""

    def send(self, number, text):
        logger.info("SMS to %s: %s", number, text)


def get_backend():
    """An instance of the configured backend."""
    return import_string(getattr(settings, "SHAFAF_SMS_BACKEND", DEFAULT_BACKEND))()


def send_sms(number, text):
    """Send one message through the configured backend."""
    get_backend().send(number, str(text))


@task()
def send_sms_task(number, text):
    """Send one message, in a task: the gateway's errors fail the task, not the request."""
    send_sms(number, text)


def sms_after_commit(number, text):
    """Queue a message to ``number`` once the surrounding transaction commits."""
    text = str(text)  # rendered now, in the request's language
    transaction.on_commit(lambda: send_sms_task.enqueue(number, text))
