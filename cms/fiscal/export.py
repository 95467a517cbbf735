"""A budget as open data: its line items as CSV, described by a Fiscal Data Package.

The Fiscal Data Package (FDP) is a Frictionless Data Package with a tabular resource and a
``model`` that says which columns are amounts (measures) and which classify them
(dimensions), so tools such as OpenSpending can read the budget without a human mapping.
"""

import io
import json
import re
import zipfile

from django.utils.text import slugify

from cms import budget_lines, jalali
from cms.exports.views import license_info
from cms.exports.writers import csv_lines

COLUMNS = ("code", "parent_code", "title", "kind", "approved", "revised", "actual")
# Frictionless Table Schema types of the CSV columns, in COLUMNS order.
FIELD_TYPES = {
    "code": "string",
    "parent_code": "string",
    "title": "string",
    "kind": "string",
    "approved": "integer",
    "revised": "integer",
    "actual": "integer",
}
FIELD_DESCRIPTIONS = {
    "code": "Budget line code",
    "parent_code": "Code of the heading this line belongs to (empty for top-level lines)",
    "title": "Line title",
    "kind": "revenue or expenditure",
    "approved": "Approved (planned) amount; empty on headings, which group their sub-lines",
    "revised": "Revised amount after amendments during the year; empty on headings",
    "actual": "Actual (executed) amount; empty on headings",
}

# The FDP's budget phase of each amount column.
MEASURE_PHASES = {"approved": "approved", "revised": "adjusted", "actual": "executed"}


def rows(page):
    """Every line of the budget in tree order; only the detailed lines carry amounts.

    A heading's amounts would be the sums of its sub-lines, so a tool that sums a measure
    over the rows would count them twice; the hierarchy is in ``code`` and ``parent_code``.
    """
    for row in page.line_rows:
        item = row.item
        yield {
            "code": item.code,
            "parent_code": item.parent_code,
            "title": item.title,
            "kind": item.kind,
            **(dict.fromkeys(budget_lines.AMOUNT_FIELDS) if row.is_heading else row.amounts),
        }


def csv_text(page):
    return "".join(csv_lines(COLUMNS, rows(page)))


def file_stem(page):
    return f"budget-{page.fiscal_year}"


def descriptor(page, csv_path):
    """The ``datapackage.json`` of a budget whose CSV is at ``csv_path`` (a URL or a file name)."""
    start, end = jalali.jalali_year_range(page.fiscal_year)
    last_day = end.fromordinal(end.toordinal() - 1)
    licence = license_info()
    return {
        "profile": "tabular-data-package",
        "name": slugify(f"{file_stem(page)}-{page.locale.language_code}") or file_stem(page),
        "title": page.title,
        "countryCode": "IR",
        "fiscalPeriod": {"start": start.isoformat(), "end": last_day.isoformat()},
        # Data Package licence names are identifiers: "CC BY 4.0" becomes "CC-BY-4.0".
        "licenses": [
            {
                "name": re.sub(r"[^-a-zA-Z0-9._]+", "-", licence["name"]),
                "path": licence["url"],
                "title": licence["name"],
            }
        ],
        "resources": [
            {
                "name": "budget-lines",
                "profile": "tabular-data-resource",
                "path": csv_path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": name,
                            "type": FIELD_TYPES[name],
                            "description": FIELD_DESCRIPTIONS[name],
                        }
                        for name in COLUMNS
                    ],
                    "primaryKey": ["code"],
                },
            }
        ],
        "model": {
            "measures": {
                name: {"source": name, "currency": page.currency, "phase": phase}
                for name, phase in MEASURE_PHASES.items()
            },
            "dimensions": {
                "budget-line": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "primaryKey": ["code"],
                    "attributes": {
                        "code": {"source": "code"},
                        "parent": {"source": "parent_code", "parent": "code"},
                        "title": {"source": "title", "labelfor": "code"},
                    },
                },
                "direction": {
                    "dimensionType": "fact",
                    "primaryKey": ["kind"],
                    "attributes": {"kind": {"source": "kind"}},
                },
            },
        },
        "shafaf": {"fiscalYearJalali": page.fiscal_year, "currency": page.currency},
    }


def package_zip(page):
    """A zip holding ``datapackage.json`` and the CSV it describes, side by side."""
    csv_name = f"{file_stem(page)}.csv"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(descriptor(page, csv_name), ensure_ascii=False, indent=2),
        )
        archive.writestr(csv_name, csv_text(page).encode("utf-8"))
    return buffer.getvalue()
