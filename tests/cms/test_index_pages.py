"""Section pages list what is published: filtered, paginated, in a fixed number of queries."""

import datetime
import html as html_module
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms import models
from cms.models import IndexPage
from cms.site_structure import SECTIONS
from tests.cms import factories

CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a></h3>')


def listed(client, page, query=""):
    """Titles of the cards a section page shows for ``query``."""
    response = client.get(f"{page.url}{query}")
    assert response.status_code == 200
    return [html_module.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# Pagination


@pytest.fixture
def many_news(sections):
    parent = sections[models.NewsIndexPage]
    return [factories.NewsPageFactory(parent=parent) for _ in range(settings.SHAFAF_PAGE_SIZE + 1)]


def test_second_page_holds_the_items_beyond_the_page_size(client, sections, many_news):
    index = sections[models.NewsIndexPage]

    first = listed(client, index)
    second = listed(client, index, "?page=2")

    assert len(first) == settings.SHAFAF_PAGE_SIZE
    assert second == [many_news[-1].title]  # each factory item is a day older: last is oldest
    assert not set(first) & set(second)


@pytest.mark.parametrize("page", ["999", "-1", "not-a-number"])
def test_out_of_range_page_shows_a_page_not_an_error(client, sections, many_news, page):
    assert listed(client, sections[models.NewsIndexPage], f"?page={page}")


def test_pagination_links_keep_the_filters(client, sections, many_news):
    index = sections[models.NewsIndexPage]

    html = client.get(f"{index.url}?kind=news").content.decode()

    assert 'href="?kind=news&amp;page=2"' in html
    assert 'aria-current="page"' in html


def test_result_count_is_shown_in_persian_digits(client, sections, many_news):
    html = client.get(sections[models.NewsIndexPage].url).content.decode()

    assert "۱۳" in html[html.index('id="results-heading"') :][:200]


def test_empty_section_says_so(client, sections):
    html = client.get(sections[models.LawIndexPage].url).content.decode()

    assert 'class="empty"' in html


def test_draft_items_are_never_listed(client, sections):
    parent = sections[models.NewsIndexPage]
    published = factories.NewsPageFactory(parent=parent)
    draft = factories.NewsPageFactory(parent=parent, live=False)

    titles = listed(client, parent)

    assert published.title in titles
    assert draft.title not in titles


def test_draft_items_are_not_on_the_home_page(client, home, sections):
    draft = factories.LawPageFactory(parent=sections[models.LawIndexPage], live=False)

    assert draft.title not in client.get(home.url).content.decode()


# Filters


def test_news_kind_filter_narrows_the_list(client, sections):
    parent = sections[models.NewsIndexPage]
    news = factories.NewsPageFactory(parent=parent, kind=models.NewsPage.Kind.NEWS)
    announcement = factories.NewsPageFactory(parent=parent, kind=models.NewsPage.Kind.ANNOUNCEMENT)

    assert listed(client, parent, "?kind=announcement") == [announcement.title]
    assert listed(client, parent, "?kind=news") == [news.title]


def test_law_status_and_kind_filters_narrow_the_list(client, sections):
    parent = sections[models.LawIndexPage]
    in_force = factories.LawPageFactory(parent=parent, kind=models.LawPage.Kind.CIRCULAR)
    draft_text = factories.LawPageFactory(parent=parent, status=models.LawPage.Status.DRAFT)

    assert listed(client, parent, "?status=draft") == [draft_text.title]
    assert listed(client, parent, "?kind=circular") == [in_force.title]


@pytest.mark.parametrize("year", ["1403", "۱۴۰۳"])
def test_law_year_filter_uses_the_jalali_year(client, sections, year):
    parent = sections[models.LawIndexPage]
    # 1403 starts on 2024-03-20
    of_1403 = factories.LawPageFactory(parent=parent, approval_date=datetime.date(2024, 3, 20))
    factories.LawPageFactory(parent=parent, approval_date=datetime.date(2024, 3, 19))

    assert listed(client, parent, f"?year={year}") == [of_1403.title]


def test_tender_status_filter_narrows_the_list(client, sections):
    parent = sections[models.TenderIndexPage]
    factories.TenderPageFactory(parent=parent)
    cancelled = factories.TenderPageFactory(
        parent=parent, status=models.TenderPage.Status.CANCELLED
    )

    assert listed(client, parent, "?status=cancelled") == [cancelled.title]


def test_project_district_filter_narrows_the_list(client, sections):
    parent = sections[models.ProjectIndexPage]
    north, south = factories.DistrictFactory(), factories.DistrictFactory()
    in_north = factories.ProjectPageFactory(parent=parent, district=north)
    factories.ProjectPageFactory(parent=parent, district=south)

    assert listed(client, parent, f"?district={north.pk}") == [in_north.title]


def test_event_when_filter_separates_upcoming_from_past(client, sections):
    parent = sections[models.EventIndexPage]
    upcoming = factories.EventPageFactory(parent=parent)
    past = factories.EventPageFactory(
        parent=parent, start=timezone.now() - datetime.timedelta(days=3)
    )

    assert listed(client, parent, "?when=upcoming") == [upcoming.title]
    assert listed(client, parent, "?when=past") == [past.title]


def test_tag_filter_narrows_the_list_and_says_so(client, sections):
    parent = sections[models.NewsIndexPage]
    tagged = factories.NewsPageFactory(parent=parent, tags=["آب و فاضلاب"])
    factories.NewsPageFactory(parent=parent, tags=["ترافیک"])
    slug = tagged.tags.get().slug

    assert listed(client, parent, f"?tag={slug}") == [tagged.title]
    assert 'class="active-tag"' in client.get(parent.url, {"tag": slug}).content.decode()


@pytest.mark.parametrize("query", ["?year=abc", "?year=99999", "?status=bogus", "?district=x"])
def test_invalid_filter_value_gives_a_message_not_an_error(client, sections, query):
    parent = sections[models.ProjectIndexPage if "district" in query else models.LawIndexPage]
    factories.LawPageFactory(parent=sections[models.LawIndexPage])

    response = client.get(f"{parent.url}{query}")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="field__error"' in html


def test_filter_form_has_labels_and_a_submit_button(client, sections):
    html = client.get(sections[models.LawIndexPage].url).content.decode()

    start = html.index('<form class="filters" method="get"')
    form = html[start : html.index("</form>", start)]
    for name in ("kind", "status", "year"):
        assert f'<label for="id_{name}">' in form
    assert '<button type="submit"' in form


# Query counts


def _fill(model, sections, count):
    parent = sections[model]
    make = {
        models.NewsIndexPage: lambda: factories.NewsPageFactory(parent=parent, tags=["آب"]),
        models.EventIndexPage: lambda: factories.EventPageFactory(parent=parent, tags=["آب"]),
        models.LawIndexPage: lambda: factories.LawPageFactory(parent=parent, tags=["آب"]),
        models.TenderIndexPage: lambda: factories.TenderPageFactory(parent=parent, tags=["آب"]),
        models.ProjectIndexPage: lambda: factories.ProjectPageFactory(
            parent=parent, district=factories.DistrictFactory(), tags=["آب"]
        ),
        models.MediaIndexPage: lambda: factories.MediaItemPageFactory(parent=parent, tags=["آب"]),
        # One budget per fiscal year, counted from the budgets already there.
        models.BudgetIndexPage: lambda: factories.BudgetPageFactory(
            parent=parent, fiscal_year=1350 + models.BudgetPage.objects.count()
        ),
    }[model]
    for _ in range(count):
        make()


INDEX_MODELS = [model for model, _slug, _title in SECTIONS if issubclass(model, IndexPage)]


@pytest.mark.parametrize("model", INDEX_MODELS, ids=lambda model: model.__name__)
def test_section_page_query_count_does_not_grow_with_content(client, sections, model):
    url = sections[model].url
    _fill(model, sections, 5)
    client.get(url)  # warm the caches a first request fills (site root paths)
    with_five = queries_for(client, url)

    _fill(model, sections, 45)
    with_fifty = queries_for(client, url)

    assert with_fifty == with_five


def test_home_page_query_count_does_not_grow_with_content(client, home, sections):
    for model in INDEX_MODELS:
        _fill(model, sections, 5)
    client.get(home.url)
    with_five = queries_for(client, home.url)

    for model in INDEX_MODELS:
        _fill(model, sections, 45)
    with_fifty = queries_for(client, home.url)

    assert with_fifty == with_five
