"""Feeds across sections: the pages of a tag, the results of a search."""

import pytest
from taggit.models import Tag

from cms import models
from tests.cms.factories import LawPageFactory

from .conftest import read_feed

pytestmark = pytest.mark.django_db


def entry_titles(response):
    return [entry.title for entry in read_feed(response).entries]


def test_tag_feed_gathers_pages_of_every_section(client, sections, make_news):
    news = make_news(title="خبر محیط زیست", tags=["محیط‌زیست"])
    law = LawPageFactory(
        parent=sections[models.LawIndexPage], title="قانون پسماند", tags=["محیط‌زیست"]
    )
    make_news(title="خبر دیگر", tags=["ورزش"])
    slug = Tag.objects.get(name="محیط‌زیست").slug
    titles = entry_titles(client.get(f"/feeds/tags/{slug}/atom/"))
    assert sorted(titles) == sorted([news.title, law.title])


def test_tag_feed_in_rss_has_categories(client, make_news):
    make_news(tags=["شفافیت", "بودجه"])
    slug = Tag.objects.get(name="شفافیت").slug
    [item] = read_feed(client.get(f"/feeds/tags/{slug}/rss/")).entries
    assert sorted(tag.term for tag in item.tags) == ["بودجه", "شفافیت"]


def test_unknown_tag_is_404(client, home):
    assert client.get("/feeds/tags/no-such-tag/atom/").status_code == 404


def test_tag_feed_is_one_language(client, make_news, english_news):
    english_news.tags.add("budget")
    english_news.save_revision().publish()
    make_news(title="بودجه", tags=["budget"])
    assert entry_titles(client.get("/feeds/tags/budget/atom/")) == ["بودجه"]
    assert entry_titles(client.get("/en/feeds/tags/budget/atom/")) == ["Budget hearing opens"]


def test_tag_feed_costs_the_same_queries_at_any_length(
    client, make_news, django_assert_max_num_queries
):
    make_news(tags=["الف"])
    client.get("/feeds/tags/الف/atom/")
    with django_assert_max_num_queries(12) as small:
        client.get("/feeds/tags/الف/atom/")
    for _ in range(12):
        make_news(tags=["الف"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(entry_titles(client.get("/feeds/tags/الف/atom/"))) == 13


def test_search_feed_has_the_matching_pages(client, make_news):
    make_news(title="بازسازی كتابخانه‌ی مركزی")
    make_news(title="جشنواره‌ی بهار")
    titles = entry_titles(client.get("/search/feed/", {"q": "کتابخانه"}))
    assert titles == ["بازسازی كتابخانه‌ی مركزی"]
    assert entry_titles(client.get("/search/feed/rss/", {"q": "کتابخانه"})) == titles


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "x" * 1000}, {"q": "آب", "year": "abc"}])
def test_bad_search_feed_is_refused_with_a_reason(client, home, query):
    response = client.get("/search/feed/", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content
