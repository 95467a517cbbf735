"""The public API (Wagtail API v2) over HTTP: what each page type exposes, and what it hides."""

import datetime

import pytest
from django.utils import timezone

from cms import models
from tests.cms import factories

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def _listing(client, query):
    response = client.get(PAGES, query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def _only_item(client, model, **query):
    items = _listing(client, {"type": f"cms.{model.__name__}", "fields": "*", **query})
    assert len(items) == 1
    return items[0]


def _api_field_names(model):
    return {field.name for field in model.api_fields}


@pytest.fixture
def document():
    return factories.DocumentFactory(title="اسناد مناقصه‌ی آسفالت")


@pytest.fixture
def image():
    return factories.ImageFactory(title="نمای بوستان")


@pytest.fixture
def district():
    return factories.DistrictFactory(number=12, name="منطقه‌ی دوازده")


@pytest.fixture
def budget(sections):
    return factories.BudgetPageFactory(
        parent=sections[models.BudgetIndexPage],
        fiscal_year=1403,
        line_items=factories.budget_lines(
            ("1", "", "revenue", None, None, None),
            ("11", "1", "revenue", 7_000, 8_000, 6_500),
            ("12", "1", "revenue", 3_000, 2_000, 2_500),
            ("2", "", "expenditure", None, None, None),
            ("21", "2", "expenditure", 4_000, 4_500, 3_000),
            ("22", "2", "expenditure", 5_000, 5_000, None),
        ),
    )


def _every_type(sections, image, document, district):
    """One live page of each content type, every optional relation filled in."""
    earlier = factories.LawPageFactory(parent=sections[models.LawIndexPage], number="۱/ش/۱۴۰۰")
    return {
        models.NewsPage: factories.NewsPageFactory(
            parent=sections[models.NewsIndexPage], image=image, tags=["شفافيت"]
        ),
        models.EventPage: factories.EventPageFactory(parent=sections[models.EventIndexPage]),
        models.LawPage: factories.LawPageFactory(
            parent=sections[models.LawIndexPage],
            amends=[earlier],
            documents=[models.LawDocument(document=document, caption="متن مصوبه")],
        ),
        models.TenderPage: factories.TenderPageFactory(
            parent=sections[models.TenderIndexPage],
            documents=[models.TenderDocument(document=document, caption="شرایط عمومي")],
        ),
        models.ProjectPage: factories.ProjectPageFactory(
            parent=sections[models.ProjectIndexPage],
            district=district,
            gallery_images=[models.ProjectGalleryImage(image=image, caption="پیشرفت")],
        ),
        models.BudgetPage: factories.BudgetPageFactory(
            parent=sections[models.BudgetIndexPage], fiscal_year=1402
        ),
    }


@pytest.mark.parametrize(
    "model",
    [
        models.NewsPage,
        models.EventPage,
        models.TenderPage,
        models.ProjectPage,
        models.BudgetPage,
    ],
    ids=lambda model: model.__name__,
)
def test_typed_listing_with_all_fields_returns_every_api_field(
    client, sections, image, document, district, model
):
    _every_type(sections, image, document, district)
    item = _only_item(client, model)
    assert set(item) == {"id", "meta", "title", *_api_field_names(model)}
    assert item["meta"]["type"] == f"cms.{model.__name__}"


def test_law_listing_with_all_fields_returns_every_api_field(
    client, sections, image, document, district
):
    pages = _every_type(sections, image, document, district)
    items = _listing(client, {"type": "cms.LawPage", "fields": "*"})
    item = next(item for item in items if item["id"] == pages[models.LawPage].pk)
    assert set(item) == {"id", "meta", "title", *_api_field_names(models.LawPage)}


def test_detail_of_each_type_returns_every_api_field_and_its_parent(
    client, sections, image, document, district
):
    for model, page in _every_type(sections, image, document, district).items():
        data = client.get(f"{PAGES}{page.pk}/").json()
        assert set(data) == {"id", "meta", "title", *_api_field_names(model)}, model
        assert data["meta"]["parent"]["id"] == page.get_parent().pk


def test_tender_values_and_inline_documents_are_serialized(client, sections, document):
    tender = factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        reference_number="م/۱۴۰۳/۷",
        opening_date=timezone.make_aware(datetime.datetime(2024, 5, 21, 10, 0)),
        documents=[
            models.TenderDocument(document=document, caption="شرایط عمومي"),
            models.TenderDocument(document=document, caption=""),
        ],
    )
    item = _only_item(client, models.TenderPage)
    assert item["id"] == tender.pk
    assert item["reference_number"] == "م/۱۴۰۳/۷"
    assert item["estimated_value"] == 12_500_000_000
    assert item["publish_date"] == "2024-05-01"
    assert item["submission_deadline"] == "2024-05-20T14:00:00+03:30"
    assert [doc["caption"] for doc in item["documents"]] == ["شرایط عمومي", ""]
    first = item["documents"][0]["document"]
    assert first["id"] == document.pk
    assert first["title"] == "اسناد مناقصه‌ی آسفالت"
    assert first["meta"]["download_url"].endswith(document.url)


def test_project_district_shows_its_number_and_name(client, sections, district):
    factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage], district=district)
    item = _only_item(client, models.ProjectPage)
    assert item["district"]["id"] == district.pk
    assert item["district"]["number"] == 12
    assert item["district"]["name"] == "منطقه‌ی دوازده"


def test_project_without_district_shows_null(client, sections):
    factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage])
    assert _only_item(client, models.ProjectPage)["district"] is None


def test_projects_filter_by_district(client, sections, district):
    index = sections[models.ProjectIndexPage]
    in_district = factories.ProjectPageFactory(parent=index, district=district)
    other_district = factories.DistrictFactory(number=13)
    factories.ProjectPageFactory(parent=index, district=other_district)
    factories.ProjectPageFactory(parent=index)
    items = _listing(client, {"type": "cms.ProjectPage", "district": district.pk})
    assert [item["id"] for item in items] == [in_district.pk]


def test_districts_endpoint_lists_districts_by_number(client, db):
    factories.DistrictFactory(number=3, name="منطقه‌ی سه")
    factories.DistrictFactory(number=1, name="منطقه‌ی يك")
    items = client.get("/api/v2/districts/").json()["items"]
    assert [(item["number"], item["name"]) for item in items] == [
        (1, "منطقه‌ی يك"),
        (3, "منطقه‌ی سه"),
    ]


def test_departments_endpoint_lists_departments_with_their_contacts(client, db):
    factories.DepartmentFactory(name="معاونت شهرسازي", phone="۰۲۱-۱۲۳۴")
    factories.DepartmentFactory(name="دفتر حمل‌ونقل", phone="")
    items = client.get("/api/v2/departments/").json()["items"]
    assert [(item["name"], item["phone"]) for item in items] == [
        ("دفتر حمل‌ونقل", ""),
        ("معاونت شهرسازي", "۰۲۱-۱۲۳۴"),
    ]


def test_budget_line_items_and_totals_are_serialized(client, budget):
    item = _only_item(client, models.BudgetPage)
    assert [(line["code"], line["parent_code"]) for line in item["line_items"]] == [
        ("1", ""),
        ("11", "1"),
        ("12", "1"),
        ("2", ""),
        ("21", "2"),
        ("22", "2"),
    ]
    assert item["line_items"][1]["approved"] == 7_000
    assert item["totals"] == {
        "revenue": {"approved": 10_000, "revised": 10_000, "actual": 9_000},
        "expenditure": {"approved": 9_000, "revised": 9_500, "actual": 3_000},
        "balance": {"approved": 1_000, "revised": 500, "actual": 6_000},
    }


def test_budget_without_lines_has_empty_totals(client, sections):
    factories.BudgetPageFactory(parent=sections[models.BudgetIndexPage], fiscal_year=1404)
    item = _only_item(client, models.BudgetPage)
    assert item["line_items"] == []
    empty = {"approved": None, "revised": None, "actual": None}
    assert item["totals"] == {"revenue": empty, "expenditure": empty, "balance": empty}


def test_law_amendments_and_repeal_link_to_other_laws(client, sections):
    index = sections[models.LawIndexPage]
    earlier = factories.LawPageFactory(parent=index, title="آیین‌نامه‌ی قديم")
    repealer = factories.LawPageFactory(parent=index, title="قانون جديد")
    law = factories.LawPageFactory(
        parent=index,
        amends=[earlier],
        repealed_by=repealer,
        status=models.LawPage.Status.REPEALED,
    )
    data = client.get(f"{PAGES}{law.pk}/").json()
    assert [(law["id"], law["title"]) for law in data["amends"]] == [(earlier.pk, "آیین‌نامه‌ی قديم")]
    assert data["repealed_by"]["id"] == repealer.pk
    assert data["repealed_by"]["title"] == "قانون جديد"
    assert data["status"] == "repealed"


def test_draft_page_is_not_listed(client, sections):
    index = sections[models.NewsIndexPage]
    live = factories.NewsPageFactory(parent=index)
    factories.NewsPageFactory(parent=index, live=False)
    assert [item["id"] for item in _listing(client, {"type": "cms.NewsPage"})] == [live.pk]


def test_draft_page_is_not_in_the_plain_listing(client, sections):
    draft = factories.NewsPageFactory(parent=sections[models.NewsIndexPage], live=False)
    ids = {item["id"] for item in _listing(client, {"limit": 100})}
    assert draft.pk not in ids
    assert sections[models.NewsIndexPage].pk in ids


def test_draft_page_detail_is_not_found(client, sections):
    draft = factories.TenderPageFactory(parent=sections[models.TenderIndexPage], live=False)
    assert client.get(f"{PAGES}{draft.pk}/").status_code == 404


def test_draft_page_cannot_be_found_by_path(client, sections):
    draft = factories.NewsPageFactory(parent=sections[models.NewsIndexPage], live=False)
    response = client.get(f"{PAGES}find/", {"html_path": f"/news/{draft.slug}/"})
    assert response.status_code == 404


def test_unpublished_changes_stay_out_of_the_api(client, sections):
    tender = factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage], title="مناقصه‌ی منتشرشده"
    )
    tender.title = "پيش‌نويس تازه"
    tender.estimated_value = 1
    tender.save_revision()
    listed = _only_item(client, models.TenderPage)
    detail = client.get(f"{PAGES}{tender.pk}/").json()
    for data in (listed, detail):
        assert data["title"] == "مناقصه‌ی منتشرشده"
        assert data["estimated_value"] == 12_500_000_000


def test_laws_filter_by_kind(client, sections):
    index = sections[models.LawIndexPage]
    circular = factories.LawPageFactory(parent=index, kind=models.LawPage.Kind.CIRCULAR)
    factories.LawPageFactory(parent=index, kind=models.LawPage.Kind.REGULATION)
    items = _listing(client, {"type": "cms.LawPage", "kind": "circular"})
    assert [item["id"] for item in items] == [circular.pk]


def test_tenders_filter_by_status(client, sections):
    index = sections[models.TenderIndexPage]
    factories.TenderPageFactory(parent=index)
    cancelled = factories.TenderPageFactory(parent=index, status=models.TenderPage.Status.CANCELLED)
    items = _listing(client, {"type": "cms.TenderPage", "status": "cancelled"})
    assert [item["id"] for item in items] == [cancelled.pk]


def test_filter_on_unknown_field_is_a_bad_request(client, sections):
    response = client.get(PAGES, {"type": "cms.LawPage", "colour": "red"})
    assert response.status_code == 400


def test_news_filter_by_tag(client, sections):
    index = sections[models.NewsIndexPage]
    tagged = factories.NewsPageFactory(parent=index, tags=["بودجه‌ی شهري", "شفافيت"])
    factories.NewsPageFactory(parent=index, tags=["ورزش"])
    items = _listing(client, {"type": "cms.NewsPage", "tags": "شفافيت", "fields": "tags"})
    assert [item["id"] for item in items] == [tagged.pk]
    assert items[0]["tags"] == ["بودجه‌ی شهري", "شفافيت"]


def test_tags_filter_with_several_tags_keeps_pages_having_all(client, sections):
    index = sections[models.NewsIndexPage]
    both = factories.NewsPageFactory(parent=index, tags=["بودجه", "شفافيت"])
    factories.NewsPageFactory(parent=index, tags=["شفافيت"])
    items = _listing(client, {"type": "cms.NewsPage", "tags": "شفافيت,بودجه"})
    assert [item["id"] for item in items] == [both.pk]


def test_child_of_lists_the_pages_of_one_section(client, sections):
    news = factories.NewsPageFactory(parent=sections[models.NewsIndexPage])
    factories.EventPageFactory(parent=sections[models.EventIndexPage])
    items = _listing(client, {"child_of": sections[models.NewsIndexPage].pk})
    assert [item["id"] for item in items] == [news.pk]


def test_search_finds_a_tender_by_title(client, sections):
    index = sections[models.TenderIndexPage]
    wanted = factories.TenderPageFactory(parent=index, title="مناقصه‌ی لايروبي انهار")
    factories.TenderPageFactory(parent=index, title="مناقصه‌ی آسفالت")
    items = _listing(client, {"type": "cms.TenderPage", "search": "لايروبي"})
    assert [item["id"] for item in items] == [wanted.pk]


def test_news_image_is_nested_with_its_title(client, sections, image):
    factories.NewsPageFactory(parent=sections[models.NewsIndexPage], image=image)
    item = _only_item(client, models.NewsPage)
    assert item["image"]["id"] == image.pk
    assert item["image"]["title"] == "نمای بوستان"


def test_images_endpoint_lists_images_with_tags(client, db):
    image = factories.ImageFactory(title="پل عابر پياده")
    image.tags.add("پل", "ايمني")
    items = client.get("/api/v2/images/").json()["items"]
    assert [(item["id"], item["title"]) for item in items] == [(image.pk, "پل عابر پياده")]
    assert items[0]["meta"]["tags"] == ["ايمني", "پل"]
    detail = client.get(f"/api/v2/images/{image.pk}/").json()
    image.refresh_from_db()
    assert (detail["width"], detail["height"]) == (image.width, image.height)
    assert detail["width"] > 0


def test_documents_endpoint_lists_documents_with_download_url(client, document):
    items = client.get("/api/v2/documents/").json()["items"]
    assert [item["title"] for item in items] == ["اسناد مناقصه‌ی آسفالت"]
    assert items[0]["meta"]["download_url"].endswith(document.url)


def test_unknown_page_type_is_a_bad_request(client, sections):
    assert client.get(PAGES, {"type": "cms.NoSuchPage"}).status_code == 400
