"""Iranian mobile numbers: read in any digits and common prefixes, stored as ``09XXXXXXXXX``."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.jalali import to_ascii_digits

# After removing separators and the country code: 9 then nine digits.
_NATIONAL = re.compile(r"^9\d{9}$")
_SEPARATORS = re.compile(r"[\s\-().\u200c]")


def normalize_mobile(value):
    """``۰۹۱۲ ۳۴۵ ۶۷۸۹``, ``+98 912 345 6789`` or ``00989123456789`` → ``09123456789``.

    Raises ValidationError when the text is not an Iranian mobile number; empty stays empty.
    """
    text = _SEPARATORS.sub("", to_ascii_digits(value or "").strip())
    if not text:
        return ""
    for prefix in ("+98", "0098", "98", "0"):
        if text.startswith(prefix) and _NATIONAL.match(text[len(prefix) :]):
            text = text[len(prefix) :]
            break
    if not _NATIONAL.match(text):
        raise ValidationError(
            _("Enter an Iranian mobile number, such as 09121234567."), code="invalid_mobile"
        )
    return f"0{text}"


def validate_mobile(value):
    """Model field validator: the stored value must already be normalized."""
    if value and normalize_mobile(value) != value:
        raise ValidationError(
            _("Enter an Iranian mobile number, such as 09121234567."), code="invalid_mobile"
        )
