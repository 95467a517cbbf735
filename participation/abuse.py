"""Spam protection shared by every public form: a honeypot, an optional captcha, and
detection of the same text sent twice in a short time.

Rate limits live in ``participation.ratelimit``; forms here add what a rate limit cannot see.
"""

import hashlib
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from participation.ratelimit import hashed_client_ip, warn_cache_unanswered
from search.normalization import normalize

HONEYPOT_FIELD = "website"
DUPLICATE_WINDOW_SECONDS = 10 * 60
# How long a submission being written holds its text: longer than any request may run
# (gunicorn's timeout is 30 s), far shorter than the duplicate window.
CLAIM_SECONDS = 2 * 60
DUPLICATE_MESSAGE = _("You have just sent the same text. It was received once; no need to resend.")


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


def _submission_key(request, scope, parts):
    user = getattr(request, "user", None)
    who = (
        f"user:{user.pk}"
        if user is not None and user.is_authenticated
        else hashed_client_ip(request)
    )
    return f"duplicate:{scope}:{fingerprint(who, *parts)}"


class DuplicateSubmission(Exception):
    """The same user (or address) sent the same text to the same place moments ago."""

    message = DUPLICATE_MESSAGE


@contextmanager
def unique_submission(request, scope, *parts):
    """Run the write in the ``with`` block unless the same user (or address) sent the same
    ``parts`` to ``scope`` recently, or is sending them right now: then raise
    DuplicateSubmission. Enter it only once the submission is valid.

    A submission is remembered for DUPLICATE_WINDOW_SECONDS only if the block finishes;
    when it raises (the write was refused or failed), the text may be sent again at once.
    When the cache does not answer, nothing is checked (logged) and the write goes ahead.
    """
    key = _submission_key(request, scope, parts)
    # "Is this a duplicate?" claims the key with cache.add, which is atomic: of two identical
    # submissions at once, only one gets in; the other is refused while the first is written.
    # The claim is short-lived, so a process that dies mid-write cannot block the text long.
    claimed = cache.add(key, "sending", timeout=CLAIM_SECONDS)
    if claimed is None:  # only a backend ignoring its errors answers None
        warn_cache_unanswered(request, f"the {scope!r} duplicate check")
        yield
        return
    if not claimed:
        raise DuplicateSubmission
    try:
        yield
    except BaseException:
        cache.delete(key)  # nothing was received: forget the claim
        raise
    cache.set(key, "received", timeout=DUPLICATE_WINDOW_SECONDS)
