"""The monthly report in the admin: a page, a CSV download and a printable page."""

import csv

import jdatetime
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.exports.writers import neutralise
from participation.feedback.admin_views.permissions import ReviewerRequiredMixin, can_review
from participation.feedback.reports import current_month, monthly_report


class MonthForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1300, max_value=1500)
    month = forms.IntegerField(label=gettext_lazy("Month"), min_value=1, max_value=12)


def chosen_month(request):
    """(year, month) from the query string, or the current Jalali month."""
    form = MonthForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["month"]
    year, month = current_month()
    return MonthForm(initial={"year": year, "month": month}), year, month


def month_name(month):
    return jdatetime.date.j_months_fa[month - 1]


class ReportView(ReviewerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Monthly report")
    header_icon = "table"
    template_name = "feedback/admin/report.html"

    def get_context_data(self, **kwargs):
        form, year, month = chosen_month(self.request)
        return super().get_context_data(
            form=form,
            report=monthly_report(year, month),
            month_name=month_name(month),
            query=f"year={year}&month={month}",
            **kwargs,
        )


class PrintableReportView(ReportView):
    """The same report on a plain page with print CSS, for paper and PDF."""

    template_name = "feedback/admin/report_print.html"


def report_csv(request):
    """The report as CSV (UTF-8 with BOM, so spreadsheet programs read Persian)."""
    if not can_review(request.user):
        raise PermissionDenied
    _form, year, month = chosen_month(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{year}-{month:02d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["section", "label", "value"])
    for section, label, value in monthly_report(year, month).csv_rows():
        writer.writerow([section, neutralise(str(label)), "" if value is None else value])
    return response
