"""The public tariff tables: a searchable page, and JSON and CSV for anyone to reuse."""

import csv
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms import jalali
from cms.exports.writers import BOM, neutralise
from cms.importer import fields

from .models import TariffItem, TariffTable

ROWS_PER_PAGE = 100
CSV_COLUMNS = ["code", "title", "unit", "amount", "legal_basis", "effective_date"]


def published_table(year=None):
    """The published table of ``year``, or the latest published one; 404 when there is none."""
    tables = TariffTable.objects.filter(published=True)
    if year is not None:
        return get_object_or_404(tables, fiscal_year=year)
    table = tables.order_by("-fiscal_year").first()
    if table is None:
        raise Http404
    return table


def matching_items(table, query):
    """The table's items whose code or title contains ``query`` (Arabic letters normalized)."""
    items = table.items.all()
    query = fields.text(query or "", 200)
    if query:
        code = jalali.to_ascii_digits(query)
        items = items.filter(Q(code__icontains=code) | Q(title__icontains=query))
    return items


def tariff_table(request, services_page, year=None):
    table = published_table(year)
    query = request.GET.get("q", "")
    paginator = Paginator(matching_items(table, query), ROWS_PER_PAGE)
    context = services_page.get_context(request)
    context.update(
        table=table,
        query=query,
        page_obj=paginator.get_page(request.GET.get("page")),
        years=TariffTable.objects.filter(published=True).values_list("fiscal_year", flat=True),
        filter_query=urlencode({"q": query}) if query else "",
    )
    return TemplateResponse(request, "catalogue/tariff_table.html", context)


def item_record(item):
    return {
        "code": item.code,
        "title": item.title,
        "unit": item.unit,
        "amount": item.amount,
        "legal_basis": item.legal_basis,
        "effective_date": item.effective_date.isoformat() if item.effective_date else None,
    }


def tariffs_json(request, year):
    table = published_table(year)
    return JsonResponse(
        {
            "fiscal_year": table.fiscal_year,
            "title": table.title,
            "currency": "IRR",
            "effective_date": table.effective_date.isoformat() if table.effective_date else None,
            "items": [item_record(item) for item in table.items.all()],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def tariffs_csv(request, year):
    table = published_table(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tariffs-{table.fiscal_year}.csv"'
    # A BOM, so that spreadsheet programs read the Persian text as UTF-8.
    response.write(BOM)
    writer = csv.DictWriter(response, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for item in TariffItem.objects.filter(table=table):
        record = item_record(item)
        writer.writerow(
            {key: "" if value is None else neutralise(value) for key, value in record.items()}
        )
    return response
