"""CSV and JSON written row by row, for StreamingHttpResponse."""

import csv
import json

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"): a
# title like "=HYPERLINK(...)" typed by an editor or imported from an old portal would run
# on the reader's machine. A leading apostrophe makes it text; software reading the CSV sees
# the apostrophe, which is the lesser harm. Tab and carriage return are included, as OWASP
# advises, because some spreadsheets strip them before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel reads a CSV file without a byte order mark in the system's legacy code page
# (Windows-1256 on Persian Windows), turning Persian UTF-8 into mojibake; with the BOM it
# reads UTF-8. Other software (Python's utf-8-sig, LibreOffice, R) skips the BOM.
BOM = "\ufeff"


class _Line:
    """A file-like object whose ``write`` hands back what it was given."""

    def write(self, value):
        return value


def neutralise(value):
    """A cell value safe to open in a spreadsheet (text only; numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(columns, rows):
    """The header then one line per row, the first starting with the BOM."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([neutralise(_cell(row[name])) for name in columns])


def json_chunks(head, rows):
    """``head`` (a dict) with an ``items`` array of ``rows`` appended, streamed."""
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    for index, row in enumerate(rows):
        yield ("" if index == 0 else ", ") + json.dumps(row, ensure_ascii=False)
    yield "]}"


def _cell(value):
    return "" if value is None else value
