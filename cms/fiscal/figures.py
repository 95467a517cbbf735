"""The numbers a citizen reads off a budget: categories, totals, execution and year-on-year change.

Charts and their tables are both built from these, so a chart never says another number
than the table beside it.
"""

from dataclasses import dataclass

from cms import budget_lines

EXPENDITURE, REVENUE = "expenditure", "revenue"


def rate(part, whole):
    """``part`` as a percentage of ``whole`` (one decimal), or None when either is missing."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 1)


@dataclass(frozen=True)
class Category:
    """A top-level line of one kind: what was planned, revised and spent (or collected)."""

    code: str
    title: str
    approved: object
    revised: object
    actual: object

    @property
    def execution_rate(self):
        return rate(self.actual, self.approved)


def categories(rows, kind=EXPENDITURE):
    """The top-level lines of ``kind`` from ``budget_lines.line_tree`` rows, in budget order."""
    return [
        Category(row.item.code, row.item.title, **row.amounts)
        for row in rows
        if row.depth == 0 and row.item.kind == kind
    ]


def kind_totals(totals):
    """Revenue and expenditure (from ``BudgetPage.totals``) as two categories, for the chart."""
    return [
        Category(kind, label, **totals[kind])
        for kind, label in ((REVENUE, _label(REVENUE)), (EXPENDITURE, _label(EXPENDITURE)))
    ]


def _label(kind):
    from cms.models import BudgetLineItem

    return BudgetLineItem.Kind(kind).label


@dataclass(frozen=True)
class Comparison:
    """One line code in two fiscal years; a side is None when the code is not in that year."""

    code: str
    title: str
    kind: str
    depth: int
    before: object  # {approved, revised, actual} or None
    after: object

    def _amount(self, side, name):
        return side[name] if side else None

    @property
    def planned_before(self):
        return self._amount(self.before, "approved")

    @property
    def planned_after(self):
        return self._amount(self.after, "approved")

    @property
    def actual_before(self):
        return self._amount(self.before, "actual")

    @property
    def actual_after(self):
        return self._amount(self.after, "actual")

    @property
    def change(self):
        """Planned amount this year minus the earlier year's, when both exist."""
        if self.planned_before is None or self.planned_after is None:
            return None
        return self.planned_after - self.planned_before

    @property
    def change_percent(self):
        if self.change is None:
            return None
        return rate(self.change, self.planned_before)


def compare(before_lines, after_lines):
    """Both years' lines matched by code: the later year's order, then codes it dropped."""
    before_rows, _roots = budget_lines.line_tree(before_lines)
    after_rows, _roots = budget_lines.line_tree(after_lines)
    before_by_code = {row.item.code: row for row in before_rows}
    after_codes = {row.item.code for row in after_rows}
    result = []
    for row in after_rows:
        earlier = before_by_code.get(row.item.code)
        result.append(_comparison(row, earlier.amounts if earlier else None, row.amounts))
    for row in before_rows:
        if row.item.code not in after_codes:
            result.append(_comparison(row, row.amounts, None))
    return result


def _comparison(row, before, after):
    item = row.item
    return Comparison(item.code, item.title, item.kind, row.depth, before, after)
