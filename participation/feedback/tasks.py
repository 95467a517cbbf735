"""Background work of the council's review side, through Django's tasks framework."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_review_mail(recipients, subject, message):
    """Send one reminder or escalation mail to staff (never to citizens)."""
    send_mail(subject, message, None, recipients)


@task()
def send_review_reminders():
    """The daily reminders and escalations (also ``manage.py send_review_reminders``)."""
    from participation.feedback.reminders import send_reminders

    outcome = send_reminders()
    return {"reminded": outcome.reminded, "escalated": outcome.escalated}
