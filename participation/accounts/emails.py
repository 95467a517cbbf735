"""Account mail: rendered in the request's language, sent by a task after the commit.

Sending after the commit means the account (or whatever the mail is about) is saved first,
and a failing mail server can only lose the mail, never the action that triggered it.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_mail_task(to, subject, body):
    """Send one plain-text mail to one address."""
    send_mail(subject, body, None, [to])


def mail_after_commit(to, subject, body):
    """Queue a mail to ``to`` once the surrounding transaction commits."""
    subject = " ".join(str(subject).split())  # a header: one line
    transaction.on_commit(lambda: send_mail_task.enqueue(to, subject, str(body)))


def mail_template_after_commit(to, template, context):
    """Render ``accounts/mail/<template>_subject.txt`` and ``_body.txt`` and queue the mail."""
    subject = render_to_string(f"accounts/mail/{template}_subject.txt", context)
    body = render_to_string(f"accounts/mail/{template}_body.txt", context)
    mail_after_commit(to, subject, body)
