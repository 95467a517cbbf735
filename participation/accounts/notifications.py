"""Telling a citizen that something happened: a reply, a moderator's decision, an answer.

Every app calls ``notify(user, subject=..., message=..., url=...)``. What happens then follows
the citizen's preference (``CitizenProfile.notification_frequency``): mail at once, a row
kept for the daily digest (``manage.py send_notification_digests``), or nothing. Mail is
sent by a task after the surrounding transaction commits, so a mail failure never undoes
what the citizen did, and what they did is saved before anyone is told.
"""

from participation.accounts.emails import mail_after_commit
from participation.accounts.models import CitizenProfile, Notification


def notify(user, *, subject, message, url=""):
    """Tell ``user`` about something; ``url`` is an absolute link to it."""
    if not user or not user.email or not user.is_active:
        return
    frequency = (
        CitizenProfile.objects.filter(user=user)
        .values_list("notification_frequency", flat=True)
        .first()
    ) or CitizenProfile.NotificationFrequency.IMMEDIATE
    if frequency == CitizenProfile.NotificationFrequency.NONE:
        return
    if frequency == CitizenProfile.NotificationFrequency.DAILY:
        Notification.objects.create(
            user=user, subject=str(subject)[:255], message=str(message), url=url
        )
        return
    body = f"{message}\n\n{url}" if url else str(message)
    mail_after_commit(user.email, subject, body)
