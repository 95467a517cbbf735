"""Budget line hierarchy: validation and computed totals, shared by the admin form and the importer.

A line either carries amounts (a leaf) or groups sub-lines (a heading, whose amounts are
the sums of its sub-lines). Totals are always computed, never typed.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cms.jalali import to_ascii_digits

AMOUNT_FIELDS = ("approved", "revised", "actual")
CODE_FIELDS = ("code", "parent_code")


@dataclass
class LineRow:
    """One line of the computed tree: the item, its depth and its (summed) amounts."""

    item: object
    depth: int
    amounts: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    @property
    def is_heading(self):
        return bool(self.children)


def line_errors(lines):
    """Problems in a budget's lines, as (line index, message) pairs; empty when all is well.

    ``lines`` are objects or dicts with code, parent_code, kind and the amount fields.
    """
    get = _getter(lines)
    errors = []
    by_code = {}
    for position, line in enumerate(lines):
        code = get(line, "code")
        if code in by_code:
            errors.append(
                (position, _("Code %(code)s is used twice in this budget.") % {"code": code})
            )
        else:
            by_code[code] = line
    parents = {get(line, "parent_code") for line in lines if get(line, "parent_code")}
    for position, line in enumerate(lines):
        code, parent_code = get(line, "code"), get(line, "parent_code")
        if parent_code:
            parent = by_code.get(parent_code)
            if parent is None:
                errors.append(
                    (
                        position,
                        _("Parent code %(code)s is not in this budget.") % {"code": parent_code},
                    )
                )
            elif get(parent, "kind") != get(line, "kind"):
                errors.append(
                    (position, _("A line and its parent must both be revenue or both expenditure."))
                )
            elif _leads_back(code, by_code, get):
                errors.append(
                    (position, _("The parent codes of line %(code)s form a loop.") % {"code": code})
                )
        typed = [name for name in AMOUNT_FIELDS if get(line, name) is not None]
        if code in parents and typed:
            errors.append(
                (
                    position,
                    _("Line %(code)s has sub-lines: its amounts are computed, leave them empty.")
                    % {"code": code},
                )
            )
        elif code not in parents and get(line, "approved") is None:
            errors.append((position, _("Line %(code)s needs an approved amount.") % {"code": code}))
    return errors


def line_tree(lines):
    """The lines as a depth-first list of LineRow, each heading summing its sub-lines.

    Assumes the lines passed ``line_errors``. Order among siblings follows ``lines``.
    """
    get = _getter(lines)
    rows = {get(line, "code"): LineRow(line, 0) for line in lines}
    roots = []
    for line in lines:
        row = rows[get(line, "code")]
        parent = rows.get(get(line, "parent_code") or "")
        (parent.children if parent else roots).append(row)
    ordered = []

    def visit(row, depth):
        row.depth = depth
        ordered.append(row)
        for child in row.children:
            visit(child, depth + 1)
        if row.children:
            row.amounts = {
                name: _sum(child.amounts[name] for child in row.children) for name in AMOUNT_FIELDS
            }
        else:
            row.amounts = {name: get(row.item, name) for name in AMOUNT_FIELDS}

    for root in roots:
        visit(root, 0)
    return ordered, roots


def totals_by_kind(lines):
    """{kind: {approved, revised, actual}} summed over the top-level lines."""
    get = _getter(lines)
    _ordered, roots = line_tree(lines)
    totals = {}
    for root in roots:
        kind_totals = totals.setdefault(get(root.item, "kind"), dict.fromkeys(AMOUNT_FIELDS))
        for name in AMOUNT_FIELDS:
            kind_totals[name] = _sum([kind_totals[name], root.amounts[name]])
    return totals


def _sum(values):
    """Sum that keeps None (not reported) when no value at all was reported."""
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _leads_back(code, by_code, get):
    """Whether following parents from ``code`` comes back to ``code`` itself.

    A line that merely hangs below a loop is not its own ancestor; the loop's members are.
    """
    seen = set()
    parent_code = get(by_code[code], "parent_code")
    while parent_code and parent_code not in seen:
        if parent_code == code:
            return True
        seen.add(parent_code)
        parent = by_code.get(parent_code)
        parent_code = get(parent, "parent_code") if parent is not None else None
    return False


def _getter(lines):
    """How to read a field of these lines; codes compare with their digits folded to ASCII."""
    read = (lambda line, name: line.get(name)) if lines and isinstance(lines[0], dict) else getattr

    def get(line, name):
        value = read(line, name)
        return normalize_code(value) if name in CODE_FIELDS else value

    return get


def normalize_code(code):
    """``۱۰۱``, ``١٠١`` and ``101`` are one code."""
    return to_ascii_digits(code).strip() if code else code
