"""The export index and the CSV and JSON downloads."""

from django.conf import settings
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .datasets import DATASETS
from .writers import csv_lines, json_chunks

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def license_info():
    return {"name": settings.SHAFAF_DATA_LICENSE_NAME, "url": settings.SHAFAF_DATA_LICENSE_URL}


@require_safe
def export_index(request):
    """Every export with its links, the licence and how to read the files."""
    exports = [
        {
            "type": name,
            "title": str(dataset.title),
            "columns": dataset.column_names,
            **{
                fmt: request.build_absolute_uri(reverse("exports:download", args=[name, fmt]))
                for fmt in FORMATS
            },
        }
        for name, dataset in DATASETS.items()
    ]
    data = {
        "license": license_info(),
        "note": _(
            "Published content of the portal in both languages (the language column says "
            "which). CSV files are UTF-8 with a byte order mark so that spreadsheet programs "
            "show Persian correctly. Every date is given in ISO 8601 and in the Jalali "
            "calendar (Tehran time). A text cell starting with =, +, - or @ is prefixed with "
            "an apostrophe so that spreadsheets do not run it as a formula. The data is "
            "published under the licence named here; please cite the municipality."
        ),
        "exports": exports,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_safe
def export_download(request, name, fmt):
    """One dataset as CSV or JSON, streamed."""
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in FORMATS:
        raise Http404
    rows = dataset.rows(request)
    if fmt == "csv":
        content = csv_lines(dataset.column_names, rows)
    else:
        head = {"type": name, "license": license_info(), "columns": dataset.column_names}
        content = json_chunks(head, rows)
    response = StreamingHttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Link"] = f'<{settings.SHAFAF_DATA_LICENSE_URL}>; rel="license"'
    return response
