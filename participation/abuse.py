"""Spam protection shared by every public form: a honeypot, an optional captcha, and
detection of the same text sent twice in a short time.

Rate limits live in ``participation.ratelimit``; forms here add what a rate limit cannot see.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from participation.ratelimit import hashed_client_ip
from search.normalization import normalize

HONEYPOT_FIELD = "website"
DUPLICATE_WINDOW_SECONDS = 10 * 60


def captcha_enabled():
    """The captcha is off by default; SHAFAF_CAPTCHA=True switches it on for every public form."""
    return bool(getattr(settings, "SHAFAF_CAPTCHA", False))


class SpamProtectedForm(forms.Form):
    """Mix into a public form: a field people never see or fill, and the captcha when enabled.

    The honeypot is hidden by the ``honeypot`` CSS class and from assistive technology
    (``aria-hidden`` wrapper in ``participation/includes/honeypot.html``); a bot that fills
    every field is refused with a generic message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        if captcha_enabled():
            from captcha.fields import CaptchaField

            self.fields["captcha"] = CaptchaField(
                label=_("Type the characters in the picture"),
                error_messages={"invalid": _("The characters you typed do not match the picture.")},
            )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please try again."), code="spam"
            )
        return cleaned_data


def fingerprint(*parts):
    """A short digest of ``parts`` after Persian normalization, so ي/ی or spacing don't differ."""
    text = "\x1f".join(normalize(str(part)) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def is_duplicate(request, scope, *parts):
    """True when the same user (or address) sent the same ``parts`` to ``scope`` recently.

    The first call records the submission and returns False; a repeat within
    DUPLICATE_WINDOW_SECONDS returns True. Call it only once the submission is valid.
    """
    user = getattr(request, "user", None)
    who = (
        f"user:{user.pk}"
        if user is not None and user.is_authenticated
        else hashed_client_ip(request)
    )
    key = f"duplicate:{scope}:{fingerprint(who, *parts)}"
    return not cache.add(key, 1, timeout=DUPLICATE_WINDOW_SECONDS)


DUPLICATE_MESSAGE = _("You have just sent the same text. It was received once; no need to resend.")
