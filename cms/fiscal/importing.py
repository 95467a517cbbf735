"""Read a fiscal year's budget lines from the finance office's CSV or XLSX file.

Every row is checked (codes, numbers in any digits, the hierarchy, amounts only on detailed
lines) before anything is written; ``parse_lines`` returns the lines or every problem found.
The file reading is shared with the tariff importer (``cms.tabular``: same formats, messages).
"""

from django.utils.translation import gettext as _

from cms import budget_lines, jalali
from cms.importer import fields
from cms.tabular import Problem, TableImportError, header_columns, read_table

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
# Column names as finance offices write them, in Persian or English.
COLUMNS = {
    "code": {"code", "کد", "كد", "کد ردیف", "شماره ردیف", "ردیف"},
    "parent_code": {"parent_code", "parent code", "parent", "کد سرفصل", "کد والد", "سرفصل"},
    "title": {"title", "عنوان", "شرح"},
    "kind": {"kind", "type", "نوع"},
    "approved": {"approved", "planned", "مصوب", "مبلغ مصوب"},
    "revised": {"revised", "اصلاحی", "مصوب اصلاحی", "متمم"},
    "actual": {"actual", "executed", "عملکرد", "تحقق", "مبلغ عملکرد"},
}
REQUIRED = ("code", "title", "kind", "approved")
KINDS = {
    "revenue": "revenue",
    "درآمد": "revenue",
    "منابع": "revenue",
    "expenditure": "expenditure",
    "هزینه": "expenditure",
    "مصارف": "expenditure",
}
# A row that states a total ("جمع کل") is not a line: totals are computed from the lines.
TOTAL_WORDS = ("جمع", "total")


class BudgetImportError(TableImportError):
    """The budget file cannot be imported; ``problems`` lists every reason, row by row."""


def read_lines(data, filename):
    """The budget lines (dicts) of an uploaded file, or BudgetImportError with every problem."""
    if len(data) > MAX_BYTES:
        raise BudgetImportError(
            [
                Problem(
                    1,
                    _("file"),
                    _("the file is larger than %(size)d MB") % {"size": MAX_BYTES // 2**20},
                )
            ]
        )
    return parse_lines(read_table(data, filename, BudgetImportError))


def _kind(value):
    kind = KINDS.get(value.strip().lower())
    if kind is None:
        raise ValueError(_("expected revenue or expenditure (درآمد or هزینه)"))
    return kind


def _amount(value):
    """A whole amount in any digits with separators; a spreadsheet's ``1000.0`` is 1000."""
    value = jalali.to_ascii_digits(value)
    if value.endswith(".0"):
        value = value[:-2]
    return fields.integer(value, minimum=0)


READERS = {
    "code": lambda value: budget_lines.normalize_code(fields.text(value, 30)),
    "parent_code": lambda value: budget_lines.normalize_code(fields.text(value, 30)),
    "title": lambda value: fields.text(value, 255),
    "kind": _kind,
    "approved": _amount,
    "revised": _amount,
    "actual": _amount,
}


def parse_lines(rows):
    """Lines as dicts of BudgetLineItem fields from the rows (header first).

    Raises BudgetImportError listing every problem of every row, and the hierarchy problems
    (``budget_lines.line_errors``) of the rows that read well, so that one round of fixes
    is enough.
    """
    if len(rows) < 2:
        raise BudgetImportError([Problem(1, _("file"), _("the file has no budget lines"))])
    if len(rows) - 1 > MAX_ROWS:
        raise BudgetImportError(
            [Problem(1, _("file"), _("more than %(limit)d rows") % {"limit": MAX_ROWS})]
        )
    columns = header_columns(rows[0], COLUMNS, REQUIRED, BudgetImportError)
    lines, row_numbers, unread, problems = [], [], [], []
    for number, row in enumerate(rows[1:], start=2):
        values, row_problems = _read_row(row, columns, number)
        problems.extend(row_problems)
        if row_problems:
            unread.append(values)
        else:
            lines.append(values)
            row_numbers.append(number)
    problems.extend(_hierarchy_problems(lines, row_numbers, unread))
    if problems:
        raise BudgetImportError(sorted(problems, key=lambda problem: problem.row))
    return lines


def _hierarchy_problems(lines, row_numbers, unread):
    """The hierarchy problems of ``lines`` (the rows that read well), as Problems.

    The rows with problems of their own take part with what could be read of them, so that
    a line is not blamed for them: its parent is there, its sub-lines make it a heading.
    Their own hierarchy problems wait until they read well.
    """
    stand_ins = [_stand_in(values, lines) for values in unread if values.get("code")]
    return [
        Problem(row_numbers[position], _("line"), message)
        for position, message in budget_lines.line_errors([*lines, *stand_ins])
        if position < len(lines)
    ]


def _stand_in(values, lines):
    """An unread row as a line; without a kind, that of its sub-lines (they are not to blame)."""
    kind = values.get("kind") or next(
        (line["kind"] for line in lines if line["parent_code"] == values["code"]), None
    )
    return {**values, "kind": kind}


def _read_row(row, columns, number):
    """One row's values (every amount field present, None when empty) and its problems."""
    values = dict.fromkeys(budget_lines.AMOUNT_FIELDS)
    values["parent_code"] = ""
    problems = []
    for field, index in columns.items():
        raw = row[index].strip() if index < len(row) else ""
        if not raw:
            if field in ("code", "title", "kind"):
                problems.append(Problem(number, field, _("required")))
            continue
        try:
            values[field] = READERS[field](raw)
        except ValueError as error:
            problems.append(Problem(number, field, str(error)))
    title = values.get("title") or ""
    if not values.get("code") and title.strip().lower().startswith(TOTAL_WORDS):
        return values, [
            Problem(number, _("line"), _("totals are computed from the lines; remove this row"))
        ]
    return values, problems
