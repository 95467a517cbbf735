"""The daily digest: every pending notification of a citizen in one mail, each sent once."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from participation.accounts.emails import send_mail_task
from participation.accounts.models import Notification

logger = logging.getLogger(__name__)


def send_digests():
    """Mail each user with pending notifications one digest; return (sent, failed) counts.

    Each user's rows are locked, mailed and marked sent in one transaction: a mail that
    fails leaves that user's rows pending for the next run (and the others go on), and two
    runs at once never mail the same row twice.
    """
    user_ids = (
        Notification.objects.filter(sent_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent = failed = 0
    for user_id in list(user_ids):
        try:
            sent += _send_digest(user_id)
        except OSError:  # smtplib's errors included: this user's rows stay pending
            logger.exception("Digest for user %s not sent; it will be retried.", user_id)
            failed += 1
    return sent, failed


@transaction.atomic
def _send_digest(user_id):
    """Mail one user's pending rows and mark them sent; 1 if a mail went out, else 0."""
    rows = list(
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(user_id=user_id, sent_at__isnull=True)
        .select_related("user")
        .order_by("created", "pk")
    )
    if not rows:
        return 0
    user = rows[0].user
    mailed = 0
    if user.email and user.is_active:
        with translation.override(settings.LANGUAGE_CODE):
            context = {"rows": rows, "user": user}
            subject = render_to_string("accounts/mail/digest_subject.txt", context)
            body = render_to_string("accounts/mail/digest_body.txt", context)
        # Sent inside the transaction: if mailing fails, the rows stay pending.
        send_mail_task.call(user.email, " ".join(subject.split()), body)
        mailed = 1
    Notification.objects.filter(pk__in=[row.pk for row in rows]).update(sent_at=timezone.now())
    return mailed
