"""Spreadsheets from the finance office (CSV or XLSX), read for the tariff and budget importers.

Both importers check every row before writing anything, so problems are gathered, not raised
one at a time: each importer's error carries all of them, with the row and column of each.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.importer import fields


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file, counting the header as 1
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)d, %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class TableImportError(Exception):
    """The file cannot be imported; ``problems`` says every reason, row by row."""

    def __init__(self, problems):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def read_table(data, filename, error=TableImportError):
    """The file's rows as lists of strings, header first; CSV (UTF-8) or XLSX by extension.

    A file that cannot be read raises ``error`` (a TableImportError class).
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, error)
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise error([Problem(1, _("file"), _("the file is not UTF-8 text"))]) from None
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    raise error([Problem(1, _("file"), _("only CSV and XLSX files can be imported"))])


def _read_xlsx(data, error):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    # What openpyxl raises for a file that is not a workbook, or a damaged one.
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise error([Problem(1, _("file"), _("the file is not a valid XLSX workbook"))]) from None
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
        if any(cell not in (None, "") for cell in row)
    ]


def header_columns(header, columns, required, error=TableImportError):
    """{field: column index} from the header row, by the names in ``columns``.

    ``columns`` maps each field to the names a file may give its column (Persian or English);
    missing ``required`` columns raise ``error``.
    """
    found = {}
    for index, name in enumerate(header):
        cleaned = fields.text(name).strip().lower()
        for field, names in columns.items():
            if cleaned in names:
                found.setdefault(field, index)
    missing = [field for field in required if field not in found]
    if missing:
        raise error(
            [Problem(1, field, _("this column is missing from the header")) for field in missing]
        )
    return found
