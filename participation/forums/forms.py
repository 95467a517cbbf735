"""Forum forms: the same fields for the site's forms and the API, spam checks on the site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.abuse import SpamProtectedForm
from participation.moderation import CitizenTextField, body_field


class ThreadInputForm(forms.Form):
    title = CitizenTextField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Give your thread a title."),
            "max_length": _("Keep the title under %(limit_value)d characters."),
        },
    )
    body = body_field(_("Your message"))


class ReplyInputForm(forms.Form):
    body = body_field(_("Your reply"))


class ThreadForm(SpamProtectedForm, ThreadInputForm):
    """The new thread form on the site."""


class ReplyForm(SpamProtectedForm, ReplyInputForm):
    """The reply form under a thread."""
