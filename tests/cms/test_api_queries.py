"""The pages API answers a list in a fixed number of queries, however long the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import models
from tests.cms import factories

TAGS = ("شفافيت", "بودجه‌ی شهري")
# Site, view restrictions, count, the page of results and one per prefetched relation.
MAX_QUERIES = 12


def _news(section, n, image, **_):
    return factories.NewsPageFactory(parent=section, image=image, tags=TAGS)


def _event(section, n, **_):
    return factories.EventPageFactory(parent=section, tags=TAGS)


def _law(section, n, document, earlier_law, **_):
    return factories.LawPageFactory(
        parent=section,
        tags=TAGS,
        amends=[earlier_law],
        documents=[models.LawDocument(document=document, caption="متن کامل")],
    )


def _tender(section, n, document, **_):
    return factories.TenderPageFactory(
        parent=section,
        tags=TAGS,
        documents=[
            models.TenderDocument(document=document, caption="شرایط عمومي"),
            models.TenderDocument(document=document, caption="نقشه‌ها"),
        ],
    )


def _project(section, n, image, district, **_):
    return factories.ProjectPageFactory(
        parent=section,
        tags=TAGS,
        district=district,
        gallery_images=[models.ProjectGalleryImage(image=image, caption="پیشرفت کار")],
    )


def _budget(section, n, **_):
    return factories.BudgetPageFactory(
        parent=section,
        tags=TAGS,
        line_items=factories.budget_lines(
            ("1", "", "revenue", None, None, None),
            ("11", "1", "revenue", 700, 800, 650),
            ("12", "1", "revenue", 300, None, 200),
            ("2", "", "expenditure", 900, 950, 600),
        ),
    )


BUILDERS = {
    models.NewsPage: (models.NewsIndexPage, _news),
    models.EventPage: (models.EventIndexPage, _event),
    models.LawPage: (models.LawIndexPage, _law),
    models.TenderPage: (models.TenderIndexPage, _tender),
    models.ProjectPage: (models.ProjectIndexPage, _project),
    models.BudgetPage: (models.BudgetIndexPage, _budget),
}


@pytest.fixture
def populate(sections):
    """Adds ``count`` pages of a type, each with tags and its related objects filled in."""
    image = factories.ImageFactory()
    document = factories.DocumentFactory()
    district = factories.DistrictFactory()
    earlier_law = factories.LawPageFactory(parent=sections[models.LawIndexPage])
    made = dict.fromkeys(BUILDERS, 0)

    def populate(model, count):
        index_model, build = BUILDERS[model]
        for _ in range(count):
            build(
                sections[index_model],
                made[model],
                image=image,
                document=document,
                district=district,
                earlier_law=earlier_law,
            )
            made[model] += 1

    return populate


def _count_queries(client, url):
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model.__name__)
def test_typed_listing_with_all_fields_costs_the_same_for_5_and_50_pages(client, populate, model):
    url = f"/api/v2/pages/?type=cms.{model.__name__}&fields=*&limit=100"
    populate(model, 5)
    few, few_data = _count_queries(client, url)
    populate(model, 45)
    many, many_data = _count_queries(client, url)
    assert len(many_data["items"]) - len(few_data["items"]) == 45
    assert many == few <= MAX_QUERIES


@pytest.mark.parametrize("query", ["", "&fields=*"], ids=["default fields", "all fields"])
def test_plain_listing_costs_the_same_for_5_and_50_pages(client, populate, query):
    url = f"/api/v2/pages/?limit=100{query}"
    populate(models.NewsPage, 5)
    few, few_data = _count_queries(client, url)
    populate(models.NewsPage, 45)
    many, many_data = _count_queries(client, url)
    assert many_data["meta"]["total_count"] - few_data["meta"]["total_count"] == 45
    assert many == few <= MAX_QUERIES


def test_tag_filtered_listing_costs_the_same_for_5_and_50_pages(client, populate):
    url = f"/api/v2/pages/?type=cms.TenderPage&fields=*&limit=100&tags={TAGS[0]}"
    populate(models.TenderPage, 5)
    few, few_data = _count_queries(client, url)
    populate(models.TenderPage, 45)
    many, many_data = _count_queries(client, url)
    assert len(many_data["items"]) == 50
    assert many == few <= MAX_QUERIES


@pytest.mark.parametrize(
    ("endpoint", "factory"),
    [("images", factories.ImageFactory), ("documents", factories.DocumentFactory)],
)
def test_media_listing_costs_the_same_for_5_and_50_items(client, db, endpoint, factory):
    url = f"/api/v2/{endpoint}/?limit=100"

    def add(count):
        for item in factory.create_batch(count):
            item.tags.add(*TAGS)

    add(5)
    few, _few_data = _count_queries(client, url)
    add(45)
    many, many_data = _count_queries(client, url)
    assert len(many_data["items"]) == 50
    assert many_data["items"][0]["meta"]["tags"] == sorted(TAGS)
    assert many == few <= MAX_QUERIES
