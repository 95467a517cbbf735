"""Importing a budget's lines from CSV or XLSX: every problem listed, all or nothing."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from cms import models
from cms.fiscal.admin_views import SESSION_KEY, editable_budgets
from cms.fiscal.importing import MAX_BYTES, BudgetImportError, read_lines
from cms.models import BudgetPage
from cms.wagtail_hooks import register_budget_import_menu_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(admin_user):
    """Messages in English, in the tests and in the admin (the editor's chosen language)."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    with translation.override("en"):
        yield


HEADER = "کد,کد سرفصل,عنوان,نوع,مصوب,اصلاحی,عملکرد"
GOOD_CSV = "\n".join(
    [
        HEADER,
        "۱,,درآمدهای عمومي,درآمد,,,",
        '١١,۱,عوارض نوسازي و ‌پسماند,درآمد,"۱٬۲۵۰٬۰۰۰","١,٠٠٠",0',
        "2,,هزینه‌های جاری,هزینه,,,",
        '21,2,<script>alert(1)</script> حقوق,expenditure,"900,000",,450000',
    ]
)


def test_csv_with_persian_and_arabic_digits_reads_exact_lines():
    text = "\n".join(
        [
            HEADER,
            "۱,,درآمدهای عمومي,درآمد,,,",
            '۱۱,۱,عوارض,درآمد,"۱٬۲۵۰٬۰۰۰","١,٠٠٠,٠٠٠",750000',
            '2,,هزینه‌های جاری,هزینه,"900,000",,"٤٥٠،٠٠٠"',
        ]
    )
    lines = read_lines(text.encode("utf-8-sig"), "budget.csv")
    assert lines == [
        {
            "code": "1",
            "parent_code": "",
            "title": "درآمدهای عمومی",
            "kind": "revenue",
            "approved": None,
            "revised": None,
            "actual": None,
        },
        {
            "code": "11",
            "parent_code": "1",
            "title": "عوارض",
            "kind": "revenue",
            "approved": 1250000,
            "revised": 1000000,
            "actual": 750000,
        },
        {
            "code": "2",
            "parent_code": "",
            "title": "هزینه‌های جاری",
            "kind": "expenditure",
            "approved": 900000,
            "revised": None,
            "actual": 450000,
        },
    ]


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_reads_numbers_and_text_cells():
    data = _xlsx(
        [
            ["code", "parent_code", "title", "kind", "approved", "revised", "actual"],
            [1, None, "درآمد", "revenue", None, None, None],
            [11, 1, "عوارض", "revenue", 1_000_000_000_000, "۲٬۰۰۰", 1500.0],
        ]
    )
    assert read_lines(data, "بودجه.XLSX") == [
        {
            "code": "1",
            "parent_code": "",
            "title": "درآمد",
            "kind": "revenue",
            "approved": None,
            "revised": None,
            "actual": None,
        },
        {
            "code": "11",
            "parent_code": "1",
            "title": "عوارض",
            "kind": "revenue",
            "approved": 1_000_000_000_000,
            "revised": 2000,
            "actual": 1500,
        },
    ]


def _problems(data, name="budget.csv"):
    with pytest.raises(BudgetImportError) as caught:
        read_lines(data, name)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"code,title\n1,x", "budget.txt", "only CSV and XLSX files can be imported"),
        (b"\xff\xfe\x00bad", "budget.csv", "the file is not UTF-8 text"),
        (b"PK\x03\x04 not really", "budget.xlsx", "the file is not a valid XLSX workbook"),
        (b"", "budget.csv", "the file has no budget lines"),
        (HEADER.encode(), "budget.csv", "the file has no budget lines"),
        (b"code,title,amount\n1,x,5", "budget.csv", "Row 1, kind: this column is missing"),
        (b"x" * (MAX_BYTES + 1), "budget.csv", "the file is larger than 2 MB"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, name, expected):
    assert any(expected in problem for problem in _problems(data, name))


def test_every_bad_row_is_listed():
    text = "\n".join(
        [
            HEADER,
            "1,,درآمد,درآمد,500,,",  # a heading with an amount
            "11,1,عوارض,درآمد,12x,,",  # not a number
            "12,7,پسماند,درآمد,100,,",  # parent not in the file
            "13,1,بهای خدمات,سود,100,,",  # unknown kind
            "14,1,,درآمد,-5,,",  # no title, negative amount
            ",,جمع کل,درآمد,700,,",  # a total row
        ]
    )
    problems = _problems(text.encode())
    assert "Row 3, approved: expected a whole number" in problems
    assert any(p.startswith("Row 5, kind: expected revenue or expenditure") for p in problems)
    assert "Row 6, title: required" in problems
    assert "Row 6, approved: must be at least 0" in problems
    assert "Row 7, line: totals are computed from the lines; remove this row" in problems
    # Rows that all read well, with only hierarchy problems.
    text = "\n".join([HEADER, "1,,درآمد,درآمد,500,,", "11,1,عوارض,درآمد,1,,", "12,7,پ,درآمد,1,,"])
    problems = _problems(text.encode())
    assert (
        "Row 2, line: Line 1 has sub-lines: its amounts are computed, leave them empty." in problems
    )
    assert "Row 4, line: Parent code 7 is not in this budget." in problems


def test_hierarchy_problems_are_listed_with_the_row_problems():
    text = "\n".join(
        [
            HEADER,
            "1,,درآمد,درآمد,500,,",  # a heading with an amount
            "11,1,عوارض,درآمد,12x,,",  # not a number
            "12,1,پسماند,درآمد,100,,",
            "13,7,بهای خدمات,درآمد,100,,",  # parent not in the file
        ]
    )
    problems = _problems(text.encode())
    assert "Row 3, approved: expected a whole number" in problems
    assert (
        "Row 2, line: Line 1 has sub-lines: its amounts are computed, leave them empty." in problems
    )
    assert "Row 5, line: Parent code 7 is not in this budget." in problems


def test_lines_are_not_blamed_for_the_rows_that_did_not_read():
    text = "\n".join(
        [
            HEADER,
            "1,,درآمد,درآمد,,,",  # a heading whose only sub-line does not read
            "11,1,عوارض نوسازي,درآمد,12x,,",
            "2,,هزینه‌های جاری,سود,,,",  # an unknown kind, on a heading
            "21,2,حقوق,هزینه,100,,",
            "22,9,,هزینه,100,,",  # no title: its parent is not checked yet
        ]
    )
    problems = _problems(text.encode())
    assert [problem.split(":")[0] for problem in problems] == [
        "Row 3, approved",
        "Row 4, kind",
        "Row 6, title",
    ]


@pytest.fixture
def budget(budgets):
    from tests.fiscal.conftest import LINES_1403, make_budget

    return make_budget(budgets, 1403, LINES_1403)


def _upload(client, budget, content, name="budget.csv"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(reverse("fiscal_budget_import"), {"budget": budget.pk, "file": upload})


def test_admin_import_previews_then_writes_a_draft(admin_client, budget):
    revisions = budget.revisions.count()
    response = _upload(admin_client, budget, GOOD_CSV.encode())
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; حقوق" in html
    assert budget.revisions.count() == revisions  # a preview writes nothing
    token = response.context["token"]
    response = admin_client.post(reverse("fiscal_budget_import_confirm"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[budget.pk])
    page = BudgetPage.objects.get(pk=budget.pk)
    assert page.revisions.count() == revisions + 1
    draft = page.get_latest_revision_as_object()
    assert [(line.code, line.approved) for line in draft.line_items.all()] == [
        ("1", None),
        ("11", 1250000),
        ("2", None),
        ("21", 900000),
    ]
    # The published budget is unchanged until the editor publishes the draft.
    assert sorted(page.line_items.values_list("code", flat=True)) == [
        "1",
        "11",
        "12",
        "2",
        "21",
        "22",
        "3",
        "4",
    ]
    assert page.has_unpublished_changes
    # The same confirmation cannot be replayed.
    again = admin_client.post(reverse("fiscal_budget_import_confirm"), {"token": token})
    assert again.status_code == 302 and "budget-import" in again["Location"]
    assert page.revisions.count() == revisions + 1


def test_admin_import_of_a_bad_file_lists_problems_and_writes_nothing(admin_client, budget):
    revisions = budget.revisions.count()
    response = _upload(admin_client, budget, f"{HEADER}\n11,9,x,درآمد,abc,,".encode())
    html = response.content.decode()
    assert "The file was not imported" in html and "expected a whole number" in html
    assert "token" not in response.context or response.context.get("token") is None
    assert budget.revisions.count() == revisions
    response = admin_client.post(reverse("fiscal_budget_import_confirm"), {"token": "forged"})
    assert budget.revisions.count() == revisions


def test_import_needs_edit_permission(client, django_user_model, budget):
    revisions = budget.revisions.count()
    user = django_user_model.objects.create_user("citizen", password="pw-1234-long")
    client.force_login(user)
    response = _upload(client, budget, GOOD_CSV.encode())
    assert response.status_code in (302, 403)
    assert SESSION_KEY not in client.session
    assert budget.revisions.count() == revisions


def _editor(django_user_model, page, codename):
    """An admin user whose group has the page permission ``codename`` on ``page``."""
    group = Group.objects.create(name="ويراستاران بودجه‌ی شهرداري")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=page,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{codename}_page"
        ),
    )
    user = django_user_model.objects.create_user("budget-editor", password="pw-1234-long")
    user.groups.add(group)
    return user


def _menu_shown(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return register_budget_import_menu_item().is_shown(request)


@pytest.mark.parametrize(
    ("section", "codename", "owns_budget", "shown"),
    [
        (models.BudgetIndexPage, "change", False, True),
        (models.BudgetIndexPage, "add", True, True),
        (models.BudgetIndexPage, "add", False, False),
        (models.BudgetIndexPage, "publish", False, False),
        (models.NewsIndexPage, "change", False, False),
    ],
)
def test_import_menu_is_shown_to_those_who_may_edit_a_budget(
    django_user_model, sections, budget, section, codename, owns_budget, shown
):
    user = _editor(django_user_model, sections[section], codename)
    if owns_budget:
        BudgetPage.objects.filter(pk=budget.pk).update(owner=user)
    assert _menu_shown(user) is shown
    assert bool(editable_budgets(user)) is shown  # the import page offers the same budgets


@pytest.mark.parametrize("count", [1, 8])
@pytest.mark.parametrize(
    ("section", "shown"), [(models.BudgetIndexPage, True), (models.NewsIndexPage, False)]
)
def test_import_menu_check_costs_the_same_queries_for_any_number_of_budgets(
    django_user_model, sections, count, section, shown, django_assert_max_num_queries
):
    from tests.fiscal.conftest import LINES_1403, make_budget

    for year in range(1400, 1400 + count):
        make_budget(sections[models.BudgetIndexPage], year, LINES_1403)
    # Every admin page asks, for budget editors and (most often) for everyone else.
    user = _editor(django_user_model, sections[section], "change")
    with django_assert_max_num_queries(2):
        assert _menu_shown(user) is shown
