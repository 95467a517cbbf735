"""Budget line rules and computed totals, as the admin form and the importer use them."""

from dataclasses import dataclass

import pytest
from django.utils.translation import gettext as _
from hypothesis import given
from hypothesis import strategies as st

from cms import budget_lines


def line(code, parent_code="", kind="revenue", approved=None, revised=None, actual=None):
    return {
        "code": code,
        "parent_code": parent_code,
        "kind": kind,
        "approved": approved,
        "revised": revised,
        "actual": actual,
    }


@dataclass
class Line:
    """A line as an object, the way saved BudgetLineItems reach budget_lines."""

    code: str
    parent_code: str = ""
    kind: str = "revenue"
    approved: int | None = None
    revised: int | None = None
    actual: int | None = None


# line_errors


def test_well_formed_budget_has_no_errors():
    lines = [
        line("1"),
        line("11", "1"),
        line("111", "11", approved=0),
        line("12", "1", approved=700, revised=650),
        line("2", kind="expenditure", approved=400, revised=450, actual=300),
    ]
    assert budget_lines.line_errors(lines) == []


def test_empty_budget_has_no_errors():
    assert budget_lines.line_errors([]) == []


def test_second_line_with_the_same_code_is_refused():
    lines = [line("۱۰۱", approved=5), line("۱۰۲", approved=5), line("۱۰۱", approved=7)]
    assert budget_lines.line_errors(lines) == [
        (2, _("Code %(code)s is used twice in this budget.") % {"code": "101"})
    ]


def test_codes_in_persian_arabic_and_ascii_digits_are_one_code():
    lines = [line("۱۰"), line("١٠١", "10", approved=5), line("101", "۱۰", approved=7)]
    assert budget_lines.line_errors(lines) == [
        (2, _("Code %(code)s is used twice in this budget.") % {"code": "101"})
    ]


def test_a_parent_code_in_persian_digits_finds_its_heading():
    rows, _roots = budget_lines.line_tree([line("۱"), line("11", "1", approved=4)])
    assert [(row.depth, row.amounts["approved"]) for row in rows] == [(0, 4), (1, 4)]


def test_line_under_an_unknown_parent_is_refused():
    lines = [line("11", "9", approved=5)]
    assert budget_lines.line_errors(lines) == [
        (0, _("Parent code %(code)s is not in this budget.") % {"code": "9"})
    ]


def test_expenditure_line_under_a_revenue_heading_is_refused():
    lines = [line("1"), line("11", "1", kind="expenditure", approved=5)]
    assert budget_lines.line_errors(lines) == [
        (1, _("A line and its parent must both be revenue or both expenditure."))
    ]


def test_line_that_is_its_own_parent_is_refused():
    errors = budget_lines.line_errors([line("1", "1")])
    assert (0, _("The parent codes of line %(code)s form a loop.") % {"code": "1"}) in errors


def test_lines_forming_a_longer_loop_are_each_refused():
    lines = [line("1", "3"), line("2", "1"), line("3", "2"), line("4", approved=1)]
    assert budget_lines.line_errors(lines) == [
        (position, _("The parent codes of line %(code)s form a loop.") % {"code": code})
        for position, code in [(0, "1"), (1, "2"), (2, "3")]
    ]


def test_line_hanging_below_a_loop_is_not_called_its_own_ancestor():
    lines = [line("1", "2"), line("2", "1"), line("3", "1", approved=1)]
    # The loop is reported on its members; line 3 only hangs below it.
    assert budget_lines.line_errors(lines) == [
        (0, _("The parent codes of line %(code)s form a loop.") % {"code": "1"}),
        (1, _("The parent codes of line %(code)s form a loop.") % {"code": "2"}),
    ]


@pytest.mark.parametrize("amount", ["approved", "revised", "actual"])
def test_heading_with_a_typed_amount_is_refused(amount):
    lines = [line("1", **{amount: 10}), line("11", "1", approved=10)]
    assert budget_lines.line_errors(lines) == [
        (
            0,
            _("Line %(code)s has sub-lines: its amounts are computed, leave them empty.")
            % {"code": "1"},
        )
    ]


def test_detailed_line_without_approved_amount_is_refused():
    lines = [line("1", revised=10, actual=8)]
    assert budget_lines.line_errors(lines) == [
        (0, _("Line %(code)s needs an approved amount.") % {"code": "1"})
    ]


def test_errors_are_found_in_saved_line_objects_too():
    lines = [Line("1", approved=1), Line("1", approved=2)]
    assert [position for position, _message in budget_lines.line_errors(lines)] == [1]


# line_tree and totals_by_kind


def test_tree_lists_lines_depth_first_keeping_sibling_order():
    lines = [
        line("2", kind="expenditure"),
        line("1", approved=100),
        line("22", "2", kind="expenditure", approved=5),
        line("21", "2", kind="expenditure"),
        line("211", "21", kind="expenditure", approved=7),
    ]
    rows, roots = budget_lines.line_tree(lines)
    assert [(row.item["code"], row.depth) for row in rows] == [
        ("2", 0),
        ("22", 1),
        ("21", 1),
        ("211", 2),
        ("1", 0),
    ]
    assert [root.item["code"] for root in roots] == ["2", "1"]


def test_heading_sums_its_sub_lines_and_keeps_unreported_amounts_empty():
    lines = [
        line("1"),
        line("11", "1", approved=2_500_000, revised=3_000_000, actual=None),
        line("12", "1", approved=1_500_000, revised=None, actual=None),
    ]
    heading = budget_lines.line_tree(lines)[0][0]
    assert heading.is_heading
    assert heading.amounts == {"approved": 4_000_000, "revised": 3_000_000, "actual": None}


def test_nested_headings_sum_through_every_level():
    lines = [
        Line("1"),
        Line("11", "1"),
        Line("111", "11", approved=10, actual=1),
        Line("112", "11", approved=20, actual=2),
        Line("12", "1", approved=30, actual=3),
    ]
    rows, _roots = budget_lines.line_tree(lines)
    amounts = {row.item.code: row.amounts for row in rows}
    assert amounts["11"] == {"approved": 30, "revised": None, "actual": 3}
    assert amounts["1"] == {"approved": 60, "revised": None, "actual": 6}


def test_totals_by_kind_add_the_top_level_lines_of_each_kind():
    lines = [
        line("1"),
        line("11", "1", approved=700, revised=800, actual=650),
        line("12", "1", approved=300, actual=200),
        line("3", approved=50),
        line("2", kind="expenditure", approved=900, revised=950, actual=600),
    ]
    assert budget_lines.totals_by_kind(lines) == {
        "revenue": {"approved": 1_050, "revised": 800, "actual": 850},
        "expenditure": {"approved": 900, "revised": 950, "actual": 600},
    }


def test_totals_of_an_empty_budget_are_empty():
    assert budget_lines.totals_by_kind([]) == {}


# Properties: whatever the tree, headings add up to their detailed lines.


@st.composite
def line_trees(draw):
    """Valid budgets: each line's parent is an earlier heading of the same kind."""
    count = draw(st.integers(min_value=1, max_value=25))
    amount = st.one_of(st.none(), st.integers(min_value=0, max_value=10**15))
    specs = []
    for index in range(count):
        parent = None
        if index:
            parent = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=index - 1)))
        if parent is None:
            kind = draw(st.sampled_from(["revenue", "expenditure"]))
        else:
            kind = specs[parent]["kind"]
        specs.append({"code": f"ردیف-{index}", "parent": parent, "kind": kind})
    headings = {spec["parent"] for spec in specs if spec["parent"] is not None}
    lines = []
    for index, spec in enumerate(specs):
        leaf = index not in headings
        lines.append(
            line(
                spec["code"],
                specs[spec["parent"]]["code"] if spec["parent"] is not None else "",
                spec["kind"],
                approved=draw(st.integers(min_value=0, max_value=10**15)) if leaf else None,
                revised=draw(amount) if leaf else None,
                actual=draw(amount) if leaf else None,
            )
        )
    order = draw(st.permutations(range(count)))
    return [lines[i] for i in order]


def _leaves_under(code, lines):
    children = [child for child in lines if child["parent_code"] == code]
    if not children:
        return [next(item for item in lines if item["code"] == code)]
    return [leaf for child in children for leaf in _leaves_under(child["code"], lines)]


def _reported_sum(values):
    values = [value for value in values if value is not None]
    return sum(values) if values else None


@given(line_trees())
def test_generated_budgets_are_valid(lines):
    assert budget_lines.line_errors(lines) == []


@given(line_trees())
def test_every_heading_equals_the_sum_of_its_detailed_lines(lines):
    rows, _roots = budget_lines.line_tree(lines)
    assert len(rows) == len(lines)
    for row in rows:
        leaves = _leaves_under(row.item["code"], lines)
        for name in budget_lines.AMOUNT_FIELDS:
            assert row.amounts[name] == _reported_sum(leaf[name] for leaf in leaves)


@given(line_trees())
def test_totals_by_kind_equal_the_sum_of_detailed_lines_of_that_kind(lines):
    leaves = [item for item in lines if not any(o["parent_code"] == item["code"] for o in lines)]
    totals = budget_lines.totals_by_kind(lines)
    assert set(totals) == {item["kind"] for item in lines}
    for kind, kind_totals in totals.items():
        for name in budget_lines.AMOUNT_FIELDS:
            expected = _reported_sum(leaf[name] for leaf in leaves if leaf["kind"] == kind)
            assert kind_totals[name] == expected
