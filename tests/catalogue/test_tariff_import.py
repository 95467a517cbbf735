"""Importing a year's tariffs: a whole good file goes in; a file with any problem changes nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from cms.catalogue.models import TariffItem, TariffTable
from cms.catalogue.tariff_import import TariffImportError, import_tariffs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Problems are compared with their English msgids; one test checks the Persian."""
    with translation.override("en"):
        yield


HEADER = "کد,عنوان,واحد,مبلغ,مبنای قانونی,تاریخ اجرا\n"
GOOD_CSV = HEADER + (
    '۱۰۱,عوارض صدور پروانه‌ی ساختمانی مسكوني,متر مربع,"۱٬۲۵۰٬۰۰۰",مصوبه‌ی ۱۲/ش,۱۴۰۴/۰۱/۰۱\n'
    "102,هزینه‌ی قطع درخت,اصله,850000,,\n"
)


def test_a_good_csv_with_persian_headers_and_digits_is_imported_in_file_order():
    table = import_tariffs(GOOD_CSV.encode(), "tarefe.csv", fiscal_year=1404, publish=True)

    items = list(table.items.all())
    assert [(item.code, item.amount) for item in items] == [("101", 1_250_000), ("102", 850_000)]
    assert items[0].title == "عوارض صدور پروانه‌ی ساختمانی مسکونی"  # Arabic Kaf/Yeh made Persian
    assert items[0].effective_date.isoformat() == "2025-03-21"
    assert table.published


def workbook(*rows):
    """The bytes of an XLSX file with ``rows`` on its first sheet."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_an_xlsx_workbook_is_read_like_a_csv():
    data = workbook(["code", "title", "unit", "amount"], ["201", "پسماند تجاری", "ماه", 420000])

    table = import_tariffs(data, "tariffs.xlsx", fiscal_year=1404)

    assert [(i.code, i.title, i.amount) for i in table.items.all()] == [
        ("201", "پسماند تجاری", 420_000)
    ]


def test_an_xlsx_date_cell_is_read_as_that_date():
    data = workbook(
        ["code", "title", "amount", "effective_date"],
        ["201", "پسماند تجاري", 420000, datetime.date(2025, 3, 21)],
    )

    table = import_tariffs(data, "tariffs.xlsx", fiscal_year=1404)

    assert table.items.get().effective_date == datetime.date(2025, 3, 21)


def test_an_xlsx_whole_number_stored_as_a_float_is_read_as_that_integer():
    book = Workbook()
    book.active.append(["code", "title", "amount"])
    book.active.append(["201", "پسماند تجاری", None])
    # A number cell written "420000.0", as exporters built on Java's Double.toString write
    # whole amounts; openpyxl reads it back as the float 420000.0.
    book.active["C2"].value = "420000.0"
    book.active["C2"].data_type = "n"
    data = io.BytesIO()
    book.save(data)

    table = import_tariffs(data.getvalue(), "tariffs.xlsx", fiscal_year=1404)

    assert table.items.get().amount == 420_000


def test_an_xlsx_amount_with_a_fraction_is_refused():
    data = workbook(["code", "title", "amount"], ["201", "پسماند تجاری", 420000.5])

    with pytest.raises(TariffImportError) as refusal:
        import_tariffs(data, "tariffs.xlsx", fiscal_year=1404)

    assert [(p.row, p.column) for p in refusal.value.problems] == [(2, "amount")]


def test_a_file_with_only_a_header_publishes_no_empty_table():
    with pytest.raises(TariffImportError, match="the file has no tariff items"):
        import_tariffs(HEADER.encode(), "t.csv", fiscal_year=1405, publish=True)

    assert not TariffTable.objects.filter(fiscal_year=1405).exists()


@pytest.mark.parametrize(
    ("content", "filename", "fragment"),
    [
        (HEADER + "101,عنوان,متر,دوازده,,\n", "t.csv", "amount"),
        (HEADER + ",بدون کد,متر,1000,,\n", "t.csv", "code"),
        (HEADER + "101,الف,متر,1000,,\n١٠١,ب,متر,2000,,\n", "t.csv", "already used on row 2"),
        (HEADER + "101,الف,متر,1000,,1404/13/40\n", "t.csv", "effective_date"),
        ("title,amount\nالف,1000\n", "t.csv", "code"),
        ("", "t.csv", "empty"),
        (HEADER, "t.csv", "the file has no tariff items"),
        (GOOD_CSV, "t.pdf", "only CSV and XLSX"),
        ("not a zip", "t.xlsx", "not a valid XLSX"),
    ],
)
def test_a_file_with_any_problem_is_refused_and_changes_nothing(content, filename, fragment):
    import_tariffs(GOOD_CSV.encode(), "first.csv", fiscal_year=1404)
    before = list(TariffItem.objects.values_list("code", "amount"))

    with pytest.raises(TariffImportError) as refusal:
        import_tariffs(content.encode(), filename, fiscal_year=1404)

    assert fragment in str(refusal.value)
    assert list(TariffItem.objects.values_list("code", "amount")) == before


def test_every_problem_of_the_file_is_reported_at_once():
    bad = HEADER + "101,,متر,x,,\n102,ب,متر,-5,,\n"

    with pytest.raises(TariffImportError) as refusal:
        import_tariffs(bad.encode(), "t.csv", fiscal_year=1404)

    assert [(p.row, p.column) for p in refusal.value.problems] == [
        (2, "title"),
        (2, "amount"),
        (3, "amount"),
    ]


def test_reimporting_a_year_replaces_its_items_and_leaves_other_years_alone():
    import_tariffs(GOOD_CSV.encode(), "a.csv", fiscal_year=1403)
    import_tariffs(GOOD_CSV.encode(), "a.csv", fiscal_year=1404)

    import_tariffs((HEADER + "301,آسفالت,متر,5000,,\n").encode(), "b.csv", fiscal_year=1404)

    assert list(
        TariffItem.objects.filter(table__fiscal_year=1404).values_list("code", flat=True)
    ) == ["301"]
    assert TariffItem.objects.filter(table__fiscal_year=1403).count() == 2


def test_a_published_year_is_never_replaced_by_a_new_import():
    import_tariffs(GOOD_CSV.encode(), "a.csv", fiscal_year=1404, publish=True)

    with pytest.raises(TariffImportError, match="already published"):
        import_tariffs((HEADER + "301,آسفالت,متر,5000,,\n").encode(), "b.csv", fiscal_year=1404)

    assert list(
        TariffItem.objects.filter(table__fiscal_year=1404).values_list("code", "amount")
    ) == [("101", 1_250_000), ("102", 850_000)]


def test_an_unpublished_table_can_be_corrected_and_published_by_a_new_import():
    import_tariffs(GOOD_CSV.encode(), "a.csv", fiscal_year=1404)

    table = import_tariffs(
        (HEADER + "301,آسفالت,متر,5000,,\n").encode(), "b.csv", fiscal_year=1404, publish=True
    )

    assert table.published
    assert list(table.items.values_list("code", flat=True)) == ["301"]


def test_the_command_imports_and_fails_loudly_on_a_bad_file(tmp_path):
    good = tmp_path / "tariffs.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "101,الف,متر,abc,,\n", encoding="utf-8")
    out = io.StringIO()

    call_command("import_tariffs", str(good), "--year", "1404", "--publish", stdout=out)
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_tariffs", str(bad), "--year", "1405")

    assert "2 tariffs imported for 1404 (published)" in out.getvalue()
    assert not TariffTable.objects.filter(fiscal_year=1405).exists()


def test_problems_are_told_in_persian_on_the_persian_site():
    with translation.override("fa"), pytest.raises(TariffImportError) as refusal:
        import_tariffs((HEADER + "101,الف,متر,abc,,\n").encode(), "t.csv", fiscal_year=1404)

    assert "ردیف ۲" in str(refusal.value) or "ردیف 2" in str(refusal.value)
