"""Tracking codes: short, random, typeable (no look-alike characters), forgiving when read."""

import secrets

from participation.feedback.models import ReviewCase

#: No 0/O, 1/I/L, 5/S, 2/Z, 8/B: what a citizen reads over the phone is what they type.
ALPHABET = "3469ACDEFGHJKMNPQRTUVWXY"
LENGTH = 8
#: What forms show as an example: a code real codes could be (only ALPHABET's characters).
EXAMPLE_CODE = "SG-4K3M9Q6P"

# Persian (۰–۹) and Arabic-Indic (٠–٩) digits as typed on Iranian keyboards.
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def new_tracking_code(kind):
    """A fresh code like ``EXAMPLE_CODE``, unused so far."""
    prefix = ReviewCase.PREFIXES[ReviewCase.Kind(kind)]
    while True:
        code = f"{prefix}-{''.join(secrets.choice(ALPHABET) for _ in range(LENGTH))}"
        if not ReviewCase.objects.filter(tracking_code=code).exists():
            return code


def normalize(typed):
    """The stored form of a code as someone typed it: any case, digits, spaces or dashes."""
    text = "".join(typed.translate(_DIGITS).upper().split())
    for dash in "-‐‑‒–—_ـ":
        text = text.replace(dash, "")
    if len(text) <= 2:
        return text
    return f"{text[:2]}-{text[2:]}"
