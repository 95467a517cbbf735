"""Template tags of the public site: Jalali dates, Persian numbers, navigation.

Formatting follows the active language: Persian digits and separators in ``fa``,
ASCII in ``en``. Dates are always Jalali, shown in the site's time zone (Tehran).
"""

import datetime
import re

import jdatetime
from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone, translation
from django.utils.html import format_html

from cms.jalali import to_ascii_digits, to_persian_digits
from cms.models import StaffDirectoryPage, StandardPage

from .navigation import alternates, home_sections, page_trail, site_home

register = template.Library()

# Currency units as a reader expects them after the amount; locale data, not prose.
CURRENCY_UNITS = {"IRR": {"fa": "ریال", "en": "rials"}}

PERSIAN_DECIMAL_SEPARATOR = "\u066b"  # ٫
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ٬
PERSIAN_PERCENT_SIGN = "\u066a"  # ٪
PERSIAN_COMMA = "\u060c"  # ،
MINUS_SIGN = "\u2212"
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def persian_active():
    return (translation.get_language() or "").split("-")[0] == "fa"


@register.filter(is_safe=True)
def fa_digits(value):
    """The value with Persian digits (and decimal separator) when the language is Persian."""
    if value is None:
        return ""
    text = str(value)
    if not persian_active():
        return text
    return to_persian_digits(_DECIMAL_POINT.sub(PERSIAN_DECIMAL_SEPARATOR, text))


def _group_thousands(number):
    """``12500`` as ``12,500`` (``۱۲٬۵۰۰`` in Persian), keeping a sign that reads well in RTL."""
    grouped = f"{abs(int(number)):,}"
    if persian_active():
        grouped = to_persian_digits(grouped.replace(",", PERSIAN_THOUSANDS_SEPARATOR))
    if number < 0:
        # An isolated left-to-right run keeps the minus sign before the digits in RTL text.
        grouped = f"\u2066{MINUS_SIGN}{grouped}\u2069"
    return grouped


@register.filter
def number(value):
    """An integer with thousand separators, or an empty string for None."""
    if value in (None, ""):
        return ""
    return _group_thousands(value)


@register.filter
def money(value, currency="IRR"):
    """``12500000000`` as ``۱۲٬۵۰۰٬۰۰۰٬۰۰۰ ریال`` (``12,500,000,000 rials`` in English)."""
    if value in (None, ""):
        return ""
    units = CURRENCY_UNITS.get(currency or "IRR", {})
    unit = units.get("fa" if persian_active() else "en", currency)
    return f"{_group_thousands(value)} {unit}"


@register.filter
def percent(value, decimals=0):
    """``25`` as ``۲۵٪`` (``25%`` in English); empty for None."""
    if value in (None, ""):
        return ""
    text = f"{float(value):.{int(decimals)}f}"
    if persian_active():
        return f"{fa_digits(text)}{PERSIAN_PERCENT_SIGN}"
    return f"{text}%"


@register.filter
def percent_of(part, whole):
    """``part`` as a percentage of ``whole``, or None when either is missing or zero."""
    if part is None or not whole:
        return None
    return part * 100 / whole


def _month_name(jalali_date):
    names = jdatetime.date.j_months_fa if persian_active() else jdatetime.date.j_months_en
    return names[jalali_date.month - 1]


@register.filter
def jalali(value, only_date=False):
    """A date or datetime as Jalali text in Tehran time: ``۱۲ اردیبهشت ۱۴۰۳، ۱۴:۰۰``.

    Pass ``"date"`` as argument to leave the time of a datetime out.
    """
    if not value:
        return ""
    time_part = ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if not only_date:
            time_part = value.strftime("%H:%M")
        value = value.date()
    day = jdatetime.date.fromgregorian(date=value)
    text = f"{day.day} {_month_name(day)} {day.year}"
    if time_part:
        separator = PERSIAN_COMMA if persian_active() else ","
        text = f"{text}{separator} {time_part}"
    return fa_digits(text)


@register.filter
def jalali_time(value, only_date=False):
    """``jalali`` wrapped in ``<time datetime="ISO">`` for machines and assistive technology."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        machine = timezone.localtime(value).isoformat(timespec="minutes")
    else:
        machine = value.isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, jalali(value, only_date))


# Up to this age a time reads better as "۳ روز پیش"; older ones show their Jalali date.
RELATIVE_UP_TO = datetime.timedelta(days=7)


@register.filter
def relative_time(value):
    """``<time>`` saying how long ago ``value`` was ("۳ روز پیش"), its Jalali date and time
    as the title; past RELATIVE_UP_TO, the Jalali date and time themselves."""
    if not value:
        return ""
    if timezone.now() - value > RELATIVE_UP_TO:
        return jalali_time(value)
    machine = timezone.localtime(value).isoformat(timespec="minutes")
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        machine,
        jalali(value),
        fa_digits(naturaltime(value)),
    )


@register.filter
def tel(phone):
    """A phone number as a ``tel:`` link target: ASCII digits and a leading plus only."""
    digits = to_ascii_digits(phone or "")
    return ("+" if digits.strip().startswith("+") else "") + re.sub(r"\D", "", digits)


@register.filter
def live(pages):
    """Only the published pages of a list or queryset (relations may point to drafts)."""
    return [page for page in pages if page.live]


@register.filter
def rows_of_kind(rows, kind):
    """Budget line rows of one kind (revenue or expenditure), in tree order."""
    return [row for row in rows if row.item.kind == kind]


@register.filter
def model_name(obj):
    """The model name of a page (``newspage``), to pick what a card shows."""
    return type(obj)._meta.model_name


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with ``…`` gaps, for the pagination bar."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def with_aria(field):
    """A form field's widget, pointing assistive technology at its error message if any."""
    if not field.errors:
        return field.as_widget()
    return field.as_widget(
        attrs={"aria-invalid": "true", "aria-describedby": f"{field.auto_id}-error"}
    )


@register.filter
def file_size(document):
    """A document's size in bytes: the stored value, else read from storage, else None."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except (OSError, ValueError):  # the file is missing from storage
        return None


@register.simple_tag
def documents_of(page):
    """A page's attached documents with their files, in editor order."""
    return list(page.documents.select_related("document"))


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children, in menu (tree) order, marking the current section."""
    in_trail = {page.pk for page in page_trail(context)}
    page = context.get("page")
    menu = []
    for item in home_sections(context):
        if page is not None and item.pk == page.pk:
            state = "page"
        elif item.pk in in_trail:
            state = "true"
        else:
            state = ""
        menu.append((item, state))
    return {"request": context.get("request"), "menu": menu}


@register.inclusion_tag("cms/includes/footer.html", takes_context=True)
def site_footer(context):
    """The footer, with links to the phone book and the first plain page (About) if present."""
    sections = home_sections(context)

    def first(model):
        # specific_class comes from the content type cache: no query per page.
        return next((page for page in sections if page.specific_class is model), None)

    return {
        "request": context.get("request"),
        "staff_page": first(StaffDirectoryPage),
        "about_page": first(StandardPage),
    }


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Links to the ancestors of the current page, from the home page down."""
    trail = page_trail(context)
    return {"request": context.get("request"), "ancestors": trail[:-1], "current": trail[-1:]}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Each content language with a link to the current page's translation or to its home."""
    return alternates(context)


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page in the current language, for the site name and logo link."""
    return site_home(context)
