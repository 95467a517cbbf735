"""Telling a submitter about their case: an account gets a notification, an email-only
submitter a mail (both through django-tasks after the commit, so mail never undoes a save)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from participation.accounts.emails import mail_after_commit
from participation.accounts.notifications import notify


def tracking_url(case):
    """The absolute address of the case's public tracking page."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}{reverse('feedback:track')}?code={case.tracking_code}"


def _tell(item, subject, message, url):
    if item is None:
        return
    author = getattr(item, "author", None)
    if author is not None:
        notify(author, subject=subject, message=message, url=url)
    elif getattr(item, "contact_email", ""):
        mail_after_commit(item.contact_email, subject, f"{message}\n\n{url}")


def case_received(case, item):
    """The tracking code, mailed once the submission is saved."""
    with override(settings.LANGUAGE_CODE):
        _tell(
            item,
            _("Your submission was received: %(code)s") % {"code": case.tracking_code},
            _(
                "Thank you. Your tracking code is %(code)s. Keep it to follow the answer "
                "on the tracking page."
            )
            % {"code": case.tracking_code},
            tracking_url(case),
        )


def case_answered(case):
    """The municipality answered: point the submitter to the response."""
    with override(settings.LANGUAGE_CODE):
        _tell(
            case.item,
            _("The municipality answered %(code)s") % {"code": case.tracking_code},
            _("An official response to your submission %(code)s has been published.")
            % {"code": case.tracking_code},
            tracking_url(case),
        )
