"""Import a year's tariff table from the finance office's CSV or XLSX file.

Every row is checked first; only a file without a single problem is written, in one
transaction that replaces the year's items. Nothing is half-imported, and a year already
published is never replaced.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from cms import tabular
from cms.importer import fields
from cms.tabular import Problem, TableImportError, header_columns

from .models import TariffItem, TariffTable
from .models.tariffs import normalize_code

MAX_ROWS = 20_000
# Column names as finance offices write them, in Persian or English.
COLUMNS = {
    "code": {"code", "کد", "كد", "کد تعرفه"},
    "title": {"title", "عنوان", "شرح"},
    "unit": {"unit", "واحد"},
    "amount": {"amount", "مبلغ", "مبلغ (ریال)"},
    "legal_basis": {"legal_basis", "legal basis", "مبنای قانونی", "مستند قانونی"},
    "effective_date": {"effective_date", "effective date", "تاریخ اجرا"},
}
REQUIRED = ("code", "title", "amount")
# cms.tabular gives every XLSX cell as str(cell): a date cell reads "2025-03-21 00:00:00" and
# a whole number the workbook stores as a float reads "420000.0". These read them back.
XLSX_DATE_CELL = re.compile(r"(\d{4}-\d{2}-\d{2}) 00:00:00")
XLSX_WHOLE_FLOAT_CELL = re.compile(r"(\d+)\.0")


class TariffImportError(TableImportError):
    """The tariff file cannot be imported; ``problems`` says every reason, row by row."""


def read_table(data, filename):
    return tabular.read_table(data, filename, TariffImportError)


def _amount(value):
    return fields.integer(value, minimum=0)


def _xlsx_amount(value):
    match = XLSX_WHOLE_FLOAT_CELL.fullmatch(value)
    return _amount(match.group(1) if match else value)


def _xlsx_date(value):
    match = XLSX_DATE_CELL.fullmatch(value)
    return fields.date(match.group(1) if match else value)


def parse_items(rows, *, xlsx=False):
    """TariffItem instances (unsaved, without table) from the rows, or TariffImportError.

    ``xlsx``: the rows come from a workbook, whose date and number cells read as in XLSX_*.
    """
    if not rows:
        raise TariffImportError([Problem(1, _("file"), _("the file is empty"))])
    if len(rows) < 2:
        raise TariffImportError([Problem(1, _("file"), _("the file has no tariff items"))])
    if len(rows) - 1 > MAX_ROWS:
        raise TariffImportError(
            [Problem(1, _("file"), _("more than %(limit)d rows") % {"limit": MAX_ROWS})]
        )
    columns = header_columns(rows[0], COLUMNS, REQUIRED, TariffImportError)
    readers = {
        "code": lambda value: normalize_code(fields.text(value, 40)),
        "title": lambda value: fields.text(value, 500),
        "unit": lambda value: fields.text(value, 100),
        "amount": _xlsx_amount if xlsx else _amount,
        "legal_basis": lambda value: fields.text(value, 255),
        "effective_date": _xlsx_date if xlsx else fields.date,
    }
    items, problems, seen = [], [], {}
    for line, row in enumerate(rows[1:], start=2):
        values = {}
        for field, index in columns.items():
            raw = row[index].strip() if index < len(row) else ""
            if not raw:
                if field in REQUIRED:
                    problems.append(Problem(line, field, _("required")))
                continue
            try:
                values[field] = readers[field](raw)
            except ValueError as error:
                problems.append(Problem(line, field, str(error)))
        code = values.get("code")
        if code in seen:
            problems.append(
                Problem(
                    line,
                    "code",
                    _("already used on row %(row)d") % {"row": seen[code]},
                )
            )
        elif code:
            seen[code] = line
        items.append(TariffItem(sort_order=line, **values))
    if problems:
        raise TariffImportError(problems)
    return items


@transaction.atomic
def import_tariffs(data, filename, *, fiscal_year, title="", publish=False):
    """Replace ``fiscal_year``'s tariff items with the file's; return the table.

    Raises TariffImportError, having written nothing, when any row is wrong or the year's
    table is already published.
    """
    table, _created = TariffTable.objects.select_for_update().get_or_create(
        fiscal_year=fiscal_year,
        defaults={"title": title or _("Tariffs of %(year)s") % {"year": fiscal_year}},
    )
    # A published table is history: citizens and services were charged by it. Replacing it
    # would rewrite what was published, so new fees go into a new year; correcting a mistake
    # takes unpublishing the table first in the admin, a deliberate act, never a re-import.
    if table.published:
        raise TariffImportError(
            [
                Problem(
                    1,
                    _("fiscal year"),
                    _(
                        "the tariff table of %(year)d is already published and is not replaced; "
                        "import the new fees as a new year, or unpublish that table first"
                    )
                    % {"year": fiscal_year},
                )
            ]
        )
    items = parse_items(read_table(data, filename), xlsx=filename.lower().endswith(".xlsx"))
    if title:
        table.title = title
    table.published = publish
    table.save()
    table.items.all().delete()
    for item in items:
        item.table = table
    TariffItem.objects.bulk_create(items)
    return table
