"""Import a year's tariff table from the finance office's CSV or XLSX file.

Every row is checked first; only a file without a single problem is written, in one
transaction that replaces the year's items. Nothing is half-imported.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from cms import jalali, tabular
from cms.importer import fields
from cms.tabular import Problem, TableImportError, header_columns

from .models import TariffItem, TariffTable

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


class TariffImportError(TableImportError):
    """The tariff file cannot be imported; ``problems`` says every reason, row by row."""


def read_table(data, filename):
    return tabular.read_table(data, filename, TariffImportError)


def parse_items(rows):
    """TariffItem instances (unsaved, without table) from the rows, or TariffImportError."""
    if not rows:
        raise TariffImportError([Problem(1, _("file"), _("the file is empty"))])
    if len(rows) - 1 > MAX_ROWS:
        raise TariffImportError(
            [Problem(1, _("file"), _("more than %(limit)d rows") % {"limit": MAX_ROWS})]
        )
    columns = header_columns(rows[0], COLUMNS, REQUIRED, TariffImportError)
    readers = {
        "code": lambda value: jalali.to_ascii_digits(fields.text(value, 40)),
        "title": lambda value: fields.text(value, 500),
        "unit": lambda value: fields.text(value, 100),
        "amount": lambda value: fields.integer(value, minimum=0),
        "legal_basis": lambda value: fields.text(value, 255),
        "effective_date": fields.date,
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

    Raises TariffImportError, having written nothing, when any row is wrong.
    """
    items = parse_items(read_table(data, filename))
    table, _created = TariffTable.objects.select_for_update().get_or_create(
        fiscal_year=fiscal_year,
        defaults={"title": title or _("Tariffs of %(year)s") % {"year": fiscal_year}},
    )
    if title:
        table.title = title
    table.published = table.published or publish
    table.save()
    table.items.all().delete()
    for item in items:
        item.table = table
    TariffItem.objects.bulk_create(items)
    return table
