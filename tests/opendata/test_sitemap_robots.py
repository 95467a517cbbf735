"""sitemap.xml lists every live public page in both languages; robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from cms.sitemaps import TranslatedSitemap
from tests.cms.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_urls(client, page=1):
    response = client.get("/sitemap.xml", {"p": page})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_live_pages_of_both_languages(client, translated_news, news_index):
    persian, english = translated_news
    urls = sitemap_urls(client)
    assert persian.full_url in urls
    assert english.full_url in urls
    assert "/en/news/" in english.full_url
    assert news_index.full_url in urls


def test_translated_pages_name_each_other_and_a_default(client, translated_news):
    persian, english = translated_news
    alternates = sitemap_urls(client)[persian.full_url]
    assert alternates == {
        "fa": persian.full_url,
        "en": english.full_url,
        "x-default": persian.full_url,
    }
    assert sitemap_urls(client)[english.full_url] == alternates


def test_translations_keep_their_alternates_on_every_sitemap_page(
    client, translated_news, monkeypatch
):
    persian, english = translated_news
    monkeypatch.setattr(TranslatedSitemap, "limit", 3)
    urls, found_on, page = {}, {}, 1
    while client.get("/sitemap.xml", {"p": page}).status_code == 200:
        for url, alternates in sitemap_urls(client, page).items():
            urls[url], found_on[url] = alternates, page
        page += 1
    assert found_on[persian.full_url] != found_on[english.full_url]
    expected = {"fa": persian.full_url, "en": english.full_url, "x-default": persian.full_url}
    assert urls[persian.full_url] == expected
    assert urls[english.full_url] == expected


def test_drafts_and_private_pages_are_not_in_the_sitemap(client, news_index):
    draft = NewsPageFactory(parent=news_index, live=False)
    private = NewsPageFactory(parent=news_index)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    urls = sitemap_urls(client)
    assert draft.full_url not in urls
    assert private.full_url not in urls


def test_sitemap_costs_the_same_queries_at_any_size(
    client, news_index, english_home, django_assert_max_num_queries
):
    NewsPageFactory(parent=news_index)
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(10) as small:
        client.get("/sitemap.xml")
    for _ in range(10):
        NewsPageFactory(parent=news_index)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/sitemap.xml")


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/admin/", "/search/", "/en/search/", "/api/search/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
