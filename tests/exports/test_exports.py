"""Bulk exports: columns, Persian text, formula neutralisation, what is left out, licence."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.exports.datasets import DATASETS
from cms.models import (
    BudgetIndexPage,
    EventIndexPage,
    LawIndexPage,
    MediaIndexPage,
    NewsIndexPage,
    ProjectIndexPage,
    TenderIndexPage,
)
from cms.site_structure import ensure_translated_structure
from tests.cms import factories
from tests.conftest import XSS

pytestmark = pytest.mark.django_db

PERSIAN = "بازگشايي پارك محله‌ی «ي ك»"
FACTORIES = {
    "news": (factories.NewsPageFactory, NewsIndexPage),
    "events": (factories.EventPageFactory, EventIndexPage),
    "laws": (factories.LawPageFactory, LawIndexPage),
    "tenders": (factories.TenderPageFactory, TenderIndexPage),
    "projects": (factories.ProjectPageFactory, ProjectIndexPage),
    "media": (factories.MediaItemPageFactory, MediaIndexPage),
}


def download(client, name, fmt):
    response = client.get(reverse("exports:download", args=[name, fmt]))
    assert response.status_code == 200
    assert response.streaming
    return response, b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, name):
    response, text = download(client, name, "csv")
    assert text.startswith("\ufeff")
    return response, list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def make_budget(sections, **kwargs):
    return factories.BudgetPageFactory(
        parent=sections[BudgetIndexPage],
        line_items=factories.budget_lines(
            ("1", "", "revenue", None, None, None),
            ("11", "1", "revenue", 500, 600, 550),
            ("2", "", "expenditure", 300, 300, 250),
        ),
        **kwargs,
    )


def test_index_lists_every_export_with_licence_and_note(client):
    data = client.get(reverse("exports:index")).json()
    assert data["license"] == {
        "name": settings.SHAFAF_DATA_LICENSE_NAME,
        "url": settings.SHAFAF_DATA_LICENSE_URL,
    }
    # The portal's own, then those the council, the catalogue and participation register.
    assert [item["type"] for item in data["exports"]] == [
        "news", "events", "laws", "tenders", "projects", "budgets", "media", "departments",
        "staff",
        "councilmembers", "meetings", "motions", "services", "tariffs", "polls", "suggestions",
    ]  # fmt: skip
    tenders = data["exports"][3]
    assert tenders["csv"] == "http://testserver/api/exports/tenders.csv"
    assert tenders["json"] == "http://testserver/api/exports/tenders.json"
    assert data["note"]


@pytest.mark.parametrize("name", list(FACTORIES))
def test_page_exports_have_stable_columns_and_persian_text(client, sections, name):
    factory, index = FACTORIES[name]
    page = factory(parent=sections[index], title=f"{PERSIAN} {XSS}")
    response, rows = csv_rows(client, name)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == f'<{settings.SHAFAF_DATA_LICENSE_URL}>; rel="license"'
    header, row = rows
    assert header == DATASETS[name].column_names
    assert header[:4] == ["id", "language", "translation_key", "title"]
    values = dict(zip(header, row, strict=True))
    assert values["title"] == f"{PERSIAN} {XSS}"
    assert values["language"] == "fa"
    assert values["url"] == page.get_full_url()
    assert values["first_published_at"].startswith(str(page.first_published_at.year))
    assert values["first_published_at_jalali"].startswith("14")


def test_dates_come_in_iso_and_jalali(client, sections):
    factories.TenderPageFactory(parent=sections[TenderIndexPage])
    _response, (header, row) = csv_rows(client, "tenders")
    values = dict(zip(header, row, strict=True))
    assert values["publish_date"] == "2024-05-01"
    assert values["publish_date_jalali"] == "1403/02/12"
    assert values["submission_deadline"] == "2024-05-20T14:00:00+03:30"
    assert values["submission_deadline_jalali"] == "1403/02/31 14:00"
    assert values["opening_date"] == ""
    assert values["ocid"].startswith(settings.SHAFAF_OCDS_PREFIX)


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_cells_are_neutralised_in_csv_only(client, sections, payload):
    factories.NewsPageFactory(parent=sections[NewsIndexPage], summary=payload)
    _response, (header, row) = csv_rows(client, "news")
    assert dict(zip(header, row, strict=True))["summary"] == "'" + payload
    _response, text = download(client, "news", "json")
    assert json.loads(text)["items"][0]["summary"] == payload


def test_drafts_and_private_pages_are_left_out(client, sections):
    shown = factories.NewsPageFactory(parent=sections[NewsIndexPage])
    factories.NewsPageFactory(parent=sections[NewsIndexPage], live=False)
    private = factories.NewsPageFactory(parent=sections[NewsIndexPage])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    _response, text = download(client, "news", "json")
    assert [item["id"] for item in json.loads(text)["items"]] == [shown.pk]
    _response, rows = csv_rows(client, "news")
    assert [row[0] for row in rows[1:]] == [str(shown.pk)]


def test_both_languages_are_exported(client, home, sections):
    page = factories.NewsPageFactory(parent=sections[NewsIndexPage])
    english_home = ensure_translated_structure(home, "en")
    english = page.copy_for_translation(english_home.locale)
    english.title = "Park reopens"
    english.save_revision().publish()
    _response, text = download(client, "news", "json")
    items = json.loads(text)["items"]
    assert {(item["language"], item["title"]) for item in items} == {
        ("fa", page.title),
        ("en", "Park reopens"),
    }
    assert len({item["translation_key"] for item in items}) == 1


def test_json_states_the_licence_and_columns(client, sections):
    factories.ProjectPageFactory(parent=sections[ProjectIndexPage])
    response, text = download(client, "projects", "json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(text)
    assert data["license"]["url"] == settings.SHAFAF_DATA_LICENSE_URL
    assert data["columns"] == DATASETS["projects"].column_names
    assert list(data["items"][0]) == data["columns"]


def test_budget_export_has_one_row_per_line(client, sections):
    budget = make_budget(sections)
    _response, rows = csv_rows(client, "budgets")
    header = rows[0]
    lines = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [line["code"] for line in lines] == ["1", "11", "2"]
    assert {line["fiscal_year"] for line in lines} == {str(budget.fiscal_year)}
    assert lines[1]["approved"] == "500"
    assert lines[0]["approved"] == ""
    assert lines[1]["line_title"].endswith("درآمد‌های عمومي")


def test_staff_export_lists_members_with_department(client, db):
    member = factories.StaffMemberFactory(email="ali@example.org")
    _response, text = download(client, "staff", "json")
    [item] = json.loads(text)["items"]
    assert item["full_name"] == member.full_name
    assert item["department"] == member.department.name


def test_media_export_carries_the_transcript_and_where_it_plays(client, sections):
    item = factories.MediaItemPageFactory(parent=sections[MediaIndexPage])
    _response, text = download(client, "media", "json")
    [row] = json.loads(text)["items"]
    assert row["transcript"] == item.transcript
    assert row["media_url"] == "https://vimeo.com/76979871"
    assert row["kind"] == "video"


def test_departments_export_is_the_organisation_chart(client, db):
    mayor = factories.DepartmentFactory(name="دفتر شهردار")
    services = factories.DepartmentFactory(name="معاونت خدمات شهري", parent=mayor)
    head = factories.StaffMemberFactory(department=services, full_name="مریم كاظمی")
    services.head = head
    services.save()
    _response, text = download(client, "departments", "json")
    rows = {row["name"]: row for row in json.loads(text)["items"]}
    assert rows["دفتر شهردار"]["parent"] is None
    assert rows["معاونت خدمات شهري"]["parent"] == "دفتر شهردار"
    assert rows["معاونت خدمات شهري"]["head"] == "مریم كاظمی"
    assert rows["معاونت خدمات شهري"]["head_position"] == head.position


def test_unknown_export_is_not_found(client, db):
    assert client.get("/api/exports/secrets.csv").status_code == 404
    assert client.get("/api/exports/news.xml").status_code == 404


@pytest.mark.parametrize("name", [*FACTORIES, "budgets", "staff", "departments"])
def test_export_queries_do_not_grow_with_rows(
    client, sections, django_assert_max_num_queries, name
):
    def fill(count):
        for _ in range(count):
            if name == "budgets":
                make_budget(sections, tags=["بودجه"])
            elif name == "staff":
                factories.StaffMemberFactory()
            elif name == "departments":
                department = factories.DepartmentFactory()
                department.head = factories.StaffMemberFactory(department=department)
                department.save()
            else:
                factory, index = FACTORIES[name]
                factory(parent=sections[index], tags=["شفافیت", "محله‌ی ۱"])

    fill(2)
    with django_assert_max_num_queries(8):
        _response, small = csv_rows(client, name)
    fill(8)
    with django_assert_max_num_queries(8):
        _response, large = csv_rows(client, name)
    assert len(large) == len(small) + 8 * (len(small) - 1) // 2
