"""load_demo: the demo city loads once, through the importer, and its content holds together."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms import budget_lines
from cms.demo.loader import CONTENT_FILE, MARKER
from cms.importer import import_lines
from cms.models import (
    BudgetPage,
    Department,
    District,
    EventPage,
    HomePage,
    LawPage,
    NewsPage,
    ProjectPage,
    StaffMember,
    StandardPage,
    TenderPage,
)


def load_demo(monkeypatch, password="demo-pass-1403"):
    monkeypatch.setenv("SHAFAF_ADMIN_PASSWORD", password)
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_demo_file_passes_validation(db):
    with CONTENT_FILE.open(encoding="utf-8") as lines:
        report = import_lines(lines, dry_run=True)

    assert report.ok, report.errors


def test_load_demo_loads_a_few_dozen_items_of_every_type_and_the_phone_book(db, monkeypatch):
    load_demo(monkeypatch)

    assert NewsPage.objects.live().count() >= 24
    assert NewsPage.objects.filter(kind="announcement").count() >= 8
    assert EventPage.objects.live().count() >= 12
    assert LawPage.objects.live().count() >= 20
    assert set(LawPage.objects.values_list("kind", flat=True)) == set(LawPage.Kind.values)
    assert LawPage.objects.filter(amends__isnull=False).distinct().count() >= 2
    assert LawPage.objects.filter(status="repealed", repealed_by__isnull=False).count() == 1
    assert TenderPage.objects.live().count() >= 20
    assert set(TenderPage.objects.values_list("status", flat=True)) == set(TenderPage.Status.values)
    assert set(TenderPage.objects.values_list("kind", flat=True)) == {"tender", "auction"}
    assert ProjectPage.objects.live().count() >= 20
    assert set(ProjectPage.objects.values_list("district__number", flat=True)) == set(range(1, 7))
    years = BudgetPage.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True)
    assert list(years) == [1401, 1402, 1403]
    assert District.objects.count() == 6
    assert Department.objects.count() >= 6
    assert StaffMember.objects.count() >= 20
    about = StandardPage.objects.get(slug="about", locale__language_code="fa")
    assert about.live and len(about.body) >= 2
    home = HomePage.objects.get(locale__language_code="fa")
    assert home.welcome
    assert HomePage.objects.get(locale__language_code="en").live
    assert home.featured_items.count() >= 4


def test_demo_budgets_add_up(home):
    with CONTENT_FILE.open(encoding="utf-8") as lines:
        import_lines([line for line in lines if '"type": "budget"' in line])

    assert BudgetPage.objects.count() == 3
    for page in BudgetPage.objects.all():
        lines = list(page.line_items.all())
        assert 15 <= len(lines) <= 25
        assert budget_lines.line_errors(lines) == []
        rows, _roots = budget_lines.line_tree(lines)
        for row in rows:
            if row.is_heading:
                assert row.amounts["approved"] == sum(c.amounts["approved"] for c in row.children)
        totals = page.totals
        assert totals["revenue"]["approved"] == totals["expenditure"]["approved"]
        assert totals["revenue"]["revised"] == totals["expenditure"]["revised"]


def test_second_run_changes_nothing_and_keeps_the_admin_password(db, monkeypatch):
    load_demo(monkeypatch, password="first-password")
    pages = NewsPage.objects.count()

    output = load_demo(monkeypatch, password="second-password")

    assert "already loaded" in output
    assert "already exists" in output
    assert "second-password" not in output
    assert NewsPage.objects.count() == pages
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("first-password")


@pytest.fixture
def loaded_marker(sections):
    """The state after a first load, as far as load_demo checks it: the About page's marker."""
    StandardPage.objects.filter(slug="about", locale__language_code="fa").update(source_id=MARKER)


def test_admin_login_is_printed_with_the_password_from_the_environment(loaded_marker, monkeypatch):
    output = load_demo(monkeypatch, password="s3cret-نمونه")

    assert "/admin/" in output
    assert "username: admin" in output
    assert "password: s3cret-نمونه" in output
    assert get_user_model().objects.get(username="admin").check_password("s3cret-نمونه")


def test_random_admin_password_is_generated_when_none_is_given(loaded_marker, monkeypatch):
    output = load_demo(monkeypatch, password="")

    password = output.split("password: ")[1].split()[0]
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)
