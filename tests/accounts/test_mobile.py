"""Iranian mobile numbers in every way people type them, stored one way."""

import pytest
from django.core.exceptions import ValidationError

from participation.accounts.mobile import normalize_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "09123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "0912 345 6789",
        "0912-345-6789",
        "+989123456789",
        "+98 912 345 6789",
        "00989123456789",
        "989123456789",
        "9123456789",
    ],
)
def test_every_usual_spelling_is_stored_as_09_and_ten_digits(typed):
    assert normalize_mobile(typed) == "09123456789"


@pytest.mark.parametrize(
    "typed", ["0912345678", "091234567890", "02188776655", "+449123456789", "0912abc6789"]
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValidationError):
        normalize_mobile(typed)


def test_empty_stays_empty():
    assert normalize_mobile("  ") == ""
