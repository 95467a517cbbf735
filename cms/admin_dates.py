"""Jalali dates in the Wagtail admin: editors read and type 1403/02/12, the database keeps UTC.

Every DateField and DateTimeField of every admin form (pages, snippets, scheduled publishing)
uses these fields, registered in CmsConfig.ready(). Gregorian ISO dates are accepted too, so
pasted or imported values still work; digits may be Persian, Arabic-Indic or ASCII.
"""

import datetime
import json
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cms import jalali

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _digits(text):
    """Persian digits in the Persian admin, ASCII otherwise."""
    return jalali.to_persian_digits(text) if (get_language() or "").startswith("fa") else text


def jalali_date_text(value):
    return _digits(jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d"))


def picker_options(mode):
    """What the calendar of jalali-datepicker.js shows, in the admin language.

    English editors type and pick Jalali dates too, as the field shows them; only the names,
    the digits and a Gregorian hint on each day follow the language.
    """
    persian = (get_language() or "").startswith("fa")
    weekdays = jdatetime.date.j_weekdays_fa if persian else jdatetime.date.j_weekdays_en
    return {
        "mode": mode,
        "digits": "fa" if persian else "en",
        "months": jdatetime.date.j_months_fa if persian else jdatetime.date.j_months_en,
        "weekdays": weekdays,
        # Persian calendars head each column with the weekday's first letter.
        "weekdays_short": [day[0] for day in weekdays]
        if persian
        else jdatetime.date.j_weekdays_short_en,
        "labels": {
            "open": gettext("Choose a date from the calendar"),
            "previous": gettext("Previous month"),
            "next": gettext("Next month"),
            "today": gettext("Today"),
            "close": gettext("Close"),
        },
    }


class JalaliDateInput(forms.TextInput):
    """A text box that shows a date in Jalali; the field reads what the editor types.

    jalali-datepicker.js adds a calendar button beside it; without JavaScript it is a text box.
    """

    picker_mode = "date"

    class Media:
        js = ["cms/js/jalali-datepicker.js"]
        css = {"all": ["cms/css/jalali-datepicker.css"]}

    def __init__(self, attrs=None):
        defaults = {"dir": "ltr", "autocomplete": "off", "placeholder": "1403/02/12"}
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = json.dumps(picker_options(self.picker_mode), ensure_ascii=False)
        context["widget"]["attrs"]["data-jalali-picker"] = options
        return context

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return jalali_date_text(value)
        return value  # the editor's own text, shown again with its error


class JalaliDateTimeInput(JalaliDateInput):
    picker_mode = "datetime"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "1403/02/12 14:30", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return f"{jalali_date_text(local.date())} {_digits(local.strftime('%H:%M'))}"
        return super().format_value(value)


class JalaliDateField(forms.DateField):
    widget = JalaliDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as 1403/02/12 (Jalali) or 2024-05-01."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return jalali.parse_date(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class JalaliDateTimeField(forms.DateTimeField):
    """A date and a time of day in Tehran (the site's time zone), stored as an aware datetime."""

    widget = JalaliDateTimeInput
    default_error_messages = {
        "invalid": _(
            "Enter a date and time such as 1403/02/12 14:30 (Jalali) or 2024-05-01 14:30."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        parts = jalali.to_ascii_digits(value).strip().replace("T", " ").split()
        try:
            date = jalali.parse_date(parts[0])
            time = self._time(parts[1] if len(parts) > 1 else "00:00")
        except (ValueError, IndexError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return timezone.make_aware(datetime.datetime.combine(date, time))

    @staticmethod
    def _time(text):
        match = _TIME.match(text)
        if not match:
            raise ValueError(text)
        hour, minute, second = (int(part or 0) for part in match.groups())
        return datetime.time(hour, minute, second)
