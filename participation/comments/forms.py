"""The comment forms: the same fields for the page's form and the API, spam checks on the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.abuse import SpamProtectedForm
from participation.moderation import body_field


class CommentInputForm(forms.Form):
    """What a comment is made of, as the API takes it."""

    body = body_field(_("Your comment"))
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"invalid": _("The comment you replied to is not on this page.")},
    )


class CommentForm(SpamProtectedForm, CommentInputForm):
    """The form under a page: the same fields, plus the honeypot and captcha."""


class CommentEditForm(forms.Form):
    body = body_field(_("Your comment"))
