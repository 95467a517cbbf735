"""What a budget page serves besides itself: CSV, Fiscal Data Package and year comparisons.

``BudgetPage``'s routes call these, so the URLs live under the page (``…/budget-1403/csv/``)
and need no URL configuration of their own.
"""

import json

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms.templatetags.shafaf import fa_digits, number, percent

from . import export, figures
from .charts import Row, bar_chart


def serve_csv(page, request):
    response = HttpResponse(export.csv_text(page), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.file_stem(page)}.csv"'
    return response


def serve_datapackage(page, request):
    csv_url = request.build_absolute_uri(page.url + page.reverse_subpage("budget_csv"))
    body = json.dumps(export.descriptor(page, csv_url), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def serve_package_zip(page, request):
    response = HttpResponse(export.package_zip(page), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.file_stem(page)}.zip"'
    return response


def serve_compare(page, request):
    """This year against another (``?year=``), line by line; without a year, the choice."""
    others = {budget.fiscal_year: budget for budget in page.other_years()}
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    other = others.get(year)
    if other is None and len(others) == 1:
        return redirect(f"{request.path}?year={next(iter(others))}")
    before, after = (
        sorted([page, other], key=lambda budget: budget.fiscal_year) if other else (None, None)
    )
    context = page.get_context(request)
    context.update(
        {
            "years": sorted(others, reverse=True),
            "selected_year": year,
            "other": other,
            "before": before,
            "after": after,
            "comparisons": figures.compare(
                list(before.line_items.all()), list(after.line_items.all())
            )
            if other
            else [],
        }
    )
    return TemplateResponse(request, "cms/budget_compare.html", context)


def compact_amount(value):
    """A long amount as a citizen says it: ``۱٬۲۰۰ billion`` rather than thirteen digits."""
    for size, message in ((10**9, _("%(amount)s billion")), (10**6, _("%(amount)s million"))):
        if abs(value) >= size:
            return message % {"amount": _short(value / size)}
    return number(value)


def _short(value):
    """One decimal when it matters (``۲٫۵``), none when whole (``۱٬۲۰۰``)."""
    rounded = round(value, 1)
    return number(int(rounded)) if rounded == int(rounded) else fa_digits(f"{rounded:.1f}")


def chart_context(page):
    """The budget's three charts and the figures they draw (also shown as tables)."""
    rtl = translation.get_language_bidi()
    spending = figures.categories(page.line_rows)
    totals = figures.kind_totals(page.totals)
    return {
        "spending": spending,
        "spending_chart": bar_chart(
            [Row(category.title, (category.approved, category.actual)) for category in spending],
            (pgettext("budget column: the approved amount", "Approved"), _("Actual")),
            rtl=rtl,
            text=compact_amount,
        ),
        "kind_totals": totals,
        "totals_chart": bar_chart(
            [Row(category.title, (category.approved, category.actual)) for category in totals],
            (pgettext("budget column: the approved amount", "Approved"), _("Actual")),
            rtl=rtl,
            text=compact_amount,
        ),
        "execution_chart": bar_chart(
            [Row(category.title, (category.execution_rate,)) for category in spending],
            (_("Execution rate"),),
            rtl=rtl,
            text=lambda value: percent(value, 1),
            maximum=max([100, *(c.execution_rate or 0 for c in spending)]),
        ),
    }
