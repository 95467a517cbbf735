"""Readers for the values of an import line: text, numbers, dates and times, plain-text bodies.

Each reader takes the raw JSON value and returns the model value, or raises ``ValueError``
with a translated reason. Persian and Arabic-Indic digits are accepted wherever digits are.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.html import escape
from django.utils.translation import gettext as _

from cms import jalali

# Imported times carry no zone: they are read as Tehran wall-clock time.
TEHRAN = ZoneInfo("Asia/Tehran")

# Arabic Yeh and Kaf look like Persian ones but do not match them in searches or tags.
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
# Control characters other than tab and newlines have no place in published text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATETIME = re.compile(r"^\s*(\S+?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_SEPARATORS = re.compile(r"[,\u066c\u060c_\s]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def text(value, max_length=None):
    """A string, with Persian Yeh/Kaf, without control characters and outer spaces."""
    if not isinstance(value, str):
        raise ValueError(_("expected text"))
    cleaned = _CONTROL.sub("", value.replace("\r\n", "\n")).translate(_PERSIAN_LETTERS).strip()
    if max_length and len(cleaned) > max_length:
        raise ValueError(
            _("longer than %(limit)d characters") % {"limit": max_length},
        )
    return cleaned


def text_list(value, max_length=None):
    """A list of distinct non-empty strings (tags), in their first order."""
    if not isinstance(value, list):
        raise ValueError(_("expected a list of texts"))
    items = [text(item, max_length) for item in value]
    return list(dict.fromkeys(item for item in items if item))


def boolean(value):
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false"))
    return value


def integer(value, minimum=0, maximum=None):
    """A whole number, from a JSON number or digits with thousands separators."""
    if isinstance(value, bool):
        raise ValueError(_("expected a whole number"))
    if isinstance(value, str):
        digits = _SEPARATORS.sub("", jalali.to_ascii_digits(value))
        if not re.fullmatch(r"-?\d+", digits):
            raise ValueError(_("expected a whole number"))
        value = int(digits)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValueError(_("expected a whole number"))
    if minimum is not None and value < minimum:
        raise ValueError(_("must be at least %(minimum)d") % {"minimum": minimum})
    if maximum is not None and value > maximum:
        raise ValueError(_("must be at most %(maximum)d") % {"maximum": maximum})
    return value


def coordinate(value):
    """A latitude or longitude, rounded to the six decimals the model keeps (about 10 cm)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(_("expected a number"))
    try:
        number = Decimal(jalali.to_ascii_digits(value).replace("٫", ".").strip())
    except InvalidOperation:
        raise ValueError(_("expected a number")) from None
    if not number.is_finite():
        raise ValueError(_("expected a number"))
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def date(value):
    """A date written 2024-05-01 or Jalali 1403/02/12, in any digits."""
    if not isinstance(value, str):
        raise ValueError(_("expected a date such as 1403/02/12 or 2024-05-01"))
    try:
        return jalali.parse_date(value)
    except ValueError:
        raise ValueError(_("not a real date: %(value)s") % {"value": value}) from None


def moment(value):
    """A date and time, Jalali ``1403/02/12 10:30`` or ISO; without a zone it is Tehran time.

    A date alone means the start of that day.
    """
    if not isinstance(value, str):
        raise ValueError(_("expected a date and time such as 1403/02/12 10:30"))
    ascii_value = jalali.to_ascii_digits(value).strip()
    try:
        parsed = datetime.datetime.fromisoformat(ascii_value)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.year >= 1700:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=TEHRAN)
    match = _DATETIME.match(ascii_value)
    if not match:
        raise ValueError(_("not a real date and time: %(value)s") % {"value": value})
    day = date(match.group(1))
    hour, minute, second = (int(part or 0) for part in match.groups()[1:])
    try:
        return datetime.datetime.combine(day, datetime.time(hour, minute, second), TEHRAN)
    except ValueError:
        raise ValueError(_("not a real date and time: %(value)s") % {"value": value}) from None


def choice(choices):
    """A reader accepting only the stored values of a model's ``TextChoices``."""
    allowed = [value for value, _label in choices.choices]

    def read(value):
        if value not in allowed:
            raise ValueError(
                _("must be one of: %(allowed)s") % {"allowed": ", ".join(allowed)},
            )
        return value

    return read


def body_paragraphs(value):
    """Plain text as BodyBlock paragraphs: blank lines split paragraphs, line breaks stay.

    The text is untrusted, so it is escaped; no markup from the file reaches the page.
    """
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(text(value)):
        lines = [escape(line.strip()) for line in chunk.splitlines() if line.strip()]
        if lines:
            paragraphs.append("<p>" + "<br/>".join(lines) + "</p>")
    return paragraphs
